#pragma once

#include "config.h"

#include <QString>
#include <QUrl>

#include <optional>

namespace Console {

// Hand-builds a valid ConsoleConfig for tests in one readable expression, so that tests stop
// copying struct-filling helpers from one another:
//   ConfigBuilder().region("us-east", RegionRole::Primary).http("us-east-rest", url)
//       .region("eu-west", RegionRole::Standby).postgres("eu-west-db", "host=...").build()
// Names default to ids; an endpoint's interval and timeout default to the console's at build().
class ConfigBuilder final
{
public:
    ConfigBuilder() = default;

    // Console-wide probe rhythm: also every endpoint's that sets none of its own.
    ConfigBuilder &interval(Milliseconds interval);
    ConfigBuilder &timeout(Milliseconds timeout);
    ConfigBuilder &detection(const DetectionThresholds &detection);
    ConfigBuilder &breaker(const BreakerSettings &breaker);
    ConfigBuilder &lag(const LagThresholds &lag);

    // Starts a region; the endpoints that follow belong to it.
    ConfigBuilder &region(const QString &id, RegionRole role, const QString &name = {});
    // The last region's tie-break among equal promotion candidates (lower first).
    ConfigBuilder &failoverPriority(int priority);
    ConfigBuilder &http(const QString &id, const QUrl &url, const QString &name = {});
    ConfigBuilder &postgres(const QString &id, const QString &connection, const QString &name = {});
    // The last endpoint's own rhythm.
    ConfigBuilder &endpointInterval(Milliseconds interval);
    ConfigBuilder &endpointTimeout(Milliseconds timeout);

    // Fails the test program (qFatal) when the result would not pass the loader's checks: no or
    // several primaries, a repeated id, a timeout not shorter than its interval. Edit the result
    // to test how code copes with a config the loader would refuse.
    ConsoleConfig build() const;

private:
    struct Endpoint
    {
        EndpointConfig config;
        std::optional<Milliseconds> interval;
        std::optional<Milliseconds> timeout;
    };
    struct Region
    {
        RegionConfig config; // without endpoints
        QList<Endpoint> endpoints;
    };

    Endpoint &addEndpoint(const QString &id, EndpointKind kind, const QString &name);
    Endpoint &lastEndpoint();

    ConsoleConfig m_console; // without regions
    QList<Region> m_regions;
};

} // namespace Console
