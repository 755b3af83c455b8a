#pragma once

#include "mappalette.h"

#include <QFont>
#include <QGraphicsItem>

namespace Console {

// The crown over the primary: a thick ring around its marker, a crown and a "PRIMARY" tag
// above it, in a colour no verdict uses, so the primary is found at a glance. A lost primary
// keeps a dashed red ring and says so; during a split brain every writable region gets one.
// The view moves this item (animated) when the primary changes.
class MapPrimaryItem final : public QGraphicsItem
{
public:
    enum class Kind { Primary, Lost, SplitBrain };
    enum { Type = UserType + 802 };
    // The ring's radius in pixels, around a marker of MapMarkerItem::Radius.
    static constexpr double RingRadius = 16;

    // What an item of `kind` drawn in `font` covers, around its position (in pixels): labels
    // are kept off it.
    static QRectF extent(Kind kind, const QFont &font);

    explicit MapPrimaryItem(QGraphicsItem *parent = nullptr);

    Kind kind() const { return m_kind; }
    void setKind(Kind kind);
    void setStyle(const MapPalette &palette, const QFont &font);
    QString tagText() const;
    QColor ringColor() const;

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
        QWidget *widget = nullptr) override;

private:
    void relayout();
    static QRectF tagRect(Kind kind, const QFont &boldFont);

    Kind m_kind = Kind::Primary;
    MapPalette m_palette;
    QFont m_font;
    QRectF m_tagRect;
};

} // namespace Console
