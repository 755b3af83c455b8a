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
#include <QLineEdit>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

using namespace Console;
using namespace std::chrono_literals;

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

// A label's halo where the view draws it, in viewport pixels (labels ignore the zoom).
QRectF boxInView(const RegionMapView *view, const MapLabelItem *label)
{
    return label->deviceTransform(view->viewportTransform()).mapRect(label->boxRect());
}

QRectF markerInView(const RegionMapView *view, const MapMarkerItem *marker)
{
    return marker->deviceTransform(view->viewportTransform())
        .mapRect(marker->shape().boundingRect());
}

// Every way a label hides something on the map: another label, a marker, a primary's crown.
// Empty when the map reads at a glance.
QString labelClashes(const RegionMapView *view, const RegionMapSnapshot &map)
{
    QList<QPair<QString, QRectF>> labels;
    for (const MapMarker &marker : map.markers) {
        const MapLabelItem *label = view->markerLabel(marker.regionId);
        if (label && !label->text().isEmpty())
            labels.append({ marker.regionId, boxInView(view, label) });
    }
    for (const MapLink &link : map.links) {
        const MapLabelItem *label = view->linkLabel(link.fromRegionId, link.toRegionId);
        if (label && !label->text().isEmpty())
            labels.append({ link.fromRegionId + u'>' + link.toRegionId, boxInView(view, label) });
    }
    QStringList clashes;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        for (qsizetype j = i + 1; j < labels.size(); ++j) {
            if (labels.at(i).second.intersects(labels.at(j).second))
                clashes << QStringLiteral("label %1 overlaps label %2")
                               .arg(labels.at(i).first, labels.at(j).first);
        }
        for (const MapMarker &marker : map.markers) {
            if (labels.at(i).second.intersects(
                    markerInView(view, view->markerItem(marker.regionId))))
                clashes << QStringLiteral("label %1 covers the marker of %2")
                               .arg(labels.at(i).first, marker.regionId);
        }
        for (const MapPrimaryItem *crown : view->primaryItems()) {
            const QRectF drawn
                = crown->deviceTransform(view->viewportTransform()).mapRect(crown->boundingRect());
            if (labels.at(i).second.intersects(drawn))
                clashes << QStringLiteral("label %1 covers a crown").arg(labels.at(i).first);
        }
    }
    return clashes.join(QStringLiteral("; "));
}

// The leader lines that cross another label.
QString leaderCrossings(const RegionMapView *view, const RegionMapSnapshot &map)
{
    QList<const MapLabelItem *> labels;
    for (const MapMarker &marker : map.markers)
        labels.append(view->markerLabel(marker.regionId));
    for (const MapLink &link : map.links)
        labels.append(view->linkLabel(link.fromRegionId, link.toRegionId));
    QStringList crossings;
    for (const MapLabelItem *label : std::as_const(labels)) {
        if (!label || label->leaderLine().isNull())
            continue;
        const QTransform toView = label->deviceTransform(view->viewportTransform());
        const QLineF line = toView.map(label->leaderLine());
        for (const MapLabelItem *other : std::as_const(labels)) {
            if (!other || other == label)
                continue;
            const QRectF box = boxInView(view, other);
            bool crosses = box.contains(line.p1()) || box.contains(line.p2());
            const QLineF edges[] = { QLineF(box.topLeft(), box.topRight()),
                QLineF(box.topRight(), box.bottomRight()),
                QLineF(box.bottomRight(), box.bottomLeft()),
                QLineF(box.bottomLeft(), box.topLeft()) };
            for (const QLineF &edge : edges)
                crosses = crosses || line.intersects(edge, nullptr) == QLineF::BoundedIntersection;
            if (crosses)
                crossings << QStringLiteral("the leader of %1 crosses %2")
                                 .arg(label->text(), other->text());
        }
    }
    return crossings.join(QStringLiteral("; "));
}

