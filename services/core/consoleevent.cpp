#include "consoleevent.h"

namespace Console {

QString toString(EventKind kind)
{
    switch (kind) {
    case EventKind::ConsoleStarted: return QStringLiteral("console-started");
    case EventKind::ConsoleStopping: return QStringLiteral("console-stopping");
    case EventKind::EndpointHealth: return QStringLiteral("endpoint-health");
    case EventKind::RegionHealth: return QStringLiteral("region-health");
    case EventKind::RoleObserved: return QStringLiteral("role-observed");
    case EventKind::RoleChanged: return QStringLiteral("role-changed");
    case EventKind::PrimaryState: return QStringLiteral("primary-state");
    case EventKind::ReplicationLink: return QStringLiteral("replication-link");
    case EventKind::ReplayPaused: return QStringLiteral("replay-paused");
    case EventKind::PromotionCandidate: return QStringLiteral("promotion-candidate");
    case EventKind::DemoFault: return QStringLiteral("demo-fault");
    case EventKind::BreakerTransition: return QStringLiteral("breaker");
    case EventKind::SelfCheck: return QStringLiteral("self-check");
    }
    return {};
}

QList<EventKind> allEventKinds()
{
    return { EventKind::ConsoleStarted, EventKind::ConsoleStopping, EventKind::EndpointHealth,
        EventKind::RegionHealth, EventKind::RoleObserved, EventKind::RoleChanged,
        EventKind::PrimaryState, EventKind::ReplicationLink, EventKind::ReplayPaused,
        EventKind::PromotionCandidate, EventKind::DemoFault, EventKind::BreakerTransition,
        EventKind::SelfCheck };
}

} // namespace Console
