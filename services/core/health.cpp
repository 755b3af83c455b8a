#include "health.h"

#include <QCoreApplication>

namespace Console {

int rank(Health health)
{
    switch (health) {
    case Health::Unknown: return 0;
    case Health::Healthy: return 1;
    case Health::Degraded: return 2;
    case Health::Unhealthy: return 3;
    }
    return 0;
}

Health worse(Health a, Health b)
{
    return rank(b) > rank(a) ? b : a;
}

QString toString(Health health)
{
    switch (health) {
    case Health::Unknown: return QStringLiteral("unknown");
    case Health::Healthy: return QStringLiteral("healthy");
    case Health::Degraded: return QStringLiteral("degraded");
    case Health::Unhealthy: return QStringLiteral("unhealthy");
    }
    return {};
}

QString healthLabel(Health health)
{
    switch (health) {
    case Health::Unknown: return QCoreApplication::translate("Console::Health", "Unknown");
    case Health::Healthy: return QCoreApplication::translate("Console::Health", "Healthy");
    case Health::Degraded: return QCoreApplication::translate("Console::Health", "Degraded");
    case Health::Unhealthy: return QCoreApplication::translate("Console::Health", "Unhealthy");
    }
    return {};
}

} // namespace Console
