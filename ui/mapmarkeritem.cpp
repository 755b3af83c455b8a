#include "mapmarkeritem.h"

#include "healthpalette.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace Console {

namespace {

constexpr double SelectionRadius = MapMarkerItem::Radius + 13; // outside the primary's ring

} // namespace

MapMarkerItem::MapMarkerItem(const QString &regionId, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_regionId(regionId)
{
    setFlags(ItemIgnoresTransformations | ItemIsSelectable);
    setAcceptHoverEvents(true);
    setCursor(Qt::PointingHandCursor);
}

void MapMarkerItem::setMarker(const MapMarker &marker, const QString &toolTip)
{
    m_marker = marker;
    setToolTip(toolTip);
    update();
}

void MapMarkerItem::setStyle(const MapPalette &palette)
{
    m_palette = palette;
    update();
}

QPainterPath MapMarkerItem::symbol(Health health, double r)
{
    QPainterPath path;
    switch (health) {
    case Health::Healthy: path.addEllipse(QPointF(0, 0), r, r); break;
    case Health::Degraded:
        path.moveTo(0, -r * 1.15);
        path.lineTo(r * 1.1, r * 0.8);
        path.lineTo(-r * 1.1, r * 0.8);
        path.closeSubpath();
        break;
    case Health::Unhealthy: path.addRect(QRectF(-r * 0.9, -r * 0.9, r * 1.8, r * 1.8)); break;
    case Health::Unknown:
        path.moveTo(0, -r * 1.2);
        path.lineTo(r * 1.2, 0);
        path.lineTo(0, r * 1.2);
        path.lineTo(-r * 1.2, 0);
        path.closeSubpath();
        break;
    }
    return path;
}

QRectF MapMarkerItem::boundingRect() const
{
    const double r = SelectionRadius + 2;
    return QRectF(-r, -r, 2 * r, 2 * r);
}

QPainterPath MapMarkerItem::shape() const
{
    QPainterPath path;
    path.addEllipse(QPointF(0, 0), Radius + 3, Radius + 3);
    return path;
}

void MapMarkerItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const HealthStyle style = healthStyle(m_marker.health);

    if (option->state & QStyle::State_Selected) {
        QPen ring(m_palette.selection, 2.5, Qt::DashLine);
        ring.setCosmetic(true);
        painter->setPen(ring);
        painter->setBrush(Qt::NoBrush);
        painter->drawEllipse(QPointF(0, 0), SelectionRadius, SelectionRadius);
    }

    QPen outline(m_palette.outline, 1.5);
    outline.setCosmetic(true);
    outline.setJoinStyle(Qt::MiterJoin);
    painter->setPen(outline);
    painter->setBrush(style.fill);
    painter->drawPath(symbol(m_marker.health));
    if (m_marker.health == Health::Unhealthy) {
        // A cross inside the square: "down" reads without colour too.
        QPen cross(style.text, 2);
        cross.setCosmetic(true);
        painter->setPen(cross);
        const double c = Radius * 0.5;
        painter->drawLine(QPointF(-c, -c), QPointF(c, c));
        painter->drawLine(QPointF(-c, c), QPointF(c, -c));
    }
}

} // namespace Console
