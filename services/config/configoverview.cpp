#include "configoverview.h"

namespace Console {

ConfigOverview ConfigOverview::from(const ConsoleConfig &config)
{
    ConfigOverview overview;
    overview.sourceFile = config.sourceFile;
    for (const RegionConfig &region : config.regions) {
        RegionOverview r { region.id, region.name, region.latitude, region.longitude, region.role,
            {} };
        for (const EndpointConfig &endpoint : region.endpoints)
            r.endpoints.append(
                { endpoint.id, endpoint.name, endpoint.kind, endpoint.displayTarget });
        overview.regions.append(r);
    }
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
