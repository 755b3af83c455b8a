#include "configbuilder.h"

#include "displaytarget.h"

#include <QSet>

namespace Console {

ConfigBuilder &ConfigBuilder::interval(Milliseconds interval)
{
    m_console.probeInterval = interval;
    return *this;
}

ConfigBuilder &ConfigBuilder::timeout(Milliseconds timeout)
{
    m_console.probeTimeout = timeout;
    return *this;
}

ConfigBuilder &ConfigBuilder::detection(const DetectionThresholds &detection)
{
    m_console.detection = detection;
    return *this;
}

ConfigBuilder &ConfigBuilder::breaker(const BreakerSettings &breaker)
{
    m_console.breaker = breaker;
    return *this;
}

ConfigBuilder &ConfigBuilder::lag(const LagThresholds &lag)
{
    m_console.lag = lag;
    return *this;
}

ConfigBuilder &ConfigBuilder::region(const QString &id, RegionRole role, const QString &name)
{
    Region region;
    region.config.id = id;
    region.config.name = name.isEmpty() ? id : name;
    region.config.role = role;
    // As the loader does: ties go to the earlier region.
    region.config.failoverPriority = int(m_regions.size());
    m_regions.append(region);
    return *this;
}

ConfigBuilder &ConfigBuilder::failoverPriority(int priority)
{
    if (m_regions.isEmpty())
        qFatal("ConfigBuilder: failoverPriority() before any region()");
    m_regions.last().config.failoverPriority = priority;
    return *this;
}

ConfigBuilder &ConfigBuilder::http(const QString &id, const QUrl &url, const QString &name)
{
    Endpoint &endpoint = addEndpoint(id, EndpointKind::Http, name);
    endpoint.config.http.url = url;
    endpoint.config.displayTarget = DisplayTarget::forUrl(url.toString());
    return *this;
}

ConfigBuilder &ConfigBuilder::postgres(
    const QString &id, const QString &connection, const QString &name)
{
    Endpoint &endpoint = addEndpoint(id, EndpointKind::Postgres, name);
    endpoint.config.postgres.connectionString = connection;
    endpoint.config.displayTarget = DisplayTarget::forConnectionString(connection);
    return *this;
}

ConfigBuilder &ConfigBuilder::endpointInterval(Milliseconds interval)
{
    lastEndpoint().interval = interval;
    return *this;
}

ConfigBuilder &ConfigBuilder::endpointTimeout(Milliseconds timeout)
{
    lastEndpoint().timeout = timeout;
    return *this;
}

ConsoleConfig ConfigBuilder::build() const
{
    ConsoleConfig config = m_console;
    QSet<QString> regionIds;
    QSet<QString> endpointIds;
    int primaries = 0;
    for (const Region &region : m_regions) {
        RegionConfig built = region.config;
        if (built.role == RegionRole::Primary)
            ++primaries;
        if (Q_UNLIKELY(regionIds.contains(built.id)))
            qFatal("ConfigBuilder: region id %s used twice", qPrintable(built.id));
        regionIds.insert(built.id);
        for (const Endpoint &endpoint : region.endpoints) {
            EndpointConfig e = endpoint.config;
            e.interval = endpoint.interval.value_or(config.probeInterval);
            e.timeout = endpoint.timeout.value_or(config.probeTimeout);
            if (Q_UNLIKELY(endpointIds.contains(e.id)))
                qFatal("ConfigBuilder: endpoint id %s used twice", qPrintable(e.id));
            if (Q_UNLIKELY(e.timeout >= e.interval))
                qFatal("ConfigBuilder: endpoint %s: timeout %lld ms not shorter than interval "
                       "%lld ms",
                    qPrintable(e.id), static_cast<long long>(e.timeout.count()),
                    static_cast<long long>(e.interval.count()));
            endpointIds.insert(e.id);
            built.endpoints.append(e);
        }
        config.regions.append(built);
    }
    if (Q_UNLIKELY(primaries != 1))
        qFatal("ConfigBuilder: %d primary regions; a valid config has exactly one", primaries);
    return config;
}

ConfigBuilder::Endpoint &ConfigBuilder::addEndpoint(
    const QString &id, EndpointKind kind, const QString &name)
{
    if (Q_UNLIKELY(m_regions.isEmpty()))
        qFatal("ConfigBuilder: endpoint %s before any region()", qPrintable(id));
    Endpoint endpoint;
    endpoint.config.id = id;
    endpoint.config.name = name.isEmpty() ? id : name;
    endpoint.config.kind = kind;
    m_regions.last().endpoints.append(endpoint);
    return m_regions.last().endpoints.last();
}

ConfigBuilder::Endpoint &ConfigBuilder::lastEndpoint()
{
    if (Q_UNLIKELY(m_regions.isEmpty() || m_regions.last().endpoints.isEmpty()))
        qFatal("ConfigBuilder: endpointInterval()/endpointTimeout() before any endpoint");
    return m_regions.last().endpoints.last();
}

} // namespace Console
