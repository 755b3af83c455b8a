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

QTEST_GUILESS_MAIN(tst_TimeSeriesStore)
#include "tst_timeseriesstore.moc"
