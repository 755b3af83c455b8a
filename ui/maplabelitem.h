#pragma once

#include <QColor>
#include <QFont>
#include <QGraphicsItem>
#include <QLineF>
#include <QString>

#include <optional>

namespace Console {

// A short text on the map at a fixed pixel size whatever the zoom, on a translucent halo so it
// reads over land, water and lines alike: one line (a link's lag), or a bold name over a second
// line (a region's name and verdict). Its position is what it labels (a marker, a link's
// middle); the view places the box around it (LabelPlacement) and, when the box stands further
// out, a thin leader line joins the two. A separate item from the marker, stacked below every
// marker, so a long label never hides another region.
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
    void setColors(const QColor &text, const QColor &halo);

    // The halo's size for the text now set, in pixels.
    QSizeF boxSize() const { return m_box.size(); }
    // The halo in item coordinates (pixels from the item's position); by default centred on it
    // (Centre) or just right of a marker (BesideMarker). A new text keeps the top left corner.
    QRectF boxRect() const { return m_box; }
    // Moves the halo to `topLeft` (item coordinates); with `leaderFrom`, a line from the edge
    // of a marker of `markerRadius` there to the nearest point of the halo.
    void setPlacement(const QPointF &topLeft, const std::optional<QPointF> &leaderFrom = {},
        double markerRadius = 0);
    bool hasLeader() const { return m_leaderFrom.has_value(); }
    // The leader line drawn, in item coordinates; null without one.
    QLineF leaderLine() const { return m_leaderLine; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
        QWidget *widget = nullptr) override;

private:
    void relayout();

    Anchor m_anchor;
    bool m_placed = false; // setPlacement() was called: the view decides where the box goes
    std::optional<QPointF> m_leaderFrom;
    double m_markerRadius = 0;
    QString m_text;
    QString m_second;
    QColor m_secondColor;
    QFont m_font;
    QFont m_boldFont;
    QColor m_textColor;
    QColor m_halo;
    QRectF m_firstRect; // in item coordinates
    QRectF m_secondRect;
    QRectF m_box; // the halo
    QLineF m_leaderLine;
    QRectF m_bounds;
};

} // namespace Console
