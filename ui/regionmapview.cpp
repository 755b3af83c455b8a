#include "regionmapview.h"

#include "healthpalette.h"
#include "labelplacement.h"
#include "landoutline.h"
#include "maplabelitem.h"
#include "mapmarkeritem.h"
#include "mapprimaryitem.h"
#include "mapprojection.h"
#include "regionmapstate.h"

#include <QAction>
#include <QEvent>
#include <QFontMetrics>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QLineF>
#include <QPainter>
#include <QVariantAnimation>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace Console {

namespace {

// Stacking order, bottom to top.
constexpr double WaterZ = -3;
constexpr double GraticuleZ = -2;
constexpr double LandZ = -1;
constexpr double LinkZ = 1;
constexpr double PrimaryZ = 2;
constexpr double MarkerLabelZ = 3;
constexpr double LinkLabelZ = 4; // the lag is what a link is for: never under a region's name
constexpr double MarkerZ = 5; // above every label: a long name never hides another region
// Where a link's lag may sit along it, from its middle outwards (the first is its position).
constexpr double LinkLabelAt[] = { 0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82 };
constexpr int LinkLabelPoints = int(std::size(LinkLabelAt));
// Beside a link's middle, how far a lag label keeps from the line.
constexpr double LinkKeepOut = 3;
// A lag's one line is short: it may stand further out, in steps of its height, than a region's.
constexpr int LinkLabelSteps = 8;
// How much of a verdict's reason a marker's label shows; the tooltip has all of it.
constexpr int ReasonLabelWidth = 160;

constexpr double MaxZoom = 24; // times the whole-world fit: about a city's width
constexpr double MinZoom = 0.8;
constexpr int PrimaryMoveMs = 500;
// The row under the map for regions without usable coordinates, in degrees of latitude.
constexpr double UnplacedLatitude = -100;

QString linkKey(const QString &from, const QString &to)
{
    return from + QLatin1Char('>') + to;
}

QPainterPath landPath(const LandOutline &land)
{
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    for (const QList<QPointF> &ring : land.rings) {
        path.moveTo(MapProjection::toScene(ring.constFirst()));
        for (qsizetype i = 1; i < ring.size(); ++i)
            path.lineTo(MapProjection::toScene(ring.at(i)));
        path.closeSubpath();
    }
    return path;
}

QPainterPath graticulePath()
{
    QPainterPath path;
    for (int lon = -180; lon <= 180; lon += 30) {
        path.moveTo(MapProjection::toScene(lon, 90));
        path.lineTo(MapProjection::toScene(lon, -90));
    }
    for (int lat = -60; lat <= 60; lat += 30) {
        path.moveTo(MapProjection::toScene(-180, lat));
        path.lineTo(MapProjection::toScene(180, lat));
    }
    return path;
}

// A gentle arc, like a route on a flight map, so links between nearby regions stay apart. It
// bows to the side where its middle (and its lag label) lands farther from other regions.
QPainterPath linkPath(const QPointF &from, const QPointF &to, const QList<QPointF> &others)
{
    const QPointF mid = (from + to) / 2;
    const QPointF d = to - from;
    const QPointF normal(d.y() * 0.18, -d.x() * 0.18);
    auto clearance = [&others](const QPointF &control, const QPointF &a, const QPointF &b) {
        const QPointF apex = (a + 2 * control + b) / 4; // the curve's middle
        double nearest = std::numeric_limits<double>::max();
        for (const QPointF &o : others)
            nearest = std::min(nearest, QLineF(apex, o).length());
        return nearest;
    };
    const QPointF north = mid + normal;
    const QPointF south = mid - normal;
    QPainterPath path(from);
    path.quadTo(clearance(south, from, to) > clearance(north, from, to) ? south : north, to);
    return path;
}

QPen cosmeticPen(const QColor &color, double width, Qt::PenStyle style = Qt::SolidLine)
{
    QPen pen(color, width, style, Qt::RoundCap, Qt::RoundJoin);
    pen.setCosmetic(true);
    return pen;
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

RegionMapView::RegionMapView(const RegionMapState *state, QWidget *parent)
    : QGraphicsView(parent)
    , m_state(state)
    , m_scene(new QGraphicsScene(this))
    , m_primaryMove(new QVariantAnimation(this))
    , m_zoomIn(new QAction(tr("Zoom &in"), this))
    , m_zoomOut(new QAction(tr("Zoom &out"), this))
    , m_fit(new QAction(tr("&Fit all regions"), this))
{
    setObjectName(QStringLiteral("regionMapView"));
    setScene(m_scene);
    setRenderHint(QPainter::Antialiasing);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    setMinimumSize(240, 160);

    m_zoomIn->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence::ZoomIn });
    // QKeySequence::ZoomOut is Ctrl+- already: listing it twice would make it ambiguous.
    m_zoomOut->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    m_fit->setShortcuts({ QKeySequence(Qt::Key_F), QKeySequence(Qt::CTRL | Qt::Key_0) });
    m_zoomIn->setToolTip(tr("Zoom in (+, Ctrl+=, or the mouse wheel)"));
    m_zoomOut->setToolTip(tr("Zoom out (-, Ctrl+-, or the mouse wheel)"));
    m_fit->setToolTip(tr("Show every region (F, 0, Home or Ctrl+0)"));
    setAccessibleName(tr("Region map"));
    setAccessibleDescription(tr("The arrow keys select the next region that way; + and - "
                                "zoom; 0 or Home shows every region."));
    for (QAction *action : { m_zoomIn, m_zoomOut, m_fit }) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    connect(m_zoomIn, &QAction::triggered, this, &RegionMapView::zoomIn);
    connect(m_zoomOut, &QAction::triggered, this, &RegionMapView::zoomOut);
    connect(m_fit, &QAction::triggered, this, &RegionMapView::fitAll);

