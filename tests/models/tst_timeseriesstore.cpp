#include "bucketstats.h"
#include "timeseriesstore.h"

#include <QSignalSpy>
#include <QTest>

using namespace Console;
using Metric = TimeSeriesStore::Metric;

namespace {
ProbeResult result(ProbeStatus status, double latencyMs, qint64 startedMs)
{
    ProbeResult r;
    r.endpointId = QStringLiteral("ep");
    r.status = status;
    r.latencyMs = latencyMs;
    r.startedAt = QDateTime::fromMSecsSinceEpoch(startedMs, Qt::UTC);
    return r;
}

EndpointHealthUpdate evaluated(const ProbeResult &r)
{
    EndpointHealthUpdate u;
    u.endpointId = r.endpointId;
    u.result = r;
    return u;
}
} // namespace

class tst_TimeSeriesStore final : public QObject
{
    Q_OBJECT
private slots:
    void noSeriesUntilRecorded();
    void recordsAndSignals();
    void probeResults_data();
    void probeResults();
    void memoryStaysAtCapacity();
    void clearForgets();
    void constructors();
    void lagFromTheJudgedReading();
    void dayWindowReadsMinutesBeyondTheRawTier();
    void minutesAreBoundedAndCleared();
    void minuteAggregates();
};

void tst_TimeSeriesStore::noSeriesUntilRecorded()
{
    const TimeSeriesStore store(10);
    QCOMPARE(store.series(QStringLiteral("ep"), Metric::LatencyMs), nullptr);
    QCOMPARE(store.seriesCount(), 0);
}

void tst_TimeSeriesStore::recordsAndSignals()
{
    TimeSeriesStore store(10);
    QSignalSpy spy(&store, &TimeSeriesStore::appended);
    store.record(QStringLiteral("a"), Metric::LatencyMs, 1000, 42);
    store.record(QStringLiteral("b"), Metric::Success, 1000, 1);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("a"));
    QCOMPARE(spy.at(0).at(1).value<Metric>(), Metric::LatencyMs);
    QCOMPARE(spy.at(1).at(1).value<Metric>(), Metric::Success);

    const TimeSeries *latency = store.series(QStringLiteral("a"), Metric::LatencyMs);
    QVERIFY(latency);
    QCOMPARE(latency->capacity(), 10);
    QCOMPARE(latency->latest().value, 42.0);
    QCOMPARE(store.series(QStringLiteral("a"), Metric::Success), nullptr);
    // Pointers stay valid while other series are created.
    for (int i = 0; i < 50; ++i)
        store.record(QStringLiteral("x%1").arg(i), Metric::Success, 0, 0);
    QCOMPARE(latency->latest().tMs, 1000);
    QCOMPARE(store.series(QStringLiteral("a"), Metric::LatencyMs), latency);
}

void tst_TimeSeriesStore::probeResults_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<double>("latencyMs");
    QTest::addColumn<bool>("latencyRecorded");
    QTest::addColumn<double>("success");

    QTest::newRow("ok") << int(ProbeStatus::Ok) << 12.5 << true << 1.0;
    QTest::newRow("wrong status still answered")
        << int(ProbeStatus::HttpStatus) << 30.0 << true << 0.0;
    QTest::newRow("bad body answered") << int(ProbeStatus::BadBody) << 31.0 << true << 0.0;
    QTest::newRow("timeout has no latency") << int(ProbeStatus::Timeout) << 800.0 << false << 0.0;
    QTest::newRow("refused has no latency") << int(ProbeStatus::Refused) << 0.4 << false << 0.0;
    QTest::newRow("dns has no latency") << int(ProbeStatus::Dns) << -1.0 << false << 0.0;
    QTest::newRow("ok without a measure") << int(ProbeStatus::Ok) << -1.0 << false << 1.0;
}

