#pragma once

#include "health.h"

#include <QColor>
#include <QString>

namespace Console {

// The one place where meaning becomes colour: every widget asks here, so the palette stays coherent
// (and colour-blind-safe text always accompanies it).
struct HealthStyle
{
    QColor fill;
    QColor text;
    QString label;
};

HealthStyle healthStyle(Health health);

} // namespace Console