    m_primaryMove->setDuration(PrimaryMoveMs);
    m_primaryMove->setEasingCurve(QEasingCurve::InOutCubic);
    connect(m_primaryMove, &QVariantAnimation::valueChanged, this, [this](const QVariant &value) {
        if (!m_primaries.isEmpty())
            m_primaries.constFirst()->setPos(value.toPointF());
    });

    buildLand();
    m_palette = MapPalette::from(palette());
    addNewMarkers();
    applyStyle();
    showSnapshot(nullptr);
    connect(m_state, &RegionMapState::changed, this, &RegionMapView::onStateChanged);
    connect(
        m_scene, &QGraphicsScene::selectionChanged, this, &RegionMapView::onSceneSelectionChanged);
}

RegionMapView::~RegionMapView()
{
    // The scene and the animation are children, deleted after this destructor: they must not
    // call back into a view that is gone (removing the selected items changes the selection).
    m_primaryMove->stop();
    disconnect(m_scene, nullptr, this, nullptr);
}

void RegionMapView::buildLand()
{
    m_water = m_scene->addRect(MapProjection::world(), Qt::NoPen);
    m_water->setZValue(WaterZ);
    m_graticule = m_scene->addPath(graticulePath());
    m_graticule->setZValue(GraticuleZ);
    const LandOutline land = LandOutline::load();
    m_land = m_scene->addPath(landPath(land));
    m_land->setZValue(LandZ);
    for (QGraphicsItem *item : { static_cast<QGraphicsItem *>(m_water),
             static_cast<QGraphicsItem *>(m_graticule), static_cast<QGraphicsItem *>(m_land) })
        item->setAcceptedMouseButtons(Qt::NoButton);
    if (!land.error.isEmpty()) {
        // The regions still show where they are; only the background is missing.
        m_mapError
            = m_scene->addSimpleText(tr("The world map could not be read: %1").arg(land.error));
        m_mapError->setFlag(QGraphicsItem::ItemIgnoresTransformations);
        m_mapError->setPos(MapProjection::toScene(-170, 80));
    }
}

