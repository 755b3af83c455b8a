#include "config.h"

#include "secretmask.h"

#include <utility>

namespace Console {

const RegionConfig *ConsoleConfig::primaryRegion() const
{
    for (const RegionConfig &r : regions) {
        if (r.role == RegionRole::Primary)
            return &r;
    }
    return nullptr;
}

const RegionConfig *ConsoleConfig::region(const QString &id) const
{
    for (const RegionConfig &r : regions) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

const EndpointConfig *ConsoleConfig::endpoint(const QString &id) const
{
    const RegionConfig *r = regionOfEndpoint(id);
    if (!r)
        return nullptr;
    for (const EndpointConfig &e : r->endpoints) {
        if (e.id == id)
            return &e;
    }
    return nullptr;
}

const RegionConfig *ConsoleConfig::regionOfEndpoint(const QString &endpointId) const
{
    for (const RegionConfig &r : regions) {
        for (const EndpointConfig &e : r.endpoints) {
            if (e.id == endpointId)
                return &r;
        }
    }
    return nullptr;
}

int ConsoleConfig::endpointCount() const
{
    int n = 0;
    for (const RegionConfig &r : regions)
        n += int(r.endpoints.size());
    return n;
}

QString ConsoleConfig::redactSecrets(QString text) const
{
    return SecretMask::masked(
        std::move(text), secretValues, QStringLiteral("\u2022\u2022\u2022\u2022"));
}

QString toString(RegionRole role)
{
    switch (role) {
    case RegionRole::Primary: return QStringLiteral("primary");
    case RegionRole::Replica: return QStringLiteral("replica");
    case RegionRole::Standby: return QStringLiteral("standby");
    }
    return {};
}

QString toString(FailoverMode mode)
{
    return mode == FailoverMode::Automatic ? QStringLiteral("automatic") : QStringLiteral("manual");
}

QString toString(ActionKind kind)
{
    switch (kind) {
    case ActionKind::Command: return QStringLiteral("command");
    case ActionKind::Http: return QStringLiteral("http");
    case ActionKind::CloudflareDns: return QStringLiteral("cloudflare-dns");
    case ActionKind::CloudflarePool: return QStringLiteral("cloudflare-pool");
    case ActionKind::SlackWebhook: return QStringLiteral("slack");
    }
    return {};
}

QString toString(EndpointKind kind)
{
    switch (kind) {
    case EndpointKind::Http: return QStringLiteral("http");
    case EndpointKind::Postgres: return QStringLiteral("postgres");
    case EndpointKind::Breakers: return QStringLiteral("breakers");
    }
    return {};
}

QString toString(BreakersFormat format)
{
    switch (format) {
    case BreakersFormat::Actuator: return QStringLiteral("actuator");
    case BreakersFormat::ActuatorHealth: return QStringLiteral("actuator-health");
    case BreakersFormat::Json: return QStringLiteral("json");
    }
    return {};
}

} // namespace Console
