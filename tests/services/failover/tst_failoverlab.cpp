#include "consoleengine.h"
#include "eventhub.h"
#include "failovercontroller.h"
#include "flakyproxy.h"
#include "healthmonitor.h"
#include "heartbeatledger.h"
#include "journal.h"
#include "lsn.h"
#include "pglab.h"
#include "topologystate.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Console;

// The failover engine against real PostgreSQL 15 clusters (scripts/lab): a crash and a freeze
// handled automatically, the gates that must hold a failover back, and a failback round trip.
// Every wait is bounded; each test brings up its own lab and tears it down.
class tst_FailoverLab final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void crashIsFailedOverAutomatically();
    void refusingPrimaryIsUnhealthyButNotDown();
    void frozenPrimaryIsFencedWhenItThaws();
    void standbyOverTheLagLimitBlocksTheFailover();
    void selfCheckSuspicionBlocksAutomation();
    void failbackRoundTripLosesNoHeartbeat();
    void killedMidFailoverIsShownOnRestart();
    void randomFailuresForAMinuteCauseNoFailover();

private:
    bool bringUp(int standbys = 2);
    // The lab's console.yaml, edited, written beside it; returns its path.
    QString editedConfig(const std::function<QString(QString)> &edit);
    bool startEngine(const QString &configPath, bool automatic);
    QList<ConsoleEvent> eventsOf(EventKind kind) const;
    std::optional<ConsoleEvent> lastOf(EventKind kind) const;
    // A gates event held a run back with this gate among the failed ones.
    bool gateFailed(const QString &gate) const;
    QString sql(const QString &node, const QString &statement);

    std::unique_ptr<PgLab> m_lab;
    std::unique_ptr<ConsoleEngine> m_engine;
    QTemporaryDir m_dir;
    QList<ConsoleEvent> m_events;
};

void tst_FailoverLab::init()
{
    m_events.clear();
}

void tst_FailoverLab::cleanup()
{
    if (m_engine)
        m_engine->stop(QStringLiteral("test done"));
    m_engine.reset();
    m_lab.reset();
}

bool tst_FailoverLab::bringUp(int standbys)
{
    m_lab = std::make_unique<PgLab>();
    QString error;
    if (!m_lab->up(standbys, &error)) {
        qWarning("lab up: %s", qPrintable(error));
        return false;
    }
    return true;
}

QString tst_FailoverLab::editedConfig(const std::function<QString(QString)> &edit)
{
    QFile in(m_lab->configPath());
    if (!in.open(QIODevice::ReadOnly))
        return {};
    const QString text = edit(QString::fromUtf8(in.readAll()));
    const QString path = m_lab->dir() + QStringLiteral("/edited.yaml");
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    out.write(text.toUtf8());
    return path;
}

bool tst_FailoverLab::startEngine(const QString &configPath, bool automatic)
{
    m_engine = std::make_unique<ConsoleEngine>();
    connect(m_engine->events(), &EventHub::published, this,
        [this](const ConsoleEvent &event) { m_events.append(event); });
    if (!m_engine->loadConfig(configPath)) {
        qWarning("%s", qPrintable(m_engine->errors().join(u'\n')));
        return false;
    }
    if (!m_engine->setJournalPath(
            m_dir.filePath(QStringLiteral("journal-%1.sqlite")
                               .arg(QLatin1String(QTest::currentTestFunction()))))) {
        qWarning("%s", qPrintable(m_engine->errors().join(u'\n')));
        return false;
    }
    m_engine->setConsoleRole(QStringLiteral("test"));
    m_engine->setAutomaticFailover(automatic);
    m_engine->start();
    // Nothing is decided before every server has told its role; and a console that watched for
    // a moment has heartbeats to measure a loss with.
    return QTest::qWaitFor(
        [this] {
            return m_engine->failover()->rolesKnown()
                && m_engine->heartbeatLedger()
                       ->lastAcknowledged(QStringLiteral("lab-primary-postgres"))
                       .has_value();
        },
        15000);
}

