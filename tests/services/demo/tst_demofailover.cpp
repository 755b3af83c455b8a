#include "consoleengine.h"
#include "democontrolserver.h"
#include "demodatabase.h"
#include "demotopology.h"
#include "failovercontroller.h"
#include "journal.h"
#include "topologystate.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Console;
using namespace Qt::StringLiterals;

namespace {

constexpr int RunTimeoutMs = 30000; // a run of the demo takes about a second
constexpr int ProbeTimeoutMs = 10000; // a few probe intervals of the demo (1 s)

// The gates the demo cannot open by itself, because its regions report their role and lag over
// HTTP but no WAL position or replication link: the test overrides only those, with a reason, and
// fails if any other gate is closed.
QMap<GateKind, QString> demoOverrides(const GateBoard &board, const QList<GateKind> &expected)
{
    QMap<GateKind, QString> overrides;
    for (GateKind kind : board.failed()) {
        if (!expected.contains(kind))
            return {};
        overrides.insert(kind, QStringLiteral("tester: the demo's regions report no WAL position"));
    }
    return overrides;
}

QString failedGates(const GateBoard &board)
{
    QStringList failed;
    for (const Gate &gate : board.gates) {
        if (!gate.open())
            failed.append(toString(gate.kind) + u": "_s + gate.reason);
    }
    return failed.join(u"; "_s);
}

const StepRecord *step(const RunResult &result, StepKind kind)
{
    for (const StepRecord &record : result.steps) {
        if (record.kind == kind)
            return &record;
    }
    return nullptr;
}

QString describe(const RunResult &result)
{
    QStringList lines { result.outcome + u": "_s + result.summary };
    for (const StepRecord &record : result.steps)
        lines.append(u"  "_s + toString(record.kind) + u' ' + toString(record.state) + u": "_s
            + record.summary);
    return lines.join(u'\n');
}

} // namespace

// A whole failover and failback on the built-in demo, through the real engine: what a newcomer
// does with `failover-console --demo`, with no database installed.
class tst_DemoFailover final : public QObject
{
    Q_OBJECT

private slots:
    void failoverRejoinAndFailback();

private:
    // Runs one request to its end; the result, or nothing when it did not start or end in time.
    std::optional<RunResult> run(ConsoleEngine &engine, RunKind kind, const QString &target,
        const QMap<GateKind, QString> &overrides);
};

std::optional<RunResult> tst_DemoFailover::run(ConsoleEngine &engine, RunKind kind,
    const QString &target, const QMap<GateKind, QString> &overrides)
{
    QSignalSpy finished(engine.failover(), &FailoverController::runFinished);
    QString error;
    if (!engine.failover()->request(kind, target, overrides, u"tester"_s, &error)) {
        qWarning("%s to %s refused: %s", qPrintable(toString(kind)), qPrintable(target),
            qPrintable(error));
        return std::nullopt;
    }
    if (!finished.wait(RunTimeoutMs))
        return std::nullopt;
    return engine.failover()->lastResult();
}

