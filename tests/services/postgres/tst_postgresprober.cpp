#include "heartbeatledger.h"
#include "lsn.h"
#include "pglab.h"
#include "poolerproxy.h"
#include "postgresprober.h"
#include "probeonce.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <unistd.h>

using namespace Console;

// PostgresProber against real PostgreSQL 15 clusters (PgLab): what it reads, how it fails.
class tst_PostgresProber final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void freshStandbyWithoutReplayTimestamp();
    void detectsRoles();
    void reportsTopology();
    void receiverHiddenWithoutPgMonitor();
    void keepsItsSession();
    void resolvesHostNamesOffThread();
    void lagBytesMatchReplicationView();
    void pausedReplayGrowsDelayWhileHeartbeatAdvances();
    void frozenNodeTimesOutWithoutBlocking();
    void crashedNodeIsRefusedThenRecovers();
    void refusedNewSessionsFailTheKeptSession();
    void standbyWithoutItsPrimary();
    void wrongPasswordIsAuthFailed();
    void missingDatabase();
    void notAPostgresServer_data();
    void notAPostgresServer();
    void malformedConnectionString();
    void honoursSslMode();
    void poolerRejectingStartupOptions();

private:
    QString conninfo(const QString &node) const { return m_lab.connectionString(node); }
    bool noSecretIn(const ProbeResult &result) const;
    bool fault(const QString &node, const QString &kind);
    bool makeCertificate(const QString &name, QString *error) const;

    PgLab m_lab;
};

namespace {

const QString Primary = QStringLiteral("primary");
const QString Standby1 = QStringLiteral("standby1");
const QString Standby2 = QStringLiteral("standby2");

} // namespace

void tst_PostgresProber::initTestCase()
{
    QString error;
    QVERIFY2(m_lab.up(2, &error), qPrintable(error));
}

bool tst_PostgresProber::noSecretIn(const ProbeResult &result) const
{
    return !result.reason.contains(m_lab.password());
}

bool tst_PostgresProber::fault(const QString &node, const QString &kind)
{
    QString error;
    if (!m_lab.fault(node, kind, &error)) {
        qWarning("lab fault %s %s: %s", qPrintable(node), qPrintable(kind), qPrintable(error));
        return false;
    }
    return true;
}

// First, before anything commits on the primary: a fresh standby has replayed no transaction,
// so pg_last_xact_replay_timestamp() is NULL.
void tst_PostgresProber::freshStandbyWithoutReplayTimestamp()
{
    const QString isNull
        = m_lab.psql(Standby2, QStringLiteral("select pg_last_xact_replay_timestamp() is null"));
    QCOMPARE(isNull, QStringLiteral("t"));
    PostgresProber prober(postgresEndpoint(Standby2, conninfo(Standby2), true));
    ProbeResult result;
    QVERIFY(probeOnce(prober, &result));
    QVERIFY2(result.ok(), qPrintable(result.reason));
    QVERIFY(result.postgres);
    QCOMPARE(result.postgres->role, PostgresRole::Standby);
    QVERIFY(!result.postgres->lastReplayTimestamp);
    QVERIFY(!result.postgres->replayDelayS);
    // No heartbeat table exists yet: said, not failed.
    QVERIFY(!result.postgres->heartbeatSeqSeen);
    QCOMPARE(result.postgres->heartbeatError,
        QStringLiteral("no heartbeat table yet (the primary creates it)"));
}

