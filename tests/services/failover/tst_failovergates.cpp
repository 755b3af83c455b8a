#include "failovergates.h"

#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

// The go/no-go board is pure: each gate's verdict and reason from its inputs.
class tst_FailoverGates final : public QObject
{
    Q_OBJECT
private slots:
    void readyFailoverIsGo();
    void eachFailoverGate_data();
    void eachFailoverGate();
    void overrideNeedsAReasonAndNeverOpensTheLock();
    void failbackGates();
    void rejoinNeedsOnlyAPrimaryAndTheLock();
};

namespace {

GateInputs ready()
{
    GateInputs in;
    in.kind = RunKind::Failover;
    in.targetRegion = QStringLiteral("eu-west");
    in.targetName = QStringLiteral("EU West");
    in.fromRegion = QStringLiteral("us-east");
    in.fromName = QStringLiteral("US East");
    in.targetPromotable = true;
    in.targetHealth = Health::Degraded; // not streaming since the primary died
    in.targetIsStandby = true;
    in.lossBytes = 4096;
    in.lossSeconds = 0.2;
    in.oldPrimaryConfirmedDown = true;
    in.oldPrimaryState = QStringLiteral("3 of 3 confirmation probes failed");
    return in;
}

} // namespace

void tst_FailoverGates::readyFailoverIsGo()
{
    const GateBoard board = FailoverGates::evaluate(ready(), FailoverSettings());
    QVERIFY(board.go());
    QCOMPARE(board.gates.size(), 7);
    QVERIFY(board.failed().isEmpty());
    QVERIFY(board.gate(GateKind::TargetLag)->reason.contains(QStringLiteral("4.0 KiB")));
}

void tst_FailoverGates::eachFailoverGate_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("gate");
    QTest::addColumn<QString>("reasonPart");
    QTest::newRow("no way to promote") << "promotable"
                                       << "target-promotable"
                                       << "neither";
    QTest::newRow("target unhealthy") << "unhealthy"
                                      << "target-healthy"
                                      << "timeout";
    QTest::newRow("target is no standby") << "not-standby"
                                          << "target-healthy"
                                          << "as a standby";
    QTest::newRow("too many bytes behind") << "bytes"
                                           << "target-lag"
                                           << "over the 1.0 MiB limit";
    QTest::newRow("too many seconds behind") << "seconds"
                                             << "target-lag"
                                             << "over the 10";
    QTest::newRow("loss unknown") << "unknown"
                                  << "target-lag"
                                  << "console started after";
    QTest::newRow("primary not confirmed") << "unconfirmed"
                                           << "old-primary-down"
                                           << "not confirmed";
    QTest::newRow("self-check") << "selfcheck"
                                << "self-check"
                                << "control endpoint";
    QTest::newRow("cool-down") << "cooldown"
                               << "cooldown"
                               << "the cool-down is 5 min";
    QTest::newRow("lock held") << "lock"
                               << "action-lock"
                               << "held by alice";
}

void tst_FailoverGates::eachFailoverGate()
{
    QFETCH(QString, change);
    QFETCH(QString, gate);
    QFETCH(QString, reasonPart);
    GateInputs in = ready();
    if (change == u"promotable")
        in.targetPromotable = false;
    if (change == u"unhealthy") {
        in.targetHealth = Health::Unhealthy;
        in.targetHealthReason = QStringLiteral("timeout after 800 ms");
    }
    if (change == u"not-standby")
        in.targetIsStandby = false;
    if (change == u"bytes")
        in.lossBytes = 5 * 1024 * 1024;
    if (change == u"seconds")
        in.lossSeconds = 42;
    if (change == u"unknown") {
        in.lossBytes.reset();
        in.lossSeconds.reset();
        in.lossUnknownReason = QStringLiteral("the console started after the primary was lost");
    }
    if (change == u"unconfirmed")
        in.oldPrimaryConfirmedDown = false;
    if (change == u"selfcheck") {
        in.selfCheckSuspected = true;
        in.selfCheckReason = QStringLiteral("control endpoint Reference fails");
    }
    if (change == u"cooldown")
        in.sinceLastRun = 60s;
    if (change == u"lock")
        in.lockHolder = QStringLiteral("alice, window (pid 42 on desk)");

    const GateBoard board = FailoverGates::evaluate(in, FailoverSettings());
    QVERIFY(!board.go());
    QCOMPARE(board.failed().size(), 1);
    QCOMPARE(toString(board.failed().constFirst()), gate);
    const Gate *failed = board.gate(*gateKindFromString(gate));
    QVERIFY2(failed->reason.contains(reasonPart), qPrintable(failed->reason));
}

