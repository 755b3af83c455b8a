#include "configoverview.h"

namespace Console {

namespace {

std::optional<ActionOverview> overviewOf(const std::optional<ActionConfig> &action)
{
    if (!action)
        return std::nullopt;
    return ActionOverview::from(*action);
}

QList<ActionOverview> overviewOf(const QList<ActionConfig> &actions)
{
    QList<ActionOverview> list;
    for (const ActionConfig &action : actions)
        list.append(ActionOverview::from(action));
    return list;
}

RegionAdminOverview overviewOf(const RegionAdminConfig &admin)
{
    RegionAdminOverview overview;
    overview.hasConnection = !admin.connection.isEmpty();
    overview.displayTarget = admin.displayTarget;
    overview.hasReplicationConnection = !admin.replicationConnection.isEmpty();
    overview.fence = overviewOf(admin.fence);
    overview.promote = overviewOf(admin.promote);
    overview.repoint = overviewOf(admin.repoint);
    overview.rejoin = overviewOf(admin.rejoin);
    return overview;
}

} // namespace

ConfigOverview ConfigOverview::from(const ConsoleConfig &config)
{
    ConfigOverview overview;
    overview.sourceFile = config.sourceFile;
    for (const RegionConfig &region : config.regions) {
        RegionOverview r;
        r.id = region.id;
        r.name = region.name;
        r.latitude = region.latitude;
        r.longitude = region.longitude;
        r.role = region.role;
        for (const EndpointConfig &endpoint : region.endpoints)
            r.endpoints.append({ endpoint.id, endpoint.name, endpoint.kind, endpoint.displayTarget,
                endpoint.timeout });
        r.admin = overviewOf(region.admin);
        overview.regions.append(r);
    }
    overview.errorRateWindow = config.detection.errorRateWindow;
    overview.failover.mode = config.failover.mode;
    overview.failover.traffic = overviewOf(config.failover.traffic);
    overview.failover.notify = overviewOf(config.failover.notify);
    return overview;
}

int ConfigOverview::endpointCount() const
{
    int count = 0;
    for (const RegionOverview &region : regions)
        count += int(region.endpoints.size());
    return count;
}

const RegionOverview *ConfigOverview::region(const QString &id) const
{
    for (const RegionOverview &region : regions) {
        if (region.id == id)
            return &region;
    }
    return nullptr;
}

QString ConfigOverview::endpointName(const QString &id) const
{
    for (const RegionOverview &region : regions) {
        for (const EndpointOverview &endpoint : region.endpoints) {
            if (endpoint.id == id)
                return endpoint.name.isEmpty() ? endpoint.id : endpoint.name;
        }
    }
    return {};
}

QString ConfigOverview::regionName(const QString &id) const
{
    const RegionOverview *r = region(id);
    return !r ? QString() : r->name.isEmpty() ? r->id : r->name;
}

} // namespace Console
