#include "maplabelitem.h"

#include "mapmarkeritem.h"

#include <QFontMetricsF>
#include <QPainter>

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

void MapLabelItem::setOnLeft(bool left)
{
    if (left == m_onLeft)
        return;
    m_onLeft = left;
    relayout();
}

void MapLabelItem::setColors(const QColor &text, const QColor &halo)
{
    m_textColor = text;
    m_halo = halo;
    update();
}

void MapLabelItem::relayout()
{
    prepareGeometryChange();
    const QFont &firstFont = m_second.isEmpty() ? m_font : m_boldFont;
    const QFontMetricsF first(firstFont);
    const QFontMetricsF second(m_font);
    const double firstWidth = first.horizontalAdvance(m_text) + 2;
    if (m_anchor == Anchor::Centre) {
        m_firstRect = QRectF(-firstWidth / 2, -first.height() / 2, firstWidth, first.height());
        m_secondRect = QRectF();
        m_rect = m_firstRect.adjusted(-4, -1, 4, 1);
        return;
    }
    const double gap = MapMarkerItem::Radius + 8;
    const double secondWidth = m_second.isEmpty() ? 0 : second.horizontalAdvance(m_second) + 2;
    const double x = m_onLeft ? -gap - std::max(firstWidth, secondWidth) : gap;
    const double lines = m_second.isEmpty() ? first.height() : first.height() + second.height();
    m_firstRect = QRectF(x, -lines / 2, firstWidth, first.height());
    m_secondRect = m_second.isEmpty()
        ? QRectF()
        : QRectF(x, m_firstRect.bottom(), secondWidth, second.height());
    m_rect = m_firstRect.united(m_secondRect).adjusted(-4, -1, 4, 1);
}

QRectF MapLabelItem::boundingRect() const
{
    return m_rect;
}

void MapLabelItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_text.isEmpty())
        return;
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_halo);
    painter->drawRoundedRect(m_rect, 4, 4);
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
