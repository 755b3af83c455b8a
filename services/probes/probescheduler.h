#pragma once

#include "clock.h"
#include "config.h"
#include "proberesult.h"

#include <QObject>

#include <functional>
#include <queue>
#include <vector>

namespace Console {

class Prober;

// Runs every endpoint's prober on its own fixed rhythm from one thread and one timer.
// Tick k of an endpoint is due at t0 + k * interval on the injected monotonic clock, so the
// rhythm never drifts by the probes' own duration; a tick that finds the previous probe still
// running is skipped, never queued; first ticks are spread over the first interval.
class ProbeScheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProbeScheduler)
public:
    // Returns a new prober parented to `parent`, or nullptr for a kind it does not probe.
    using ProberFactory = std::function<Prober *(const EndpointConfig &, QObject *parent)>;

    // On the system clock.
    explicit ProbeScheduler(ProberFactory factory, QObject *parent = nullptr);
    // `clock` is not owned and must outlive the scheduler; nullptr means Clock::system().
    ProbeScheduler(ProberFactory factory, Clock *clock, QObject *parent = nullptr);
    ~ProbeScheduler() override;

    // Replaces all endpoints; when running, the new ones start staggered from now.
    void setEndpoints(const QList<EndpointConfig> &endpoints);
    int endpointCount() const { return static_cast<int>(m_slots.size()); }

    void start();
    // No probe starts and no probeFinished is emitted after this; running probes are left to end.
    void stop();
    bool isRunning() const { return m_running; }

    qint64 probesStarted() const { return m_started; }
    qint64 probesFinished() const { return m_finished; }
    // Ticks not used: the previous probe still ran, or the thread was too busy to tick on time.
    qint64 skippedTicks() const { return m_skipped; }
    int probesInFlight() const { return m_inFlight; }

signals:
    void probeStarted(const QString &endpointId);
    void probeFinished(const Console::ProbeResult &result);
    void tickSkipped(const QString &endpointId);

private:
    struct Slot
    {
        QString endpointId;
        Prober *prober = nullptr; // not owned here: a child of the scheduler
        qint64 intervalNs = 0;
        qint64 firstTickNs = 0;
        qint64 tick = 0;
        bool busy = false;
    };
    struct Due
    {
        qint64 atNs;
        int slot;
        bool operator>(const Due &other) const { return atNs > other.atNs; }
    };

    void clearSlots();
    void scheduleAll(qint64 fromNs);
    void onTimer();
    void runTick(int index, qint64 nowNs);
    void onProbeFinished(int index, const ProbeResult &result);
    void runOutOfTurn(int index);
    void armTimer(qint64 nowNs);
    // Nanoseconds since construction on m_clock: the time axis of the grid.
    qint64 elapsedNs() const;

    ProberFactory m_factory;
    std::vector<Slot> m_slots;
    std::priority_queue<Due, std::vector<Due>, std::greater<Due>> m_queue;
    Clock *m_clock; // not owned
    Clock::TimePoint m_origin;
    ClockTimer *m_timer; // not owned here: a child of the scheduler
    bool m_running = false;
    qint64 m_started = 0;
    qint64 m_finished = 0;
    qint64 m_skipped = 0;
    int m_inFlight = 0;
    quint64 m_generation = 0; // bumped whenever m_slots is rebuilt
};

} // namespace Console
