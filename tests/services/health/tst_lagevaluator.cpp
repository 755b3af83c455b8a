#include "lagevaluator.h"

#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

namespace {
constexpr qint64 MiB = 1024 * 1024;

LagReading reading(std::optional<double> seconds, std::optional<qint64> bytes, bool paused = false,
    bool notStreaming = false)
{
    return LagReading { bytes, seconds, paused, notStreaming, false };
}
} // namespace

class tst_LagEvaluator final : public QObject
{
    Q_OBJECT
private slots:
    void thresholds_data();
    void thresholds();
    void worseAppliesAtOnceBetterNeedsARun();
    void unknownFiguresJudgeNothing();
    void notStreamingIsDegraded();
    void aMissingStreamMustLast();
    void aPromotedStandbyHasNoLag();
};

void tst_LagEvaluator::thresholds_data()
{
    QTest::addColumn<double>("seconds");
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<bool>("paused");
    QTest::addColumn<int>("health");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("reason");
    // Defaults: warning 5 s / 16 MiB, critical 30 s / 256 MiB.
    QTest::newRow("caught up") << 0.0 << qint64(0) << false << int(Health::Healthy)
                               << QStringLiteral("none") << QString();
    QTest::newRow("just under the warning") << 4.99 << 16 * MiB - 1 << false << int(Health::Healthy)
                                            << QStringLiteral("none") << QString();
    QTest::newRow("seconds warning")
        << 9.5 << qint64(1024) << false << int(Health::Degraded) << QStringLiteral("lag-seconds")
        << QStringLiteral("replication lag 9.50 s, over the warning 5 s");
    QTest::newRow("bytes warning")
        << 0.2 << 17 * MiB << false << int(Health::Degraded) << QStringLiteral("lag-bytes")
        << QStringLiteral("17.0 MiB of WAL not replayed, over the warning 16.0 MiB");
    QTest::newRow("seconds critical")
        << 31.0 << qint64(0) << false << int(Health::Unhealthy) << QStringLiteral("lag-seconds")
        << QStringLiteral("replication lag 31.0 s, over the critical 30 s");
    QTest::newRow("bytes critical")
        << 1.0 << 300 * MiB << false << int(Health::Unhealthy) << QStringLiteral("lag-bytes")
        << QStringLiteral("300.0 MiB of WAL not replayed, over the critical 256.0 MiB");
    // The reference's "17 MiB unreplayed with replay paused" case: degraded, and it says why.
    QTest::newRow("paused with a backlog")
        << 1.0 << 17 * MiB << true << int(Health::Degraded) << QStringLiteral("replay-paused")
        << QStringLiteral("replay paused with 17.0 MiB of WAL waiting");
    QTest::newRow("paused, nothing waiting")
        << 0.0 << qint64(0) << true << int(Health::Degraded) << QStringLiteral("replay-paused")
        << QStringLiteral("replay paused");
    QTest::newRow("critical beats paused")
        << 45.0 << qint64(0) << true << int(Health::Unhealthy) << QStringLiteral("lag-seconds")
        << QStringLiteral("replication lag 45.0 s, over the critical 30 s");
}

void tst_LagEvaluator::thresholds()
{
    QFETCH(double, seconds);
    QFETCH(qint64, bytes);
    QFETCH(bool, paused);
    QFETCH(int, health);
    QFETCH(QString, cause);
    QFETCH(QString, reason);
    LagEvaluator evaluator(LagThresholds(), 3);
    const LagEvaluator::Verdict v = evaluator.add(reading(seconds, bytes, paused));
    QCOMPARE(int(v.health), health);
    QCOMPARE(toString(v.cause), cause);
    QCOMPARE(v.reason, reason);
    QVERIFY(v.changed);
}

