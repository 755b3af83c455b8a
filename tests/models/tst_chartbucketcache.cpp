#include "chartbucketcache.h"
#include "timeseriesstore.h"

#include <QTest>

using namespace Console;
using Metric = TimeSeriesStore::Metric;

namespace {

// A minute boundary, so minutes and buckets line up the way they do at run time.
constexpr qint64 baseMs = 28'333'333LL * 60'000;
constexpr qint64 hourMs = 3600 * 1000;

// The first difference between two bucket lists, empty when they are equal field by field.
QString difference(const QList<BucketStats> &cached, const QList<BucketStats> &fresh)
{
    if (cached.size() != fresh.size())
        return QStringLiteral("%1 buckets, fresh %2").arg(cached.size()).arg(fresh.size());
    for (qsizetype i = 0; i < cached.size(); ++i) {
        const BucketStats &a = cached[i];
        const BucketStats &b = fresh[i];
        if (a.startMs != b.startMs || a.midMs != b.midMs || a.count != b.count || a.sum != b.sum
            || a.p50 != b.p50 || a.p95 != b.p95 || a.mean != b.mean || a.min != b.min
            || a.max != b.max)
            return QStringLiteral(
                "bucket %1 (start %2): count %3/%4 p50 %5/%6 p95 %7/%8 max %9/%10")
                .arg(i)
                .arg(a.startMs)
                .arg(a.count)
                .arg(b.count)
                .arg(a.p50)
                .arg(b.p50)
                .arg(a.p95)
                .arg(b.p95)
                .arg(a.max)
                .arg(b.max);
    }
    return {};
}

// A region's endpoints as a chart line reads them.
QList<TieredSeries> tiers(const TimeSeriesStore &store, const QStringList &ids, Metric metric)
{
    QList<TieredSeries> result;
    for (const QString &id : ids)
        result.append({ store.series(id, metric), store.minutes(id, metric) });
    return result;
}

// Deterministic noise with now and then a spike, so percentiles differ from bucket to bucket.
double valueAt(quint32 &seed)
{
    seed = seed * 1664525u + 1013904223u;
    const double jitter = double(seed >> 16) / 65536.0;
    return (seed >> 8) % 97 == 0 ? 500 + jitter : 20 + 30 * jitter;
}

} // namespace

// ChartBucketCache: whatever it reuses, each call returns exactly what alignedBucketStats()
// computes from the samples at that moment, and a live redraw recomputes only a few buckets.
class tst_ChartBucketCache : public QObject
{
    Q_OBJECT

private slots:
    void alignedBucketsAreCutAtTheWindowsEnds()
    {
        TimeSeries series(1000);
        for (int i = 0; i < 100; ++i)
            series.append(i * 1000, i);
        // Buckets of 10 s from 0: the window 25..65 s holds 25..29, 30..39, ..., 60..64.
        const QList<BucketStats> stats
            = alignedBucketStats({ { &series, nullptr } }, 25000, 65000, 10000);
        QCOMPARE(stats.size(), 5);
        QCOMPARE(stats[0].startMs, 25000);
        QCOMPARE(stats[0].midMs, 27500);
        QCOMPARE(stats[0].count, 5);
        QCOMPARE(stats[1].startMs, 30000);
        QCOMPARE(stats[1].midMs, 35000);
        QCOMPARE(stats[1].count, 10);
        QCOMPARE(stats[1].sum, 345.0);
        QCOMPARE(stats[1].p50, 34.0);
        QCOMPARE(stats[1].p95, 39.0);
        QCOMPARE(stats[4].startMs, 60000);
        QCOMPARE(stats[4].count, 5);
        QCOMPARE(stats[4].max, 64.0);
        QCOMPARE(alignedBucketOf(-1, 10000), -1);
        QCOMPARE(alignedBucketOf(0, 10000), 0);
        // On a window that starts on a boundary and holds whole buckets, the same as the buckets
        // relative to the window.
        const QList<BucketStats> relative
            = tieredBucketStats({ { &series, nullptr } }, 20000, 80000, 6);
        const QList<BucketStats> aligned
            = alignedBucketStats({ { &series, nullptr } }, 20000, 80000, 10000);
        QVERIFY2(
            difference(aligned, relative).isEmpty(), qPrintable(difference(aligned, relative)));
        // Without percentiles: the same counts, sums and extremes.
        const QList<BucketStats> cheap
            = alignedBucketStats({ { &series, nullptr } }, 25000, 65000, 10000, Percentiles::Skip);
        QCOMPARE(cheap.size(), 5);
        QCOMPARE(cheap[1].sum, 345.0);
        QCOMPARE(cheap[1].max, 39.0);
        QCOMPARE(cheap[1].p95, 0.0);
    }