void RegionMapView::addNewMarkers()
{
    bool added = false;
    for (const MapMarker &marker : m_state->snapshot().markers) {
        if (m_markers.contains(marker.regionId))
            continue;
        added = true;
        auto *item = new MapMarkerItem(marker.regionId);
        item->setZValue(MarkerZ);
        item->setStyle(m_palette);
        m_scene->addItem(item);
        m_markers.insert(marker.regionId, item);
        QPointF pos;
        if (marker.lonLat) {
            pos = MapProjection::toScene(*marker.lonLat);
        } else {
            pos = MapProjection::toScene(-150 + 60 * m_unplaced, UnplacedLatitude);
            ++m_unplaced;
        }
        item->setPos(pos);
        m_markerPos.insert(marker.regionId, pos);
        auto *label = new MapLabelItem(MapLabelItem::Anchor::BesideMarker);
        label->setZValue(MarkerLabelZ);
        label->setPos(pos);
        label->setFont(font());
        label->setColors(m_palette.text, m_palette.halo);
        m_scene->addItem(label);
        m_markerLabels.insert(marker.regionId, label);
    }
    if (!added)
        return;
    QRectF sceneRect = MapProjection::world();
    if (m_unplaced > 0) {
        if (!m_unplacedCaption) {
            m_unplacedCaption = new MapLabelItem;
            m_unplacedCaption->setText(tr("No coordinates in the configuration:"));
            m_unplacedCaption->setPos(MapProjection::toScene(-150, UnplacedLatitude + 7));
            m_unplacedCaption->setZValue(LinkLabelZ);
            m_unplacedCaption->setFont(font());
            m_unplacedCaption->setColors(m_palette.text, m_palette.halo);
            m_scene->addItem(m_unplacedCaption);
        }
        sceneRect |= QRectF(
            MapProjection::toScene(-180, -90), MapProjection::toScene(180, UnplacedLatitude - 10));
    }
    // Room to pan a little past the edges, so a marker at the edge can sit mid-view.
    m_scene->setSceneRect(sceneRect.adjusted(-240, -120, 240, 120));
    // Every label is placed again: a new region may stand where a label was.
    m_labelCandidate.clear();
}

