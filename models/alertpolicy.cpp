#include "alertpolicy.h"

namespace Console {

std::optional<Alert> AlertPolicy::alertFor(const ConsoleEvent &event, const QDateTime &now) const
{
    if (isMuted(now))
        return std::nullopt;
    return describe(event);
}

std::optional<Alert> AlertPolicy::describe(const ConsoleEvent &event) const
{
    switch (event.kind) {
    case EventKind::RegionHealth: {
        const QString to = event.field(QStringLiteral("to")).toString();
        const QString from = event.field(QStringLiteral("from")).toString();
        // The first verdicts after the start are not news; a recovery from a bad state is.
        if (from == QLatin1String("unknown") || to == QLatin1String("unknown"))
            return std::nullopt;
        const QString name = m_config.regionName(event.regionId);
        const QString region = name.isEmpty() ? event.regionId : name;
        return Alert { tr("%1: %2").arg(region, to), event.message, event.severity };
    }
    case EventKind::PrimaryState: {
        const QString status = event.field(QStringLiteral("status")).toString();
        if (status == QLatin1String("none-reachable"))
            return Alert { tr("Primary lost"), event.message, EventSeverity::Critical };
        if (status == QLatin1String("several"))
            return Alert { tr("Two writable primaries"), event.message, EventSeverity::Critical };
        return std::nullopt;
    }
    case EventKind::SplitBrain:
        return Alert { tr("Split brain"), event.message, EventSeverity::Critical };
    case EventKind::FailoverStarted:
        return Alert { tr("Failover started"), event.message, EventSeverity::Warning };
    default: return std::nullopt;
    }
}

} // namespace Console
