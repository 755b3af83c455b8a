#include "healthmonitor.h"

#include "clock.h"
#include "eventhub.h"

#include <QLoggingCategory>

namespace Console {

namespace {
Q_LOGGING_CATEGORY(lcHealth, "console.health")

QVariant optionalValue(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

QVariant optionalValue(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant();
}
} // namespace

HealthMonitor::HealthMonitor(const ConsoleConfig &config, QObject *parent)
    : QObject(parent)
    , m_clock(Clock::system())
{
    qRegisterMetaType<Console::ProbeResult>();
    qRegisterMetaType<Console::EndpointHealthUpdate>();
    qRegisterMetaType<Console::HealthChange>();

    for (const RegionConfig &region : config.regions) {
        RegionState &state = m_regions[region.id];
        state.name = region.name.isEmpty() ? region.id : region.name;
        for (const EndpointConfig &endpoint : region.endpoints) {
            // A control endpoint judges the console's own network, not its region.
            if (!endpoint.control)
                state.endpointIds.append(endpoint.id);
            m_endpoints.try_emplace(endpoint.id,
                EndpointState { region.id, endpoint.name.isEmpty() ? endpoint.id : endpoint.name,
                    HealthEvaluator(config.detection, endpoint.interval),
                    LagEvaluator(config.lag, config.detection.recoverySuccesses), Health::Unknown,
                    QString(), HealthCause::None });
        }
    }
}

HealthMonitor::~HealthMonitor() = default;

void HealthMonitor::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
}

void HealthMonitor::setEventHub(EventHub *hub)
{
    m_hub = hub;
}

Health HealthMonitor::endpointHealth(const QString &endpointId) const
{
    const auto it = m_endpoints.find(endpointId);
    return it == m_endpoints.end() ? Health::Unknown : it->second.health;
}

QString HealthMonitor::endpointReason(const QString &endpointId) const
{
    const auto it = m_endpoints.find(endpointId);
    return it == m_endpoints.end() ? QString() : it->second.reason;
}

HealthCause HealthMonitor::endpointCause(const QString &endpointId) const
{
    const auto it = m_endpoints.find(endpointId);
    return it == m_endpoints.end() ? HealthCause::None : it->second.cause;
}

Health HealthMonitor::regionHealth(const QString &regionId) const
{
    const auto it = m_regions.constFind(regionId);
    return it == m_regions.cend() ? Health::Unknown : it->health;
}

QString HealthMonitor::regionReason(const QString &regionId) const
{
    const auto it = m_regions.constFind(regionId);
    return it == m_regions.cend() ? QString() : it->reason;
}

void HealthMonitor::onProbeResult(const Console::ProbeResult &result)
{
    evaluate(result, m_clock->now());
}

void HealthMonitor::evaluate(const Console::ProbeResult &result,
    std::chrono::steady_clock::time_point now, const std::optional<LagReading> &lag)
{
    const auto it = m_endpoints.find(result.endpointId);
    if (it == m_endpoints.end()) {
        qCWarning(lcHealth) << "result for an endpoint not in the configuration:"
                            << result.endpointId;
        return;
    }
    EndpointState &state = it->second;
    const Health before = state.health;
    const HealthEvaluator::Verdict probe = state.evaluator.add(result, now);
    // Lag only means something while the standby answers; a failed probe brings no reading and
    // the last lag verdict holds.
    const LagEvaluator::Verdict lagVerdict
        = lag && result.ok() ? state.lag.add(*lag) : state.lag.verdict();

    // The probe verdict wins ties: a failing endpoint is explained by its failures first.
    const bool lagDecides = rank(lagVerdict.health) > rank(probe.health);
    state.health = lagDecides ? lagVerdict.health : probe.health;
    state.reason = lagDecides ? lagVerdict.reason : probe.reason;
    state.cause = lagDecides ? lagVerdict.cause : probe.cause;

    emit endpointEvaluated({ state.regionId, result.endpointId, result, state.health, state.reason,
        state.cause, probe.successRate, lag });
    const QDateTime at = m_clock->wallNow();
    if (state.health != before) {
        const HealthChange change { at, state.regionId, result.endpointId, before, state.health,
            state.reason, state.cause, QString() };
        publishEndpointChange(state, change, probe, result, lag);
        emit healthChanged(change);
    }
    // Also without a change here: the region's reason names its worst endpoint, whose own
    // reason moves ("1 of 3", "2 of 3") or who may have recovered while another stays down.
    updateRegion(state.regionId, at);
}

void HealthMonitor::publishEndpointChange(const EndpointState &state, const HealthChange &change,
    const HealthEvaluator::Verdict &probe, const ProbeResult &result,
    const std::optional<LagReading> &lag)
{
    if (!m_hub)
        return;
    ConsoleEvent event;
    event.wallTime = change.at;
    event.kind = EventKind::EndpointHealth;
    event.severity = severityFor(change.to);
    event.regionId = change.regionId;
    event.endpointId = change.endpointId;
    event.message = change.reason.isEmpty()
        ? tr("%1 is %2.").arg(state.name, healthLabel(change.to).toLower())
        : tr("%1 is %2: %3.").arg(state.name, healthLabel(change.to).toLower(), change.reason);
    // An HTTP answer's phases, as blackbox_exporter users read them; null for other results.
    const std::optional<HttpPhaseTimes> &phases = result.httpPhases;
    const auto phase = [&phases](double HttpPhaseTimes::*ms) {
        return phases ? QVariant((*phases).*ms) : QVariant();
    };
    event.fields = {
        { QStringLiteral("from"), toString(change.from) },
        { QStringLiteral("to"), toString(change.to) },
        { QStringLiteral("cause"), toString(change.cause) },
        { QStringLiteral("reason"), change.reason },
        { QStringLiteral("probe_status"), toString(result.status) },
        { QStringLiteral("latency_ms"),
            result.latencyMs >= 0 ? QVariant(result.latencyMs) : QVariant() },
        { QStringLiteral("failure_run"), probe.failureRun },
        { QStringLiteral("failures_needed"), probe.failuresNeeded },
        { QStringLiteral("recovery_run"), probe.recoveryRun },
        { QStringLiteral("recovery_needed"), probe.recoveryNeeded },
        { QStringLiteral("success_rate"),
            probe.successRate >= 0 ? QVariant(probe.successRate) : QVariant() },
        { QStringLiteral("lag_bytes"), lag ? optionalValue(lag->bytes) : QVariant() },
        { QStringLiteral("lag_seconds"), lag ? optionalValue(lag->seconds) : QVariant() },
        { QStringLiteral("replay_paused"), lag ? QVariant(lag->replayPaused) : QVariant() },
        { QStringLiteral("dns_ms"), phase(&HttpPhaseTimes::dnsMs) },
        { QStringLiteral("connect_ms"), phase(&HttpPhaseTimes::connectMs) },
        { QStringLiteral("tls_ms"), phase(&HttpPhaseTimes::tlsMs) },
        { QStringLiteral("first_byte_ms"), phase(&HttpPhaseTimes::firstByteMs) },
        { QStringLiteral("transfer_ms"), phase(&HttpPhaseTimes::transferMs) },
    };
    m_hub->publish(event);
}

void HealthMonitor::updateRegion(const QString &regionId, const QDateTime &at)
{
    RegionState &region = m_regions[regionId];
    Health worst = Health::Unknown;
    QString culprit; // the first endpoint, in config order, with the worst health
    for (const QString &id : std::as_const(region.endpointIds)) {
        const Health health = m_endpoints.at(id).health;
        if (rank(health) > rank(worst)) {
            worst = health;
            culprit = id;
        }
    }
    QString reason;
    HealthCause cause = HealthCause::None;
    if (worst == Health::Healthy) {
        reason = tr("all probed endpoints healthy");
        culprit.clear(); // a healthy region has nothing to blame
    } else if (!culprit.isEmpty()) {
        const EndpointState &endpoint = m_endpoints.at(culprit);
        reason = tr("%1: %2").arg(endpoint.name, endpoint.reason);
        cause = endpoint.cause;
    }

    const Health before = region.health;
    const QString reasonBefore = region.reason;
    region.reason = reason;
    if (worst == before) {
        if (reason != reasonBefore)
            emit regionReasonChanged(regionId, reason);
        return;
    }
    region.health = worst;
    const HealthChange change { at, regionId, QString(), before, worst, reason, cause, culprit };
    if (m_hub) {
        ConsoleEvent event;
        event.wallTime = at;
        event.kind = EventKind::RegionHealth;
        event.severity = severityFor(worst);
        event.regionId = regionId;
        event.message
            = tr("Region %1 is %2: %3.").arg(region.name, healthLabel(worst).toLower(), reason);
        event.fields = {
            { QStringLiteral("from"), toString(before) },
            { QStringLiteral("to"), toString(worst) },
            { QStringLiteral("cause"), toString(cause) },
            { QStringLiteral("reason"), reason },
            { QStringLiteral("culprit"), culprit.isEmpty() ? QVariant() : QVariant(culprit) },
        };
        m_hub->publish(event);
    }
    emit healthChanged(change);
}

} // namespace Console