void RegionMapView::placeLabels(Relayout mode)
{
    // In pixels: labels and markers keep their pixel size at any zoom.
    const QTransform toView = viewportTransform();
    const QRectF bounds = QRectF(viewport()->rect()).adjusted(2, 2, -2, -2);
    const RegionMapSnapshot &map = m_state->snapshot();
    const bool keep = mode == Relayout::KeepPlaces;

    // Nothing may hide a marker, a primary's ring and tag, or the caption of the row of regions
    // without coordinates.
    QList<QRectF> obstacles;
    QHash<QString, double> keepOut;
    for (const MapMarker &marker : map.markers) {
        if (!m_markerPos.contains(marker.regionId))
            continue;
        const QPointF at = toView.map(m_markerPos.value(marker.regionId));
        const double r = MapMarkerItem::Radius + 3;
        obstacles.append(QRectF(at - QPointF(r, r), QSizeF(2 * r, 2 * r)));
        keepOut.insert(marker.regionId, r);
        if (marker.primary || marker.primaryLost) {
            // Where the crown is going, not where its animation is now.
            MapPrimaryItem::Kind kind = marker.primaryLost ? MapPrimaryItem::Kind::Lost
                : marker.splitBrain                        ? MapPrimaryItem::Kind::SplitBrain
                                                           : MapPrimaryItem::Kind::Primary;
            obstacles.append(MapPrimaryItem::extent(kind, font()).translated(at));
            keepOut.insert(marker.regionId, MapPrimaryItem::RingRadius + 3);
        }
    }
    if (m_unplacedCaption) {
        obstacles.append(
            m_unplacedCaption->boxRect().translated(toView.map(m_unplacedCaption->pos())));
    }

    // The primary's label first, then the worst verdicts: when room runs out, the healthy
    // regions' labels move further out, not the one the operator is looking for.
    QList<const MapMarker *> markers;
    for (const MapMarker &marker : map.markers) {
        if (m_markerLabels.contains(marker.regionId))
            markers.append(&marker);
    }
    std::stable_sort(markers.begin(), markers.end(), [](const MapMarker *a, const MapMarker *b) {
        const bool aPrimary = a->primary || a->primaryLost;
        const bool bPrimary = b->primary || b->primaryLost;
        if (aPrimary != bPrimary)
            return aPrimary;
        return rank(a->health) > rank(b->health);
    });
    QList<LabelPlacement::Request> requests;
    for (const MapMarker *marker : std::as_const(markers)) {
        const MapLabelItem *label = m_markerLabels.value(marker->regionId);
        LabelPlacement::Request request;
        request.candidates = LabelPlacement::aroundMarker(
            toView.map(label->pos()), label->boxSize(), keepOut.value(marker->regionId));
        request.previous = keep ? m_labelCandidate.value(marker->regionId, -1) : -1;
        request.leaders.resize(request.candidates.size());
        for (qsizetype c = LabelPlacement::AdjacentCandidates; c < request.candidates.size(); ++c)
            request.leaders[c] = toView.map(label->pos());
        requests.append(request);
    }
    // Then each link's lag, somewhere along its line, from the middle outwards.
    QList<Link *> links;
    for (const MapLink &link : map.links) {
        auto it = m_links.find(linkKey(link.fromRegionId, link.toRegionId));
        if (it == m_links.end())
            continue;
        links.append(&it.value());
        QList<QPointF> points;
        for (double t : LinkLabelAt)
            points.append(toView.map(it->line->path().pointAtPercent(t)));
        // On a short link (zoomed out, or neighbours) no place on the line is free: then beside
        // it, and at the worst further out with a leader line to a point along it.
        LabelPlacement::Request request;
        const QSizeF size = it->label->boxSize();
        request.candidates = LabelPlacement::alongLine(points, size);
        request.leaders.resize(request.candidates.size());
        QList<QPair<QPointF, QList<QRectF>>> further;
        for (const QPointF &at : std::as_const(points)) {
            QList<QRectF> around
                = LabelPlacement::aroundMarker(at, size, LinkKeepOut, LinkLabelSteps);
            request.candidates += around.mid(0, LabelPlacement::AdjacentCandidates);
            further.append({ at, around.mid(LabelPlacement::AdjacentCandidates) });
        }
        request.leaders.resize(request.candidates.size());
        for (const auto &[from, rects] : std::as_const(further)) {
            request.candidates += rects;
            request.leaders.resize(request.candidates.size(), from);
        }
        request.previous = keep ? it->labelCandidate : -1;
        requests.append(request);
    }

    const QList<LabelPlacement::Placement> placements
        = LabelPlacement::place(requests, obstacles, bounds);
    qsizetype i = 0;
    for (const MapMarker *marker : std::as_const(markers)) {
        const LabelPlacement::Placement &placement = placements.at(i++);
        MapLabelItem *label = m_markerLabels.value(marker->regionId);
        m_labelCandidate.insert(marker->regionId, placement.candidate);
        const QPointF origin = toView.map(label->pos());
        label->setPlacement(placement.rect.topLeft() - origin,
            placement.leader ? std::optional<QPointF>(*placement.leader - origin) : std::nullopt,
            keepOut.value(marker->regionId));
    }
    for (Link *link : std::as_const(links)) {
        const LabelPlacement::Placement &placement = placements.at(i++);
        link->labelCandidate = placement.candidate;
        const QPointF origin = toView.map(link->label->pos());
        link->label->setPlacement(placement.rect.topLeft() - origin,
            placement.leader ? std::optional<QPointF>(*placement.leader - origin) : std::nullopt,
            LinkKeepOut);
    }
}

void RegionMapView::onStateChanged(const RegionMapSnapshot &previous)
{
    showSnapshot(&previous);
}

void RegionMapView::showSnapshot(const RegionMapSnapshot *previous)
{
    addNewMarkers();
    const RegionMapSnapshot &map = m_state->snapshot();
    const QFontMetrics metrics(font());
    for (const MapMarker &marker : map.markers) {
        MapMarkerItem *item = m_markers.value(marker.regionId);
        MapLabelItem *label = m_markerLabels.value(marker.regionId);
        if (!item || !label)
            continue;
        const QString tip = markerToolTip(marker, map);
        item->setMarker(marker, tip);
        label->setToolTip(tip);
        label->setText(marker.name);
        // A healthy region's reason says nothing new; a fault's says what is wrong.
        const QString state = marker.reason.isEmpty() || marker.health == Health::Healthy
            ? marker.stateText
            : metrics.elidedText(tr("%1 · %2").arg(marker.stateText, marker.reason), Qt::ElideRight,
                ReasonLabelWidth);
        // The verdict's own colour where it reads on the halo (amber on white would not).
        const bool lightHalo = m_palette.halo.lightnessF() > 0.5;
        const bool coloured
            = marker.health == Health::Unhealthy || (marker.health == Health::Healthy && lightHalo);
        label->setSecondLine(state, coloured ? healthStyle(marker.health).fill : m_palette.text);
    }
    updateLinks(map);
    updatePrimaries(map, previous);
    placeLabels(Relayout::KeepPlaces);
}

