#include "regionmapstate.h"

#include "topologystate.h"

namespace Console {

RegionMapState::RegionMapState(const ConfigOverview &config, const LagThresholds &thresholds,
    const TopologyState *topology, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_thresholds(thresholds)
    , m_topology(topology)
{
    if (m_topology)
        connect(m_topology, &TopologyState::changed, this, &RegionMapState::onTopologyChanged);
    m_snapshot = buildRegionMap(m_config, m_thresholds, m_topology, m_verdicts);
}

RegionMapState::~RegionMapState() = default;

void RegionMapState::onHealthChanged(const HealthChange &change)
{
    if (!change.isRegion())
        return;
    RegionVerdict &verdict = m_verdicts[change.regionId];
    verdict.health = change.to;
    verdict.reason = change.reason;
    recompute();
}

void RegionMapState::onRegionReasonChanged(const QString &regionId, const QString &reason)
{
    m_verdicts[regionId].reason = reason;
    recompute();
}

void RegionMapState::onTopologyChanged()
{
    recompute();
}

void RegionMapState::recompute()
{
    RegionMapSnapshot next = buildRegionMap(m_config, m_thresholds, m_topology, m_verdicts);
    if (next == m_snapshot)
        return;
    const RegionMapSnapshot previous = std::exchange(m_snapshot, std::move(next));
    emit changed(previous);
}

} // namespace Console
