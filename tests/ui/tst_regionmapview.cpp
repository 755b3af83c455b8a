#include "configbuilder.h"
#include "configoverview.h"
#include "consoleengine.h"
#include "demotopology.h"
#include "endpointstatusmodel.h"
#include "fakeclock.h"
#include "healthpalette.h"
#include "mainwindow.h"
#include "maplabelitem.h"
#include "mapmarkeritem.h"
#include "mappalette.h"
#include "mappanel.h"
#include "mapprimaryitem.h"
#include "mapprojection.h"
#include "regionmapstate.h"
#include "regionmapview.h"
#include "roles.h"
#include "topologystate.h"
#include "windowshell.h"

#include <QGraphicsPathItem>
#include <QItemSelectionModel>
#include <QSet>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

#include <cmath>
#include <limits>

using namespace Console;

namespace {

const QString East = QStringLiteral("us-east-db");
const QString West = QStringLiteral("eu-west-db");

ConsoleConfig twoRegions()
{
    ConsoleConfig config
        = ConfigBuilder()
              .region(QStringLiteral("us-east"), RegionRole::Primary, QStringLiteral("US East"))
              .postgres(East, QStringLiteral("host=127.0.0.1 port=5432 dbname=postgres"))
              .region(QStringLiteral("eu-west"), RegionRole::Standby, QStringLiteral("EU West"))
              .postgres(West, QStringLiteral("host=127.0.0.1 port=5433 dbname=postgres"))
              .build();
    config.regions[0].latitude = 38.9;
    config.regions[0].longitude = -77.4;
    config.regions[1].latitude = 53.3;
    config.regions[1].longitude = -6.3;
    return config;
}

ProbeResult server(const QString &id, PostgresRole role, const QString &standbyName = {})
{
    ProbeResult r;
    r.endpointId = id;
    r.status = ProbeStatus::Ok;
    PostgresObservation o;
    o.role = role;
    o.currentLsn = QStringLiteral("0/100");
    o.receiveLsn = QStringLiteral("0/100");
    o.replayLsn = o.receiveLsn;
    if (role == PostgresRole::Primary && !standbyName.isEmpty()) {
        StandbyReplication row;
        row.name = standbyName;
        row.state = QStringLiteral("streaming");
        row.lagBytes = 0;
        row.replayLagS = 0.1;
        o.standbys = { row };
    } else if (role == PostgresRole::Standby) {
        o.receiverStatus = QStringLiteral("streaming");
        o.receiverApplicationName = standbyName;
    }
    r.postgres = o;
    return r;
}

ProbeResult refused(const QString &id)
{
    ProbeResult r;
    r.endpointId = id;
    r.status = ProbeStatus::Refused;
    r.reason = QStringLiteral("connection refused");
    return r;
}

HealthChange endpointHealth(const QString &id, Health to)
{
    HealthChange c;
    c.endpointId = id;
    c.regionId = QStringLiteral("r");
    c.to = to;
    return c;
}

// The colour drawn at a view position, in device pixels.
QColor colorAt(const QImage &image, const QPointF &viewPos, double dpr)
{
    return image.pixelColor((viewPos * dpr).toPoint());
}

bool near(const QColor &a, const QColor &b, int tolerance = 40)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green())
        + std::abs(a.blue() - b.blue())
        <= tolerance;
}

QPointF viewPosOf(RegionMapView *view, const QString &regionId)
{
    return view->mapFromScene(view->markerScenePos(regionId));
}

QString describe(const QColor &c)
{
    return c.name();
}

} // namespace

class tst_RegionMapView final : public QObject
{
    Q_OBJECT
private slots:
    void aRegionClickedOnTheMapIsSelectedInTheTable();
    void lagOverTheThresholdTurnsTheLinkAmber();
    void screenshotShowsTheFaultAtTheMarkers();
    void failoverMovesTheCrown();
    void zoomPanAndFit();
    void regionWithoutCoordinatesSitsUnderTheMap();
};

