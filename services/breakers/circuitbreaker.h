#pragma once

#include "breakerstatus.h"
#include "clock.h"
#include "config.h"

#include <QList>
#include <QString>

#include <optional>

namespace Console {

// Why a breaker changed state.
enum class BreakerTrigger {
    FailureThreshold, // closed -> open: failureThreshold failures in a row
    ResetTimeout, // open -> half-open: the reset timeout elapsed
    TrialFailed, // half-open -> open: one trial call failed
    TrialsPassed, // half-open -> closed: halfOpenRequests trial calls succeeded in a row
};

QString toString(BreakerTrigger trigger); // "failure-threshold", "reset-timeout", ...

// One state change, with the counters as they stood at that moment, so that a caller can publish
// it even when a second change followed within the same call.
struct BreakerTransition
{
    BreakerState from = BreakerState::Closed;
    BreakerState to = BreakerState::Closed;
    Clock::TimePoint at {};
    BreakerTrigger why = BreakerTrigger::FailureThreshold;
    int consecutiveFailures = 0; // the run that opened it (closed -> open)
    int halfOpenSuccesses = 0; // trial calls that succeeded (half-open -> closed: all of them)
    int timesOpened = 0; // this opening included
    std::optional<Clock::TimePoint> nextTrialAt; // to open: when it turns half-open
};

// The console's circuit breaker: the reference's pattern without its shortcuts. Pure logic on
// times the caller passes in (no timers, no sockets), so tests drive hours in microseconds.
//
//  - Closed: failureThreshold failures in a row open it; any success ends the run.
//  - Open: calls fail fast. At openedAt + resetTimeout it is half-open, whichever comes first:
//    advance() (a timer), admit(), or a recorded result.
//  - Half-open: only halfOpenRequests trial calls are admitted at a time; others fail fast. The
//    first failed trial re-opens it at once and restarts the reset timeout; halfOpenRequests
//    successes in a row close it. (The reference counted a half-open failure towards the closed
//    threshold, so a dead service got up to five more calls per reset timeout.)
//
// A result recorded while open (a call made around the breaker, like the console's own probes,
// which never stop) counts in the totals and the failure run but does not move the breaker: the
// reset timeout runs from the opening, so a service that stays down is tried once per timeout.
// A result recorded in half-open without admit() counts as a trial all the same.
class CircuitBreaker final
{
public:
    using Transitions = QList<BreakerTransition>;

    // The answer to "may I call now?", with the move to half-open it may have caused.
    struct Admission
    {
        bool allowed = false;
        Transitions transitions;
    };

    explicit CircuitBreaker(const BreakerSettings &settings, Clock::TimePoint since);

    const BreakerSettings &settings() const { return m_settings; }

    // Moves open -> half-open when the reset timeout has elapsed at `now`; empty otherwise.
    Transitions advance(Clock::TimePoint now);
    // Whether a call started at `now` would go through, without counting it: closed yes; open
    // only once the reset timeout has elapsed; half-open while trial slots are left.
    bool allowsCall(Clock::TimePoint now) const;
    // As allowsCall(), and an admitted call in half-open takes a trial slot until its result is
    // recorded. A refused call is counted in rejectedCalls().
    Admission admit(Clock::TimePoint now);

    Transitions recordSuccess(Clock::TimePoint now);
    Transitions recordFailure(Clock::TimePoint now);
    Transitions record(bool success, Clock::TimePoint now);

    // The state as stored; stateAt() also applies a reset timeout that has elapsed.
    BreakerState state() const { return m_state; }
    BreakerState stateAt(Clock::TimePoint now) const;
    Clock::TimePoint stateSince() const { return m_stateSince; }
    // Failed results in a row, whatever the state; a success resets it.
    int consecutiveFailures() const { return m_consecutiveFailures; }
    // Half-open: trial successes so far in this half-open spell.
    int halfOpenSuccesses() const { return m_halfOpenSuccesses; }
    int trialsInFlight() const { return m_trialsInFlight; }
    qint64 totalSuccesses() const { return m_totalSuccesses; }
    qint64 totalFailures() const { return m_totalFailures; }
    qint64 rejectedCalls() const { return m_rejectedCalls; }
    int timesOpened() const { return m_timesOpened; }
    // Open: when it turns half-open.
    std::optional<Clock::TimePoint> nextTrialAt() const;
    // Open: how long until then, never negative; nullopt in any other state.
    std::optional<Milliseconds> timeUntilNextTrial(Clock::TimePoint now) const;

    // The counters and state in the shared status form; identity fields are left empty.
    BreakerStatus status() const;

private:
    BreakerTransition moveTo(BreakerState to, BreakerTrigger why, Clock::TimePoint at);

    BreakerSettings m_settings;
    BreakerState m_state = BreakerState::Closed;
    Clock::TimePoint m_stateSince;
    int m_consecutiveFailures = 0;
    int m_halfOpenSuccesses = 0;
    int m_trialsInFlight = 0;
    qint64 m_totalSuccesses = 0;
    qint64 m_totalFailures = 0;
    qint64 m_rejectedCalls = 0;
    int m_timesOpened = 0;
};

} // namespace Console