void RegionMapView::updateLinks(const RegionMapSnapshot &map)
{
    QSet<QString> seen;
    for (const MapLink &link : map.links) {
        if (!m_markerPos.contains(link.fromRegionId) || !m_markerPos.contains(link.toRegionId))
            continue;
        const QString key = linkKey(link.fromRegionId, link.toRegionId);
        seen.insert(key);
        Link &item = m_links[key];
        if (!item.line) {
            item.line = m_scene->addPath(QPainterPath());
            item.line->setZValue(LinkZ);
            item.label = new MapLabelItem;
            item.label->setZValue(LinkLabelZ);
            m_scene->addItem(item.label);
        }
        QList<QPointF> others;
        for (auto it = m_markerPos.cbegin(); it != m_markerPos.cend(); ++it) {
            if (it.key() != link.fromRegionId && it.key() != link.toRegionId)
                others.append(it.value());
        }
        const QPainterPath path = linkPath(
            m_markerPos.value(link.fromRegionId), m_markerPos.value(link.toRegionId), others);
        item.line->setPath(path);
        const Qt::PenStyle style = !link.streaming   ? Qt::DashLine
            : link.frozen                            ? Qt::DotLine
            : link.severity == LinkSeverity::Unknown ? Qt::DashDotLine
                                                     : Qt::SolidLine;
        item.line->setPen(cosmeticPen(MapPalette::linkColor(link.severity), link.width, style));
        const QString tip = linkToolTip(link, map);
        item.line->setToolTip(tip);
        item.label->setText(link.lagText);
        item.label->setToolTip(tip);
        if (item.label->pos() != path.pointAtPercent(0.5)) {
            item.label->setPos(path.pointAtPercent(0.5));
            item.labelCandidate = -1;
        }
        item.label->setFont(font());
        item.label->setColors(m_palette.text, m_palette.halo);
    }
    for (auto it = m_links.begin(); it != m_links.end();) {
        if (seen.contains(it.key())) {
            ++it;
            continue;
        }
        delete it->line;
        delete it->label;
        it = m_links.erase(it);
    }
}

void RegionMapView::updatePrimaries(const RegionMapSnapshot &map, const RegionMapSnapshot *previous)
{
    QList<QPair<QString, MapPrimaryItem::Kind>> wanted;
    for (const MapMarker &marker : map.markers) {
        if (marker.primary)
            wanted.append({ marker.regionId,
                marker.splitBrain ? MapPrimaryItem::Kind::SplitBrain
                                  : MapPrimaryItem::Kind::Primary });
        else if (marker.primaryLost)
            wanted.append({ marker.regionId, MapPrimaryItem::Kind::Lost });
    }
    // The crown that was shown, to start a move from; a lost primary counts, so that a failover
    // moves the crown from the old primary to the new one.
    QString movedFrom;
    if (previous && wanted.size() == 1
        && wanted.constFirst().second == MapPrimaryItem::Kind::Primary) {
        for (const MapMarker &old : previous->markers) {
            if ((old.primary && !old.splitBrain) || old.primaryLost)
                movedFrom = old.regionId;
        }
        if (movedFrom == wanted.constFirst().first)
            movedFrom.clear();
    }

    while (m_primaries.size() > wanted.size())
        delete m_primaries.takeLast();
    while (m_primaries.size() < wanted.size()) {
        auto *item = new MapPrimaryItem;
        item->setZValue(PrimaryZ);
        item->setStyle(m_palette, font());
        m_scene->addItem(item);
        m_primaries.append(item);
    }
    m_primaryMove->stop();
    for (int i = 0; i < wanted.size(); ++i) {
        m_primaries[i]->setKind(wanted[i].second);
        m_primaries[i]->setPos(m_markerPos.value(wanted[i].first));
    }
    if (!movedFrom.isEmpty() && m_markerPos.contains(movedFrom)) {
        m_primaryMove->setStartValue(m_markerPos.value(movedFrom));
        m_primaryMove->setEndValue(m_markerPos.value(wanted.constFirst().first));
        m_primaries.constFirst()->setPos(m_markerPos.value(movedFrom));
        m_primaryMove->start();
    }
}