void tst_TimeSeriesStore::probeResults()
{
    QFETCH(int, status);
    QFETCH(double, latencyMs);
    QFETCH(bool, latencyRecorded);
    QFETCH(double, success);

    TimeSeriesStore store(10);
    QSignalSpy spy(&store, &TimeSeriesStore::appended);
    store.onEndpointEvaluated(evaluated(result(ProbeStatus(status), latencyMs, 1'700'000'000'000)));
    const TimeSeries *latency = store.series(QStringLiteral("ep"), Metric::LatencyMs);
    QCOMPARE(latency != nullptr, latencyRecorded);
    if (latency) {
        QCOMPARE(latency->latest().value, latencyMs);
        QCOMPARE(latency->latest().tMs, 1'700'000'000'000);
    }
    const TimeSeries *ok = store.series(QStringLiteral("ep"), Metric::Success);
    QVERIFY(ok);
    QCOMPARE(ok->latest().value, success);
    QCOMPARE(ok->latest().tMs, 1'700'000'000'000);
    QCOMPARE(spy.count(), latencyRecorded ? 2 : 1);
}

void tst_TimeSeriesStore::memoryStaysAtCapacity()
{
    TimeSeriesStore store(600);
    for (int i = 0; i < 100000; ++i)
        store.onEndpointEvaluated(evaluated(
            result(i % 3 ? ProbeStatus::Ok : ProbeStatus::Timeout, 10 + i % 7, i * 1000LL)));
    const TimeSeries *latency = store.series(QStringLiteral("ep"), Metric::LatencyMs);
    const TimeSeries *ok = store.series(QStringLiteral("ep"), Metric::Success);
    QCOMPARE(store.seriesCount(), 2);
    QCOMPARE(latency->size(), 600);
    QCOMPARE(latency->capacity(), 600);
    QCOMPARE(ok->size(), 600);
    QCOMPARE(ok->latest().tMs, 99999 * 1000LL);
    QCOMPARE(ok->at(0).tMs, (100000 - 600) * 1000LL);
}

void tst_TimeSeriesStore::clearForgets()
{
    TimeSeriesStore store(5);
    store.record(QStringLiteral("a"), Metric::Success, 1, 1);
    store.clear();
    QCOMPARE(store.seriesCount(), 0);
    QCOMPARE(store.series(QStringLiteral("a"), Metric::Success), nullptr);
}

void tst_TimeSeriesStore::constructors()
{
    QObject parent;
    auto *byParent = new TimeSeriesStore(&parent);
    QCOMPARE(byParent->capacityPerSeries(), 3600);
    QCOMPARE(byParent->parent(), &parent);
    auto *both = new TimeSeriesStore(60, &parent);
    QCOMPARE(both->capacityPerSeries(), 60);
    const TimeSeriesStore defaults;
    QCOMPARE(defaults.capacityPerSeries(), 3600);
}

// The store charts the lag the health monitor judged, which the topology measured: the
// meaning (heartbeat over replay lag, NULL while caught up) is tested there, not here.
void tst_TimeSeriesStore::lagFromTheJudgedReading()
{
    TimeSeriesStore store(10);
    EndpointHealthUpdate update = evaluated(result(ProbeStatus::Ok, 2, 1000));
    update.lag = LagReading { qint64(128), 0.7, false, false, false };
    store.onEndpointEvaluated(update);
    QCOMPARE(store.series(QStringLiteral("ep"), Metric::LagSeconds)->latest().value, 0.7);
    QCOMPARE(store.series(QStringLiteral("ep"), Metric::LagBytes)->latest().value, 128.0);
    QCOMPARE(store.series(QStringLiteral("ep"), Metric::LagBytes)->latest().tMs, qint64(1000));

    // No reading (a primary, or an endpoint that reports none): no lag is charted.
    update.lag.reset();
    update.result.startedAt = QDateTime::fromMSecsSinceEpoch(2000, Qt::UTC);
    store.onEndpointEvaluated(update);
    QCOMPARE(store.series(QStringLiteral("ep"), Metric::LagSeconds)->size(), 1);
    QCOMPARE(store.series(QStringLiteral("ep"), Metric::Success)->size(), 2);

    // A reading with one figure unknown charts the other only.
    update.lag = LagReading { std::nullopt, 2.5, false, false, false };
    store.onEndpointEvaluated(update);
    QCOMPARE(store.series(QStringLiteral("ep"), Metric::LagSeconds)->latest().value, 2.5);
    QCOMPARE(store.series(QStringLiteral("ep"), Metric::LagBytes)->size(), 1);
}

