#include "health.h"

namespace Console {

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

} // namespace Console
