#pragma once

#include "health.h"
#include "regionmap.h"

#include <QColor>
#include <QPalette>

namespace Console {

// The map's colours, derived from the widget palette so the map follows light and dark themes:
// land and water stay muted, so the markers and links are what the eye finds.
struct MapPalette
{
    QColor water;
    QColor land;
    QColor coast;
    QColor graticule;
    QColor text;
    QColor halo; // behind labels, so they read over land and water alike
    QColor outline; // around markers
    QColor selection;
    QColor primary; // the primary's ring and label

    static MapPalette from(const QPalette &palette);
    static QColor linkColor(LinkSeverity severity);
    static QString severityLabel(LinkSeverity severity);
};

} // namespace Console
