#pragma once

#include <QPointF>
#include <QRectF>

#include <cmath>
#include <optional>

namespace Console::MapProjection {

// Equirectangular: scene x grows with longitude, scene y grows southwards. Scene units are
// degrees times this factor; every pen and marker ignores the scale, so it only keeps the
// numbers comfortably away from floating-point noise when the view zooms in.
inline constexpr double UnitsPerDegree = 4.0;

inline QPointF toScene(double longitude, double latitude)
{
    return { longitude * UnitsPerDegree, -latitude * UnitsPerDegree };
}

inline QPointF toScene(const QPointF &lonLat)
{
    return toScene(lonLat.x(), lonLat.y());
}

// x is the longitude, y the latitude.
inline QPointF toLonLat(const QPointF &scene)
{
    return { scene.x() / UnitsPerDegree, -scene.y() / UnitsPerDegree };
}

// The whole world, -180..180 by -90..90, in scene units.
inline QRectF world()
{
    return QRectF(toScene(-180, 90), toScene(180, -90));
}

// A configured place, or nothing when it is not a place on Earth (not finite, out of range).
inline std::optional<QPointF> place(double latitude, double longitude)
{
    if (!std::isfinite(latitude) || !std::isfinite(longitude) || std::abs(latitude) > 90
        || std::abs(longitude) > 180)
        return std::nullopt;
    return QPointF(longitude, latitude);
}

} // namespace Console::MapProjection
