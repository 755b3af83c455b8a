#include "breakerboard.h"

#include "clock.h"
#include "eventhub.h"

#include <QLoggingCategory>

namespace Console {

namespace {
Q_LOGGING_CATEGORY(lcBreakers, "console.breakers")
} // namespace

BreakerBoard::BreakerBoard(const ConsoleConfig &config, QObject *parent)
    : QObject(parent)
    , m_settings(config.breaker)
    , m_clock(Clock::system())
{
    qRegisterMetaType<Console::ProbeResult>();
    qRegisterMetaType<Console::BreakerStatus>();

    const Clock::TimePoint now = m_clock->now();
    for (const RegionConfig &region : config.regions) {
        m_regionIndex.insert(region.id, qsizetype(m_entries.size()));
        m_entries.push_back({ region.id, BreakerScope::Region, region.id,
            region.name.isEmpty() ? region.id : region.name, CircuitBreaker(m_settings, now),
            false });
        for (const EndpointConfig &endpoint : region.endpoints) {
            if (endpoint.kind == EndpointKind::Breakers)
                m_remoteSources.insert(endpoint.id);
            m_endpointIndex.insert(endpoint.id, qsizetype(m_entries.size()));
            m_entries.push_back({ endpoint.id, BreakerScope::Endpoint, region.id,
                endpoint.name.isEmpty() ? endpoint.id : endpoint.name,
                CircuitBreaker(m_settings, now), !endpoint.control });
        }
    }
}

BreakerBoard::~BreakerBoard() = default;

void BreakerBoard::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
    // The old clock's timer and times mean nothing on the new one.
    delete m_timer;
    m_timer = nullptr;
    const Clock::TimePoint now = m_clock->now();
    for (Entry &entry : m_entries)
        entry.breaker = CircuitBreaker(m_settings, now);
    emit changed();
}

void BreakerBoard::setEventHub(EventHub *hub)
{
    m_hub = hub;
}

QList<BreakerStatus> BreakerBoard::statuses() const
{
    QList<BreakerStatus> statuses;
    statuses.reserve(qsizetype(m_entries.size()));
    for (const Entry &entry : m_entries)
        statuses.append(statusOf(entry));
    return statuses + remoteStatuses();
}

QList<BreakerStatus> BreakerBoard::remoteStatuses() const
{
    QList<BreakerStatus> statuses;
    for (const auto &[id, status] : m_remote)
        statuses.append(status);
    return statuses;
}

// An application's own breakers have no settings here, only states: a change of state is the
// news, with the same event kind as the console's breakers so one filter catches both.
void BreakerBoard::updateRemote(const Entry &source, const QList<RemoteBreaker> &reported)
{
    const Clock::TimePoint now = m_clock->now();
    QSet<QString> seen;
    for (const RemoteBreaker &breaker : reported) {
        const QString id = source.id + QLatin1Char('/') + breaker.name;
        seen.insert(id);
        auto it = m_remote.find(id);
        const bool known = it != m_remote.end();
        BreakerStatus next = known ? it->second : BreakerStatus();
        const BreakerState before = next.state;
        next.id = id;
        next.scope = BreakerScope::Remote;
        next.regionId = source.regionId;
        next.subject = tr("%1 (%2)").arg(breaker.name, source.subject);
        next.failureRatePercent = breaker.failureRatePercent;
        next.totalFailures = breaker.failedCalls.value_or(0);
        next.state = breaker.state;
        if (!known || before != breaker.state)
            next.stateSince = now;
        m_remote[id] = next;
        if (!m_hub || (known && before == breaker.state)
            || (!known && breaker.state == BreakerState::Closed))
            continue;
        ConsoleEvent event;
        event.kind = EventKind::BreakerTransition;
        const bool bad
            = breaker.state == BreakerState::Open || breaker.state == BreakerState::ForcedOpen;
        event.severity = bad ? EventSeverity::Warning : EventSeverity::Info;
        event.regionId = source.regionId;
        event.endpointId = source.id;
        event.message = known
            ? tr("The application's circuit breaker %1 at %2 is now %3 (it was %4).")
                  .arg(breaker.name, source.subject, breakerStateLabel(breaker.state).toLower(),
                      breakerStateLabel(before).toLower())
            : tr("The application's circuit breaker %1 at %2 is %3.")
                  .arg(breaker.name, source.subject, breakerStateLabel(breaker.state).toLower());
        event.fields = { { QStringLiteral("breaker"), id },
            { QStringLiteral("scope"), toString(BreakerScope::Remote) },
            { QStringLiteral("from"), known ? QVariant(toString(before)) : QVariant() },
            { QStringLiteral("to"), toString(breaker.state) },
            { QStringLiteral("state_word"), breaker.stateWord },
            { QStringLiteral("failure_rate"),
                breaker.failureRatePercent ? QVariant(*breaker.failureRatePercent) : QVariant() } };
        m_hub->publish(event);
    }
    // A breaker the application no longer reports is gone, not closed.
    for (auto it = m_remote.begin(); it != m_remote.end();) {
        if (it->first.startsWith(source.id + QLatin1Char('/')) && !seen.contains(it->first))
            it = m_remote.erase(it);
        else
            ++it;
    }
}

