#include "circuitbreaker.h"

#include <algorithm>

namespace Console {

QString toString(BreakerTrigger trigger)
{
    switch (trigger) {
    case BreakerTrigger::FailureThreshold: return QStringLiteral("failure-threshold");
    case BreakerTrigger::ResetTimeout: return QStringLiteral("reset-timeout");
    case BreakerTrigger::TrialFailed: return QStringLiteral("trial-failed");
    case BreakerTrigger::TrialsPassed: return QStringLiteral("trials-passed");
    }
    return {};
}

namespace {
// A threshold of 0 would open a breaker without a failure and close one without a trial; the
// config loader refuses it, but a hand-built config must not make the breaker incoherent.
BreakerSettings sane(BreakerSettings settings)
{
    settings.failureThreshold = std::max(1, settings.failureThreshold);
    settings.halfOpenRequests = std::max(1, settings.halfOpenRequests);
    settings.resetTimeout = std::max(Milliseconds(0), settings.resetTimeout);
    return settings;
}
} // namespace

CircuitBreaker::CircuitBreaker(const BreakerSettings &settings, Clock::TimePoint since)
    : m_settings(sane(settings))
    , m_stateSince(since)
{ }

CircuitBreaker::Transitions CircuitBreaker::advance(Clock::TimePoint now)
{
    if (m_state != BreakerState::Open || now < *nextTrialAt())
        return {};
    // Half-open from the moment the timeout elapsed, not from whenever someone looked: the
    // answer must not depend on how late the timer or the next call came.
    return { moveTo(BreakerState::HalfOpen, BreakerTrigger::ResetTimeout, *nextTrialAt()) };
}

BreakerState CircuitBreaker::stateAt(Clock::TimePoint now) const
{
    if (m_state == BreakerState::Open && now >= *nextTrialAt())
        return BreakerState::HalfOpen;
    return m_state;
}

bool CircuitBreaker::allowsCall(Clock::TimePoint now) const
{
    switch (stateAt(now)) {
    case BreakerState::Closed: return true;
    case BreakerState::HalfOpen:
        // Still stored as open: a fresh half-open spell with every slot free.
        if (m_state == BreakerState::Open)
            return true;
        return m_halfOpenSuccesses + m_trialsInFlight < m_settings.halfOpenRequests;
    default: return false;
    }
}

CircuitBreaker::Admission CircuitBreaker::admit(Clock::TimePoint now)
{
    Admission admission { false, advance(now) };
    admission.allowed = allowsCall(now);
    if (!admission.allowed)
        ++m_rejectedCalls;
    else if (m_state == BreakerState::HalfOpen)
        ++m_trialsInFlight;
    return admission;
}

CircuitBreaker::Transitions CircuitBreaker::recordSuccess(Clock::TimePoint now)
{
    return record(true, now);
}

CircuitBreaker::Transitions CircuitBreaker::recordFailure(Clock::TimePoint now)
{
    return record(false, now);
}

CircuitBreaker::Transitions CircuitBreaker::record(bool success, Clock::TimePoint now)
{
    Transitions transitions = advance(now);
    if (success) {
        ++m_totalSuccesses;
        m_consecutiveFailures = 0;
    } else {
        ++m_totalFailures;
        ++m_consecutiveFailures;
    }

    switch (m_state) {
    case BreakerState::Closed:
        if (!success && m_consecutiveFailures >= m_settings.failureThreshold)
            transitions.append(moveTo(BreakerState::Open, BreakerTrigger::FailureThreshold, now));
        break;
    case BreakerState::HalfOpen:
        m_trialsInFlight = std::max(0, m_trialsInFlight - 1);
        if (!success) {
            transitions.append(moveTo(BreakerState::Open, BreakerTrigger::TrialFailed, now));
        } else if (++m_halfOpenSuccesses >= m_settings.halfOpenRequests) {
            transitions.append(moveTo(BreakerState::Closed, BreakerTrigger::TrialsPassed, now));
        }
        break;
    default: // open: the result went around the breaker and only counts
        break;
    }
    return transitions;
}

std::optional<Clock::TimePoint> CircuitBreaker::nextTrialAt() const
{
    if (m_state != BreakerState::Open)
        return std::nullopt;
    return m_stateSince + m_settings.resetTimeout;
}

std::optional<Milliseconds> CircuitBreaker::timeUntilNextTrial(Clock::TimePoint now) const
{
    const std::optional<Clock::TimePoint> at = nextTrialAt();
    if (!at)
        return std::nullopt;
    // Rounded up: "0 ms" only once it is due.
    return std::max(Milliseconds(0), std::chrono::ceil<Milliseconds>(*at - now));
}

BreakerStatus CircuitBreaker::status() const
{
    BreakerStatus status;
    status.state = m_state;
    status.consecutiveFailures = m_consecutiveFailures;
    status.failureThreshold = m_settings.failureThreshold;
    status.halfOpenSuccesses = m_halfOpenSuccesses;
    status.halfOpenNeeded = m_settings.halfOpenRequests;
    status.totalSuccesses = m_totalSuccesses;
    status.totalFailures = m_totalFailures;
    status.timesOpened = m_timesOpened;
    status.stateSince = m_stateSince;
    status.nextTrialAt = nextTrialAt();
    return status;
}

BreakerTransition CircuitBreaker::moveTo(BreakerState to, BreakerTrigger why, Clock::TimePoint at)
{
    BreakerTransition transition;
    transition.from = m_state;
    transition.to = to;
    transition.at = at;
    transition.why = why;
    if (to == BreakerState::Open)
        ++m_timesOpened;
    m_state = to;
    m_stateSince = at;
    transition.consecutiveFailures = m_consecutiveFailures;
    transition.halfOpenSuccesses = m_halfOpenSuccesses;
    transition.timesOpened = m_timesOpened;
    transition.nextTrialAt = nextTrialAt();
    // Each spell in half-open starts with every trial slot free; calls admitted in an earlier
    // spell that report later count as results of the new state, not as its trials.
    m_halfOpenSuccesses = 0;
    m_trialsInFlight = 0;
    return transition;
}

} // namespace Console