// The region labels that do not show whole in the view.
QString labelsOutOfView(const RegionMapView *view, const RegionMapSnapshot &map)
{
    QStringList out;
    for (const MapMarker &marker : map.markers) {
        if (!QRectF(view->viewport()->rect())
                 .contains(boxInView(view, view->markerLabel(marker.regionId))))
            out << marker.regionId;
    }
    return out.join(QStringLiteral(", "));
}

// Saves what the map shows when MAP_SCREENSHOT_DIR is set, to look at it as an operator would.
void keepScreenshot(RegionMapView *view, const QString &name)
{
    const QString dir = qEnvironmentVariable("MAP_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        view->grab().save(dir + u'/' + name + u".png");
}

// Three regions in Europe, close together as on the lab: Frankfurt primary, Dublin and London
// replicating from it.
ConsoleConfig europe()
{
    ConsoleConfig config
        = ConfigBuilder()
              .region(QStringLiteral("lab-primary"), RegionRole::Primary,
                  QStringLiteral("Lab primary (Frankfurt)"))
              .postgres(QStringLiteral("fra-db"), QStringLiteral("host=127.0.0.1 port=5432"))
              .region(QStringLiteral("lab-standby1"), RegionRole::Standby,
                  QStringLiteral("Lab standby1 (Dublin)"))
              .postgres(QStringLiteral("dub-db"), QStringLiteral("host=127.0.0.1 port=5433"))
              .region(QStringLiteral("lab-standby2"), RegionRole::Replica,
                  QStringLiteral("Lab standby2 (London)"))
              .postgres(QStringLiteral("lon-db"), QStringLiteral("host=127.0.0.1 port=5434"))
              .build();
    const double places[][2] = { { 50.1109, 8.6821 }, { 53.3498, -6.2603 }, { 51.5072, -0.1276 } };
    for (int i = 0; i < 3; ++i) {
        config.regions[i].latitude = places[i][0];
        config.regions[i].longitude = places[i][1];
    }
    return config;
}

ProbeResult primaryWithLag(const QString &id, double seconds, qint64 bytes)
{
    ProbeResult r = server(id, PostgresRole::Primary);
    QList<StandbyReplication> rows;
    for (const char *name : { "dublin", "london" }) {
        StandbyReplication row;
        row.name = QString::fromLatin1(name);
        row.state = QStringLiteral("streaming");
        row.lagBytes = bytes;
        row.replayLagS = seconds;
        rows.append(row);
    }
    r.postgres->standbys = rows;
    return r;
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
    void demoLabelsNeverOverlapAtAnyZoom();
    void dublinAndFrankfurtLabelsStayApart();
    void aGrowingLagKeepsTheLabelsApart();
    void theKeyboardSelectsAndZooms();
    void tabReachesTheMapAndLeavesIt();
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

    keepScreenshot(map, QStringLiteral("demo-eu-west-down"));
    QCOMPARE(labelClashes(map, state->snapshot()), QString());
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

void tst_RegionMapView::demoLabelsNeverOverlapAtAnyZoom()
{
    ConsoleEngine engine;
    QVERIFY2(engine.startDemo(), qPrintable(engine.errors().join(QLatin1Char('\n'))));
    engine.start();
    WindowShell runtime(&engine);
    MainWindow *window = runtime.window();
    window->show(); // the window's own default size: the map pane as an operator first sees it
    QVERIFY(QTest::qWaitForWindowExposed(window));
    RegionMapView *map = window->mapPanel()->view();
    const RegionMapState *state = runtime.mapState();
    // With the links and their lags drawn: they are labels too.
    QTRY_VERIFY_WITH_TIMEOUT(state->snapshot().links.size() == 2
            && !map->linkLabel(QStringLiteral("us-east"), QStringLiteral("eu-west"))
                    ->text()
                    .isEmpty(),
        10000);
    QTRY_VERIFY_WITH_TIMEOUT(!map->isAnimating(), 2000);
    keepScreenshot(map, QStringLiteral("demo-default"));
    QCOMPARE(labelClashes(map, state->snapshot()), QString());
    QCOMPARE(leaderCrossings(map, state->snapshot()), QString());
    QCOMPARE(labelsOutOfView(map, state->snapshot()), QString());

    map->fitAll();
    QCOMPARE(labelClashes(map, state->snapshot()), QString());
    QCOMPARE(labelsOutOfView(map, state->snapshot()), QString());
    for (int i = 0; i < 4; ++i) {
        const double before = map->zoomFactor();
        map->zoomOut();
        QVERIFY(map->zoomFactor() < before || before <= 0.81);
        QVERIFY2(labelClashes(map, state->snapshot()).isEmpty(),
            qPrintable(QStringLiteral("zoomed out to %1: %2")
                           .arg(map->zoomFactor())
                           .arg(labelClashes(map, state->snapshot()))));
    }
    keepScreenshot(map, QStringLiteral("demo-zoomed-out"));
    for (int i = 0; i < 10; ++i) {
        const double before = map->zoomFactor();
        map->zoomIn();
        QVERIFY(map->zoomFactor() > before);
        QVERIFY2(labelClashes(map, state->snapshot()).isEmpty(),
            qPrintable(QStringLiteral("zoomed in to %1: %2")
                           .arg(map->zoomFactor())
                           .arg(labelClashes(map, state->snapshot()))));
    }
    // A narrow pane as well.
    window->mapPanel()->view()->fitAll();
    map->resize(420, map->height());
    map->fitAll();
    keepScreenshot(map, QStringLiteral("demo-narrow"));
    QCOMPARE(labelClashes(map, state->snapshot()), QString());
}

void tst_RegionMapView::dublinAndFrankfurtLabelsStayApart()
{
    const ConsoleConfig config = europe();
    RegionMapState state(ConfigOverview::from(config), config.lag, nullptr);
    RegionMapView view(&state);
    // About the map pane's width in the default window, where they overlapped.
    for (const QSize size : { QSize(700, 420), QSize(520, 360), QSize(1000, 600) }) {
        view.resize(size);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.fitAll();
        const QString where = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
        // They are close: far less than a label's width apart.
        const QRectF dublin = boxInView(&view, view.markerLabel(QStringLiteral("lab-standby1")));
        const double apart = QLineF(viewPosOf(&view, QStringLiteral("lab-primary")),
            viewPosOf(&view, QStringLiteral("lab-standby1")))
                                 .length();
        QVERIFY2(apart < dublin.width(), qPrintable(where));
        QVERIFY2(labelClashes(&view, state.snapshot()).isEmpty(),
            qPrintable(where + u": " + labelClashes(&view, state.snapshot())));
        QVERIFY2(labelsOutOfView(&view, state.snapshot()).isEmpty(), qPrintable(where));
        QVERIFY2(leaderCrossings(&view, state.snapshot()).isEmpty(),
            qPrintable(where + u": " + leaderCrossings(&view, state.snapshot())));
        keepScreenshot(&view, QStringLiteral("europe-") + where);
        // Zoomed out, they almost coincide, and still read.
        view.zoomOut();
        view.zoomOut();
        QVERIFY2(labelClashes(&view, state.snapshot()).isEmpty(),
            qPrintable(where + u" zoomed out: " + labelClashes(&view, state.snapshot())));
    }
}

void tst_RegionMapView::aGrowingLagKeepsTheLabelsApart()
{
    const ConsoleConfig config = europe();
    FakeClock clock;
    TopologyState topology(config);
    topology.setClock(&clock);
    RegionMapState state(ConfigOverview::from(config), config.lag, &topology);
    RegionMapView view(&state);
    view.resize(700, 420);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QString fra = QStringLiteral("lab-primary");
    const QString dub = QStringLiteral("lab-standby1");
    const QString lon = QStringLiteral("lab-standby2");
    topology.observe(primaryWithLag(QStringLiteral("fra-db"), 0.1, 0));
    topology.observe(
        server(QStringLiteral("dub-db"), PostgresRole::Standby, QStringLiteral("dublin")));
    topology.observe(
        server(QStringLiteral("lon-db"), PostgresRole::Standby, QStringLiteral("london")));
    QCOMPARE(state.snapshot().links.size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isAnimating(), 2000);
    keepScreenshot(&view, QStringLiteral("europe-short-lag"));
    QCOMPARE(labelClashes(&view, state.snapshot()), QString());
    // Not asserted: three regions within 60 px leave a lag no free place whose leader line
    // misses every region label (LabelPlacement's last resort hides no label, but may cross
    // one with its leader).
    qInfo() << "leaders crossing labels:" << leaderCrossings(&view, state.snapshot());
    const MapLabelItem *lag = view.linkLabel(fra, dub);
    QVERIFY(lag);
    const QString shortText = lag->text();
    const double shortWidth = lag->boxSize().width();
    QHash<QString, QRectF> regionBoxes;
    for (const QString &region : { fra, dub, lon })
        regionBoxes.insert(region, boxInView(&view, view.markerLabel(region)));

    // A second later the lag is larger: a little wider text. The region labels do not hop.
    clock.advance(1000ms);
    topology.observe(primaryWithLag(QStringLiteral("fra-db"), 1.4, 2048));
    QVERIFY(lag->text() != shortText);
    QCOMPARE(labelClashes(&view, state.snapshot()), QString());
    for (const QString &region : { fra, dub, lon })
        QCOMPARE(boxInView(&view, view.markerLabel(region)), regionBoxes.value(region));

    // Far behind: the lag's text is much wider, and still hides nothing.
    clock.advance(1000ms);
    topology.observe(primaryWithLag(QStringLiteral("fra-db"), 12345.6, 3LL * 1024 * 1024 * 1024));
    QVERIFY2(lag->boxSize().width() > shortWidth + 30, qPrintable(lag->text()));
    keepScreenshot(&view, QStringLiteral("europe-lagging"));
    QCOMPARE(labelClashes(&view, state.snapshot()), QString());
    qInfo() << "leaders crossing labels at the widest lag:"
            << leaderCrossings(&view, state.snapshot());
}

void tst_RegionMapView::theKeyboardSelectsAndZooms()
{
    ConsoleEngine engine;
    QVERIFY2(engine.startDemo(), qPrintable(engine.errors().join(QLatin1Char('\n'))));
    engine.start();
    WindowShell runtime(&engine);
    MainWindow *window = runtime.window();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    RegionMapView *map = window->mapPanel()->view();
    QTreeView *table = window->statusView();
    QCOMPARE(map->focusPolicy() & Qt::TabFocus, Qt::TabFocus);
    map->setFocus();
    QSignalSpy selected(map, &RegionMapView::regionSelected);

    // Start where the operator chose in the table.
    map->selectRegion(QStringLiteral("us-east"));
    QCOMPARE(map->selectedRegion(), QStringLiteral("us-east"));
    // East of US East: EU West, and the table follows, through the same signal as a click.
    QTest::keyClick(map, Qt::Key_Right);
    QCOMPARE(map->selectedRegion(), QStringLiteral("eu-west"));
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.last().constFirst().toString(), QStringLiteral("eu-west"));
    const QModelIndex row = runtime.statusModel()->indexForRegion(QStringLiteral("eu-west"));
    QCOMPARE(table->currentIndex().siblingAtColumn(0), row);
    // East again to APAC, then back west; nothing north of EU West: it stays; south of it,
    // US East is nearer the straight line down than APAC.
    QTest::keyClick(map, Qt::Key_Right);
    QCOMPARE(map->selectedRegion(), QStringLiteral("ap-southeast"));
    QTest::keyClick(map, Qt::Key_Left);
    QCOMPARE(map->selectedRegion(), QStringLiteral("eu-west"));
    QTest::keyClick(map, Qt::Key_Up);
    QCOMPARE(map->selectedRegion(), QStringLiteral("eu-west"));
    QTest::keyClick(map, Qt::Key_Down);
    QCOMPARE(map->selectedRegion(), QStringLiteral("us-east"));
    QCOMPARE(selected.size(), 4);

    // + and - zoom, 0 and Home fit again.
    map->fitAll();
    const double fitted = map->zoomFactor();
    QTest::keyClick(map, Qt::Key_Plus, Qt::ShiftModifier);
    QVERIFY(map->zoomFactor() > fitted * 1.2);
    QTest::keyClick(map, Qt::Key_Plus, Qt::KeypadModifier);
    const double twice = map->zoomFactor();
    QVERIFY(twice > fitted * 1.5);
    QTest::keyClick(map, Qt::Key_Minus);
    QVERIFY(map->zoomFactor() < twice * 0.9);
    QTest::keyClick(map, Qt::Key_0);
    QVERIFY(std::abs(map->zoomFactor() - fitted) < 0.01);
    QTest::keyClick(map, Qt::Key_Equal);
    QVERIFY(map->zoomFactor() > fitted * 1.2);
    QTest::keyClick(map, Qt::Key_Home);
    QVERIFY(std::abs(map->zoomFactor() - fitted) < 0.01);
    QCOMPARE(labelClashes(map, runtime.mapState()->snapshot()), QString());
}

void tst_RegionMapView::tabReachesTheMapAndLeavesIt()
{
    const ConsoleConfig config = twoRegions();
    RegionMapState state(ConfigOverview::from(config), config.lag, nullptr);
    QWidget window;
    auto *before = new QLineEdit(&window);
    auto *view = new RegionMapView(&state, &window);
    auto *after = new QLineEdit(&window);
    auto *layout = new QVBoxLayout(&window);
    layout->addWidget(before);
    layout->addWidget(view);
    layout->addWidget(after);
    window.resize(800, 560);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    before->setFocus();
    QVERIFY(before->hasFocus());
    const QImage unfocused = view->grab().toImage();

    QTest::keyClick(before, Qt::Key_Tab);
    QVERIFY(view->hasFocus());
    QVERIFY(view->selectedRegion().isEmpty()); // arriving selects nothing by itself
    // The focus shows: a frame in the highlight colour round the map.
    const QImage focused = view->grab().toImage();
    const QPoint edge(view->width() / 2, 1);
    const double dpr = focused.devicePixelRatio();
    QVERIFY2(near(colorAt(focused, edge, dpr), view->palette().color(QPalette::Highlight)),
        qPrintable(colorAt(focused, edge, dpr).name()));
    QVERIFY(!near(colorAt(unfocused, edge, dpr), view->palette().color(QPalette::Highlight)));

    // The map is one Tab stop: the next Tab leaves it and selects nothing on the way.
    QTest::keyClick(view, Qt::Key_Tab);
    QVERIFY(after->hasFocus());
    QVERIFY(view->selectedRegion().isEmpty());
    QTest::keyClick(after, Qt::Key_Backtab, Qt::ShiftModifier);
    QVERIFY(view->hasFocus());
    QVERIFY(view->selectedRegion().isEmpty());

    // With nothing selected, an arrow starts at the first region (no primary is known here).
    QTest::keyClick(view, Qt::Key_Left);
    QCOMPARE(view->selectedRegion(), QStringLiteral("us-east"));
    QTest::keyClick(view, Qt::Key_Right);
    QCOMPARE(view->selectedRegion(), QStringLiteral("eu-west"));
}

QTEST_MAIN(tst_RegionMapView)
#include "tst_regionmapview.moc"