BreakerStatus BreakerBoard::status(const QString &id) const
{
    return m_regionIndex.contains(id) ? regionStatus(id) : endpointStatus(id);
}

BreakerStatus BreakerBoard::regionStatus(const QString &regionId) const
{
    const auto it = m_regionIndex.constFind(regionId);
    return it == m_regionIndex.cend() ? BreakerStatus() : statusOf(m_entries.at(size_t(*it)));
}

BreakerStatus BreakerBoard::endpointStatus(const QString &endpointId) const
{
    const auto it = m_endpointIndex.constFind(endpointId);
    return it == m_endpointIndex.cend() ? BreakerStatus() : statusOf(m_entries.at(size_t(*it)));
}

bool BreakerBoard::regionOpen(const QString &regionId) const
{
    const auto it = m_regionIndex.constFind(regionId);
    return it != m_regionIndex.cend()
        && m_entries.at(size_t(*it)).breaker.state() != BreakerState::Closed;
}

void BreakerBoard::onProbeResult(const Console::ProbeResult &result)
{
    const auto endpoint = m_endpointIndex.constFind(result.endpointId);
    if (endpoint == m_endpointIndex.cend()) {
        qCWarning(lcBreakers) << "result for an endpoint not in the configuration:"
                              << result.endpointId;
        return;
    }
    const Clock::TimePoint now = m_clock->now();
    Entry &entry = m_entries.at(size_t(*endpoint));
    Entry &region = m_entries.at(size_t(m_regionIndex.value(entry.regionId)));
    // A deadline that fell before this result and that the timer has not served yet goes first,
    // so the events stay in time order.
    report(entry, entry.breaker.advance(now));
    if (entry.callsIntoRegion)
        report(region, region.breaker.advance(now));
    report(entry, entry.breaker.record(result.ok(), now));
    if (entry.callsIntoRegion)
        report(region, region.breaker.record(result.ok(), now));
    // An unreadable answer says nothing about the application's breakers: the last states hold.
    if (result.ok() && m_remoteSources.contains(result.endpointId))
        updateRemote(entry, result.remoteBreakers);
    armTimer();
    emit changed(); // the totals moved, whatever the states did
}

BreakerStatus BreakerBoard::statusOf(const Entry &entry) const
{
    BreakerStatus status = entry.breaker.status();
    status.id = entry.id;
    status.scope = entry.scope;
    status.regionId = entry.regionId;
    status.subject = entry.subject;
    return status;
}

void BreakerBoard::report(const Entry &entry, const CircuitBreaker::Transitions &transitions)
{
    for (const BreakerTransition &change : transitions) {
        publish(entry, change);
        BreakerStatus status = statusOf(entry);
        // When a second change followed within the same call, this one's facts are its own.
        status.state = change.to;
        status.stateSince = change.at;
        status.consecutiveFailures = change.consecutiveFailures;
        status.halfOpenSuccesses = 0; // every change starts a new spell
        status.timesOpened = change.timesOpened;
        status.nextTrialAt = change.nextTrialAt;
        emit transition(status);
    }
}