    // A region of three endpoints fed 25 h at 1 Hz, then scrolled live for 10 minutes in each
    // window: the 24 h window reads the minute tier and sees the raw tier's start move each minute.
    void equalsFreshBucketsWhileScrolling_data()
    {
        QTest::addColumn<qint64>("windowMs");
        QTest::addColumn<int>("buckets");
        QTest::addColumn<bool>("percentiles");
        QTest::newRow("5 min") << qint64(5 * 60'000) << 225 << true;
        QTest::newRow("1 h") << hourMs << 225 << true;
        QTest::newRow("24 h") << 24 * hourMs << 225 << true;
        QTest::newRow("24 h, per pixel, no percentiles") << 24 * hourMs << 680 << false;
    }
    void equalsFreshBucketsWhileScrolling()
    {
        QFETCH(qint64, windowMs);
        QFETCH(int, buckets);
        QFETCH(bool, percentiles);
        const Percentiles mode = percentiles ? Percentiles::Compute : Percentiles::Skip;
        TimeSeriesStore store(3600);
        const QStringList ids = { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") };
        quint32 seed = 7;
        qint64 now = baseMs + 25 * hourMs;
        for (qint64 t = baseMs + 17; t < now; t += 1000) {
            for (const QString &id : ids)
                store.record(id, Metric::LatencyMs, t, valueAt(seed));
        }
        const qint64 width = (windowMs + buckets - 1) / buckets;
        ChartBucketCache cache;
        const QList<TieredSeries> series = tiers(store, ids, Metric::LatencyMs);
        int worstComputed = 0;
        for (int tick = 0; tick < 600; ++tick) {
            const QList<BucketStats> cached = cache.stats(series, now - windowMs, now, width, mode);
            const QList<BucketStats> fresh
                = alignedBucketStats(series, now - windowMs, now, width, mode);
            QVERIFY2(difference(cached, fresh).isEmpty(),
                qPrintable(QStringLiteral("tick %1: ").arg(tick) + difference(cached, fresh)));
            // As many buckets as asked for, one more where the window starts cut; fewer where the
            // window starts within a minute (the minute tier counts a minute from its start) and
            // the raw tier starts at the next whole minute: up to two minutes without a bucket.
            QVERIFY2(
                cached.size() >= buckets - 2 * 60'000 / width - 1 && cached.size() <= buckets + 1,
                qPrintable(QString::number(cached.size())));
            if (tick > 0)
                worstComputed = std::max(worstComputed, cache.computedLastTime());
            // A second passes; one endpoint misses it (a gap), the others answer.
            now += 1000;
            for (const QString &id : ids) {
                if (id != QStringLiteral("b") || tick % 50 != 0)
                    store.record(id, Metric::LatencyMs, now - 1000 + 17, valueAt(seed));
            }
        }
        // Live, a redraw summarises the newest buckets, the cut first one and the buckets the
        // raw tier's start or the ring's oldest sample moved through; not the window.
        QVERIFY2(worstComputed <= 8, qPrintable(QString::number(worstComputed)));
        QVERIFY(cache.cachedBuckets() >= buckets - 2);
    }

    // The worst regions are chosen from these totals: windowTotals() of the day, every tick.
    void totalsAreTheWindowsTotals()
    {
        TimeSeriesStore store(3600);
        const QString id = QStringLiteral("ep");
        quint32 seed = 3;
        qint64 now = baseMs + 25 * hourMs;
        for (qint64 t = baseMs + 400; t < now; t += 1000)
            store.record(id, Metric::Success, t, valueAt(seed) > 40 ? 0.0 : 1.0);
        const TieredSeries one { store.series(id, Metric::Success),
            store.minutes(id, Metric::Success) };
        ChartBucketCache cache;
        for (int tick = 0; tick < 120; ++tick) {
            const BucketStats totals = cache.totals({ one }, now - 24 * hourMs, now, 384'000);
            const BucketStats fresh = windowTotals(one, now - 24 * hourMs, now);
            QCOMPARE(totals.count, fresh.count);
            QCOMPARE(totals.min, fresh.min);
            QCOMPARE(totals.max, fresh.max);
            // The same sum added in another order.
            QVERIFY2(qAbs(totals.mean - fresh.mean) < 1e-12,
                qPrintable(QStringLiteral("%1 %2").arg(totals.mean).arg(fresh.mean)));
            QVERIFY(totals.mean > 0.5 && totals.mean < 1.0);
            now += 1000;
            store.record(id, Metric::Success, now - 600, tick % 3 ? 1.0 : 0.0);
        }
        QVERIFY(cache.computedLastTime() <= 4);
    }

    void aLateSampleOrAnotherWindowIsSeen()
    {
        TimeSeriesStore store(3600);
        const QString id = QStringLiteral("ep");
        for (qint64 s = 0; s < 1800; ++s)
            store.record(id, Metric::LagSeconds, baseMs + s * 1000, double(s % 7));
        const QList<TieredSeries> series = tiers(store, { id }, Metric::LagSeconds);
        const qint64 now = baseMs + 1800 * 1000;
        ChartBucketCache cache;
        cache.stats(series, now - hourMs, now, 16'000);
        QVERIFY(cache.computedLastTime() > 100);
        cache.stats(series, now - hourMs, now, 16'000);
        // Nothing changed: only the window's two cut ends are summarised again.
        QCOMPARE(cache.computedLastTime(), 2);
        // A late sample, twenty minutes back: its bucket is summarised again.
        store.record(id, Metric::LagSeconds, now - 20 * 60'000 + 500, 99);
        const QList<BucketStats> late = cache.stats(series, now - hourMs, now, 16'000);
        QVERIFY(cache.computedLastTime() > 2);
        QVERIFY2(difference(late, alignedBucketStats(series, now - hourMs, now, 16'000)).isEmpty(),
            qPrintable(difference(late, alignedBucketStats(series, now - hourMs, now, 16'000))));
        double peak = 0;
        for (const BucketStats &b : late)
            peak = std::max(peak, b.max);
        QCOMPARE(peak, 99.0);
        // Another width (a window switch or a resize) starts afresh and is right.
        const QList<BucketStats> wider = cache.stats(series, now - 24 * hourMs, now, 384'000);
        QCOMPARE(cache.computedLastTime(), int(24 * hourMs / 384'000) + 1);
        QVERIFY(difference(wider, alignedBucketStats(series, now - 24 * hourMs, now, 384'000))
                    .isEmpty());
        // So do other series in its place.
        const QList<BucketStats> none = cache.stats({}, now - hourMs, now, 16'000);
        QVERIFY(none.isEmpty());
    }

    void aClearedStoreIsNotMistakenForTheOldOne()
    {
        TimeSeriesStore store(600);
        const QString id = QStringLiteral("ep");
        for (qint64 s = 0; s < 1200; ++s)
            store.record(id, Metric::Success, baseMs + s * 1000, 1);
        const qint64 now = baseMs + 1200 * 1000;
        ChartBucketCache cache;
        cache.stats(tiers(store, { id }, Metric::Success), now - 600'000, now, 10'000);
        QVERIFY(cache.cachedBuckets() > 50);
        // A new configuration: the same endpoint id, other samples, perhaps the same address.
        store.clear();
        for (qint64 s = 0; s < 1200; ++s)
            store.record(id, Metric::Success, baseMs + s * 1000, 0);
        const QList<TieredSeries> again = tiers(store, { id }, Metric::Success);
        const QList<BucketStats> stats = cache.stats(again, now - 600'000, now, 10'000);
        QVERIFY(!stats.isEmpty());
        for (const BucketStats &b : stats)
            QCOMPARE(b.mean, 0.0);
        QVERIFY(difference(stats, alignedBucketStats(again, now - 600'000, now, 10'000)).isEmpty());
    }

    // A plain ring without minutes: the samples it drops leave the buckets they were in.
    void droppedRawSamplesLeaveTheirBuckets()
    {
        TimeSeries series(100);
        for (int i = 0; i < 100; ++i)
            series.append(i * 1000, i);
        const QList<TieredSeries> one = { { &series, nullptr } };
        ChartBucketCache cache;
        for (int i = 100; i < 160; ++i) {
            const qint64 now = i * 1000;
            const QList<BucketStats> cached = cache.stats(one, now - 200'000, now, 10'000);
            const QList<BucketStats> fresh = alignedBucketStats(one, now - 200'000, now, 10'000);
            QVERIFY2(difference(cached, fresh).isEmpty(), qPrintable(difference(cached, fresh)));
            series.append(now, i);
        }
    }
};

QTEST_GUILESS_MAIN(tst_ChartBucketCache)
#include "tst_chartbucketcache.moc"
