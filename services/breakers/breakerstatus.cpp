#include "breakerstatus.h"

#include <QCoreApplication>

namespace Console {

QString toString(BreakerState state)
{
    switch (state) {
    case BreakerState::Closed: return QStringLiteral("closed");
    case BreakerState::Open: return QStringLiteral("open");
    case BreakerState::HalfOpen: return QStringLiteral("half-open");
    case BreakerState::Disabled: return QStringLiteral("disabled");
    case BreakerState::ForcedOpen: return QStringLiteral("forced-open");
    case BreakerState::Unknown: return QStringLiteral("unknown");
    }
    return {};
}

QString breakerStateLabel(BreakerState state)
{
    switch (state) {
    case BreakerState::Closed: return QCoreApplication::translate("Console::Breaker", "Closed");
    case BreakerState::Open: return QCoreApplication::translate("Console::Breaker", "Open");
    case BreakerState::HalfOpen:
        return QCoreApplication::translate("Console::Breaker", "Half-open");
    case BreakerState::Disabled: return QCoreApplication::translate("Console::Breaker", "Disabled");
    case BreakerState::ForcedOpen:
        return QCoreApplication::translate("Console::Breaker", "Forced open");
    case BreakerState::Unknown: return QCoreApplication::translate("Console::Breaker", "Unknown");
    }
    return {};
}

QString toString(BreakerScope scope)
{
    switch (scope) {
    case BreakerScope::Endpoint: return QStringLiteral("endpoint");
    case BreakerScope::Region: return QStringLiteral("region");
    case BreakerScope::Remote: return QStringLiteral("remote");
    }
    return {};
}

} // namespace Console
