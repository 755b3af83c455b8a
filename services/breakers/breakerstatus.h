#pragma once

#include "clock.h"

#include <QList>
#include <QMetaType>
#include <QString>

#include <chrono>
#include <optional>

namespace Console {

// A circuit breaker's state, the console's own or one an application reports.
enum class BreakerState {
    Closed, // calls go through
    Open, // calls fail fast until the reset timeout
    HalfOpen, // a few trial calls decide
    Disabled, // a remote breaker switched off (Resilience4j DISABLED, METRICS_ONLY)
    ForcedOpen, // a remote breaker held open by an operator (Resilience4j FORCED_OPEN)
    Unknown, // a remote breaker whose state word is not one of these
};

// "closed", "open", "half-open", "disabled", "forced-open", "unknown"
QString toString(BreakerState state);
QString breakerStateLabel(BreakerState state); // translated: "Closed", "Open", "Half-open"...

// Who a breaker watches over.
enum class BreakerScope {
    Endpoint, // the console's breaker for one endpoint
    Region, // the console's breaker for a whole region (every call into it)
    Remote, // a breaker an application exposes (endpoint kind "breakers")
};

QString toString(BreakerScope scope); // "endpoint", "region", "remote"

// One breaker as the views and the failover gates read it. Times are on the console's monotonic
// clock (Clock::now()); a view measures time in state and time to the next trial against it.
struct BreakerStatus
{
    QString id; // unique: the endpoint or region id, or "<endpoint>/<remote name>"
    BreakerScope scope = BreakerScope::Endpoint;
    QString regionId;
    QString subject; // what it guards, for people: endpoint, region or remote breaker name
    BreakerState state = BreakerState::Closed;
    // Failed calls in a row, whatever the state; in closed, towards failureThreshold.
    int consecutiveFailures = 0;
    int failureThreshold = 0; // 0 for a remote breaker
    int halfOpenSuccesses = 0; // in half-open: towards halfOpenNeeded
    int halfOpenNeeded = 0;
    qint64 totalSuccesses = 0;
    qint64 totalFailures = 0;
    int timesOpened = 0;
    Clock::TimePoint stateSince {}; // when it entered its state (remote: when first seen in it)
    // Open: when it turns half-open (absolute, so a view counts down without a new status).
    std::optional<Clock::TimePoint> nextTrialAt;
    std::optional<double> failureRatePercent; // remote breakers that report one

    bool operator==(const BreakerStatus &) const = default;
};

} // namespace Console

Q_DECLARE_METATYPE(Console::BreakerStatus)
