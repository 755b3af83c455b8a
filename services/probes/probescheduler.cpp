#include "probescheduler.h"

#include "prober.h"

namespace Console {

namespace {

// Ticks due within this much of now run in the same wake-up: Qt timers have 1 ms resolution.
constexpr qint64 BatchWindowNs = 500'000;
constexpr qint64 NsPerMs = 1'000'000;

} // namespace

ProbeScheduler::ProbeScheduler(ProberFactory factory, QObject *parent)
    : ProbeScheduler(std::move(factory), nullptr, parent)
{ }

ProbeScheduler::ProbeScheduler(ProberFactory factory, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
    , m_clock(clock ? clock : Clock::system())
    , m_origin(m_clock->now())
    , m_timer(m_clock->createTimer(this))
{
    connect(m_timer, &ClockTimer::timeout, this, &ProbeScheduler::onTimer);
}

ProbeScheduler::~ProbeScheduler() = default;

void ProbeScheduler::setEndpoints(const QList<EndpointConfig> &endpoints)
{
    clearSlots();
    m_slots.reserve(endpoints.size());
    for (const EndpointConfig &config : endpoints) {
        Prober *prober = m_factory(config, this);
        if (!prober) {
            qWarning("ProbeScheduler: no prober for endpoint %s (%s); not probed",
                qPrintable(config.id), qPrintable(toString(config.kind)));
            continue;
        }
        const int index = static_cast<int>(m_slots.size());
        connect(prober, &Prober::finished, this,
            [this, index](const ProbeResult &result) { onProbeFinished(index, result); });
        // Queued: the prober asks from inside its connection's signal.
        const quint64 generation = m_generation;
        connect(
            prober, &Prober::probeWanted, this,
            [this, index, generation] {
                if (generation == m_generation)
                    runOutOfTurn(index);
            },
            Qt::QueuedConnection);
        Slot slot;
        slot.endpointId = config.id;
        slot.prober = prober;
        slot.intervalNs = qMax<qint64>(1, config.interval.count()) * NsPerMs;
        m_slots.push_back(slot);
    }
    if (m_running)
        scheduleAll(elapsedNs());
}

void ProbeScheduler::clearSlots()
{
    for (const Slot &slot : m_slots) {
        // deleteLater: this may run inside the prober's own finished() emission.
        slot.prober->disconnect(this);
        slot.prober->deleteLater();
    }
    m_slots.clear();
    ++m_generation;
    m_queue = {};
    m_inFlight = 0;
}

void ProbeScheduler::start()
{
    if (m_running)
        return;
    m_running = true;
    scheduleAll(elapsedNs());
}

void ProbeScheduler::stop()
{
    m_running = false;
    m_timer->stop();
    m_queue = {};
}

// Endpoint i of n first ticks i/n of its interval from now, so n endpoints do not fire at once.
void ProbeScheduler::scheduleAll(qint64 fromNs)
{
    m_queue = {};
    const qint64 count = static_cast<qint64>(m_slots.size());
    for (qint64 i = 0; i < count; ++i) {
        Slot &slot = m_slots[static_cast<size_t>(i)];
        slot.firstTickNs = fromNs + slot.intervalNs * i / count;
        slot.tick = 0;
        m_queue.push({ slot.firstTickNs, static_cast<int>(i) });
    }
    armTimer(fromNs);
}

void ProbeScheduler::onTimer()
{
    const qint64 nowNs = elapsedNs();
    while (m_running && !m_queue.empty() && m_queue.top().atNs <= nowNs + BatchWindowNs) {
        const Due due = m_queue.top();
        m_queue.pop();
        runTick(due.slot, nowNs);
    }
    armTimer(elapsedNs());
}

void ProbeScheduler::runTick(int index, qint64 nowNs)
{
    Slot &slot = m_slots[static_cast<size_t>(index)];
    // The next tick stays on the grid; ticks the thread slept through are skipped, not bunched.
    const qint64 nextTick = qMax(slot.tick + 1, (nowNs - slot.firstTickNs) / slot.intervalNs + 1);
    qint64 skipped = nextTick - slot.tick - 1;
    slot.tick = nextTick;
    m_queue.push({ slot.firstTickNs + nextTick * slot.intervalNs, index });

    const QString id = slot.endpointId;
    Prober *prober = nullptr;
    if (slot.busy) {
        ++skipped;
    } else {
        slot.busy = true;
        prober = slot.prober;
        ++m_inFlight;
        ++m_started;
    }
    m_skipped += skipped;
    // Nothing of `slot` is used below: a receiver may replace the endpoints or stop us.
    const quint64 generation = m_generation;
    for (qint64 i = 0; i < skipped && generation == m_generation; ++i)
        emit tickSkipped(id);
    if (prober && generation == m_generation) {
        emit probeStarted(id);
        if (generation == m_generation)
            prober->start();
    }
}

// An extra probe between ticks; the grid stays as it is, and a busy prober is left alone.
void ProbeScheduler::runOutOfTurn(int index)
{
    Slot &slot = m_slots[static_cast<size_t>(index)];
    if (!m_running || slot.busy)
        return;
    slot.busy = true;
    ++m_inFlight;
    ++m_started;
    Prober *prober = slot.prober;
    const QString id = slot.endpointId;
    const quint64 generation = m_generation;
    emit probeStarted(id);
    if (generation == m_generation)
        prober->start();
}

void ProbeScheduler::onProbeFinished(int index, const ProbeResult &result)
{
    Slot &slot = m_slots[static_cast<size_t>(index)];
    if (!slot.busy)
        return;
    slot.busy = false;
    --m_inFlight;
    ++m_finished;
    if (m_running)
        emit probeFinished(result);
}

void ProbeScheduler::armTimer(qint64 nowNs)
{
    if (!m_running || m_queue.empty()) {
        m_timer->stop();
        return;
    }
    // The system clock's timer rounds up to whole milliseconds: firing early would only make
    // onTimer() look once more.
    m_timer->start(std::chrono::nanoseconds(qMax<qint64>(0, m_queue.top().atNs - nowNs)));
}

qint64 ProbeScheduler::elapsedNs() const
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(m_clock->now() - m_origin).count();
}

} // namespace Console