bool RegionMapView::isAnimating() const
{
    return m_primaryMove->state() == QAbstractAnimation::Running;
}

void RegionMapView::applyStyle()
{
    m_palette = MapPalette::from(palette());
    setBackgroundBrush(m_palette.halo.darker(104));
    m_water->setBrush(m_palette.water);
    m_graticule->setPen(cosmeticPen(m_palette.graticule, 1));
    m_land->setBrush(m_palette.land);
    m_land->setPen(cosmeticPen(m_palette.coast, 0.8));
    if (m_mapError)
        m_mapError->setBrush(m_palette.text);
    if (m_unplacedCaption) {
        m_unplacedCaption->setFont(font());
        m_unplacedCaption->setColors(m_palette.text, m_palette.halo);
    }
    for (MapMarkerItem *marker : std::as_const(m_markers))
        marker->setStyle(m_palette);
    for (MapLabelItem *label : std::as_const(m_markerLabels)) {
        label->setFont(font());
        label->setColors(m_palette.text, m_palette.halo);
    }
    for (MapPrimaryItem *primary : std::as_const(m_primaries))
        primary->setStyle(m_palette, font());
    for (const Link &link : std::as_const(m_links)) {
        link.label->setFont(font());
        link.label->setColors(m_palette.text, m_palette.halo);
    }
}

void RegionMapView::changeEvent(QEvent *event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        applyStyle();
        showSnapshot(nullptr);
    }
}

QString RegionMapView::markerToolTip(const MapMarker &marker, const RegionMapSnapshot &map) const
{
    QStringList lines;
    lines << QStringLiteral("<b>%1</b>").arg(escaped(marker.name));
    lines << (marker.reason.isEmpty()
            ? tr("State: %1").arg(escaped(marker.stateText))
            : tr("State: %1 — %2").arg(escaped(marker.stateText), escaped(marker.reason)));
    if (marker.primary)
        lines << (marker.splitBrain ? tr("<b>Writable primary</b>, and so is another region")
                                    : tr("<b>Primary</b>, as its servers report"));
    else if (marker.primaryLost)
        lines << tr("<b>Primary lost</b>: the last primary seen, and none answers now");
    lines << (marker.configuredPrimary
            ? tr("Database: %1 (configured as the primary)").arg(escaped(marker.roleText))
            : tr("Database: %1").arg(escaped(marker.roleText)));
    for (const MapLink &link : map.links) {
        if (link.toRegionId == marker.regionId) {
            const MapMarker *from = map.marker(link.fromRegionId);
            lines << tr("Replication from %1: %2")
                         .arg(
                             escaped(from ? from->name : link.fromRegionId), escaped(link.lagText));
        }
    }
    if (!marker.lonLat)
        lines << tr("No usable latitude and longitude in the configuration");
    return lines.join(QStringLiteral("<br>"));
}

QString RegionMapView::linkToolTip(const MapLink &link, const RegionMapSnapshot &map) const
{
    const MapMarker *from = map.marker(link.fromRegionId);
    const MapMarker *to = map.marker(link.toRegionId);
    return tr("<b>%1 → %2</b><br>%3<br>Lag: %4")
        .arg(escaped(from ? from->name : link.fromRegionId),
            escaped(to ? to->name : link.toRegionId), escaped(link.lagText),
            MapPalette::severityLabel(link.severity));
}

QString RegionMapView::selectedRegion() const
{
    for (QGraphicsItem *item : m_scene->selectedItems()) {
        if (item->type() == MapMarkerItem::Type)
            return static_cast<MapMarkerItem *>(item)->regionId();
    }
    return {};
}