namespace {
constexpr qint64 hourMs = 3600 * 1000;
// A minute boundary (28,333,333 minutes since the epoch), so the expected counts are exact.
constexpr qint64 baseMs = 28'333'333LL * 60'000;
} // namespace

// 25 h at 1 Hz into the store the window uses: the raw tier keeps the last hour, the minutes
// the 24 h before, and a 24 h query reaches back 24 h with every sample counted once.
void tst_TimeSeriesStore::dayWindowReadsMinutesBeyondTheRawTier()
{
    TimeSeriesStore store(3600);
    const QString ep = QStringLiteral("ep");
    const qint64 seconds = 25 * 3600;
    const qint64 spikeAt = 5430; // 1.5 h in: in the minutes part of a 24 h window, not raw
    for (qint64 s = 0; s < seconds; ++s) {
        const qint64 tMs = baseMs + s * 1000;
        store.record(ep, Metric::LatencyMs, tMs, s == spikeAt ? 1000.0 : double(s % 60));
        store.record(ep, Metric::Success, tMs, s % 10 == 0 ? 0.0 : 1.0); // 10 % errors
        store.record(ep, Metric::LagSeconds, tMs, s == spikeAt ? 90.0 : 0.5);
    }
    const TimeSeries *raw = store.series(ep, Metric::LatencyMs);
    const MinuteRollup *minutes = store.minutes(ep, Metric::LatencyMs);
    QVERIFY(raw && minutes);
    QCOMPARE(raw->size(), 3600);
    QCOMPARE(minutes->size(), TimeSeriesStore::minutesPerSeries);
    QCOMPARE(minutes->size(), 1440);
    // 1,499 minutes completed (the last one is still open), the newest 1,440 kept.
    QCOMPARE(minutes->at(0).startMs(), baseMs + 59 * 60'000);
    QCOMPARE(minutes->at(1439).startMs(), baseMs + 1498 * 60'000);

    const qint64 now = baseMs + seconds * 1000;
    const qint64 from = now - 24 * hourMs;
    const TieredSeries latency { raw, minutes };
    const QList<BucketStats> buckets
        = tieredBucketStats(QList<TieredSeries> { latency }, from, now, 288);
    QCOMPARE(buckets.size(), 288); // five minutes each, none empty
    // The earliest point is about 24 h old, not 1 h.
    QVERIFY2(now - buckets.first().midMs >= 24 * hourMs - 5 * 60'000,
        qPrintable(QString::number(double(now - buckets.first().midMs) / hourMs)));
    qint64 counted = 0;
    for (const BucketStats &b : buckets)
        counted += b.count;
    QCOMPARE(counted, 24 * 3600LL);
    // A five-minute bucket of whole minutes of 0..59: exact count, min, max and mean; the
    // percentiles of identical minutes are theirs (nearest rank of 60: the 30th and the 57th).
    const BucketStats &first = buckets.first();
    QCOMPARE(first.count, 300);
    QCOMPARE(first.min, 0.0);
    QCOMPARE(first.max, 59.0);
    QCOMPARE(first.mean, 29.5);
    QCOMPARE(first.p50, 29.0);
    QCOMPARE(first.p95, 56.0);
    // The bucket across the tiers' boundary and the raw ones look the same.
    for (const BucketStats &b : buckets) {
        if (b.max > 59.0)
            continue; // the spike's bucket
        QCOMPARE(b.count, 300);
        QCOMPARE(b.mean, 29.5);
        QCOMPARE(b.p50, 29.0);
        QCOMPARE(b.p95, 56.0);
    }
    // The spike half an hour into the window survives as its max.
    const BucketStats spike = windowTotals(latency, from, from + hourMs);
    QCOMPARE(spike.max, 1000.0);
    QCOMPARE(spike.count, 3600);
    QCOMPARE(windowTotals(latency, now - hourMs, now).max, 59.0);
    QCOMPARE(windowTotals(latency, from, now).count, 24 * 3600);

    // Error rate over the day, from minutes and raw samples alike.
    const TieredSeries success { store.series(ep, Metric::Success),
        store.minutes(ep, Metric::Success) };
    const BucketStats day = windowTotals(success, from, now);
    QCOMPARE(day.count, 24 * 3600);
    QVERIFY(qAbs(day.mean - 0.9) < 1e-6);

    // Lag points for a peak-keeping downsampler: minutes' extremes, then raw samples.
    const TieredSeries lag { store.series(ep, Metric::LagSeconds),
        store.minutes(ep, Metric::LagSeconds) };
    const QList<QPointF> points = tieredPoints(lag, from, now);
    QVERIFY(!points.isEmpty());
    QVERIFY(now - qint64(points.first().x()) >= 24 * hourMs - 60'000);
    QCOMPARE(qint64(points.last().x()), now - 1000);
    QCOMPARE(int(points.size()), 2 * (23 * 60 + 1) + 59 * 60);
    double peak = 0;
    for (const QPointF &p : points)
        peak = std::max(peak, p.y());
    QCOMPARE(peak, 90.0);
}

// A week of samples: neither tier grows past its capacity, and clear() forgets both.
void tst_TimeSeriesStore::minutesAreBoundedAndCleared()
{
    TimeSeriesStore store(600);
    const QString ep = QStringLiteral("ep");
    for (qint64 s = 0; s < 7 * 24 * 3600; s += 2)
        store.record(ep, Metric::LagBytes, baseMs + s * 1000, double(s));
    QCOMPARE(store.series(ep, Metric::LagBytes)->size(), 600);
    const MinuteRollup *minutes = store.minutes(ep, Metric::LagBytes);
    QCOMPARE(minutes->size(), 1440);
    QCOMPARE(minutes->capacity(), 1440);
    QCOMPARE(minutes->at(1439).count, 30);
    QCOMPARE(sizeof(MinuteRollup::Minute), std::size_t(28)); // 40,320 bytes a day
    QCOMPARE(store.minutes(ep, Metric::Success), nullptr);
    store.clear();
    QCOMPARE(store.minutes(ep, Metric::LagBytes), nullptr);
}

void tst_TimeSeriesStore::minuteAggregates()
{
    MinuteRollup rollup(3);
    QVERIFY(rollup.isEmpty());
    for (int i = 1; i <= 20; ++i)
        rollup.add(baseMs + i * 100, i); // 1..20 in the first minute
    QCOMPARE(rollup.size(), 0); // still open
    rollup.add(baseMs + 60'000, 7);
    QCOMPARE(rollup.size(), 1);
    const MinuteRollup::Minute m = rollup.at(0);
    QCOMPARE(m.startMs(), baseMs);
    QCOMPARE(m.count, 20);
    QCOMPARE(m.min, 1.0f);
    QCOMPARE(m.max, 20.0f);
    QCOMPARE(m.mean, 10.5f);
    QCOMPARE(m.p50, 10.0f);
    QCOMPARE(m.p95, 19.0f);
    // A gap leaves no minute behind; the ring keeps the newest three.
    rollup.add(baseMs + 10 * 60'000, 1);
    rollup.add(baseMs + 11 * 60'000, 2);
    rollup.add(baseMs + 12 * 60'000, 3);
    QCOMPARE(rollup.size(), 3);
    QCOMPARE(rollup.at(0).startMs(), baseMs + 60'000);
    QCOMPARE(rollup.at(0).count, 1);
    QCOMPARE(rollup.at(1).startMs(), baseMs + 10 * 60'000);
    QCOMPARE(rollup.at(2).startMs(), baseMs + 11 * 60'000);
    QCOMPARE(rollup.firstAtOrAfter(baseMs + 10 * 60'000 + 1), 2);
    QCOMPARE(MinuteRollup::minuteOf(-1), -1);
}

QTEST_GUILESS_MAIN(tst_TimeSeriesStore)
#include "tst_timeseriesstore.moc"
