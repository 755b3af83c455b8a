#include "configbuilder.h"
#include "configoverview.h"
#include "fakeclock.h"
#include "landoutline.h"
#include "mapprojection.h"
#include "regionmap.h"
#include "regionmapstate.h"
#include "topologystate.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Console;
using namespace std::chrono_literals;

namespace {

const QString East = QStringLiteral("us-east-db");
const QString West = QStringLiteral("eu-west-db");
const QString Apac = QStringLiteral("ap-db");

ConsoleConfig threeRegions()
{
    ConsoleConfig config
        = ConfigBuilder()
              .lag(LagThresholds { 5000ms, 30000ms, 16 * 1024 * 1024, 256 * 1024 * 1024 })
              .region(QStringLiteral("us-east"), RegionRole::Primary, QStringLiteral("US East"))
              .postgres(East, QStringLiteral("host=127.0.0.1 port=5432 dbname=postgres"))
              .region(QStringLiteral("eu-west"), RegionRole::Standby, QStringLiteral("EU West"))
              .postgres(West, QStringLiteral("host=127.0.0.1 port=5433 dbname=postgres"))
              .region(QStringLiteral("ap"), RegionRole::Replica, QStringLiteral("APAC"))
              .postgres(Apac, QStringLiteral("host=127.0.0.1 port=5434 dbname=postgres"))
              .build();
    const double places[][2] = { { 38.9, -77.4 }, { 53.3, -6.3 }, { 1.35, 103.8 } };
    for (int i = 0; i < 3; ++i) {
        config.regions[i].latitude = places[i][0];
        config.regions[i].longitude = places[i][1];
    }
    return config;
}

StandbyReplication row(const QString &name, qint64 lagBytes, double replayLag)
{
    StandbyReplication r;
    r.name = name;
    r.state = QStringLiteral("streaming");
    r.lagBytes = lagBytes;
    r.replayLagS = replayLag;
    return r;
}

ProbeResult primary(const QString &id, const QList<StandbyReplication> &standbys)
{
    ProbeResult r;
    r.endpointId = id;
    r.status = ProbeStatus::Ok;
    PostgresObservation o;
    o.role = PostgresRole::Primary;
    o.currentLsn = QStringLiteral("0/5000000");
    o.standbys = standbys;
    r.postgres = o;
    return r;
}

ProbeResult standby(const QString &id, const QString &name)
{
    ProbeResult r;
    r.endpointId = id;
    r.status = ProbeStatus::Ok;
    PostgresObservation o;
    o.role = PostgresRole::Standby;
    o.receiveLsn = QStringLiteral("0/5000000");
    o.replayLsn = o.receiveLsn;
    o.receiverStatus = QStringLiteral("streaming");
    o.receiverApplicationName = name;
    r.postgres = o;
    return r;
}

// A topology fed real probe results, as the engine feeds it.
struct Fixture
{
    ConsoleConfig config = threeRegions();
    FakeClock clock;
    std::unique_ptr<TopologyState> topology;

    Fixture() { start(); }
    void start()
    {
        topology = std::make_unique<TopologyState>(config);
        topology->setClock(&clock);
    }
    // East primary; West `westLag` seconds behind, APAC 0.2 s.
    void eastPrimary(double westLag, qint64 westBytes = 4096)
    {
        topology->observe(primary(East,
            { row(QStringLiteral("west"), westBytes, westLag),
                row(QStringLiteral("apac"), 1024, 0.2) }));
        topology->observe(standby(West, QStringLiteral("west")));
        topology->observe(standby(Apac, QStringLiteral("apac")));
    }
    RegionMapSnapshot map(const QHash<QString, RegionVerdict> &verdicts = {}) const
    {
        return buildRegionMap(ConfigOverview::from(config), config.lag, topology.get(), verdicts);
    }
};

} // namespace

class tst_RegionMap final : public QObject
{
    Q_OBJECT
private slots:
    void severityAgainstThresholds_data();
    void severityAgainstThresholds();
    void lagOverTheWarningThresholdIsAnAmberLink();
    void primaryIsWhatTheServersReport();
    void regionWithoutCoordinatesKeepsItsMarker();
    void httpRegionsFollowThePrimary();
    void stateEmitsOnlyNewsWithThePreviousSnapshot();
    void landOutlineFromTheResource();
    void damagedLandDataIsRefused();
};

void tst_RegionMap::severityAgainstThresholds_data()
{
    QTest::addColumn<double>("seconds"); // < 0: unknown
    QTest::addColumn<qint64>("bytes"); // < 0: unknown
    QTest::addColumn<int>("expected");
    const qint64 MiB = 1024 * 1024;
    QTest::newRow("nothing known") << -1.0 << qint64(-1) << int(LinkSeverity::Unknown);
    QTest::newRow("small lag") << 0.3 << qint64(4096) << int(LinkSeverity::Ok);
    QTest::newRow("at the warning is still ok") << 5.0 << qint64(-1) << int(LinkSeverity::Ok);
    QTest::newRow("over the warning") << 5.1 << qint64(-1) << int(LinkSeverity::Warning);
    QTest::newRow("over the critical") << 31.0 << qint64(-1) << int(LinkSeverity::Critical);
    QTest::newRow("bytes over the warning") << 0.1 << 17 * MiB << int(LinkSeverity::Warning);
    QTest::newRow("bytes over the critical") << 6.0 << 300 * MiB << int(LinkSeverity::Critical);
    QTest::newRow("bytes only") << -1.0 << 1 * MiB << int(LinkSeverity::Ok);
}

