#include "mapprimaryitem.h"

#include "healthpalette.h"
#include "mapmarkeritem.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPainter>

namespace Console {

namespace {

static_assert(MapPrimaryItem::RingRadius == MapMarkerItem::Radius + 7,
    "the ring sits just outside the marker");
constexpr double CrownHeight = 9;

QString tagTextFor(MapPrimaryItem::Kind kind)
{
    switch (kind) {
    case MapPrimaryItem::Kind::Primary:
        return QCoreApplication::translate("Console::MapPrimaryItem", "PRIMARY");
    case MapPrimaryItem::Kind::Lost:
        return QCoreApplication::translate("Console::MapPrimaryItem", "PRIMARY LOST");
    case MapPrimaryItem::Kind::SplitBrain:
        return QCoreApplication::translate("Console::MapPrimaryItem", "WRITABLE · SPLIT BRAIN");
    }
    return {};
}

QPainterPath crown(double baseY)
{
    const double w = 9;
    QPainterPath path;
    path.moveTo(-w, baseY);
    path.lineTo(-w, baseY - CrownHeight * 0.55);
    path.lineTo(-w * 0.5, baseY - CrownHeight * 0.2);
    path.lineTo(0, baseY - CrownHeight);
    path.lineTo(w * 0.5, baseY - CrownHeight * 0.2);
    path.lineTo(w, baseY - CrownHeight * 0.55);
    path.lineTo(w, baseY);
    path.closeSubpath();
    return path;
}

} // namespace

MapPrimaryItem::MapPrimaryItem(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
    // Below the marker, so the marker stays clickable; above land and links.
    setFlag(ItemIgnoresTransformations);
    setAcceptedMouseButtons(Qt::NoButton);
}

void MapPrimaryItem::setKind(Kind kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    relayout();
}

void MapPrimaryItem::setStyle(const MapPalette &palette, const QFont &font)
{
    m_palette = palette;
    m_font = font;
    m_font.setBold(true);
    relayout();
}

QString MapPrimaryItem::tagText() const
{
    return tagTextFor(m_kind);
}

QColor MapPrimaryItem::ringColor() const
{
    return m_kind == Kind::Primary ? m_palette.primary : healthStyle(Health::Unhealthy).fill;
}

QRectF MapPrimaryItem::tagRect(Kind kind, const QFont &boldFont)
{
    const QFontMetricsF metrics(boldFont);
    const QSizeF size(metrics.horizontalAdvance(tagTextFor(kind)) + 12, metrics.height() + 4);
    const double bottom = -RingRadius - CrownHeight - 3;
    return QRectF(QPointF(-size.width() / 2, bottom - size.height()), size);
}

QRectF MapPrimaryItem::extent(Kind kind, const QFont &font)
{
    QFont bold = font;
    bold.setBold(true);
    const double r = RingRadius + 3;
    return QRectF(-r, -r, 2 * r, 2 * r).united(tagRect(kind, bold).adjusted(-1, -1, 1, 1));
}

void MapPrimaryItem::relayout()
{
    prepareGeometryChange();
    m_tagRect = tagRect(m_kind, m_font);
    update();
}

QRectF MapPrimaryItem::boundingRect() const
{
    const double r = RingRadius + 3;
    return QRectF(-r, -r, 2 * r, 2 * r).united(m_tagRect.adjusted(-1, -1, 1, 1));
}

void MapPrimaryItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor color = ringColor();
    QPen ring(color, 3.5, m_kind == Kind::Lost ? Qt::DashLine : Qt::SolidLine);
    ring.setCosmetic(true);
    painter->setPen(ring);
    painter->setBrush(Qt::NoBrush);
    painter->drawEllipse(QPointF(0, 0), RingRadius, RingRadius);

    QPen edge(m_palette.outline, 1);
    edge.setCosmetic(true);
    painter->setPen(edge);
    painter->setBrush(color);
    painter->drawPath(crown(-RingRadius - 2));

    painter->setPen(Qt::NoPen);
    painter->drawRoundedRect(m_tagRect, 4, 4);
    painter->setFont(m_font);
    painter->setPen(QColor(Qt::white));
    painter->drawText(m_tagRect, Qt::AlignCenter, tagText());
}

} // namespace Console
