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
    void postgresLagFromBothSides();
    void standbySeriesAreKeyedAndCapped();
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
    store.onProbeResult(result(ProbeStatus(status), latencyMs, 1'700'000'000'000));
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
        store.onProbeResult(
            result(i % 3 ? ProbeStatus::Ok : ProbeStatus::Timeout, 10 + i % 7, i * 1000LL));
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

void tst_TimeSeriesStore::postgresLagFromBothSides()
{
    TimeSeriesStore store(10);
    ProbeResult primary;
    primary.endpointId = QStringLiteral("db1");
    primary.status = ProbeStatus::Ok;
    primary.latencyMs = 2;
    primary.startedAt = QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC);
    PostgresObservation pg;
    StandbyReplication caughtUp;
    caughtUp.name = QStringLiteral("s1");
    caughtUp.lagBytes = 0;
    StandbyReplication behind;
    behind.name = QStringLiteral("s2");
    behind.lagBytes = 4096;
    behind.replayLagS = 1.5;
    pg.standbys = { caughtUp, behind };
    primary.postgres = pg;
    store.onProbeResult(primary);

    const QString s1 = TimeSeriesStore::standbySeriesKey(u"db1"_qs, u"s1"_qs, QString());
    const QString s2 = TimeSeriesStore::standbySeriesKey(u"db1"_qs, u"s2"_qs, QString());
    QCOMPARE(store.series(s1, Metric::LagSeconds)->latest().value, 0.0);
    QCOMPARE(store.series(s2, Metric::LagBytes)->latest().value, 4096.0);
    QCOMPARE(store.series(s2, Metric::LagSeconds)->latest().value, 1.5);
    QCOMPARE(store.series(s2, Metric::LagSeconds)->latest().tMs, qint64(1000));

    ProbeResult standby = primary;
    standby.endpointId = QStringLiteral("db2");
    PostgresObservation own;
    own.role = PostgresRole::Standby;
    own.heartbeatLagS = 0.7;
    own.receiveReplayGapBytes = 128;
    own.replayDelayS = 900; // not a lag: must not be charted as one
    standby.postgres = own;
    store.onProbeResult(standby);
    QCOMPARE(store.series(QStringLiteral("db2"), Metric::LagSeconds)->latest().value, 0.7);
    QCOMPARE(store.series(QStringLiteral("db2"), Metric::LagBytes)->latest().value, 128.0);
    QCOMPARE(store.series(QStringLiteral("db2"), Metric::LagSeconds)->size(), 1);
}

void tst_TimeSeriesStore::standbySeriesAreKeyedAndCapped()
{
    TimeSeriesStore store(10);
    ProbeResult primary;
    primary.endpointId = u"db1"_qs;
    primary.status = ProbeStatus::Ok;
    primary.startedAt = QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC);
    PostgresObservation pg;
    // Two standbys left at the default application_name stay apart by address.
    for (int i = 0; i < TimeSeriesStore::MaxStandbySeriesPerPrimary + 8; ++i) {
        StandbyReplication s;
        s.name = u"walreceiver"_qs;
        s.clientAddr = u"10.0.0.%1"_qs.arg(i);
        s.lagBytes = i;
        pg.standbys.append(s);
    }
    primary.postgres = pg;
    store.onProbeResult(primary);
    const auto key = [](int i) {
        return TimeSeriesStore::standbySeriesKey(
            u"db1"_qs, u"walreceiver"_qs, u"10.0.0.%1"_qs.arg(i));
    };
    QCOMPARE(store.series(key(1), Metric::LagBytes)->latest().value, 1.0);
    QCOMPARE(store.series(key(2), Metric::LagBytes)->latest().value, 2.0);
    QVERIFY(store.series(key(TimeSeriesStore::MaxStandbySeriesPerPrimary - 1), Metric::LagBytes));
    QVERIFY(!store.series(key(TimeSeriesStore::MaxStandbySeriesPerPrimary), Metric::LagBytes));
}

QTEST_GUILESS_MAIN(tst_TimeSeriesStore)
#include "tst_timeseriesstore.moc"
