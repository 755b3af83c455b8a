#include "bucketstats.h"

#include <QTest>

using namespace Console;

// Per-bucket summaries for the charts: percentiles by nearest rank, series merged, gaps kept, and
// only the samples of the window read.
class tst_BucketStats : public QObject
{
    Q_OBJECT

private slots:
    void percentilesPerBucket()
    {
        TimeSeries series(1000);
        // Bucket 0 (0..9 s): 1..10 ms; bucket 1 (10..19 s): 100 ms with one 900 ms outlier.
        for (int i = 0; i < 10; ++i)
            series.append(i * 1000, i + 1);
        for (int i = 10; i < 20; ++i)
            series.append(i * 1000, i == 15 ? 900 : 100);
        const QList<BucketStats> stats = bucketStats({ &series }, 0, 20000, 2);
        QCOMPARE(stats.size(), 2);
        QCOMPARE(stats[0].count, 10);
        QCOMPARE(stats[0].p50, 5.0);
        QCOMPARE(stats[0].p95, 10.0);
        QCOMPARE(stats[0].mean, 5.5);
        QCOMPARE(stats[0].min, 1.0);
        QCOMPARE(stats[0].max, 10.0);
        QCOMPARE(stats[0].startMs, 0);
        QCOMPARE(stats[0].midMs, 5000);
        QCOMPARE(stats[1].p50, 100.0);
        QCOMPARE(stats[1].p95, 900.0);
        QCOMPARE(stats[1].max, 900.0);
    }

    void mergesSeriesAndSkipsEmptyBuckets()
    {
        TimeSeries a(100);
        TimeSeries b(100);
        a.append(1000, 0);
        b.append(1500, 1);
        a.append(9000, 1);
        const QList<BucketStats> stats = bucketStats({ &a, &b, nullptr }, 0, 10000, 10);
        QCOMPARE(stats.size(), 2); // buckets 1 and 9; the gap between stays a gap
        QCOMPARE(stats[0].count, 2);
        QCOMPARE(stats[0].mean, 0.5);
        QCOMPARE(stats[1].startMs, 9000);
    }

    void readsOnlyTheWindow()
    {
        TimeSeries series(100);
        for (int i = 0; i < 100; ++i)
            series.append(i * 1000, i);
        QCOMPARE(firstSampleAtOrAfter(series, 0), 0);
        QCOMPARE(firstSampleAtOrAfter(series, 41500), 42);
        QCOMPARE(firstSampleAtOrAfter(series, 1000000), 100);
        const QList<BucketStats> stats = bucketStats({ &series }, 40000, 50000, 1);
        QCOMPARE(stats.size(), 1);
        QCOMPARE(stats[0].count, 10); // 40..49: the end is excluded
        QCOMPARE(stats[0].min, 40.0);
        QCOMPARE(stats[0].max, 49.0);
    }

    void degenerate()
    {
        TimeSeries series(10);
        QVERIFY(bucketStats({ &series }, 0, 1000, 10).isEmpty());
        series.append(500, 3);
        QVERIFY(bucketStats({ &series }, 0, 1000, 0).isEmpty());
        QVERIFY(bucketStats({ &series }, 1000, 1000, 5).isEmpty());
        QVERIFY(bucketStats({}, 0, 1000, 5).isEmpty());
        const QList<BucketStats> one = bucketStats({ &series }, 0, 1000, 1);
        QCOMPARE(one.size(), 1);
        QCOMPARE(one[0].p50, 3.0);
        QCOMPARE(one[0].p95, 3.0);
    }
};

QTEST_GUILESS_MAIN(tst_BucketStats)
#include "tst_bucketstats.moc"
