#include "fakeclock.h"

#include <QTimeZone>

#include <algorithm>

namespace Console {

// A ClockTimer with a virtual deadline that FakeClock::advance() fires.
class FakeClockTimer final : public ClockTimer
{
public:
    FakeClockTimer(FakeClock *clock, QObject *parent)
        : ClockTimer(parent)
        , m_clock(clock)
    {
        m_clock->add(this);
    }

    ~FakeClockTimer() override
    {
        if (m_clock)
            m_clock->remove(this);
    }

    Q_DISABLE_COPY_MOVE(FakeClockTimer)

    void start(std::chrono::nanoseconds delay) override
    {
        if (!m_clock)
            return;
        m_deadline = m_clock->now() + std::max(delay, std::chrono::nanoseconds::zero());
        m_sequence = m_clock->m_nextSequence++;
        m_active = true;
    }
    void stop() override { m_active = false; }
    bool isActive() const override { return m_active; }

private:
    friend class FakeClock;

    FakeClock *m_clock; // not owned; reset by the clock's destructor
    Clock::TimePoint m_deadline;
    quint64 m_sequence = 0; // orders equal deadlines by start()
    bool m_active = false;
};

FakeClock::FakeClock(const QDateTime &wallStart)
    : m_wallAtAnchor(wallStart.toUTC())
{ }

FakeClock::~FakeClock()
{
    for (FakeClockTimer *timer : m_timers) {
        timer->m_clock = nullptr;
        timer->m_active = false;
    }
}

QDateTime FakeClock::defaultWallStart()
{
    return QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc());
}

QDateTime FakeClock::wallNow() const
{
    const auto sinceAnchor
        = std::chrono::duration_cast<std::chrono::milliseconds>(m_now - m_anchor);
    return m_wallAtAnchor.addMSecs(sinceAnchor.count());
}

ClockTimer *FakeClock::createTimer(QObject *parent)
{
    return new FakeClockTimer(this, parent);
}

int FakeClock::advance(std::chrono::nanoseconds step)
{
    Q_ASSERT_X(step >= std::chrono::nanoseconds::zero(), "FakeClock::advance",
        "monotonic time never goes back");
    const TimePoint end = m_now + std::max(step, std::chrono::nanoseconds::zero());
    int fired = 0;
    while (FakeClockTimer *timer = nextDue(end)) {
        if (fired >= m_maxFirings) {
            qWarning("FakeClock::advance: stopped after %d timeouts within one step; "
                     "a timer keeps re-arming without letting time pass",
                fired);
            return fired;
        }
        // A receiver may advance the clock itself: time still never goes back.
        m_now = std::max(m_now, timer->m_deadline);
        timer->m_active = false;
        ++fired;
        // The receiver may restart, stop or delete this timer, or any other: nothing of
        // `timer` is touched after this line.
        emit timer->timeout();
    }
    m_now = std::max(m_now, end);
    return fired;
}

void FakeClock::setWallTime(const QDateTime &utc)
{
    m_wallAtAnchor = utc.toUTC();
    m_anchor = m_now;
}

std::optional<Clock::TimePoint> FakeClock::nextDeadline() const
{
    if (const FakeClockTimer *timer = nextDue(TimePoint::max()))
        return timer->m_deadline;
    return std::nullopt;
}

int FakeClock::activeTimerCount() const
{
    return static_cast<int>(std::count_if(m_timers.cbegin(), m_timers.cend(),
        [](const FakeClockTimer *timer) { return timer->m_active; }));
}

void FakeClock::add(FakeClockTimer *timer)
{
    m_timers.push_back(timer);
}

void FakeClock::remove(FakeClockTimer *timer)
{
    m_timers.erase(std::remove(m_timers.begin(), m_timers.end(), timer), m_timers.end());
}

// The active timer with the earliest deadline not after `until`; the earliest started on a tie.
FakeClockTimer *FakeClock::nextDue(TimePoint until) const
{
    FakeClockTimer *best = nullptr;
    for (FakeClockTimer *timer : m_timers) {
        if (!timer->m_active || timer->m_deadline > until)
            continue;
        if (!best || timer->m_deadline < best->m_deadline
            || (timer->m_deadline == best->m_deadline && timer->m_sequence < best->m_sequence))
            best = timer;
    }
    return best;
}

} // namespace Console
