#include "maplabelitem.h"

#include "labelplacement.h"
#include "mapmarkeritem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPen>

#include <algorithm>

namespace Console {

MapLabelItem::MapLabelItem(Anchor anchor, QGraphicsItem *parent)
    : QGraphicsItem(parent)
    , m_anchor(anchor)
{
    setFlag(ItemIgnoresTransformations);
    setAcceptedMouseButtons(Qt::NoButton);
}

void MapLabelItem::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    relayout();
}

void MapLabelItem::setSecondLine(const QString &text, const QColor &color)
{
    m_secondColor = color;
    if (text != m_second) {
        m_second = text;
        relayout();
    }
    update();
}

void MapLabelItem::setFont(const QFont &font)
{
    m_font = font;
    m_boldFont = font;
    m_boldFont.setBold(true);
    relayout();
}

void MapLabelItem::setColors(const QColor &text, const QColor &halo)
{
    m_textColor = text;
    m_halo = halo;
    update();
}

void MapLabelItem::setPlacement(
    const QPointF &topLeft, const std::optional<QPointF> &leaderFrom, double markerRadius)
{
    if (m_placed && topLeft == m_box.topLeft() && leaderFrom == m_leaderFrom
        && markerRadius == m_markerRadius)
        return;
    m_placed = true;
    m_box.moveTopLeft(topLeft);
    m_leaderFrom = leaderFrom;
    m_markerRadius = markerRadius;
    relayout();
}

void MapLabelItem::relayout()
{
    prepareGeometryChange();
    const QFont &firstFont = m_second.isEmpty() ? m_font : m_boldFont;
    const QFontMetricsF first(firstFont);
    const QFontMetricsF second(m_font);
    const double firstWidth = first.horizontalAdvance(m_text) + 2;
    const double secondWidth = m_second.isEmpty() ? 0 : second.horizontalAdvance(m_second) + 2;
    const double lines = m_second.isEmpty() ? first.height() : first.height() + second.height();
    const QSizeF size(std::max(firstWidth, secondWidth) + 8, lines + 2);
    QPointF topLeft = m_box.topLeft();
    if (!m_placed) {
        topLeft = m_anchor == Anchor::Centre
            ? QPointF(-size.width() / 2, -size.height() / 2)
            : QPointF(MapMarkerItem::Radius + 4, -size.height() / 2);
    }
    m_box = QRectF(topLeft, size);
    m_firstRect = QRectF(topLeft + QPointF(4, 1), QSizeF(firstWidth, first.height()));
    m_secondRect = m_second.isEmpty()
        ? QRectF()
        : QRectF(m_firstRect.bottomLeft(), QSizeF(secondWidth, second.height()));
    m_bounds = m_box;
    m_leaderLine = QLineF();
    if (m_leaderFrom) {
        // From the marker's edge to the nearest point of the box.
        QLineF line = LabelPlacement::leaderLine(*m_leaderFrom, m_box);
        if (line.length() > m_markerRadius) {
            line.setP1(line.pointAt(m_markerRadius / line.length()));
            m_leaderLine = line;
            m_bounds |= QRectF(line.p1(), line.p2()).normalized().adjusted(-2, -2, 2, 2);
        }
    }
}

QRectF MapLabelItem::boundingRect() const
{
    return m_bounds;
}

void MapLabelItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_text.isEmpty())
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    if (!m_leaderLine.isNull()) {
        // A thin line on a thin halo, so it reads over land and water alike.
        painter->setPen(QPen(m_halo, 3, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(m_leaderLine);
        QColor line = m_textColor;
        line.setAlphaF(0.75f);
        painter->setPen(QPen(line, 1, Qt::SolidLine, Qt::RoundCap));
        painter->drawLine(m_leaderLine);
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_halo);
    painter->drawRoundedRect(m_box, 4, 4);
    painter->setPen(m_textColor);
    painter->setFont(m_second.isEmpty() ? m_font : m_boldFont);
    painter->drawText(m_firstRect, Qt::AlignLeft | Qt::AlignVCenter, m_text);
    if (!m_second.isEmpty()) {
        painter->setFont(m_font);
        painter->setPen(m_secondColor.isValid() ? m_secondColor : m_textColor);
        painter->drawText(m_secondRect, Qt::AlignLeft | Qt::AlignVCenter, m_second);
    }
}

} // namespace Console
