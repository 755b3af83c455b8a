#include "clock.h"

#include <QTimer>

namespace Console {

namespace {

class SystemTimer final : public ClockTimer
{
public:
    explicit SystemTimer(QObject *parent)
        : ClockTimer(parent)
    {
        m_timer.setSingleShot(true);
        // Probes sit on a grid of milliseconds; a coarse timer may fire up to 5 % early.
        m_timer.setTimerType(Qt::PreciseTimer);
        connect(&m_timer, &QTimer::timeout, this, &ClockTimer::timeout);
    }

    void start(std::chrono::nanoseconds delay) override
    {
        // Round up: a timer that fires early only makes its owner look once more.
        const qint64 ns = std::max<qint64>(0, delay.count());
        const qint64 ms
            = std::min<qint64>((ns + 999'999) / 1'000'000, std::numeric_limits<int>::max());
        m_timer.start(int(ms));
    }
    void stop() override { m_timer.stop(); }
    bool isActive() const override { return m_timer.isActive(); }

private:
    QTimer m_timer;
};

class SystemClock final : public Clock
{
public:
    TimePoint now() const override { return std::chrono::steady_clock::now(); }
    QDateTime wallNow() const override { return QDateTime::currentDateTimeUtc(); }
    ClockTimer *createTimer(QObject *parent) override { return new SystemTimer(parent); }
};

} // namespace

Clock *Clock::system()
{
    static SystemClock clock;
    return &clock;
}

qint64 millisecondsBetween(Clock::TimePoint from, Clock::TimePoint to)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
}

qint64 monotonicMs(Clock::TimePoint at)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count();
}

} // namespace Console
