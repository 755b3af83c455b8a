#include "healthpalette.h"

#include <QCoreApplication>

namespace Console {

HealthStyle healthStyle(Health health)
{
    switch (health) {
    case Health::Healthy:
        return { QColor(0x16, 0xa3, 0x4a), QColor(Qt::white), healthLabel(Health::Healthy) };
    case Health::Degraded:
        return { QColor(0xf5, 0x9e, 0x0b), QColor(Qt::black), healthLabel(Health::Degraded) };
    case Health::Unhealthy:
        return { QColor(0xdc, 0x26, 0x26), QColor(Qt::white), healthLabel(Health::Unhealthy) };
    case Health::Unknown: break;
    }
    return { QColor(0x6b, 0x72, 0x80), QColor(Qt::white), healthLabel(Health::Unknown) };
}

} // namespace Console