MapMarkerItem *RegionMapView::markerItem(const QString &regionId) const
{
    return m_markers.value(regionId);
}

QGraphicsPathItem *RegionMapView::linkItem(const QString &from, const QString &to) const
{
    return m_links.value(linkKey(from, to)).line;
}

MapLabelItem *RegionMapView::markerLabel(const QString &regionId) const
{
    return m_markerLabels.value(regionId);
}

MapLabelItem *RegionMapView::linkLabel(const QString &from, const QString &to) const
{
    return m_links.value(linkKey(from, to)).label;
}

QPointF RegionMapView::markerScenePos(const QString &regionId) const
{
    return m_markerPos.value(regionId);
}

void RegionMapView::selectRegion(const QString &regionId)
{
    if (regionId == selectedRegion())
        return;
    m_syncingSelection = true;
    m_scene->clearSelection();
    if (MapMarkerItem *item = m_markers.value(regionId)) {
        item->setSelected(true);
        const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
        if (!visible.contains(item->pos()))
            centerOn(item);
    }
    m_syncingSelection = false;
}

void RegionMapView::onSceneSelectionChanged()
{
    if (m_syncingSelection)
        return;
    const QString region = selectedRegion();
    if (!region.isEmpty())
        emit regionSelected(region);
}

double RegionMapView::fitScale() const
{
    const QRectF world = MapProjection::world();
    const QRectF area = viewport()->rect().adjusted(8, 8, -8, -8);
    if (area.isEmpty())
        return 1;
    return std::min(area.width() / world.width(), area.height() / world.height());
}

double RegionMapView::zoomFactor() const
{
    return transform().m11() / fitScale();
}

void RegionMapView::zoomBy(double factor)
{
    const double now = transform().m11();
    const double base = fitScale();
    const double next = std::clamp(now * factor, base * MinZoom, base * MaxZoom);
    if (qFuzzyCompare(next, now))
        return;
    scale(next / now, next / now);
    m_userZoomed = true;
    placeLabels(Relayout::Afresh);
}

void RegionMapView::zoomIn()
{
    zoomBy(1.25);
}

void RegionMapView::zoomOut()
{
    zoomBy(1 / 1.25);
}

void RegionMapView::fitAll()
{
    const double base = fitScale();
    resetTransform();
    m_userZoomed = false;
    if (m_markerPos.isEmpty()) {
        scale(base, base);
        centerOn(MapProjection::world().center());
        placeLabels(Relayout::Afresh);
        return;
    }
    // Every marker with its label, crown and tag in view. Those are pixels, the markers' places
    // are scene units: a few passes settle the scale where both fit.
    const QRectF area = QRectF(viewport()->rect()).adjusted(8, 8, -8, -8);
    const double u = MapProjection::UnitsPerDegree;
    double s = base;
    QRectF wanted;
    for (int pass = 0; pass < 4; ++pass) {
        QRectF need;
        for (auto it = m_markerPos.cbegin(); it != m_markerPos.cend(); ++it) {
            QRectF pixels(-45, -56, 90, 84); // the crown and its tag above, the ring around
            if (const MapLabelItem *label = m_markerLabels.value(it.key()))
                pixels |= label->boxRect();
            need |= QRectF(it.value() + pixels.topLeft() / s, pixels.size() / s);
        }
        // No closer than a continent, so a single region still shows where on Earth it is.
        const QPointF centre = need.center();
        need.setWidth(std::max(need.width(), 120 * u));
        need.setHeight(std::max(need.height(), 60 * u));
        need.moveCenter(centre);
        wanted = need;
        // Never smaller than the whole world: in a narrow pane an edge label may be cut, but the
        // map stays readable.
        s = std::clamp(std::min(area.width() / need.width(), area.height() / need.height()), base,
            base * MaxZoom);
    }
    scale(s, s);
    // When even the whole world is too small for every label, show the whole world.
    centerOn(s <= base * 1.001 ? MapProjection::world().center() : wanted.center());
    placeLabels(Relayout::Afresh);
}

} // namespace Console