QList<ConsoleEvent> tst_FailoverLab::eventsOf(EventKind kind) const
{
    QList<ConsoleEvent> found;
    for (const ConsoleEvent &event : m_events) {
        if (event.kind == kind)
            found.append(event);
    }
    return found;
}

std::optional<ConsoleEvent> tst_FailoverLab::lastOf(EventKind kind) const
{
    const QList<ConsoleEvent> found = eventsOf(kind);
    if (found.isEmpty())
        return std::nullopt;
    return found.constLast();
}

bool tst_FailoverLab::gateFailed(const QString &gate) const
{
    const QList<ConsoleEvent> boards = eventsOf(EventKind::Gates);
    return std::any_of(boards.cbegin(), boards.cend(), [&gate](const ConsoleEvent &event) {
        return event.fields.value(QStringLiteral("failed")).toStringList().contains(gate);
    });
}

QString tst_FailoverLab::sql(const QString &node, const QString &statement)
{
    QString error;
    const QString out = m_lab->psql(node, statement, &error);
    if (!error.isEmpty())
        qWarning("psql %s: %s", qPrintable(node), qPrintable(error));
    return out;
}

void tst_FailoverLab::crashIsFailedOverAutomatically()
{
    QVERIFY(bringUp());
    QVERIFY(startEngine(m_lab->configPath(), true));
    QVERIFY(m_lab->fault(QStringLiteral("primary"), QStringLiteral("crash")));

    QTRY_VERIFY_WITH_TIMEOUT(lastOf(EventKind::FailoverFinished).has_value(), 30000);
    const ConsoleEvent finished = *lastOf(EventKind::FailoverFinished);
    QCOMPARE(
        finished.fields.value(QStringLiteral("outcome")).toString(), QStringLiteral("verified"));
    QCOMPARE(
        finished.fields.value(QStringLiteral("target")).toString(), QStringLiteral("lab-standby1"));
    for (const char *figure : { "detection_ms", "promotion_ms", "rto_ms", "rpo_rows", "rpo_ms" })
        QVERIFY2(finished.fields.contains(QLatin1String(figure)), figure);
    QVERIFY(finished.fields.value(QStringLiteral("rto_ms")).toLongLong() > 0);

    // A client's write commits on the promoted standby.
    QCOMPARE(sql(QStringLiteral("standby1"),
                 QStringLiteral("create table after_failover (x int); insert into after_failover "
                                "values (1); select count(*) from after_failover")),
        QStringLiteral("1"));
    // Exactly one writable primary: standby1 out of recovery, standby2 still in it and
    // streaming from standby1; the old primary is down.
    QCOMPARE(sql(QStringLiteral("standby1"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("f"));
    QCOMPARE(sql(QStringLiteral("standby2"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("t"));
    QTRY_COMPARE_WITH_TIMEOUT(
        sql(QStringLiteral("standby1"),
            QStringLiteral("select count(*) from pg_stat_replication where state = 'streaming'")),
        QStringLiteral("1"), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(
        m_engine->topology()->primary().regionId, QStringLiteral("lab-standby1"), 5000);
    QCOMPARE(toString(m_engine->failover()->state()), toString(FailoverState::FailedOver));

    // The journal has the run with its figures, and every step was written.
    Journal *journal = m_engine->journal();
    const QList<JournalRun> runs = journal->runs(5);
    QCOMPARE(runs.size(), 1);
    QCOMPARE(runs.constFirst().outcome, QStringLiteral("verified"));
    QVERIFY(runs.constFirst().figures.contains(QStringLiteral("rto_ms")));
    QStringList steps;
    for (const JournalEntry &entry : journal->entries(runs.constFirst().id)) {
        if (entry.category == QLatin1String("step") && entry.status == QLatin1String("running"))
            steps.append(entry.name);
    }
    for (const char *step : { "fence", "promote", "repoint", "verify" })
        QVERIFY2(steps.contains(QLatin1String(step)), qPrintable(steps.join(u',')));
}

// The primary's pg_hba.conf rejects new sessions while the console's kept session still answers:
// an outage for clients that connect anew (unhealthy at once, the refusal as reason), not a dead
// primary. No confirmation runs (its fresh probes would be refused too and "confirm" it down), so
// even with automation on nothing is promoted: that would make a second writable primary while
// the sessions already open keep writing to this one. Accepting again heals it.
void tst_FailoverLab::refusingPrimaryIsUnhealthyButNotDown()
{
    QVERIFY(bringUp());
    QVERIFY(startEngine(m_lab->configPath(), true));
    const QString primary = QStringLiteral("lab-primary-postgres");
    QVERIFY(m_lab->fault(QStringLiteral("primary"), QStringLiteral("refuse")));
    // The lab probes every second: one fresh-connection check per 10 probes.
    QTRY_COMPARE_WITH_TIMEOUT(
        toString(m_engine->health()->endpointHealth(primary)), toString(Health::Unhealthy), 20000);
    QString verdict;
    for (const ConsoleEvent &event : eventsOf(EventKind::EndpointHealth)) {
        if (event.endpointId == primary)
            verdict = event.message;
    }
    QVERIFY2(verdict.contains(QStringLiteral("pg_hba.conf rejects connection"))
            && verdict.contains(QStringLiteral("the session kept open still answers")),
        qPrintable(verdict));
    QCOMPARE(m_engine->topology()->primary().endpointId, primary);
    QCOMPARE(toString(m_engine->failover()->state()), toString(FailoverState::Degraded));

    // A while later (several checks, each refused): still no confirmation, no run.
    QTest::qWait(5000);
    QVERIFY(eventsOf(EventKind::PrimaryConfirmation).isEmpty());
    QVERIFY(eventsOf(EventKind::FailoverStarted).isEmpty());
    QCOMPARE(toString(m_engine->topology()->primary().status), toString(PrimaryStatus::One));
    QCOMPARE(sql(QStringLiteral("standby1"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("t"));

    QVERIFY(m_lab->fault(QStringLiteral("primary"), QStringLiteral("accept")));
    QTRY_COMPARE_WITH_TIMEOUT(
        toString(m_engine->health()->endpointHealth(primary)), toString(Health::Healthy), 15000);
    QCOMPARE(toString(m_engine->failover()->state()), toString(FailoverState::Normal));
}

void tst_FailoverLab::frozenPrimaryIsFencedWhenItThaws()
{
    QVERIFY(bringUp());
    // Without a fence command the frozen primary cannot be killed: it must be fenced when it
    // comes back.
    const QString config = editedConfig([](QString text) {
        static const QRegularExpression fence(
            QStringLiteral("      fence:\\n        kind: command\\n.*\\n.*\\n"));
        return text.replace(fence, QString());
    });
    QVERIFY(!config.isEmpty());
    QVERIFY(startEngine(config, true));
    QVERIFY(m_engine->config().region(QStringLiteral("lab-primary"))->admin.fence == std::nullopt);
    QVERIFY(m_lab->fault(QStringLiteral("primary"), QStringLiteral("freeze")));

    QTRY_VERIFY_WITH_TIMEOUT(lastOf(EventKind::FailoverFinished).has_value(), 40000);
    QCOMPARE(
        lastOf(EventKind::FailoverFinished)->fields.value(QStringLiteral("outcome")).toString(),
        QStringLiteral("verified"));
    QCOMPARE(sql(QStringLiteral("standby1"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("f"));

    QVERIFY(m_lab->fault(QStringLiteral("primary"), QStringLiteral("thaw")));
    // It answers again, writable: the console sees two primaries and fences the returning one.
    QTRY_VERIFY_WITH_TIMEOUT(
        [this] {
            for (const ConsoleEvent &event : eventsOf(EventKind::SplitBrain)) {
                if (event.fields.value(QStringLiteral("fenced")).toBool())
                    return true;
            }
            return false;
        }(),
        20000);
    QCOMPARE(sql(QStringLiteral("primary"), QStringLiteral("show default_transaction_read_only")),
        QStringLiteral("on"));
    // The topology counts it fenced, not writable, and keeps standby1 as the one primary.
    QTRY_COMPARE_WITH_TIMEOUT(
        toString(m_engine->topology()->primary().status), toString(PrimaryStatus::One), 10000);
    QCOMPARE(m_engine->topology()->primary().regionId, QStringLiteral("lab-standby1"));
    QTRY_VERIFY_WITH_TIMEOUT(
        m_engine->topology()->primary().fencedIds.contains(QStringLiteral("lab-primary-postgres")),
        10000);
}

void tst_FailoverLab::standbyOverTheLagLimitBlocksTheFailover()
{
    QVERIFY(bringUp());
    QVERIFY(startEngine(m_lab->configPath(), true));
    // Both standbys stop receiving; the primary then writes far more than 1 MiB of WAL.
    for (const QString &node : { QStringLiteral("standby1"), QStringLiteral("standby2") }) {
        sql(node, QStringLiteral("alter system set primary_conninfo = ''"));
        sql(node, QStringLiteral("select pg_reload_conf()"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(
        sql(QStringLiteral("primary"), QStringLiteral("select count(*) from pg_stat_replication")),
        QStringLiteral("0"), 10000);
    sql(QStringLiteral("primary"),
        QStringLiteral("create table bulk as select g, repeat('x', 500) as pad from "
                       "generate_series(1, 20000) g"));
    // Let the console read the primary's new position before it dies.
    const QString lsn
        = sql(QStringLiteral("primary"), QStringLiteral("select pg_current_wal_lsn()"));
    QVERIFY(parseLsn(lsn).has_value());
    QTRY_VERIFY_WITH_TIMEOUT(
        parseLsn(m_engine->topology()->primary().lastPrimaryLsn).value_or(0) >= *parseLsn(lsn),
        5000);
    QVERIFY(m_lab->fault(QStringLiteral("primary"), QStringLiteral("crash")));

    QTRY_VERIFY_WITH_TIMEOUT(gateFailed(QStringLiteral("target-lag")), 20000);
    const ConsoleEvent gates = *lastOf(EventKind::Gates);
    QVERIFY2(gates.message.contains(QStringLiteral("over the")), qPrintable(gates.message));
    // Held back, and it stays so.
    QTest::qWait(3000);
    QVERIFY(eventsOf(EventKind::FailoverStarted).isEmpty());
    QCOMPARE(sql(QStringLiteral("standby1"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("t"));
    QCOMPARE(toString(m_engine->failover()->state()), toString(FailoverState::Degraded));
}

void tst_FailoverLab::selfCheckSuspicionBlocksAutomation()
{
    QVERIFY(bringUp());
    // A control endpoint on a port nobody listens on: the console doubts its own network.
    const QString config = editedConfig([](QString text) {
        return text.replace(QStringLiteral("    endpoints:\n      - id: lab-standby2-postgres"),
            QStringLiteral("    endpoints:\n"
                           "      - id: control-reference\n"
                           "        kind: http\n"
                           "        control: true\n"
                           "        url: \"http://127.0.0.1:9/\"\n"
                           "      - id: lab-standby2-postgres"));
    });
    QVERIFY(startEngine(config, true));
    QTRY_VERIFY_WITH_TIMEOUT(lastOf(EventKind::SelfCheck).has_value(), 10000);
    QVERIFY(m_lab->fault(QStringLiteral("primary"), QStringLiteral("crash")));
    QTRY_VERIFY_WITH_TIMEOUT(gateFailed(QStringLiteral("self-check")), 20000);
    QTest::qWait(2000);
    QVERIFY(eventsOf(EventKind::FailoverStarted).isEmpty());
    QCOMPARE(sql(QStringLiteral("standby1"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("t"));
}

void tst_FailoverLab::failbackRoundTripLosesNoHeartbeat()
{
    QVERIFY(bringUp());
    const QString config = editedConfig([](QString text) {
        return text.replace(QStringLiteral("  cooldown: 30s"),
            QStringLiteral("  cooldown: 1s\n  failback_healthy_for: 3s"));
    });
    QVERIFY(startEngine(config, true));
    FailoverController *failover = m_engine->failover();
    QVERIFY(m_lab->fault(QStringLiteral("primary"), QStringLiteral("crash")));
    QTRY_VERIFY_WITH_TIMEOUT(lastOf(EventKind::FailoverFinished).has_value(), 30000);
    QCOMPARE(
        lastOf(EventKind::FailoverFinished)->fields.value(QStringLiteral("outcome")).toString(),
        QStringLiteral("verified"));
    failover->setAutomatic(false);

    // The old primary comes back as it was (writable, diverged timeline): it is fenced, then
    // rebuilt as a standby of standby1 by its rejoin action.
    QVERIFY(m_lab->fault(QStringLiteral("primary"), QStringLiteral("start")));
    QTRY_VERIFY_WITH_TIMEOUT(
        m_engine->topology()->primary().fencedIds.contains(QStringLiteral("lab-primary-postgres")),
        20000);
    QString error;
    QVERIFY2(failover->request(RunKind::Rejoin, QStringLiteral("lab-primary"), {},
                 QStringLiteral("tester"), &error),
        qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!failover->isRunning(), 120000);
    QCOMPARE(failover->lastResult()->outcome, QStringLiteral("verified"));

    // Healthy long enough, then the planned failback.
    QTRY_VERIFY_WITH_TIMEOUT(
        failover->board(RunKind::Failback, QStringLiteral("lab-primary")).go(), 30000);
    QVERIFY2(failover->request(RunKind::Failback, QStringLiteral("lab-primary"), {},
                 QStringLiteral("tester"), &error),
        qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!failover->isRunning(), 120000);
    const RunResult result = *failover->lastResult();
    QVERIFY2(result.outcome == QLatin1String("verified"), qPrintable(result.summary));
    QCOMPARE(result.figures.value(QStringLiteral("rpo_rows")).toLongLong(), 0);

    QCOMPARE(sql(QStringLiteral("primary"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("f"));
    QCOMPARE(sql(QStringLiteral("primary"), QStringLiteral("show default_transaction_read_only")),
        QStringLiteral("off"));
    QCOMPARE(sql(QStringLiteral("standby1"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("t"));
    QTRY_COMPARE_WITH_TIMEOUT(
        sql(QStringLiteral("primary"),
            QStringLiteral("select count(*) from pg_stat_replication where state = 'streaming'")),
        QStringLiteral("2"), 20000);
    QTRY_COMPARE_WITH_TIMEOUT(
        toString(m_engine->failover()->state()), toString(FailoverState::Normal), 10000);
}

// Reads a headless console's JSON lines until one satisfies `match` or `ms` pass.
static std::optional<QJsonObject> readUntil(
    QProcess &process, const std::function<bool(const QJsonObject &)> &match, int ms)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < ms) {
        if (!process.canReadLine() && !process.waitForReadyRead(200))
            continue;
        while (process.canReadLine()) {
            const QJsonObject event = QJsonDocument::fromJson(process.readLine()).object();
            if (match(event))
                return event;
        }
    }
    return std::nullopt;
}

void tst_FailoverLab::killedMidFailoverIsShownOnRestart()
{
    QVERIFY(bringUp());
    // The primary's fence hangs, so the run is caught mid-way by the kill.
    const QString config = editedConfig([](QString text) {
        static const QRegularExpression fence(QStringLiteral(
            "(      fence:\\n        kind: command\\n)        command: .*\\n        timeout: 10s"));
        return text.replace(fence,
            QStringLiteral("\\1        command: [\"/bin/sleep\", \"5\"]\n        timeout: 60s"));
    });
    QVERIFY(!config.isEmpty());
    const QString journalPath = m_dir.filePath(QStringLiteral("killed.sqlite"));
    const auto start = [&](QProcess &process, const QStringList &extra) {
        process.setReadChannel(QProcess::StandardOutput);
        process.start(QStringLiteral(CONSOLE_EXECUTABLE),
            QStringList { QStringLiteral("--headless"), QStringLiteral("--config"), config,
                QStringLiteral("--journal"), journalPath }
                + extra);
        return process.waitForStarted(5000);
    };
    const auto kindIs = [](const char *kind) {
        return [kind](const QJsonObject &event) {
            return event.value(QStringLiteral("kind")).toString() == QLatin1String(kind);
        };
    };

    QProcess first;
    QVERIFY(start(first, { QStringLiteral("--auto-failover") }));
    QVERIFY(readUntil(first, kindIs("primary-state"), 15000));
    QTest::qWait(1500); // a heartbeat or two, as a watching console has
    QVERIFY(m_lab->fault(QStringLiteral("primary"), QStringLiteral("crash")));
    const auto fencing = readUntil(
        first,
        [](const QJsonObject &event) {
            return event.value(QStringLiteral("kind")).toString() == u"step"
                && event.value(QStringLiteral("step")).toString() == u"fence"
                && event.value(QStringLiteral("state")).toString() == u"running";
        },
        20000);
    QVERIFY(fencing);
    const qint64 runId = fencing->value(QStringLiteral("run_id")).toInteger();
    QVERIFY(runId > 0);
    first.kill(); // SIGKILL: no chance to journal anything more
    QVERIFY(first.waitForFinished(5000));
    QCOMPARE(first.exitStatus(), QProcess::CrashExit);

    QProcess second;
    QVERIFY(start(second, {}));
    const auto interrupted = readUntil(second, kindIs("failover-finished"), 15000);
    QVERIFY(interrupted);
    QCOMPARE(
        interrupted->value(QStringLiteral("outcome")).toString(), QStringLiteral("interrupted"));
    QCOMPARE(interrupted->value(QStringLiteral("run_id")).toInteger(), runId);
    // And the roles as the servers tell them: the primary is down, nobody was promoted.
    const auto roles = readUntil(second, kindIs("primary-state"), 15000);
    QVERIFY(roles);
    QCOMPARE(roles->value(QStringLiteral("status")).toString(), QStringLiteral("none-reachable"));
    QCOMPARE(sql(QStringLiteral("standby1"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("t"));
    second.terminate();
    QVERIFY(second.waitForFinished(5000));

    Journal journal;
    QVERIFY(journal.open(journalPath));
    const std::optional<JournalRun> run = journal.run(runId);
    QVERIFY(run);
    QCOMPARE(run->outcome, QStringLiteral("interrupted"));
    QVERIFY(journal.openRuns().isEmpty());
    // The fence step was journalled before it ran, and nothing after it.
    const QList<JournalEntry> entries = journal.entries(runId);
    QVERIFY(std::any_of(entries.cbegin(), entries.cend(), [](const JournalEntry &entry) {
        return entry.name == u"fence" && entry.status == u"running";
    }));
    QVERIFY(std::none_of(entries.cbegin(), entries.cend(),
        [](const JournalEntry &entry) { return entry.name == u"promote"; }));
}

void tst_FailoverLab::randomFailuresForAMinuteCauseNoFailover()
{
    QVERIFY(bringUp());
    // The console reaches the primary through a relay that fails one connection in ten and
    // drops one kept session in ten each second, for a minute.
    FlakyProxy proxy(quint16(m_lab->port(QStringLiteral("primary"))), 0.10, 20261129);
    QVERIFY(proxy.port() != 0);
    const QString config = editedConfig([this, &proxy](QString text) {
        return text.replace(
            QStringLiteral("host=127.0.0.1 port=%1 ").arg(m_lab->port(QStringLiteral("primary"))),
            QStringLiteral("host=127.0.0.1 port=%1 ").arg(proxy.port()));
    });
    QVERIFY(startEngine(config, true));
    QTest::qWait(60000);
    qInfo("relayed %d connections, refused %d, dropped %d sessions; %lld confirmations",
        proxy.relayed(), proxy.refused(), proxy.dropped(),
        qint64(eventsOf(EventKind::PrimaryConfirmation).size()));
    // The flakiness was real and reached the failover engine...
    QVERIFY(proxy.refused() + proxy.dropped() >= 3);
    QVERIFY(!eventsOf(EventKind::PrimaryConfirmation).isEmpty());
    // ...and no failover followed.
    QVERIFY(eventsOf(EventKind::FailoverStarted).isEmpty());
    QCOMPARE(sql(QStringLiteral("standby1"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("t"));
    QCOMPARE(m_engine->topology()->primary().regionId, QStringLiteral("lab-primary"));
}

QTEST_GUILESS_MAIN(tst_FailoverLab)
#include "tst_failoverlab.moc"
