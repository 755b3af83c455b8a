#pragma once

#include "clock.h"

#include <QDateTime>

#include <chrono>
#include <optional>
#include <vector>

namespace Console {

class FakeClockTimer;

// A Clock for tests: time stands still until advance() moves it, and its timers fire inside
// advance() at their exact deadlines, so hours of timing behaviour run in milliseconds and
// never depend on how loaded the machine is.
class FakeClock final : public Clock
{
public:
    // Where now() starts: far enough from the epoch that "now minus an hour" stays positive.
    static constexpr TimePoint Start = TimePoint {} + std::chrono::hours(24);
    // advance() stops after this many timeouts: a timer that re-arms itself for "now" forever
    // must fail the test, not hang it.
    static constexpr int DefaultMaxFirings = 1'000'000;

    // wallNow() starts at `wallStart` (UTC) and moves with now().
    explicit FakeClock(const QDateTime &wallStart = defaultWallStart());
    ~FakeClock() override;
    Q_DISABLE_COPY_MOVE(FakeClock)

    static QDateTime defaultWallStart(); // 2026-01-01T00:00:00Z

    TimePoint now() const override { return m_now; }
    QDateTime wallNow() const override;
    // The timer is destroyed with `parent`; it may outlive the clock (it then never fires).
    ClockTimer *createTimer(QObject *parent) override;

    // Moves time forward by `step`. Every active timer whose deadline falls within the step
    // fires in deadline order (equal deadlines in the order they were started), with now() set
    // to its deadline while its timeout() is emitted; timers started by a receiver fire too when
    // their deadline is still within the step. Returns the number of timeouts emitted.
    int advance(std::chrono::nanoseconds step);
    // Fires what is due at now() without moving time.
    int fireDue() { return advance(std::chrono::nanoseconds::zero()); }
    // Time since construction (now() - Start): handy for readable expectations.
    std::chrono::nanoseconds elapsed() const { return m_now - Start; }

    // The wall clock jumps (an NTP step, a DST-unaware user): now() does not move.
    void setWallTime(const QDateTime &utc);

    std::optional<TimePoint> nextDeadline() const;
    int activeTimerCount() const;
    void setMaxFirings(int maxFirings) { m_maxFirings = maxFirings; }

private:
    friend class FakeClockTimer;

    void add(FakeClockTimer *timer);
    void remove(FakeClockTimer *timer);
    FakeClockTimer *nextDue(TimePoint until) const;

    TimePoint m_now = Start;
    QDateTime m_wallAtAnchor; // wallNow() when now() was m_anchor
    TimePoint m_anchor = Start;
    std::vector<FakeClockTimer *> m_timers; // not owned: each belongs to its parent
    quint64 m_nextSequence = 0;
    int m_maxFirings = DefaultMaxFirings;
};

} // namespace Console