void tst_DemoFailover::failoverRejoinAndFailback()
{
    ConsoleEngine engine;
    QVERIFY2(engine.startDemo(), qPrintable(engine.errors().join(u'\n')));
    QTemporaryDir dir; // a journal, to read the runs' figures back
    QVERIFY(dir.isValid() && engine.setJournalPath(dir.filePath(u"journal.sqlite"_s)));
    engine.start();
    DemoTopology *demo = engine.demo();
    FailoverController *failover = engine.failover();
    TopologyState *topology = engine.topology();
    const auto primaryRegion = [topology] {
        return topology->primary().status == PrimaryStatus::One ? topology->primary().regionId
                                                                : QString();
    };
    const auto gate = [failover](RunKind kind, const QString &target, GateKind which) {
        for (const Gate &g : failover->board(kind, target).gates) {
            if (g.kind == which)
                return g.passed;
        }
        return false;
    };
    QTRY_COMPARE_WITH_TIMEOUT(primaryRegion(), u"us-east"_s, ProbeTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(
        gate(RunKind::Failover, u"eu-west"_s, GateKind::TargetHealthy), ProbeTimeoutMs);

    // --- US East goes down: refused, detected, confirmed ------------------------------------
    demo->setFault(u"us-east"_s, DemoFault::Down);
    QTRY_VERIFY_WITH_TIMEOUT(
        gate(RunKind::Failover, u"eu-west"_s, GateKind::OldPrimaryDown), ProbeTimeoutMs);
    QCOMPARE(toString(topology->primary().status), toString(PrimaryStatus::NoneReachable));
    const GateBoard failoverBoard = failover->board(RunKind::Failover, u"eu-west"_s);
    // The demo's lag report stands in for the WAL figures: every gate opens by itself.
    QVERIFY2(failoverBoard.go(), qPrintable(failedGates(failoverBoard)));
    const QMap<GateKind, QString> failoverOverrides;

    const std::optional<RunResult> failedOver
        = run(engine, RunKind::Failover, u"eu-west"_s, failoverOverrides);
    QVERIFY(failedOver);
    QVERIFY2(failedOver->outcome == u"verified", qPrintable(describe(*failedOver)));
    for (StepKind kind : { StepKind::Fence, StepKind::Promote, StepKind::Repoint, StepKind::Traffic,
             StepKind::Notify, StepKind::Verify }) {
        QVERIFY2(step(*failedOver, kind) && step(*failedOver, kind)->state == StepState::Done,
            qPrintable(describe(*failedOver)));
    }
    // The dead primary was fenced through the control server, as STONITH would.
    QVERIFY(demo->database(u"us-east"_s)->fenced());
    QVERIFY(demo->database(u"eu-west"_s)->role() == DemoDatabase::Role::Primary);
    QCOMPARE(demo->database(u"ap-southeast"_s)->upstream(), u"eu-west"_s);
    QCOMPARE(primaryRegion(), u"eu-west"_s);
    QCOMPARE(demo->control()->trafficSwitches(), QStringList { u"eu-west"_s });
    QCOMPARE(demo->control()->notices().size(), 1);
    const QString notice = demo->control()->notices().constFirst();
    QVERIFY2(notice.contains(u"failed over to EU West"_s), qPrintable(notice));
    QVERIFY2(notice.contains(u"tester"_s), qPrintable(notice));
    // No heartbeat on the demo: the RPO is EU West's own lag report (80 ms ± 30 %) as it stood
    // when US East was lost, journalled as that basis, a report under two 1 s intervals old.
    const QVariantMap &figures = failedOver->figures;
    QVERIFY2(!figures.contains(u"rpo_unknown"_s),
        qPrintable(figures.value(u"rpo_unknown"_s).toString()));
    QCOMPARE(figures.value(u"rpo_basis"_s).toString(), u"reported-lag"_s);
    QVERIFY(!figures.contains(u"rpo_rows"_s));
    const qint64 rpoMs = figures.value(u"rpo_ms"_s).toLongLong();
    const qint64 reportAgeMs = figures.value(u"rpo_report_age_ms"_s).toLongLong();
    QVERIFY2(rpoMs >= 0 && rpoMs <= 3000, qPrintable(QString::number(rpoMs)));
    QVERIFY2(reportAgeMs >= 0 && reportAgeMs <= 2000, qPrintable(QString::number(reportAgeMs)));
    const std::optional<JournalRun> journalled = engine.journal()->run(failedOver->runId);
    QVERIFY(journalled);
    QCOMPARE(journalled->figures.value(u"rpo_ms"_s).toLongLong(), rpoMs);
    QCOMPARE(journalled->figures.value(u"rpo_basis"_s).toString(), u"reported-lag"_s);

    // --- US East comes back: fenced, so no split brain ---------------------------------------
    demo->setFault(u"us-east"_s, DemoFault::None);
    const auto usEastAnswersAsStandby = [topology] {
        const NodeState *node = topology->node(u"us-east-health"_s);
        return node && node->answering && node->role == PostgresRole::Standby;
    };
    QTRY_VERIFY_WITH_TIMEOUT(usEastAnswersAsStandby(), ProbeTimeoutMs);
    QCOMPARE(primaryRegion(), u"eu-west"_s);

    const std::optional<RunResult> rejoined = run(engine, RunKind::Rejoin, u"us-east"_s, {});
    QVERIFY(rejoined);
    QVERIFY2(rejoined->outcome == u"verified", qPrintable(describe(*rejoined)));
    QVERIFY(demo->database(u"us-east"_s)->role() == DemoDatabase::Role::Standby);
    QVERIFY(!demo->database(u"us-east"_s)->fenced());
    QCOMPARE(demo->database(u"us-east"_s)->upstream(), u"eu-west"_s);

    // --- Fail back to US East -----------------------------------------------------------------
    QCOMPARE(failover->defaultTarget(RunKind::Failback), u"us-east"_s);
    // US East must have been healthy for the demo's 5 s first.
    QTRY_VERIFY_WITH_TIMEOUT(
        gate(RunKind::Failback, u"us-east"_s, GateKind::TargetSustained), 15000);
    const GateBoard failbackBoard = failover->board(RunKind::Failback, u"us-east"_s);
    // Only the cool-down: the test does not wait the demo's 10 s.
    const QMap<GateKind, QString> failbackOverrides
        = demoOverrides(failbackBoard, { GateKind::Cooldown });
    QVERIFY2(
        failbackBoard.go() || !failbackOverrides.isEmpty(), qPrintable(failedGates(failbackBoard)));
    qInfo("failback, overriding: %s", qPrintable(failedGates(failbackBoard)));
    const std::optional<RunResult> failedBack
        = run(engine, RunKind::Failback, u"us-east"_s, failbackOverrides);
    QVERIFY(failedBack);
    QVERIFY2(failedBack->outcome == u"verified", qPrintable(describe(*failedBack)));
    const StepRecord *catchUp = step(*failedBack, StepKind::CatchUp);
    QVERIFY(catchUp);
    QCOMPARE(toString(catchUp->state), toString(StepState::Skipped));
    QVERIFY2(catchUp->summary.contains(u"no admin connection"_s), qPrintable(catchUp->summary));
    for (StepKind kind : { StepKind::Fence, StepKind::Repoint, StepKind::Promote, StepKind::Demote,
             StepKind::Traffic, StepKind::Notify, StepKind::Verify }) {
        QVERIFY2(step(*failedBack, kind) && step(*failedBack, kind)->state == StepState::Done,
            qPrintable(describe(*failedBack)));
    }
    QVERIFY(demo->database(u"us-east"_s)->role() == DemoDatabase::Role::Primary);
    QVERIFY(!demo->database(u"us-east"_s)->fenced());
    QVERIFY(demo->database(u"eu-west"_s)->role() == DemoDatabase::Role::Standby);
    QCOMPARE(demo->database(u"eu-west"_s)->upstream(), u"us-east"_s);
    QCOMPARE(demo->database(u"ap-southeast"_s)->upstream(), u"us-east"_s);
    QCOMPARE(primaryRegion(), u"us-east"_s);
    QCOMPARE(demo->control()->trafficSwitches(), (QStringList { u"eu-west"_s, u"us-east"_s }));
    QCOMPARE(demo->control()->notices().size(), 2);
    QVERIFY2(demo->control()->notices().constLast().contains(u"failing back"_s),
        qPrintable(demo->control()->notices().constLast()));
    // The console sees it settle: US East primary, EU West a standby again.
    QTRY_VERIFY_WITH_TIMEOUT(
        [topology] {
            const NodeState *node = topology->node(u"eu-west-health"_s);
            return node && node->answering && node->role == PostgresRole::Standby;
        }(),
        ProbeTimeoutMs);
}

QTEST_GUILESS_MAIN(tst_DemoFailover)
#include "tst_demofailover.moc"
