#include "drillfigures.h"

#include <QTest>
#include <QTimeZone>

using namespace Console;
using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

namespace {

JournalEntry journalled(qint64 atMs, const QString &kind, const QString &region, const QString &to,
    const QString &message = {})
{
    JournalEntry entry;
    entry.monotonicMs = atMs;
    entry.category = u"event"_s;
    entry.name = kind;
    entry.message = message.isEmpty() ? kind + u' ' + region + u' ' + to : message;
    entry.fields = { { u"region"_s, region }, { u"to"_s, to } };
    return entry;
}

JournalRun run(qint64 id, const QString &kind, const QString &outcome, qint64 durationMs,
    const QVariantMap &figures = {})
{
    JournalRun r;
    r.id = id;
    r.kind = kind;
    r.outcome = outcome;
    r.startedAt = QDateTime(QDate(2026, 11, 29), QTime(10, 0), QTimeZone::utc()).addSecs(id);
    r.finishedAt = r.startedAt.addMSecs(durationMs);
    r.figures = figures;
    return r;
}

} // namespace

// Each figure of a drill, taken from journal entries and runs written by hand.
class tst_DrillFigures final : public QObject
{
    Q_OBJECT

private slots:
    void timeToDetectIsTheFirstVerdictOnTheFaultedRegion();
    void timeToDetectNeedsAFault();
    void rtoRunsFromTheFaultToTheFirstCommit();
    void failoverAndFailbackTimesAreTheVerifiedRuns();
    void rpoComesFromTheFailoverRun();
    void rpoOnTheReportedLagSaysSo();
    void errorRateCountsTheRegionsLeftAlone();
    void falsePositivesAreVerdictsElsewhere();
    void aFailoverMovesEveryRegionButDisruptsTwo();
    void judgeComparesEachTarget_data();
    void judgeComparesEachTarget();
};

void tst_DrillFigures::timeToDetectIsTheFirstVerdictOnTheFaultedRegion()
{
    DrillWindow window;
    window.methodStartMs = 1000;
    window.firstFaultMs = 5000;
    window.faultedRegions = { u"us-east"_s };
    const QList<JournalEntry> entries {
        journalled(4000, u"region-health"_s, u"us-east"_s, u"unhealthy"_s), // before the fault
        journalled(5200, u"region-health"_s, u"eu-west"_s, u"unhealthy"_s), // another region
        journalled(5300, u"region-health"_s, u"us-east"_s, u"healthy"_s), // not a failure
        journalled(6250, u"breaker"_s, u"us-east"_s, u"open"_s),
        journalled(6400, u"region-health"_s, u"us-east"_s, u"unhealthy"_s),
    };
    const DrillMeasurement m
        = DrillFigures::measure(DrillFigure::TimeToDetect, window, entries, {});
    QVERIFY(m.known);
    QCOMPARE(m.figures.value(u"time_to_detect_ms"_s).toLongLong(), 1250);
    QVERIFY2(m.text.startsWith(u"1.25 s"_s), qPrintable(m.text));
}

void tst_DrillFigures::timeToDetectNeedsAFault()
{
    const DrillMeasurement m = DrillFigures::measure(DrillFigure::TimeToDetect, {}, {}, {});
    QVERIFY(!m.known);
    QVERIFY(m.why.contains(u"no fault"_s));
}

void tst_DrillFigures::rtoRunsFromTheFaultToTheFirstCommit()
{
    DrillWindow window;
    window.firstFaultMs = 10000;
    window.faultedRegions = { u"us-east"_s };
    const QList<JournalRun> runs { run(1, u"failover"_s, u"failed"_s, 900,
                                       { { u"first_write_monotonic_ms"_s, 11000 } }),
        run(2, u"failover"_s, u"verified"_s, 700,
            { { u"first_write_monotonic_ms"_s, 13400 }, { u"rto_ms"_s, 2000 } }) };
    const DrillMeasurement m = DrillFigures::measure(DrillFigure::Rto, window, {}, runs);
    QVERIFY(m.known);
    QCOMPARE(m.figures.value(u"rto_ms"_s).toLongLong(), 3400);
    // Without a drill fault, the run's own RTO.
    const DrillMeasurement own = DrillFigures::measure(DrillFigure::Rto, {}, {}, runs);
    QCOMPARE(own.figures.value(u"rto_ms"_s).toLongLong(), 2000);
    const DrillMeasurement none = DrillFigures::measure(DrillFigure::Rto, window, {}, {});
    QVERIFY(!none.known);
}

