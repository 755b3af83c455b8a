#pragma once

#include "mappalette.h"
#include "regionmap.h"

#include <QGraphicsItem>
#include <QPainterPath>

namespace Console {

// One region on the map at a fixed pixel size: its verdict as a colour and a shape (circle
// healthy, triangle degraded, crossed square unhealthy, diamond unknown); the view puts its name
// and verdict in a label beside it, so that colour is never the only signal. Selectable; the
// view turns a selection into "this region".
class MapMarkerItem final : public QGraphicsItem
{
public:
    static constexpr double Radius = 9;
    enum { Type = UserType + 801 };

    explicit MapMarkerItem(const QString &regionId, QGraphicsItem *parent = nullptr);

    QString regionId() const { return m_regionId; }
    const MapMarker &marker() const { return m_marker; }
    void setMarker(const MapMarker &marker, const QString &toolTip);
    void setStyle(const MapPalette &palette);

    // The shape for a verdict, centred on (0, 0), in pixels.
    static QPainterPath symbol(Health health, double radius = Radius);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
        QWidget *widget = nullptr) override;

private:
    QString m_regionId;
    MapMarker m_marker;
    MapPalette m_palette;
};

} // namespace Console