void tst_RegionMapView::aRegionClickedOnTheMapIsSelectedInTheTable()
{
    ConsoleEngine engine;
    QVERIFY2(engine.startDemo(), qPrintable(engine.errors().join(QLatin1Char('\n'))));
    engine.start();
    WindowShell runtime(&engine);
    MainWindow *window = runtime.window();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(window->mapPanel());
    QCOMPARE(window->viewTabs()->currentWidget(), window->mapPanel());
    RegionMapView *map = window->mapPanel()->view();
    QTreeView *table = window->statusView();

    const QString region = QStringLiteral("eu-west");
    QTest::mouseClick(map->viewport(), Qt::LeftButton, {}, viewPosOf(map, region).toPoint());
    QCOMPARE(map->selectedRegion(), region);
    const QModelIndex row = runtime.statusModel()->indexForRegion(region);
    QCOMPARE(table->currentIndex().siblingAtColumn(0), row);
    QVERIFY(table->selectionModel()->isRowSelected(row.row(), row.parent()));

    // A click on the sea pans, and forgets nothing.
    const QPointF sea = map->mapFromScene(MapProjection::toScene(-40, 30));
    QTest::mouseClick(map->viewport(), Qt::LeftButton, {}, sea.toPoint());
    QCOMPARE(map->selectedRegion(), region);

    // And back: an endpoint row of another region selects that region on the map.
    const QModelIndex endpoint
        = runtime.statusModel()->indexForEndpoint(QStringLiteral("us-east-health"));
    QVERIFY(endpoint.isValid());
    table->selectionModel()->setCurrentIndex(
        endpoint, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    QCOMPARE(map->selectedRegion(), QStringLiteral("us-east"));
    QVERIFY(map->markerItem(QStringLiteral("us-east"))->isSelected());
    QVERIFY(!map->markerItem(region)->isSelected());
    // Following the table does not echo back into it.
    QCOMPARE(table->currentIndex(), endpoint);
}

void tst_RegionMapView::lagOverTheThresholdTurnsTheLinkAmber()
{
    ConsoleEngine engine;
    QVERIFY2(engine.startDemo(), qPrintable(engine.errors().join(QLatin1Char('\n'))));
    engine.start();
    WindowShell runtime(&engine);
    MainWindow *window = runtime.window();
    window->show();
    RegionMapView *map = window->mapPanel()->view();
    const QString primary = QStringLiteral("us-east");
    const QString replica = QStringLiteral("ap-southeast");

    QTRY_VERIFY_WITH_TIMEOUT(map->linkItem(primary, replica), 10000);
    QGraphicsPathItem *link = map->linkItem(primary, replica);
    QTRY_COMPARE_WITH_TIMEOUT(
        describe(link->pen().color()), describe(MapPalette::linkColor(LinkSeverity::Ok)), 10000);
    const double okWidth = link->pen().widthF();
    QVERIFY(link->pen().isCosmetic());
    QVERIFY(map->linkLabel(primary, replica)->text().startsWith(QStringLiteral("lag ")));

    // The demo's replica falls behind by a second every second; the warning is at 5 s.
    engine.demo()->setFault(replica, DemoFault::Lagging);
    QTRY_COMPARE_WITH_TIMEOUT(describe(map->linkItem(primary, replica)->pen().color()),
        describe(MapPalette::linkColor(LinkSeverity::Warning)), 30000);
    link = map->linkItem(primary, replica);
    QVERIFY(link->pen().widthF() > okWidth);
    const RegionMapSnapshot &state = runtime.mapState()->snapshot();
    QVERIFY(*state.link(primary, replica)->lagSeconds > 5.0);
    QVERIFY(link->toolTip().contains(MapPalette::severityLabel(LinkSeverity::Warning)));
    // The other replica is not dragged along.
    QCOMPARE(describe(map->linkItem(primary, QStringLiteral("eu-west"))->pen().color()),
        describe(MapPalette::linkColor(LinkSeverity::Ok)));
}

void tst_RegionMapView::screenshotShowsTheFaultAtTheMarkers()
{
    ConsoleEngine engine;
    QVERIFY2(engine.startDemo(), qPrintable(engine.errors().join(QLatin1Char('\n'))));
    engine.start();
    WindowShell runtime(&engine);
    QVERIFY(engine.applyDemoFaults({ QStringLiteral("eu-west=down") }));
    MainWindow *window = runtime.window();
    window->resize(1400, 900);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    RegionMapView *map = window->mapPanel()->view();
    const RegionMapState *state = runtime.mapState();
    QTRY_VERIFY_WITH_TIMEOUT(state->snapshot().primaryRegionId == QStringLiteral("us-east")
            && state->snapshot().marker(QStringLiteral("eu-west"))->health == Health::Unhealthy
            && state->snapshot().marker(QStringLiteral("ap-southeast"))->health == Health::Healthy
            && state->snapshot().marker(QStringLiteral("us-east"))->health == Health::Healthy,
        10000);
    QTRY_VERIFY_WITH_TIMEOUT(!map->isAnimating(), 2000);

    const QImage shot = map->grab().toImage();
    const double dpr = shot.devicePixelRatio();
    QVERIFY(shot.width() >= 200 && shot.height() >= 120);
    // Not blank: water, land, markers, labels and lines give many colours.
    QSet<QRgb> colours;
    for (int y = 0; y < shot.height(); y += 4) {
        for (int x = 0; x < shot.width(); x += 4)
            colours.insert(shot.pixel(x, y));
    }
    QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));

    // Inside each marker, beside its centre (the down square carries a cross through it).
    const QPointF inside(-MapMarkerItem::Radius * 0.6, 0);
    const struct
    {
        const char *region;
        Health health;
    } expected[] = { { "us-east", Health::Healthy }, { "eu-west", Health::Unhealthy },
        { "ap-southeast", Health::Healthy } };
    for (const auto &e : expected) {
        const QString region = QString::fromLatin1(e.region);
        const QColor seen = colorAt(shot, viewPosOf(map, region) + inside, dpr);
        QVERIFY2(near(seen, healthStyle(e.health).fill),
            qPrintable(QStringLiteral("%1: %2 instead of %3")
                           .arg(region, seen.name(), healthStyle(e.health).fill.name())));
    }
    // The crown's ring round the primary, in the primary's colour.
    QCOMPARE(map->primaryItems().size(), 1);
    const QColor ring = map->primaryItems().constFirst()->ringColor();
    const double ringRadius = MapMarkerItem::Radius + 7;
    const QColor atRing
        = colorAt(shot, viewPosOf(map, QStringLiteral("us-east")) + QPointF(0, ringRadius), dpr);
    QVERIFY2(near(atRing, ring, 60), qPrintable(atRing.name() + u" vs " + ring.name()));
    // The down marker says so in words too.
    QVERIFY(map->markerItem(QStringLiteral("eu-west"))
                ->toolTip()
                .contains(healthLabel(Health::Unhealthy)));
}