void tst_PostgresProber::detectsRoles()
{
    PostgresProber primary(postgresEndpoint(Primary, conninfo(Primary)));
    ProbeResult result;
    QVERIFY(probeOnce(primary, &result));
    QVERIFY2(result.ok(), qPrintable(result.reason));
    QCOMPARE(result.endpointId, Primary);
    QVERIFY(result.latencyMs >= 0 && result.latencyMs < 800);
    const PostgresObservation p = *result.postgres;
    QCOMPARE(p.role, PostgresRole::Primary);
    QVERIFY(qAbs(p.serverTime.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QCOMPARE(p.timeline, 1);
    QCOMPARE(p.maxConnections, 40); // scripts/lab's setting
    QVERIFY(p.connections >= 1);
    QVERIFY(p.receiveLsn.isEmpty());
    QVERIFY(!p.receiveReplayGapBytes);
    QVERIFY(!p.commitsPerSecond); // needs a previous probe
    QCOMPARE(p.standbys.size(), 2);
    QCOMPARE(p.standbys[0].name, Standby1);
    QCOMPARE(p.standbys[1].name, Standby2);
    for (const StandbyReplication &s : p.standbys) {
        QCOMPARE(s.state, QStringLiteral("streaming"));
        QVERIFY(!s.sentLsn.isEmpty());
        // NULL until the standby's first status reply (up to wal_receiver_status_interval).
        QCOMPARE(s.lagBytes.has_value(), !s.replayLsn.isEmpty());
        QVERIFY(s.lagBytes.value_or(0) >= 0);
    }

    QVERIFY(probeOnce(primary, &result));
    QVERIFY(result.postgres->commitsPerSecond.has_value());
    QVERIFY(*result.postgres->commitsPerSecond >= 0);

    PostgresProber standby(postgresEndpoint(Standby1, conninfo(Standby1)));
    QVERIFY(probeOnce(standby, &result));
    QVERIFY2(result.ok(), qPrintable(result.reason));
    const PostgresObservation s = *result.postgres;
    QCOMPARE(s.role, PostgresRole::Standby);
    QVERIFY(!s.receiveLsn.isEmpty());
    QVERIFY(!s.replayLsn.isEmpty());
    QVERIFY(s.receiveReplayGapBytes.has_value() && *s.receiveReplayGapBytes >= 0);
    QVERIFY(!s.replayPaused);
    QVERIFY(s.standbys.isEmpty());
    QCOMPARE(s.timeline, 1);
}

// What the lead's topology matches on: each standby's receiver names its upstream and the name
// that upstream lists it under; every node reports the same system identifier.
void tst_PostgresProber::reportsTopology()
{
    // Standbys first: a WAL position the primary reports afterwards is at least what they had.
    QList<PostgresObservation> standbys;
    for (const QString &node : { Standby1, Standby2 }) {
        PostgresProber prober(postgresEndpoint(node, conninfo(node)));
        ProbeResult result;
        QVERIFY(probeOnce(prober, &result));
        QVERIFY2(result.ok(), qPrintable(result.reason));
        standbys += *result.postgres;
    }
    PostgresProber primary(postgresEndpoint(Primary, conninfo(Primary)));
    ProbeResult result;
    QVERIFY(probeOnce(primary, &result));
    QVERIFY2(result.ok(), qPrintable(result.reason));
    const PostgresObservation p = *result.postgres;

    QCOMPARE(p.clusterName, Primary);
    QVERIFY(parseLsn(p.currentLsn));
    QVERIFY(!p.systemIdentifier.isEmpty());
    QVERIFY(p.receiverStatus.isEmpty());
    QVERIFY(p.receiverApplicationName.isEmpty());
    QCOMPARE(p.standbys.size(), 2);
    QStringList listedNames;
    for (const StandbyReplication &s : p.standbys) {
        listedNames += s.name;
        // Read in the same probe, before the primary's own position.
        const std::optional<qint64> ahead = lsnDiff(p.currentLsn, s.replayLsn);
        QVERIFY2(ahead && *ahead >= 0, qPrintable(p.currentLsn + u' ' + s.replayLsn));
    }

    QStringList matchedNames;
    for (int i = 0; i < standbys.size(); ++i) {
        const PostgresObservation &s = standbys[i];
        const QString node = i == 0 ? Standby1 : Standby2;
        QCOMPARE(s.role, PostgresRole::Standby);
        QCOMPARE(s.clusterName, node);
        QCOMPARE(s.systemIdentifier, p.systemIdentifier);
        QVERIFY(s.currentLsn.isEmpty());
        QCOMPARE(s.receiverStatus, QStringLiteral("streaming"));
        // The lab's standbys stream over the primary's Unix socket in the lab folder.
        QCOMPARE(s.senderHost, m_lab.dir());
        QCOMPARE(s.senderPort, m_lab.port(Primary));
        QVERIFY2(listedNames.contains(s.receiverApplicationName),
            qPrintable(s.receiverApplicationName + u" not in " + listedNames.join(u',')));
        matchedNames += s.receiverApplicationName;
        QVERIFY(parseLsn(s.flushedLsn));
        const std::optional<qint64> unflushed = lsnDiff(p.currentLsn, s.flushedLsn);
        QVERIFY2(unflushed && *unflushed >= 0, qPrintable(p.currentLsn + u' ' + s.flushedLsn));
    }
    QCOMPARE(matchedNames, QStringList({ Standby1, Standby2 }));
}

// Without pg_monitor, pg_stat_wal_receiver shows a receiver's pid and nothing else: the probe
// still succeeds, with the receiver's fields empty rather than guessed.
void tst_PostgresProber::receiverHiddenWithoutPgMonitor()
{
    const auto setMember = [this](bool member) {
        QString error;
        m_lab.psql(Primary,
            member ? QStringLiteral("grant pg_monitor to monitor")
                   : QStringLiteral("revoke pg_monitor from monitor"),
            &error);
        return error;
    };
    const QString isMember
        = QStringLiteral("select pg_has_role('monitor', 'pg_monitor', 'member')");
    QString error = setMember(false);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto regrant = qScopeGuard([&] { setMember(true); });
    QTRY_COMPARE_WITH_TIMEOUT(m_lab.psql(Standby1, isMember), QStringLiteral("f"), 5000);

    PostgresProber prober(postgresEndpoint(Standby1, conninfo(Standby1)));
    ProbeResult result;
    QVERIFY(probeOnce(prober, &result));
    QVERIFY2(result.ok(), qPrintable(result.reason));
    const PostgresObservation &o = *result.postgres;
    QCOMPARE(m_lab.psql(Standby1, QStringLiteral("select status from pg_stat_wal_receiver")),
        QStringLiteral("streaming")); // there is a receiver; the role just may not see it
    QVERIFY(o.receiverStatus.isEmpty());
    QVERIFY(o.senderHost.isEmpty());
    QVERIFY(!o.senderPort);
    QVERIFY(o.receiverApplicationName.isEmpty());
    QVERIFY(o.flushedLsn.isEmpty());
    QVERIFY(!o.systemIdentifier.isEmpty()); // pg_control_system() needs no role
    QCOMPARE(o.clusterName, Standby1);

    regrant.dismiss();
    error = setMember(true);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(m_lab.psql(Standby1, isMember), QStringLiteral("t"), 5000);
}

// One session across probes, named for pg_stat_activity.
void tst_PostgresProber::keepsItsSession()
{
    PostgresProber prober(postgresEndpoint(Standby1, conninfo(Standby1)));
    ProbeResult result;
    QVERIFY(probeOnce(prober, &result));
    QVERIFY2(result.ok(), qPrintable(result.reason));
    const QString sql = QStringLiteral("select string_agg(pid::text, ',') from pg_stat_activity "
                                       "where application_name = 'failover-console'");
    const QString before = m_lab.psql(Standby1, sql);
    QVERIFY(!before.isEmpty());
    QVERIFY(!before.contains(u','));
    for (int i = 0; i < 3; ++i) {
        QVERIFY(probeOnce(prober, &result));
        QVERIFY2(result.ok(), qPrintable(result.reason));
    }
    QCOMPARE(m_lab.psql(Standby1, sql), before);
}

void tst_PostgresProber::resolvesHostNamesOffThread()
{
    QString info = conninfo(Primary);
    info.replace(QStringLiteral("host=127.0.0.1"), QStringLiteral("host=localhost"));
    QVERIFY(info.contains(QStringLiteral("host=localhost")));
    PostgresProber prober(postgresEndpoint(Primary, info));
    ProbeResult result;
    QVERIFY(probeOnce(prober, &result));
    QVERIFY2(result.ok(), qPrintable(result.reason));

    info.replace(QStringLiteral("host=localhost"), QStringLiteral("host=no-such-host.invalid"));
    PostgresProber lost(postgresEndpoint(Primary, info, false, Milliseconds(3000)));
    QVERIFY(probeOnce(lost, &result));
    QCOMPARE(toString(result.status), toString(ProbeStatus::Dns));
    QCOMPARE(result.reason, QStringLiteral("host no-such-host.invalid not found"));
}

// The lag the probe reports is pg_stat_replication's, read in the same instant.
void tst_PostgresProber::lagBytesMatchReplicationView()
{
    QVERIFY(fault(Standby1, QStringLiteral("pause-replay")));
    QString error;
    m_lab.psql(Primary,
        QStringLiteral("create table lag_filler as select g, repeat('x', 200) as pad "
                       "from generate_series(1, 5000) g"),
        &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    PostgresProber prober(postgresEndpoint(Primary, conninfo(Primary)));
    ProbeResult result;
    QVERIFY(probeOnce(prober, &result));
    QVERIFY2(result.ok(), qPrintable(result.reason));
    const QString view = m_lab.psql(Primary,
        QStringLiteral("select replay_lsn || '|' || pg_wal_lsn_diff(pg_current_wal_lsn(), "
                       "replay_lsn)::bigint from pg_stat_replication "
                       "where application_name = 'standby1'"));
    QVERIFY(fault(Standby1, QStringLiteral("resume-replay")));

    const QStringList parts = view.split(u'|');
    QCOMPARE(parts.size(), 2);
    StandbyReplication probed;
    for (const StandbyReplication &s : result.postgres->standbys) {
        if (s.name == Standby1)
            probed = s;
    }
    QCOMPARE(probed.replayLsn, parts[0]);
    QVERIFY(probed.lagBytes.has_value());
    QVERIFY2(*probed.lagBytes > 500'000, qPrintable(QString::number(*probed.lagBytes)));
    // Only WAL written between the two reads (background activity) may differ.
    const qint64 viewLag = parts[1].toLongLong();
    QVERIFY2(viewLag >= *probed.lagBytes && viewLag - *probed.lagBytes < 64 * 1024,
        qPrintable(QStringLiteral("probe %1, view %2").arg(*probed.lagBytes).arg(viewLag)));
}

void tst_PostgresProber::pausedReplayGrowsDelayWhileHeartbeatAdvances()
{
    HeartbeatLedger ledger;
    PostgresProber primary(postgresEndpoint(Primary, conninfo(Primary), true));
    PostgresProber standby(postgresEndpoint(Standby1, conninfo(Standby1), true));
    primary.setHeartbeatLedger(&ledger);
    standby.setHeartbeatLedger(&ledger);
    ProbeResult p;
    ProbeResult s;
    // The first probe learns the role, the second creates the table and writes. Without CREATE
    // on the database (the lab grants it; take it back) that fails the heartbeat, not the probe.
    QString revokeError;
    m_lab.psql(
        Primary, QStringLiteral("revoke create on database postgres from monitor"), &revokeError);
    QVERIFY2(revokeError.isEmpty(), qPrintable(revokeError));
    QVERIFY(probeOnce(primary, &p));
    QVERIFY(probeOnce(primary, &p));
    QVERIFY2(p.ok(), qPrintable(p.reason));
    QVERIFY(!p.postgres->heartbeatSeqWritten);
    QVERIFY2(p.postgres->heartbeatError.startsWith(
                 QStringLiteral("heartbeat: permission denied for database postgres")),
        qPrintable(p.postgres->heartbeatError));
    QString error;
    m_lab.psql(Primary, QStringLiteral("grant create on database postgres to monitor"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(probeOnce(primary, &p)); // learns the role again after the failed write
    QVERIFY(probeOnce(primary, &p));
    QVERIFY2(p.ok() && p.postgres->heartbeatSeqWritten, qPrintable(p.postgres->heartbeatError));
    const qint64 firstSeq = *p.postgres->heartbeatSeqWritten;
    QTRY_VERIFY_WITH_TIMEOUT(probeOnce(standby, &s) && s.postgres
            && s.postgres->heartbeatSeqSeen.value_or(0) == firstSeq,
        10000);

    QVERIFY(fault(Standby1, QStringLiteral("pause-replay")));
    QList<ProbeResult> onPrimary;
    QList<ProbeResult> onStandby;
    for (int i = 0; i < 5; ++i) {
        QTest::qWait(300); // pacing: the delays are measured in wall time
        QVERIFY(probeOnce(primary, &p));
        QVERIFY(probeOnce(standby, &s));
        QVERIFY2(p.ok() && s.ok(), qPrintable(p.reason + s.reason));
        onPrimary += p;
        onStandby += s;
    }
    QVERIFY(fault(Standby1, QStringLiteral("resume-replay")));

    for (int i = 0; i < 5; ++i) {
        QCOMPARE(onPrimary[i].postgres->heartbeatSeqWritten, firstSeq + 1 + i);
        const PostgresObservation &o = *onStandby[i].postgres;
        QVERIFY(o.replayPaused);
        // A paused replay does not stop the receiver: it goes on streaming and flushing.
        QCOMPARE(o.receiverStatus, QStringLiteral("streaming"));
        QVERIFY(o.heartbeatSeqSeen.has_value());
        QVERIFY(o.heartbeatLagS.has_value());
        QVERIFY(o.replayDelayS.has_value());
        QCOMPARE(o.heartbeatSeqLag, firstSeq + 1 + i - *o.heartbeatSeqSeen);
        if (i > 0) {
            const PostgresObservation &before = *onStandby[i - 1].postgres;
            QCOMPARE(o.heartbeatSeqSeen, before.heartbeatSeqSeen);
            QVERIFY(*o.heartbeatLagS > *before.heartbeatLagS);
            QVERIFY(*o.replayDelayS > *before.replayDelayS);
        }
    }
    const double grown
        = *onStandby[4].postgres->heartbeatLagS - *onStandby[0].postgres->heartbeatLagS;
    QVERIFY2(grown >= 1.0, qPrintable(QString::number(grown)));
    // Received and flushed, not replayed: what the heartbeats written since the pause hold.
    const PostgresObservation &last = *onStandby[4].postgres;
    const std::optional<qint64> unreplayed = lsnDiff(last.flushedLsn, last.replayLsn);
    QVERIFY2(unreplayed && *unreplayed > 0, qPrintable(last.flushedLsn + u' ' + last.replayLsn));

    // Resumed, the standby catches up with the last acknowledged heartbeat.
    QTRY_VERIFY_WITH_TIMEOUT(probeOnce(standby, &s) && s.postgres
            && s.postgres->heartbeatSeqLag == 0 && !s.postgres->replayPaused,
        10000);
}

// A stopped (SIGSTOP) server accepts TCP and never answers. Its probe must end as Timeout on
// time, while the thread goes on serving a 10 ms timer and another endpoint's probes.
void tst_PostgresProber::frozenNodeTimesOutWithoutBlocking()
{
    PostgresProber frozen(postgresEndpoint(Standby2, conninfo(Standby2)));
    PostgresProber healthy(postgresEndpoint(Primary, conninfo(Primary)));
    ProbeResult result;
    QVERIFY(probeOnce(frozen, &result)); // a kept session: the first timeout hits the query
    QVERIFY2(result.ok(), qPrintable(result.reason));
    QVERIFY(fault(Standby2, QStringLiteral("freeze")));

    int healthyOk = 0;
    bool keepProbing = true;
    connect(&healthy, &Prober::finished, &healthy, [&](const ProbeResult &r) {
        healthyOk += r.ok() ? 1 : 0;
        if (keepProbing)
            QTimer::singleShot(20, &healthy, &PostgresProber::start);
    });
    QElapsedTimer sinceTick;
    qint64 worstGapMs = 0;
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, &ticker,
        [&] { worstGapMs = qMax(worstGapMs, sinceTick.restart()); });

    const QStringList expectedStage = { QStringLiteral("(probe query)"),
        QStringLiteral("(connected, but no PostgreSQL handshake)") };
    for (const QString &stage : expectedStage) {
        healthyOk = 0;
        worstGapMs = 0;
        keepProbing = true;
        sinceTick.start();
        ticker.start();
        healthy.start();
        QVERIFY(probeOnce(frozen, &result));
        ticker.stop();
        keepProbing = false;
        QCOMPARE(toString(result.status), toString(ProbeStatus::Timeout));
        QCOMPARE(result.reason, QStringLiteral("no answer within 800 ms ") + stage);
        QVERIFY2(result.latencyMs >= 800 && result.latencyMs < 1100,
            qPrintable(QString::number(result.latencyMs)));
        QVERIFY2(worstGapMs < 300,
            qPrintable(QStringLiteral("the event loop stalled %1 ms").arg(worstGapMs)));
        QVERIFY2(healthyOk >= 4, qPrintable(QString::number(healthyOk)));
        QTRY_VERIFY(!healthy.isRunning());
    }

    QVERIFY(fault(Standby2, QStringLiteral("thaw")));
    QTRY_VERIFY_WITH_TIMEOUT(probeOnce(frozen, &result) && result.ok(), 10000);
}

void tst_PostgresProber::crashedNodeIsRefusedThenRecovers()
{
    PostgresProber prober(postgresEndpoint(Standby2, conninfo(Standby2)));
    ProbeResult result;
    QVERIFY(probeOnce(prober, &result));
    QVERIFY2(result.ok(), qPrintable(result.reason));
    QVERIFY(fault(Standby2, QStringLiteral("crash")));
    // The kept session is dead; the probe must say why a new one cannot be opened.
    QVERIFY(probeOnce(prober, &result));
    QCOMPARE(toString(result.status), toString(ProbeStatus::Refused));
    QCOMPARE(result.reason,
        QStringLiteral("connection refused by 127.0.0.1:%1").arg(m_lab.port(Standby2)));
    QVERIFY(probeOnce(prober, &result));
    QCOMPARE(toString(result.status), toString(ProbeStatus::Refused));

    QVERIFY(fault(Standby2, QStringLiteral("start")));
    QTRY_VERIFY_WITH_TIMEOUT(probeOnce(prober, &result) && result.ok(), 10000);
    QCOMPARE(result.postgres->role, PostgresRole::Standby);
}

// `lab fault primary refuse` puts a reject line in pg_hba.conf: new sessions fail with FATAL, and
// a session opened before still answers. The kept session alone would stay green; the periodic
// fresh-connection check must fail the probe within its cadence, name the refusal, keep the
// session's answer (the server runs), and pass again on the probe after `accept`.
void tst_PostgresProber::refusedNewSessionsFailTheKeptSession()
{
    EndpointConfig endpoint = postgresEndpoint(Primary, conninfo(Primary));
    endpoint.interval = Milliseconds(1000);
    PostgresProber prober(endpoint);
    // One fresh login per 10 s at a 1 s interval; never on more than every 5th probe.
    QCOMPARE(prober.acceptanceCheckEvery(), 10);
    endpoint.interval = Milliseconds(5000);
    QCOMPARE(PostgresProber(endpoint).acceptanceCheckEvery(), 5);

    ProbeResult result;
    QVERIFY(probeOnce(prober, &result)); // opens the session the fault will not touch
    QVERIFY2(result.ok(), qPrintable(result.reason));
    QVERIFY(fault(Primary, QStringLiteral("refuse")));
    QElapsedTimer clock;
    clock.start();
    int probes = 0;
    do {
        QVERIFY(probeOnce(prober, &result));
        ++probes;
    } while (result.ok() && probes < 2 * prober.acceptanceCheckEvery());
    // Exactly on the cadence: the probes before it ran on the kept session alone.
    QCOMPARE(probes, prober.acceptanceCheckEvery());
    QVERIFY2(clock.elapsed() < probes * 800, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(toString(result.status), toString(ProbeStatus::Refused));
    QVERIFY2(result.reason.startsWith(
                 QStringLiteral("new sessions fail: 127.0.0.1:%1 refuses new sessions: "
                                "pg_hba.conf rejects connection for host \"127.0.0.1\"")
                     .arg(m_lab.port(Primary))),
        qPrintable(result.reason));
    QVERIFY2(result.reason.endsWith(QStringLiteral("; the session kept open still answers")),
        qPrintable(result.reason));
    QVERIFY(noSecretIn(result));
    // The server answered on its session: it is up, and still the primary.
    QVERIFY(result.postgres);
    QCOMPARE(result.postgres->role, PostgresRole::Primary);
    QVERIFY2(result.latencyMs >= 0 && result.latencyMs < 800,
        qPrintable(QString::number(result.latencyMs)));

    // While the refusal lasts every probe checks again, so none reads green in between.
    for (int i = 0; i < 3; ++i) {
        QVERIFY(probeOnce(prober, &result));
        QCOMPARE(toString(result.status), toString(ProbeStatus::Refused));
        QVERIFY(result.postgres);
    }

    QVERIFY(fault(Primary, QStringLiteral("accept")));
    QVERIFY(probeOnce(prober, &result));
    QVERIFY2(result.ok(), qPrintable(result.reason));
    // The checks left no session behind, only the kept one (a session ends just after its
    // Terminate message, hence the bounded wait).
    QTRY_COMPARE_WITH_TIMEOUT(m_lab.psql(Primary,
                                  QStringLiteral("select count(*) from pg_stat_activity where "
                                                 "application_name = 'failover-console'")),
        QStringLiteral("1"), 5000);
}

// With its primary gone the standby still answers: PostgreSQL 15 drops its pg_stat_wal_receiver
// row as soon as the receiver loses the connection, and shows none while it retries.
void tst_PostgresProber::standbyWithoutItsPrimary()
{
    PostgresProber prober(postgresEndpoint(Standby1, conninfo(Standby1)));
    ProbeResult before;
    QVERIFY(probeOnce(prober, &before));
    QVERIFY2(before.ok(), qPrintable(before.reason));
    QCOMPARE(before.postgres->receiverStatus, QStringLiteral("streaming"));

    QVERIFY(fault(Primary, QStringLiteral("crash")));
    auto restart = qScopeGuard([this] { fault(Primary, QStringLiteral("start")); });
    // The receiver notices the closed connection on its own time, hence the bounded retry.
    ProbeResult result;
    QTRY_VERIFY_WITH_TIMEOUT(probeOnce(prober, &result) && result.ok()
            && result.postgres->receiverStatus != QStringLiteral("streaming"),
        5000);
    const PostgresObservation &o = *result.postgres;
    QCOMPARE(o.role, PostgresRole::Standby);
    QCOMPARE(o.receiverStatus, QString()); // no row, not "waiting" or "stopping"
    QVERIFY(o.senderHost.isEmpty());
    QVERIFY(!o.senderPort);
    QVERIFY(o.receiverApplicationName.isEmpty());
    QVERIFY(o.flushedLsn.isEmpty());
    // What it received before the loss stays readable: the base of the data-loss estimate.
    QVERIFY(parseLsn(o.receiveLsn));
    QCOMPARE(o.systemIdentifier, before.postgres->systemIdentifier);
    QCOMPARE(o.clusterName, Standby1);

    restart.dismiss();
    QVERIFY(fault(Primary, QStringLiteral("start")));
    QTRY_VERIFY_WITH_TIMEOUT(probeOnce(prober, &result) && result.ok()
            && result.postgres->receiverStatus == QStringLiteral("streaming"),
        15000);
    QCOMPARE(result.postgres->senderPort, m_lab.port(Primary));
}

void tst_PostgresProber::wrongPasswordIsAuthFailed()
{
    const QString secret = QStringLiteral("Wr0ng-S3cret-xyzzy");
    const QString info = QStringLiteral("host=127.0.0.1 port=%1 dbname=postgres user=monitor "
                                        "password=%2")
                             .arg(m_lab.port(Primary))
                             .arg(secret);
    PostgresProber prober(postgresEndpoint(Primary, info));
    ProbeResult result;
    QVERIFY(probeOnce(prober, &result));
    QCOMPARE(toString(result.status), toString(ProbeStatus::AuthFailed));
    QCOMPARE(result.reason, QStringLiteral("password authentication failed for user \"monitor\""));
    QVERIFY(!result.reason.contains(secret));
    QVERIFY(noSecretIn(result));
    QVERIFY(!result.postgres);

    // As a URI too, with the password percent-encoded.
    PostgresProber uri(postgresEndpoint(Primary,
        QStringLiteral("postgresql://monitor:Wr0ng%2DS3cret%2Dxyzzy@127.0.0.1:%1/postgres")
            .arg(m_lab.port(Primary))));
    QVERIFY(probeOnce(uri, &result));
    QCOMPARE(toString(result.status), toString(ProbeStatus::AuthFailed));
    QVERIFY(!result.reason.contains(secret));
}

void tst_PostgresProber::missingDatabase()
{
    QString info = conninfo(Primary);
    QVERIFY(info.contains(QStringLiteral("dbname=postgres")));
    info.replace(QStringLiteral("dbname=postgres"), QStringLiteral("dbname=nope"));
    PostgresProber prober(postgresEndpoint(Primary, info));
    ProbeResult result;
    QVERIFY(probeOnce(prober, &result));
    QCOMPARE(toString(result.status), toString(ProbeStatus::AuthFailed));
    QCOMPARE(result.reason, QStringLiteral("database \"nope\" does not exist"));
    QVERIFY(noSecretIn(result));
}

void tst_PostgresProber::notAPostgresServer_data()
{
    QTest::addColumn<QString>("sslmode");
    QTest::addColumn<QString>("detail");
    QTest::newRow("prefer") << QStringLiteral("prefer")
                            << QStringLiteral("received invalid response to SSL negotiation: H");
    QTest::newRow("require") << QStringLiteral("require")
                             << QStringLiteral("received invalid response to SSL negotiation: H");
    QTest::newRow("disable") << QStringLiteral(
        "disable") << QStringLiteral("expected authentication request from server, but received H");
}

// An HTTP server where PostgreSQL was expected: it answers whatever it gets with an HTTP error.
void tst_PostgresProber::notAPostgresServer()
{
    QFETCH(QString, sslmode);
    QFETCH(QString, detail);
    QTcpServer http;
    QVERIFY(http.listen(QHostAddress::LocalHost, 0));
    connect(&http, &QTcpServer::newConnection, &http, [&http] {
        while (QTcpSocket *socket = http.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                              "Connection: close\r\n\r\n");
                socket->disconnectFromHost();
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    const QString info = QStringLiteral("host=127.0.0.1 port=%1 dbname=postgres user=monitor "
                                        "password=%2 sslmode=%3")
                             .arg(http.serverPort())
                             .arg(m_lab.password(), sslmode);
    PostgresProber prober(postgresEndpoint(QStringLiteral("http"), info));
    ProbeResult result;
    QVERIFY(probeOnce(prober, &result));
    QCOMPARE(toString(result.status), toString(ProbeStatus::BadBody));
    QCOMPARE(result.reason,
        QStringLiteral("not a PostgreSQL server at 127.0.0.1:%1: %2")
            .arg(http.serverPort())
            .arg(detail));
    QVERIFY(noSecretIn(result));
}

void tst_PostgresProber::malformedConnectionString()
{
    PostgresProber prober(postgresEndpoint(
        Primary, QStringLiteral("host=127.0.0.1 password='unterminated %1").arg(m_lab.password())));
    ProbeResult result;
    QVERIFY(probeOnce(prober, &result));
    QCOMPARE(toString(result.status), toString(ProbeStatus::BadBody));
    QCOMPARE(result.reason, QStringLiteral("the connection string is malformed"));
}

// A self-signed certificate for 127.0.0.1 in the lab folder, readable by the server.
bool tst_PostgresProber::makeCertificate(const QString &name, QString *error) const
{
    const QString base = m_lab.dir() + u'/' + name;
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
        { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
            QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
            QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
            QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
            QStringLiteral("-keyout"), base + QStringLiteral(".key"), QStringLiteral("-out"),
            base + QStringLiteral(".crt") });
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
        *error = QString::fromLocal8Bit(openssl.readAllStandardError());
        return false;
    }
    QFile::setPermissions(base + QStringLiteral(".key"), QFile::ReadOwner | QFile::WriteOwner);
    if (geteuid() == 0) {
        // The server runs as the postgres OS user and insists on owning its key.
        const int rc = QProcess::execute(QStringLiteral("chown"),
            { QStringLiteral("postgres"), base + QStringLiteral(".key"),
                base + QStringLiteral(".crt") });
        if (rc != 0) {
            *error = QStringLiteral("chown failed");
            return false;
        }
    }
    return true;
}

// sslmode comes from the user's connection string; TLS runs through the same notifiers.
void tst_PostgresProber::honoursSslMode()
{
    QString error;
    QVERIFY2(makeCertificate(QStringLiteral("server"), &error), qPrintable(error));
    QVERIFY2(makeCertificate(QStringLiteral("stranger"), &error), qPrintable(error));
    const QString dir = m_lab.dir();
    // ALTER SYSTEM refuses a transaction block: one statement per call.
    const auto configure = [this](const QStringList &statements) {
        QString failure;
        for (const QString &sql : statements) {
            m_lab.psql(Primary, sql, &failure);
            if (!failure.isEmpty())
                return failure;
        }
        return failure;
    };
    error = configure({ QStringLiteral("alter system set ssl_cert_file = '%1/server.crt'").arg(dir),
        QStringLiteral("alter system set ssl_key_file = '%1/server.key'").arg(dir),
        QStringLiteral("alter system set ssl = on"), QStringLiteral("select pg_reload_conf()") });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    auto cleanup = qScopeGuard([configure] {
        configure({ QStringLiteral("alter system reset ssl"),
            QStringLiteral("alter system reset ssl_cert_file"),
            QStringLiteral("alter system reset ssl_key_file"),
            QStringLiteral("select pg_reload_conf()") });
    });

    PostgresProber required(
        postgresEndpoint(Primary, conninfo(Primary) + QStringLiteral(" sslmode=require")));
    ProbeResult result;
    QTRY_VERIFY_WITH_TIMEOUT(probeOnce(required, &result) && result.ok(), 10000);
    for (int i = 0; i < 5; ++i) {
        QVERIFY(probeOnce(required, &result));
        QVERIFY2(result.ok(), qPrintable(result.reason));
        QCOMPARE(result.postgres->standbys.size(), 2);
    }
    QCOMPARE(m_lab.psql(Primary,
                 QStringLiteral("select bool_and(s.ssl) from pg_stat_ssl s join pg_stat_activity a "
                                "using (pid) where a.application_name = 'failover-console'")),
        QStringLiteral("t"));

    PostgresProber verified(postgresEndpoint(Primary,
        conninfo(Primary)
            + QStringLiteral(" sslmode=verify-full sslrootcert=%1/server.crt").arg(dir)));
    QVERIFY(probeOnce(verified, &result));
    QVERIFY2(result.ok(), qPrintable(result.reason));

    PostgresProber deceived(postgresEndpoint(Primary,
        conninfo(Primary)
            + QStringLiteral(" sslmode=verify-full sslrootcert=%1/stranger.crt").arg(dir)));
    QVERIFY(probeOnce(deceived, &result));
    QCOMPARE(toString(result.status), toString(ProbeStatus::Tls));
    QVERIFY2(result.reason.startsWith(QStringLiteral("TLS: ")), qPrintable(result.reason));
    QVERIFY2(result.reason.contains(QStringLiteral("certificate verify failed")),
        qPrintable(result.reason));
    QVERIFY(noSecretIn(result));
}

// PgBouncer refuses the "options" startup parameter that carries statement_timeout: the
// prober retries at once without it and sets the timeout per transaction instead.
void tst_PostgresProber::poolerRejectingStartupOptions()
{
    PoolerProxy pooler(quint16(m_lab.port(Primary)));
    QVERIFY(pooler.listen());
    QString info = conninfo(Primary);
    info.replace(QStringLiteral("port=%1").arg(m_lab.port(Primary)),
        QStringLiteral("port=%1").arg(pooler.port()));
    QVERIFY(info.contains(QStringLiteral("port=%1").arg(pooler.port())));
    PostgresProber prober(postgresEndpoint(Primary, info));
    ProbeResult result;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(probeOnce(prober, &result));
        QVERIFY2(result.ok(), qPrintable(result.reason));
    }
    QCOMPARE(pooler.rejectedStartups(), 1);
    QCOMPARE(pooler.relayedStartups(), 1);
    QCOMPARE(pooler.clientTraffic().count("set local statement_timeout = 800;"), 3);
}

QTEST_GUILESS_MAIN(tst_PostgresProber)
#include "tst_postgresprober.moc"
