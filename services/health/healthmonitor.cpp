#include "healthmonitor.h"

#include <QLoggingCategory>

namespace Console {

namespace {
Q_LOGGING_CATEGORY(lcHealth, "console.health")
} // namespace

HealthMonitor::HealthMonitor(const ConsoleConfig &config, QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Console::ProbeResult>();
    qRegisterMetaType<Console::EndpointHealthUpdate>();
    qRegisterMetaType<Console::HealthChange>();

    for (const RegionConfig &region : config.regions) {
        RegionState &state = m_regions[region.id];
        for (const EndpointConfig &endpoint : region.endpoints) {
            state.endpointIds.append(endpoint.id);
            m_endpoints.try_emplace(endpoint.id,
                EndpointState { region.id, endpoint.name,
                    HealthEvaluator(config.detection, endpoint.interval) });
        }
    }
}

HealthMonitor::~HealthMonitor() = default;

Health HealthMonitor::endpointHealth(const QString &endpointId) const
{
    const auto it = m_endpoints.find(endpointId);
    return it == m_endpoints.end() ? Health::Unknown : it->second.evaluator.health();
}

QString HealthMonitor::endpointReason(const QString &endpointId) const
{
    const auto it = m_endpoints.find(endpointId);
    return it == m_endpoints.end() ? QString() : it->second.evaluator.reason();
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
    evaluate(result, std::chrono::steady_clock::now());
}

void HealthMonitor::evaluate(
    const Console::ProbeResult &result, std::chrono::steady_clock::time_point now)
{
    const auto it = m_endpoints.find(result.endpointId);
    if (it == m_endpoints.end()) {
        qCWarning(lcHealth) << "result for an endpoint not in the configuration:"
                            << result.endpointId;
        return;
    }
    EndpointState &state = it->second;
    const Health before = state.evaluator.health();
    const HealthEvaluator::Verdict verdict = state.evaluator.add(result, now);

    emit endpointEvaluated({ state.regionId, result.endpointId, result, verdict.health,
        verdict.reason, verdict.successRate });
    const QDateTime at = QDateTime::currentDateTimeUtc();
    if (verdict.changed) {
        emit healthChanged(
            { at, state.regionId, result.endpointId, before, verdict.health, verdict.reason });
    }
    // Also without a change here: the region's reason names its worst endpoint, whose own
    // reason moves ("1 of 3", "2 of 3") or who may have recovered while another stays down.
    updateRegion(state.regionId, at);
}

void HealthMonitor::updateRegion(const QString &regionId, const QDateTime &at)
{
    RegionState &region = m_regions[regionId];
    Health worst = Health::Unknown;
    QString culprit; // the first endpoint, in config order, with the worst health
    for (const QString &id : std::as_const(region.endpointIds)) {
        const Health health = m_endpoints.at(id).evaluator.health();
        if (rank(health) > rank(worst)) {
            worst = health;
            culprit = id;
        }
    }
    QString reason;
    if (worst == Health::Healthy) {
        reason = tr("all probed endpoints healthy");
    } else if (!culprit.isEmpty()) {
        const EndpointState &endpoint = m_endpoints.at(culprit);
        reason = tr("%1: %2").arg(
            endpoint.name.isEmpty() ? culprit : endpoint.name, endpoint.evaluator.reason());
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
    emit healthChanged({ at, regionId, QString(), before, worst, reason });
}

} // namespace Console
