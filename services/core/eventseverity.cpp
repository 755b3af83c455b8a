#include "eventseverity.h"

namespace Console {

QString toString(EventSeverity severity)
{
    switch (severity) {
    case EventSeverity::Info: return QStringLiteral("info");
    case EventSeverity::Warning: return QStringLiteral("warning");
    case EventSeverity::Critical: return QStringLiteral("critical");
    }
    return {};
}

EventSeverity severityFor(Health health)
{
    switch (health) {
    case Health::Unhealthy: return EventSeverity::Critical;
    case Health::Degraded: return EventSeverity::Warning;
    case Health::Unknown:
    case Health::Healthy: return EventSeverity::Info;
    }
    return EventSeverity::Info;
}

} // namespace Console