void tst_RegionMap::severityAgainstThresholds()
{
    QFETCH(double, seconds);
    QFETCH(qint64, bytes);
    QFETCH(int, expected);
    const LagThresholds thresholds; // 5 s / 30 s, 16 MiB / 256 MiB
    const LinkSeverity severity
        = lagSeverity(seconds < 0 ? std::nullopt : std::optional<double>(seconds),
            bytes < 0 ? std::nullopt : std::optional<qint64>(bytes), thresholds);
    QCOMPARE(int(severity), expected);
}

void tst_RegionMap::lagOverTheWarningThresholdIsAnAmberLink()
{
    Fixture f;
    f.eastPrimary(0.4);
    RegionMapSnapshot map = f.map();
    QCOMPARE(map.links.size(), 2);
    const MapLink *west = map.link(QStringLiteral("us-east"), QStringLiteral("eu-west"));
    QVERIFY(west);
    QCOMPARE(int(west->severity), int(LinkSeverity::Ok));
    const double okWidth = west->width;
    QCOMPARE(west->lagText, QStringLiteral("lag 0.40 s · 4.0 KiB"));

    f.eastPrimary(8.0); // warning at 5 s
    map = f.map();
    west = map.link(QStringLiteral("us-east"), QStringLiteral("eu-west"));
    QCOMPARE(int(west->severity), int(LinkSeverity::Warning));
    QVERIFY(west->width > okWidth);
    QVERIFY2(west->lagText.contains(QStringLiteral("8")), qPrintable(west->lagText));
    QCOMPARE(int(map.link(QStringLiteral("us-east"), QStringLiteral("ap"))->severity),
        int(LinkSeverity::Ok));

    f.eastPrimary(45.0); // critical at 30 s
    map = f.map();
    west = map.link(QStringLiteral("us-east"), QStringLiteral("eu-west"));
    QCOMPARE(int(west->severity), int(LinkSeverity::Critical));
}

void tst_RegionMap::primaryIsWhatTheServersReport()
{
    Fixture f;
    QVERIFY(!f.map().marker(QStringLiteral("us-east"))->primary); // nothing reported yet

    // The configuration says US East; the servers say EU West.
    f.topology->observe(primary(West, { row(QStringLiteral("east"), 0, 0.1) }));
    f.topology->observe(standby(East, QStringLiteral("east")));
    f.topology->observe(standby(Apac, QStringLiteral("apac")));
    const RegionMapSnapshot map = f.map();
    QCOMPARE(map.primaryRegionId, QStringLiteral("eu-west"));
    QVERIFY(map.marker(QStringLiteral("eu-west"))->primary);
    QCOMPARE(map.marker(QStringLiteral("eu-west"))->roleText, QStringLiteral("primary"));
    const MapMarker *east = map.marker(QStringLiteral("us-east"));
    QVERIFY(!east->primary);
    QVERIFY(east->configuredPrimary);
    QCOMPARE(east->roleText, QStringLiteral("standby"));
    QVERIFY(map.link(QStringLiteral("eu-west"), QStringLiteral("us-east")));
    QVERIFY(!map.link(QStringLiteral("us-east"), QStringLiteral("eu-west")));
}

void tst_RegionMap::regionWithoutCoordinatesKeepsItsMarker()
{
    Fixture f;
    f.config.regions[2].latitude = std::numeric_limits<double>::quiet_NaN();
    f.config.regions[1].longitude = 181; // not a place on Earth either
    f.start();
    f.eastPrimary(0.4);
    const RegionMapSnapshot map = f.map({ { QStringLiteral("ap"), { Health::Degraded, {} } } });
    QCOMPARE(map.markers.size(), 3);
    QVERIFY(map.marker(QStringLiteral("us-east"))->lonLat);
    QCOMPARE(*map.marker(QStringLiteral("us-east"))->lonLat, QPointF(-77.4, 38.9));
    QVERIFY(!map.marker(QStringLiteral("eu-west"))->lonLat);
    const MapMarker *ap = map.marker(QStringLiteral("ap"));
    QVERIFY(!ap->lonLat);
    QCOMPARE(int(ap->health), int(Health::Degraded));
    QCOMPARE(ap->stateText, healthLabel(Health::Degraded));
    QVERIFY(map.link(QStringLiteral("us-east"), QStringLiteral("ap"))); // still listed
}