void tst_FailoverGates::overrideNeedsAReasonAndNeverOpensTheLock()
{
    GateInputs in = ready();
    in.oldPrimaryConfirmedDown = false;
    GateBoard board = FailoverGates::evaluate(in, FailoverSettings());
    FailoverGates::applyOverrides(board, { { GateKind::OldPrimaryDown, QStringLiteral("  ") } });
    QVERIFY2(!board.go(), "a blank reason is no reason");
    FailoverGates::applyOverrides(
        board, { { GateKind::OldPrimaryDown, QStringLiteral("planned move, app stopped") } });
    QVERIFY(board.go());
    QVERIFY(board.gate(GateKind::OldPrimaryDown)->overridden);
    QCOMPARE(board.gate(GateKind::OldPrimaryDown)->overrideReason,
        QStringLiteral("planned move, app stopped"));
    // Overriding a gate that passed changes nothing.
    QVERIFY(!board.gate(GateKind::SelfCheck)->overridden);

    in.lockHolder = QStringLiteral("bob");
    board = FailoverGates::evaluate(in, FailoverSettings());
    FailoverGates::applyOverrides(board,
        { { GateKind::OldPrimaryDown, QStringLiteral("planned") },
            { GateKind::ActionLock, QStringLiteral("I know better") } });
    QVERIFY(!board.go());
    QVERIFY(board.failed() == QList<GateKind> { GateKind::ActionLock });
}

void tst_FailoverGates::failbackGates()
{
    GateInputs in;
    in.kind = RunKind::Failback;
    in.targetRegion = QStringLiteral("us-east");
    in.targetName = QStringLiteral("US East");
    in.fromName = QStringLiteral("EU West");
    in.targetPromotable = true;
    in.primaryAnswering = true;
    in.targetStreamingFromPrimary = true;
    in.targetHealthyFor = 30s;
    FailoverSettings settings;
    GateBoard board = FailoverGates::evaluate(in, settings);
    QVERIFY(board.failed() == QList<GateKind> { GateKind::TargetSustained });
    QVERIFY2(board.gate(GateKind::TargetSustained)->reason.contains(QStringLiteral("of the 1 min")),
        qPrintable(board.gate(GateKind::TargetSustained)->reason));
    in.targetHealthyFor = 61s;
    QVERIFY(FailoverGates::evaluate(in, settings).go());
    in.targetStreamingFromPrimary = false;
    board = FailoverGates::evaluate(in, settings);
    QVERIFY(
        board.gate(GateKind::TargetSustained)->reason.contains(QStringLiteral("rejoin it first")));
    in.targetStreamingFromPrimary = true;
    in.primaryAnswering = false;
    QVERIFY(FailoverGates::evaluate(in, settings).failed()
        == QList<GateKind> { GateKind::PrimaryHealthy });
}

void tst_FailoverGates::rejoinNeedsOnlyAPrimaryAndTheLock()
{
    GateInputs in;
    in.kind = RunKind::Rejoin;
    in.fromName = QStringLiteral("EU West");
    in.primaryAnswering = true;
    const GateBoard board = FailoverGates::evaluate(in, FailoverSettings());
    QCOMPARE(board.gates.size(), 2);
    QVERIFY(board.go());
}

QTEST_GUILESS_MAIN(tst_FailoverGates)
#include "tst_failovergates.moc"
