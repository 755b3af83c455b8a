#include "roletracker.h"

namespace Console {

bool roleContradicts(RegionRole configured, PostgresRole observed)
{
    return (configured == RegionRole::Primary) != (observed == PostgresRole::Primary);
}

RoleTracker::RoleTracker(const ConsoleConfig &config, QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Console::RoleChange>();
    for (const RegionConfig &region : config.regions) {
        for (const EndpointConfig &endpoint : region.endpoints) {
            if (endpoint.kind == EndpointKind::Postgres)
                m_endpoints.insert(endpoint.id, { region.id, region.role, std::nullopt });
        }
    }
}

std::optional<PostgresRole> RoleTracker::role(const QString &endpointId) const
{
    const auto it = m_endpoints.constFind(endpointId);
    return it == m_endpoints.cend() ? std::nullopt : it->role;
}

void RoleTracker::onProbeResult(const ProbeResult &result)
{
    if (!result.postgres)
        return;
    const auto it = m_endpoints.find(result.endpointId);
    if (it == m_endpoints.end() || it->role == result.postgres->role)
        return;
    RoleChange change;
    change.at = result.startedAt.isValid() ? result.startedAt : QDateTime::currentDateTimeUtc();
    change.regionId = it->regionId;
    change.endpointId = result.endpointId;
    change.from = it->role;
    change.to = result.postgres->role;
    change.configured = it->configured;
    change.mismatch = roleContradicts(it->configured, change.to);
    it->role = change.to;
    emit roleChanged(change);
}

} // namespace Console