void tst_DrillFigures::failoverAndFailbackTimesAreTheVerifiedRuns()
{
    const QList<JournalRun> runs { run(1, u"failover"_s, u"verified"_s, 1500),
        run(2, u"rejoin"_s, u"verified"_s, 3000), run(3, u"failback"_s, u"verified"_s, 2250) };
    const DrillMeasurement failover
        = DrillFigures::measure(DrillFigure::FailoverTime, {}, {}, runs);
    QCOMPARE(failover.figures.value(u"failover_ms"_s).toLongLong(), 1500);
    QCOMPARE(failover.figures.value(u"failover_run_id"_s).toLongLong(), 1);
    const DrillMeasurement failback
        = DrillFigures::measure(DrillFigure::FailbackTime, {}, {}, runs);
    QCOMPARE(failback.figures.value(u"failback_ms"_s).toLongLong(), 2250);
    const DrillMeasurement missing
        = DrillFigures::measure(DrillFigure::FailbackTime, {}, {}, runs.mid(0, 2));
    QVERIFY(!missing.known);
    QVERIFY(missing.why.contains(u"failback"_s));
}

void tst_DrillFigures::rpoComesFromTheFailoverRun()
{
    const QList<JournalRun> lost { run(
        1, u"failover"_s, u"verified"_s, 100, { { u"rpo_ms"_s, 0 }, { u"rpo_rows"_s, 0 } }) };
    const DrillMeasurement m = DrillFigures::measure(DrillFigure::Rpo, {}, {}, lost);
    QVERIFY(m.known);
    QCOMPARE(m.figures.value(u"rpo_ms"_s).toLongLong(), 0);
    QCOMPARE(m.figures.value(u"rpo_rows"_s).toLongLong(), 0);
    QVERIFY2(m.text.contains(u"0 heartbeat rows"_s), qPrintable(m.text));
    const QList<JournalRun> unknown { run(1, u"failover"_s, u"verified"_s, 100,
        { { u"rpo_unknown"_s, u"no heartbeat was seen on the old primary"_s } }) };
    const DrillMeasurement u = DrillFigures::measure(DrillFigure::Rpo, {}, {}, unknown);
    QVERIFY(!u.known);
    QCOMPARE(u.why, u"no heartbeat was seen on the old primary"_s);
}

void tst_DrillFigures::rpoOnTheReportedLagSaysSo()
{
    const QList<JournalRun> runs { run(1, u"failover"_s, u"verified"_s, 100,
        { { u"rpo_ms"_s, 250 }, { u"rpo_basis"_s, u"reported-lag"_s },
            { u"rpo_report_age_ms"_s, 400 } }) };
    const DrillMeasurement m = DrillFigures::measure(DrillFigure::Rpo, {}, {}, runs);
    QVERIFY(m.known);
    QCOMPARE(m.figures.value(u"rpo_ms"_s).toLongLong(), 250);
    QCOMPARE(m.figures.value(u"rpo_basis"_s).toString(), u"reported-lag"_s);
    QCOMPARE(m.figures.value(u"rpo_report_age_ms"_s).toLongLong(), 400);
    QVERIFY(!m.figures.contains(u"rpo_rows"_s));
    QCOMPARE(m.text, u"250 ms (standby's reported lag, 400 ms old)"_s);

    // Judged like any RPO, and the verdict carries the basis.
    DrillTargets targets;
    targets.rpo = std::chrono::milliseconds(60000);
    const QList<DrillTargetVerdict> verdicts = DrillFigures::judge(targets, m.figures);
    QCOMPARE(verdicts.size(), 1);
    QVERIFY(verdicts.constFirst().measured && verdicts.constFirst().passed);
    QCOMPARE(verdicts.constFirst().actual, m.text);
    targets.rpo = std::chrono::milliseconds(200);
    QVERIFY(!DrillFigures::judge(targets, m.figures).constFirst().passed);
}

void tst_DrillFigures::errorRateCountsTheRegionsLeftAlone()
{
    DrillWindow window;
    window.probes = 400;
    window.failedProbes = 2;
    const DrillMeasurement m = DrillFigures::measure(DrillFigure::ErrorRate, window, {}, {});
    QVERIFY(m.known);
    QCOMPARE(m.figures.value(u"error_rate"_s).toDouble(), 0.005);
    QCOMPARE(m.text, u"0.50 % (2 of 400 probes)"_s);
    QVERIFY(!DrillFigures::measure(DrillFigure::ErrorRate, {}, {}, {}).known);
}