void tst_LagEvaluator::worseAppliesAtOnceBetterNeedsARun()
{
    LagEvaluator evaluator(LagThresholds(), 3);
    QCOMPARE(toString(evaluator.add(reading(0.1, 0)).health), toString(Health::Healthy));
    const LagEvaluator::Verdict bad = evaluator.add(reading(40.0, 0));
    QCOMPARE(toString(bad.health), toString(Health::Unhealthy));
    QVERIFY(bad.changed);
    // Two good readings hold the verdict, and say how far the recovery has come.
    const LagEvaluator::Verdict held = evaluator.add(reading(0.1, 0));
    QCOMPARE(toString(held.health), toString(Health::Unhealthy));
    QVERIFY(!held.changed);
    QCOMPARE(held.reason,
        QStringLiteral("replication lag 40.0 s, over the critical 30 s (recovering 1 of 3)"));
    QCOMPARE(toString(evaluator.add(reading(0.1, 0)).health), toString(Health::Unhealthy));
    // A relapse restarts the count.
    QCOMPARE(toString(evaluator.add(reading(35.0, 0)).health), toString(Health::Unhealthy));
    QCOMPARE(toString(evaluator.add(reading(0.1, 0)).health), toString(Health::Unhealthy));
    QCOMPARE(toString(evaluator.add(reading(0.1, 0)).health), toString(Health::Unhealthy));
    const LagEvaluator::Verdict recovered = evaluator.add(reading(0.1, 0));
    QCOMPARE(toString(recovered.health), toString(Health::Healthy));
    QVERIFY(recovered.changed);
    QVERIFY(recovered.reason.isEmpty());
}

void tst_LagEvaluator::unknownFiguresJudgeNothing()
{
    LagEvaluator evaluator(LagThresholds(), 1);
    const LagEvaluator::Verdict v = evaluator.add(reading(std::nullopt, std::nullopt));
    QCOMPARE(toString(v.health), toString(Health::Healthy));
    QCOMPARE(toString(v.cause), QStringLiteral("none"));
}

// A standby that streams from nobody while a primary is up (after a promotion nobody re-pointed
// it, or its receiver died) has stale figures that may even read 0: it is degraded all the same.
void tst_LagEvaluator::notStreamingIsDegraded()
{
    LagEvaluator evaluator(LagThresholds(), 1);
    const LagEvaluator::Verdict v = evaluator.add(reading(std::nullopt, std::nullopt, false, true));
    QCOMPARE(toString(v.health), toString(Health::Degraded));
    QCOMPARE(toString(v.cause), QStringLiteral("not-streaming"));
    QCOMPARE(v.reason, QStringLiteral("not streaming from any upstream while a primary is up"));
    // A critical lag still says more than the missing stream.
    QCOMPARE(toString(evaluator.add(reading(40.0, 0, false, true)).cause),
        QStringLiteral("lag-seconds"));
    QCOMPARE(
        toString(evaluator.add(reading(40.0, 0, false, true)).health), toString(Health::Unhealthy));
    QCOMPARE(toString(evaluator.add(reading(0.1, 0)).health), toString(Health::Healthy));
}

// At a primary's crash its standbys lose their stream a moment before the console sees the
// primary refuse: one or two readings without a stream must not turn them degraded.
void tst_LagEvaluator::aMissingStreamMustLast()
{
    LagEvaluator evaluator(LagThresholds(), 3);
    QCOMPARE(toString(evaluator.add(reading(0.1, 0)).health), toString(Health::Healthy));
    QCOMPARE(
        toString(evaluator.add(reading(0.1, 0, false, true)).health), toString(Health::Healthy));
    QCOMPARE(
        toString(evaluator.add(reading(0.1, 0, false, true)).health), toString(Health::Healthy));
    QCOMPARE(
        toString(evaluator.add(reading(0.1, 0, false, true)).health), toString(Health::Degraded));
    // A stream back, then lost again: the count starts over.
    LagEvaluator again(LagThresholds(), 3);
    again.add(reading(0.1, 0, false, true));
    again.add(reading(0.1, 0, false, true));
    again.add(reading(0.1, 0));
    QCOMPARE(toString(again.add(reading(0.1, 0, false, true)).health), toString(Health::Healthy));
}

// A standby promoted while degraded for lag is a primary now: the lag verdict ends at once.
void tst_LagEvaluator::aPromotedStandbyHasNoLag()
{
    LagEvaluator evaluator(LagThresholds(), 3);
    QCOMPARE(toString(evaluator.add(reading(40.0, 0)).health), toString(Health::Unhealthy));
    LagReading primary;
    primary.isPrimary = true;
    const LagEvaluator::Verdict v = evaluator.add(primary);
    QCOMPARE(toString(v.health), toString(Health::Healthy));
    QVERIFY(v.changed);
    QVERIFY(v.reason.isEmpty());
}

QTEST_GUILESS_MAIN(tst_LagEvaluator)
#include "tst_lagevaluator.moc"
