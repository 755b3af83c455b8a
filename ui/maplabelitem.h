#pragma once

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QString>

namespace Console {

// A short text on the map at a fixed pixel size whatever the zoom, on a translucent halo so it
// reads over land, water and lines alike: one line centred on its position (a link's lag), or a
// bold name over a second line beside a marker (a region's name and verdict). A separate item
// from the marker, stacked below every marker, so a long label never hides another region.
class MapLabelItem final : public QGraphicsItem
{
public:
    enum class Anchor { Centre, BesideMarker };

    explicit MapLabelItem(Anchor anchor = Anchor::Centre, QGraphicsItem *parent = nullptr);

    void setText(const QString &text);
    QString text() const { return m_text; }
    void setSecondLine(const QString &text, const QColor &color);
    QString secondLine() const { return m_second; }
    void setFont(const QFont &font);
    // BesideMarker only: the label on the marker's left, for a marker at the east of the map.
    void setOnLeft(bool left);
    void setColors(const QColor &text, const QColor &halo);

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
        QWidget *widget = nullptr) override;

private:
    void relayout();

    Anchor m_anchor;
    bool m_onLeft = false;
    QString m_text;
    QString m_second;
    QColor m_secondColor;
    QFont m_font;
    QFont m_boldFont;
    QColor m_textColor;
    QColor m_halo;
    QRectF m_firstRect;
    QRectF m_secondRect;
    QRectF m_rect;
};

} // namespace Console