void tst_RegionMapView::failoverMovesTheCrown()
{
    const ConsoleConfig config = twoRegions();
    FakeClock clock;
    TopologyState topology(config);
    topology.setClock(&clock);
    RegionMapState state(ConfigOverview::from(config), config.lag, &topology);
    RegionMapView view(&state);
    view.resize(800, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    topology.observe(server(East, PostgresRole::Primary, QStringLiteral("west")));
    topology.observe(server(West, PostgresRole::Standby, QStringLiteral("west")));
    QCOMPARE(view.primaryItems().size(), 1);
    MapPrimaryItem *crown = view.primaryItems().constFirst();
    QCOMPARE(crown->pos(), view.markerScenePos(QStringLiteral("us-east")));
    QCOMPARE(crown->tagText(), QStringLiteral("PRIMARY"));

    // The primary is lost: the crown stays, and says so.
    topology.observe(refused(East));
    topology.onHealthChanged(endpointHealth(East, Health::Unhealthy));
    QCOMPARE(int(state.snapshot().primaryStatus), int(PrimaryStatus::NoneReachable));
    QCOMPARE(int(view.primaryItems().constFirst()->kind()), int(MapPrimaryItem::Kind::Lost));

    // EU West is promoted: the crown travels there.
    topology.observe(server(West, PostgresRole::Primary));
    QCOMPARE(state.snapshot().primaryRegionId, QStringLiteral("eu-west"));
    crown = view.primaryItems().constFirst();
    QCOMPARE(int(crown->kind()), int(MapPrimaryItem::Kind::Primary));
    QVERIFY(view.isAnimating());
    QVERIFY(crown->pos() != view.markerScenePos(QStringLiteral("eu-west")));
    QTRY_VERIFY_WITH_TIMEOUT(!view.isAnimating(), 2000);
    QCOMPARE(crown->pos(), view.markerScenePos(QStringLiteral("eu-west")));
}

void tst_RegionMapView::zoomPanAndFit()
{
    const ConsoleConfig config = twoRegions();
    RegionMapState state(ConfigOverview::from(config), config.lag, nullptr);
    RegionMapView view(&state);
    view.resize(800, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setFocus();
    const double fitted = view.zoomFactor();
    QVERIFY(fitted >= 1);

    QTest::keyClick(&view, Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(view.zoomFactor() > fitted * 1.2);
    QTest::keyClick(&view, Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(std::abs(view.zoomFactor() - fitted) < 0.01);
    for (int i = 0; i < 40; ++i)
        view.zoomIn();
    QVERIFY(view.zoomFactor() <= 24.001); // bounded
    QTest::keyClick(&view, Qt::Key_F);
    QVERIFY(std::abs(view.zoomFactor() - fitted) < 0.01);
    // Both regions in view after a fit.
    for (const QString &region : { QStringLiteral("us-east"), QStringLiteral("eu-west") })
        QVERIFY(view.viewport()->rect().contains(viewPosOf(&view, region).toPoint()));

    // A drag pans.
    view.zoomIn();
    view.zoomIn();
    const QPointF before = viewPosOf(&view, QStringLiteral("us-east"));
    const QPoint from = view.mapFromScene(MapProjection::toScene(-40, -50));
    QTest::mousePress(view.viewport(), Qt::LeftButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(from + QPoint(60, 30)),
        view.viewport()->mapToGlobal(QPointF(from + QPoint(60, 30))), Qt::NoButton, Qt::LeftButton,
        Qt::NoModifier);
    QCoreApplication::sendEvent(view.viewport(), &move);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, {}, from + QPoint(60, 30));
    const QPointF after = viewPosOf(&view, QStringLiteral("us-east"));
    QVERIFY2(std::abs(after.x() - before.x() - 60) < 2 && std::abs(after.y() - before.y() - 30) < 2,
        qPrintable(QStringLiteral("%1,%2 -> %3,%4")
                       .arg(before.x())
                       .arg(before.y())
                       .arg(after.x())
                       .arg(after.y())));
    view.fitAll();
    QVERIFY(std::abs(view.zoomFactor() - fitted) < 0.01);

    // Hover text names the region and its state.
    const QString tip = view.markerItem(QStringLiteral("eu-west"))->toolTip();
    QVERIFY(tip.contains(QStringLiteral("EU West")));
    QVERIFY(tip.contains(healthLabel(Health::Unknown)));
}

void tst_RegionMapView::regionWithoutCoordinatesSitsUnderTheMap()
{
    ConsoleConfig config = twoRegions();
    config.regions[1].latitude = std::numeric_limits<double>::quiet_NaN();
    RegionMapState state(ConfigOverview::from(config), config.lag, nullptr);
    RegionMapView view(&state);
    view.resize(800, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QPointF unplaced = view.markerScenePos(QStringLiteral("eu-west"));
    QVERIFY(unplaced.y() > MapProjection::world().bottom());
    QVERIFY(
        view.viewport()->rect().contains(viewPosOf(&view, QStringLiteral("eu-west")).toPoint()));
    QVERIFY(view.markerItem(QStringLiteral("eu-west"))
                ->toolTip()
                .contains(QStringLiteral("No usable latitude")));
}

QTEST_MAIN(tst_RegionMapView)
#include "tst_regionmapview.moc"
