#pragma once

#include <QDateTime>
#include <QObject>

#include <chrono>

namespace Console {

// A single-shot timer on a Clock's time: a QTimer for the system clock, a virtual deadline that
// FakeClock::advance() fires for tests. Restarting replaces the pending deadline.
class ClockTimer : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~ClockTimer() override = default;

    virtual void start(std::chrono::nanoseconds delay) = 0;
    virtual void stop() = 0;
    virtual bool isActive() const = 0;

signals:
    void timeout();
};

// The console's sense of time, injected into the scheduler, the evaluators and the topology so
// that tests drive hours of behaviour in milliseconds. now() is monotonic (durations, deadlines);
// wallNow() is UTC for timestamps that people read and that cross a restart.
class Clock
{
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
    virtual QDateTime wallNow() const = 0;
    // A new timer on this clock, owned by `parent`.
    virtual ClockTimer *createTimer(QObject *parent) = 0;

    // The real clocks; one process-wide instance, never null.
    static Clock *system();
};

// Milliseconds between two monotonic points, for events and JSON.
qint64 millisecondsBetween(Clock::TimePoint from, Clock::TimePoint to);
// Monotonic milliseconds since an arbitrary origin fixed per process: comparable within a run.
qint64 monotonicMs(Clock::TimePoint at);

} // namespace Console