void tst_DrillFigures::falsePositivesAreVerdictsElsewhere()
{
    DrillWindow window;
    window.methodStartMs = 1000;
    window.faultedRegions = { u"us-east"_s };
    const QList<JournalEntry> entries {
        journalled(500, u"region-health"_s, u"ap-southeast"_s, u"unhealthy"_s), // before the method
        journalled(2000, u"region-health"_s, u"us-east"_s, u"unhealthy"_s), // the fault's own
        journalled(2100, u"breaker"_s, u"ap-southeast"_s, u"open"_s, u"APAC breaker opened"_s),
        journalled(2200, u"region-health"_s, u"eu-west"_s, u"degraded"_s, u"EU West degraded"_s),
        journalled(2300, u"region-health"_s, u"eu-west"_s, u"healthy"_s),
    };
    const DrillMeasurement m
        = DrillFigures::measure(DrillFigure::FalsePositives, window, entries, {});
    QVERIFY(m.known);
    QCOMPARE(m.figures.value(u"false_positives"_s).toInt(), 2);
    QVERIFY2(m.text.contains(u"APAC breaker opened"_s), qPrintable(m.text));

    // What a failback the drill started does to EU West while it runs and settles is planned.
    window.plannedRuns.append({ 2150, 2250, { u"eu-west"_s }, { u"eu-west"_s } });
    const DrillMeasurement planned
        = DrillFigures::measure(DrillFigure::FalsePositives, window, entries, {});
    QCOMPARE(planned.figures.value(u"false_positives"_s).toInt(), 1);
    QVERIFY2(!planned.text.contains(u"EU West"_s), qPrintable(planned.text));
}

// A failover repoints APAC (its lag jumps: not a false positive) but leaves it answering, so its
// probes still count towards the error rate; EU West, promoted, may fail probes on purpose.
void tst_DrillFigures::aFailoverMovesEveryRegionButDisruptsTwo()
{
    DrillWindow window;
    window.plannedRuns.append({ 1000, 0, { u"us-east"_s, u"eu-west"_s, u"ap-southeast"_s },
        { u"us-east"_s, u"eu-west"_s } });
    QVERIFY(window.planned(u"ap-southeast"_s, 1500));
    QVERIFY(!window.disrupted(u"ap-southeast"_s, 1500));
    QVERIFY(window.disrupted(u"eu-west"_s, 1500)); // still running: no end yet
    QVERIFY(!window.disrupted(u"eu-west"_s, 999)); // before it started

    window.plannedRuns.first().endMs = 2000;
    QVERIFY(window.disrupted(u"eu-west"_s, 2000));
    QVERIFY(!window.disrupted(u"eu-west"_s, 2001));
    QVERIFY(!window.planned(u"ap-southeast"_s, 2001));
}

void tst_DrillFigures::judgeComparesEachTarget_data()
{
    QTest::addColumn<QVariantMap>("figures");
    QTest::addColumn<bool>("rtoPassed");
    QTest::addColumn<bool>("errorRatePassed");
    QTest::addColumn<bool>("measured");
    QTest::newRow("met") << QVariantMap { { u"rto_ms"_s, 1200 }, { u"error_rate"_s, 0.0 } } << true
                         << true << true;
    QTest::newRow("exactly at the target")
        << QVariantMap { { u"rto_ms"_s, 300000 }, { u"error_rate"_s, 0.01 } } << true << true
        << true;
    QTest::newRow("missed") << QVariantMap { { u"rto_ms"_s, 300001 }, { u"error_rate"_s, 0.02 } }
                            << false << false << true;
    QTest::newRow("not measured") << QVariantMap {} << false << false << false;
}

void tst_DrillFigures::judgeComparesEachTarget()
{
    QFETCH(QVariantMap, figures);
    QFETCH(bool, rtoPassed);
    QFETCH(bool, errorRatePassed);
    QFETCH(bool, measured);
    DrillTargets targets;
    targets.rto = milliseconds(300000);
    targets.errorRate = 0.01;
    const QList<DrillTargetVerdict> verdicts = DrillFigures::judge(targets, figures);
    QCOMPARE(verdicts.size(), 2);
    QCOMPARE(toString(verdicts.at(0).figure), toString(DrillFigure::Rto));
    QCOMPARE(verdicts.at(0).target, u"≤ 5 min"_s);
    QCOMPARE(verdicts.at(0).passed, rtoPassed);
    QCOMPARE(verdicts.at(0).measured, measured);
    QCOMPARE(verdicts.at(1).target, u"≤ 1.0 %"_s);
    QCOMPARE(verdicts.at(1).passed, errorRatePassed);
    if (!measured)
        QCOMPARE(verdicts.at(1).actual, u"not measured"_s);
}

QTEST_GUILESS_MAIN(tst_DrillFigures)
#include "tst_drillfigures.moc"
