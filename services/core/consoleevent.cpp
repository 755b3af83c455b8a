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
    case EventKind::FailoverState: return QStringLiteral("failover-state");
    case EventKind::PrimaryConfirmation: return QStringLiteral("primary-confirmation");
    case EventKind::Gates: return QStringLiteral("gates");
    case EventKind::FailoverStarted: return QStringLiteral("failover-started");
    case EventKind::FailoverStep: return QStringLiteral("step");
    case EventKind::FailoverFinished: return QStringLiteral("failover-finished");
    case EventKind::SplitBrain: return QStringLiteral("split-brain");
    case EventKind::OperatorAction: return QStringLiteral("operator");
    case EventKind::DrillStarted: return QStringLiteral("drill-started");
    case EventKind::DrillStep: return QStringLiteral("drill-step");
    case EventKind::DrillFinished: return QStringLiteral("drill-finished");
    }
    return {};
}

QList<EventKind> allEventKinds()
{
    return { EventKind::ConsoleStarted, EventKind::ConsoleStopping, EventKind::EndpointHealth,
        EventKind::RegionHealth, EventKind::RoleObserved, EventKind::RoleChanged,
        EventKind::PrimaryState, EventKind::ReplicationLink, EventKind::ReplayPaused,
        EventKind::PromotionCandidate, EventKind::DemoFault, EventKind::BreakerTransition,
        EventKind::SelfCheck, EventKind::FailoverState, EventKind::PrimaryConfirmation,
        EventKind::Gates, EventKind::FailoverStarted, EventKind::FailoverStep,
        EventKind::FailoverFinished, EventKind::SplitBrain, EventKind::OperatorAction,
        EventKind::DrillStarted, EventKind::DrillStep, EventKind::DrillFinished };
}

} // namespace Console
