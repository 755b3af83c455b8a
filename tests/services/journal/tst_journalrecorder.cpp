#include "eventhub.h"
#include "fakeclock.h"
#include "journal.h"
#include "journalrecorder.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

namespace {

ConsoleEvent makeEvent(EventKind kind, EventSeverity severity, const QString &message)
{
    ConsoleEvent e;
    e.kind = kind;
    e.severity = severity;
    e.message = message;
    return e;
}

} // namespace

class tst_JournalRecorder final : public QObject
{
    Q_OBJECT
private slots:
    void isJournalled_data();
    void isJournalled();
    void recordsWhatMatters();
    void closedJournalIsSkipped();
};

void tst_JournalRecorder::isJournalled_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<EventSeverity>("severity");
    QTest::addColumn<bool>("expected");
    const auto row = [](const char *kind, EventSeverity severity, bool expected) {
        QTest::addRow("%s %s", kind, qPrintable(toString(severity)))
            << QString::fromLatin1(kind) << severity << expected;
    };
    row("breaker", EventSeverity::Info, true);
    row("role-changed", EventSeverity::Info, true);
    row("primary-state", EventSeverity::Info, true);
    row("self-check", EventSeverity::Info, true);
    row("console-started", EventSeverity::Info, true);
    row("console-stopping", EventSeverity::Info, true);
    // Kinds the failover engine adds later are covered by their names.
    row("failover-started", EventSeverity::Info, true);
    row("gate-evaluated", EventSeverity::Info, true);
    row("step-finished", EventSeverity::Info, true);
    row("split-brain", EventSeverity::Critical, true);
    row("split-brain-cleared", EventSeverity::Info, true);
    // Routine flaps only when they are loud.
    row("endpoint-health", EventSeverity::Info, false);
    row("endpoint-health", EventSeverity::Warning, true);
    row("endpoint-health", EventSeverity::Critical, true);
    row("region-health", EventSeverity::Info, false);
    row("role-observed", EventSeverity::Info, false);
    row("replication-link", EventSeverity::Info, false);
    row("demo-fault", EventSeverity::Info, false);
    row("some-future-kind", EventSeverity::Info, false);
}

void tst_JournalRecorder::isJournalled()
{
    QFETCH(QString, kind);
    QFETCH(EventSeverity, severity);
    QFETCH(bool, expected);
    QCOMPARE(JournalRecorder::isJournalled(kind, severity), expected);
}

void tst_JournalRecorder::recordsWhatMatters()
{
    QTemporaryDir dir;
    Journal journal;
    QVERIFY2(journal.open(dir.filePath(QStringLiteral("j.sqlite"))), qPrintable(journal.error()));
    FakeClock clock;
    EventHub hub(&clock);
    JournalRecorder recorder(&hub, &journal);

    hub.publish(makeEvent(EventKind::EndpointHealth, EventSeverity::Info, QStringLiteral("flap")));
    ConsoleEvent down = makeEvent(
        EventKind::EndpointHealth, EventSeverity::Critical, QStringLiteral("db-eu is down."));
    down.regionId = QStringLiteral("eu-west");
    down.endpointId = QStringLiteral("db-eu");
    down.fields.insert(QStringLiteral("to"), QStringLiteral("unhealthy"));
    down.fields.insert(QStringLiteral("region"), QStringLiteral("stray"));
    clock.advance(250ms);
    const ConsoleEvent published = hub.publish(down);
    hub.publish(makeEvent(EventKind::RoleObserved, EventSeverity::Info, QStringLiteral("seen")));

    JournalRun run;
    run.kind = QStringLiteral("failover");
    const qint64 runId = journal.beginRun(run);
    QVERIFY(runId > 0);
    recorder.setRunId(runId);
    QCOMPARE(recorder.runId(), runId);
    hub.publish(
        makeEvent(EventKind::BreakerTransition, EventSeverity::Info, QStringLiteral("open")));
    hub.publish(makeEvent(EventKind::PrimaryState, EventSeverity::Warning, QStringLiteral("none")));
    hub.publish(makeEvent(EventKind::RegionHealth, EventSeverity::Info, QStringLiteral("fine")));
    recorder.setRunId(0);
    hub.publish(makeEvent(EventKind::SelfCheck, EventSeverity::Info, QStringLiteral("self")));

    const QList<JournalEntry> outside = journal.entries(0);
    QCOMPARE(outside.size(), 2);
    const JournalEntry &first = outside.at(0);
    QCOMPARE(first.category, QStringLiteral("event"));
    QCOMPARE(first.name, QStringLiteral("endpoint-health"));
    QCOMPARE(first.status, QStringLiteral("critical"));
    QCOMPARE(first.message, QStringLiteral("db-eu is down."));
    QCOMPARE(first.time, published.wallTime);
    QCOMPARE(first.monotonicMs, published.monotonicMs);
    QCOMPARE(first.fields.value(QStringLiteral("to")).toString(), QStringLiteral("unhealthy"));
    QCOMPARE(first.fields.value(QStringLiteral("region")).toString(), QStringLiteral("eu-west"));
    QCOMPARE(first.fields.value(QStringLiteral("endpoint")).toString(), QStringLiteral("db-eu"));
    QCOMPARE(first.fields.value(QStringLiteral("seq")).toULongLong(), published.sequence);
    QCOMPARE(first.osUser, Journal::osUser());
    QCOMPARE(outside.at(1).name, QStringLiteral("self-check"));

    const QList<JournalEntry> inRun = journal.entries(runId);
    QCOMPARE(inRun.size(), 2);
    QCOMPARE(inRun.at(0).name, QStringLiteral("breaker"));
    QCOMPARE(inRun.at(0).status, QStringLiteral("info"));
    QCOMPARE(inRun.at(1).name, QStringLiteral("primary-state"));
    QCOMPARE(inRun.at(1).status, QStringLiteral("warning"));
    QVERIFY(!inRun.at(1).fields.contains(QStringLiteral("region")));
}

void tst_JournalRecorder::closedJournalIsSkipped()
{
    Journal journal; // never opened
    EventHub hub(nullptr); // the system clock
    JournalRecorder recorder(&hub, &journal);
    hub.publish(
        makeEvent(EventKind::BreakerTransition, EventSeverity::Info, QStringLiteral("open")));
    QVERIFY(journal.recentEntries(10).isEmpty());
    QVERIFY(journal.error().isEmpty());
}

QTEST_GUILESS_MAIN(tst_JournalRecorder)
#include "tst_journalrecorder.moc"
