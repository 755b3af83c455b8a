#pragma once

#include <QList>
#include <QPointF>
#include <QString>

namespace Console {

// The world's land as rings of (longitude, latitude) points, read from the resource that
// scripts/make-world-map writes (Natural Earth 1:50m). Outlines and holes (lakes, inland seas)
// are rings alike: a view fills them with the odd-even rule.
struct LandOutline
{
    QList<QList<QPointF>> rings;
    int pointCount = 0;
    QString error; // why nothing was read; empty on success

    bool isEmpty() const { return rings.isEmpty(); }

    static QString defaultPath(); // ":/map/land.bin", compiled into console_models
    static LandOutline read(const QByteArray &data);
    static LandOutline load(const QString &path = defaultPath());
};

} // namespace Console