void BreakerBoard::publish(const Entry &entry, const BreakerTransition &transition)
{
    if (!m_hub)
        return;
    const QString breaker
        = entry.scope == BreakerScope::Region ? tr("region %1").arg(entry.subject) : entry.subject;
    const int needed = entry.breaker.settings().halfOpenRequests;
    const QVariant nextTrialMs = transition.nextTrialAt
        ? QVariant(qint64(
            std::chrono::ceil<Milliseconds>(*transition.nextTrialAt - transition.at).count()))
        : QVariant();
    ConsoleEvent event;
    event.kind = EventKind::BreakerTransition;
    event.severity
        = transition.to == BreakerState::Open ? EventSeverity::Warning : EventSeverity::Info;
    event.regionId = entry.regionId;
    if (entry.scope == BreakerScope::Endpoint)
        event.endpointId = entry.id;
    switch (transition.why) {
    case BreakerTrigger::FailureThreshold:
        event.message = transition.consecutiveFailures == 1
            ? tr("The circuit breaker for %1 opened after a failure.").arg(breaker)
            : tr("The circuit breaker for %1 opened after %2 failures in a row.")
                  .arg(breaker)
                  .arg(transition.consecutiveFailures);
        break;
    case BreakerTrigger::ResetTimeout:
        event.message = needed == 1
            ? tr("The circuit breaker for %1 is half-open: the next probe decides.").arg(breaker)
            : tr("The circuit breaker for %1 is half-open: the next %2 probes decide.")
                  .arg(breaker)
                  .arg(needed);
        break;
    case BreakerTrigger::TrialsPassed:
        event.message = transition.halfOpenSuccesses == 1
            ? tr("The circuit breaker for %1 closed after a good trial probe.").arg(breaker)
            : tr("The circuit breaker for %1 closed after %2 good trial probes.")
                  .arg(breaker)
                  .arg(transition.halfOpenSuccesses);
        break;
    case BreakerTrigger::TrialFailed:
        event.message
            = tr("The circuit breaker for %1 re-opened: a trial probe failed.").arg(breaker);
        break;
    }
    event.fields = {
        { QStringLiteral("breaker"), entry.id },
        { QStringLiteral("scope"), toString(entry.scope) },
        { QStringLiteral("from"), toString(transition.from) },
        { QStringLiteral("to"), toString(transition.to) },
        { QStringLiteral("why"), toString(transition.why) },
        { QStringLiteral("consecutive_failures"), transition.consecutiveFailures },
        { QStringLiteral("failure_threshold"), entry.breaker.settings().failureThreshold },
        { QStringLiteral("half_open_successes"), transition.halfOpenSuccesses },
        { QStringLiteral("half_open_needed"), needed },
        { QStringLiteral("times_opened"), transition.timesOpened },
        { QStringLiteral("next_trial_ms"), nextTrialMs },
    };
    m_hub->publish(event);
}

void BreakerBoard::onTimer()
{
    const Clock::TimePoint now = m_clock->now();
    bool moved = false;
    for (Entry &entry : m_entries) {
        const CircuitBreaker::Transitions transitions = entry.breaker.advance(now);
        report(entry, transitions);
        moved = moved || !transitions.isEmpty();
    }
    armTimer();
    if (moved)
        emit changed();
}

void BreakerBoard::armTimer()
{
    std::optional<Clock::TimePoint> earliest;
    for (const Entry &entry : m_entries) {
        const std::optional<Clock::TimePoint> at = entry.breaker.nextTrialAt();
        if (at && (!earliest || *at < *earliest))
            earliest = at;
    }
    if (!earliest) {
        if (m_timer)
            m_timer->stop();
        return;
    }
    if (!m_timer) {
        m_timer = m_clock->createTimer(this);
        connect(m_timer, &ClockTimer::timeout, this, &BreakerBoard::onTimer);
    }
    m_timer->start(std::max(std::chrono::nanoseconds(0), *earliest - m_clock->now()));
}

} // namespace Console