void tst_RegionMap::httpRegionsFollowThePrimary()
{
    ConsoleConfig config
        = ConfigBuilder()
              .region(QStringLiteral("us-east"), RegionRole::Primary)
              .http(QStringLiteral("us-east-health"), QUrl(QStringLiteral("http://127.0.0.1:1/")))
              .region(QStringLiteral("eu-west"), RegionRole::Standby)
              .http(QStringLiteral("eu-west-health"), QUrl(QStringLiteral("http://127.0.0.1:2/")))
              .build();
    config.regions[0].endpoints[0].http.roleJson = QStringLiteral("role");
    config.regions[1].endpoints[0].http.roleJson = QStringLiteral("role");
    FakeClock clock;
    TopologyState topology(config);
    topology.setClock(&clock);
    const auto http = [](const QString &id, PostgresRole role, double lag) {
        ProbeResult r;
        r.endpointId = id;
        r.status = ProbeStatus::Ok;
        r.reportedRole = role;
        r.reportedLagSeconds = lag;
        return r;
    };
    topology.observe(http(QStringLiteral("us-east-health"), PostgresRole::Primary, 0));
    topology.observe(http(QStringLiteral("eu-west-health"), PostgresRole::Standby, 12));
    const RegionMapSnapshot map
        = buildRegionMap(ConfigOverview::from(config), config.lag, &topology, {});
    QCOMPARE(map.links.size(), 1);
    const MapLink &link = map.links.constFirst();
    QCOMPARE(link.fromRegionId, QStringLiteral("us-east"));
    QCOMPARE(link.toRegionId, QStringLiteral("eu-west"));
    QCOMPARE(*link.lagSeconds, 12.0);
    QCOMPARE(int(link.severity), int(LinkSeverity::Warning));
}

void tst_RegionMap::stateEmitsOnlyNewsWithThePreviousSnapshot()
{
    Fixture f;
    RegionMapState state(ConfigOverview::from(f.config), f.config.lag, f.topology.get());
    QSignalSpy spy(&state, &RegionMapState::changed);
    f.eastPrimary(0.4);
    QVERIFY(spy.count() >= 1);
    QCOMPARE(state.snapshot().primaryRegionId, QStringLiteral("us-east"));
    spy.clear();
    f.eastPrimary(0.4); // the same figures again: no news
    QCOMPARE(spy.count(), 0);

    HealthChange change;
    change.regionId = QStringLiteral("eu-west");
    change.to = Health::Unhealthy;
    change.reason = QStringLiteral("timeout after 800 ms");
    state.onHealthChanged(change);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(state.snapshot().marker(QStringLiteral("eu-west"))->reason, change.reason);
    const auto previous = spy.takeFirst().constFirst().value<RegionMapSnapshot>();
    QCOMPARE(int(previous.marker(QStringLiteral("eu-west"))->health), int(Health::Unknown));

    change.endpointId = West; // an endpoint's own change is not the region's verdict
    state.onHealthChanged(change);
    QCOMPARE(spy.count(), 0);
}

void tst_RegionMap::landOutlineFromTheResource()
{
    const LandOutline land = LandOutline::load();
    QVERIFY2(land.error.isEmpty(), qPrintable(land.error));
    QVERIFY(land.rings.size() > 1000);
    QVERIFY(land.pointCount > 40000);
    QRectF bounds;
    for (const QList<QPointF> &ring : land.rings) {
        QVERIFY(ring.size() >= 4);
        for (const QPointF &p : ring)
            bounds |= QRectF(p, QSizeF(1e-9, 1e-9));
    }
    QVERIFY(bounds.left() >= -180 && bounds.right() <= 180.001);
    QVERIFY(bounds.top() >= -90 && bounds.bottom() <= 90.001);
    QVERIFY(bounds.width() > 355); // the whole world, not a corner of it
    QVERIFY(bounds.height() > 160);
    QCOMPARE(MapProjection::toLonLat(MapProjection::toScene(-77.4, 38.9)), QPointF(-77.4, 38.9));
}

void tst_RegionMap::damagedLandDataIsRefused()
{
    QFile file(LandOutline::defaultPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray data = file.readAll();
    QVERIFY(LandOutline::read(data).error.isEmpty());
    QVERIFY(!LandOutline::read(data.left(data.size() - 2)).error.isEmpty());
    QVERIFY(LandOutline::read(data.left(data.size() - 2)).isEmpty());
    QVERIFY(!LandOutline::read(QByteArray("FCLM")).error.isEmpty());
    QByteArray wrongCount = data;
    wrongCount[16] = char(0xff); // the first ring claims more points than the file holds
    wrongCount[17] = char(0xff);
    QVERIFY(!LandOutline::read(wrongCount).error.isEmpty());
    QVERIFY(!LandOutline::load(QStringLiteral("/nonexistent/land.bin")).error.isEmpty());
}

QTEST_GUILESS_MAIN(tst_RegionMap)
#include "tst_regionmap.moc"
