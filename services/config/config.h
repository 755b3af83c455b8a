#pragma once

#include "actionconfig.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

namespace Console {

using Milliseconds = std::chrono::milliseconds;

// The role a region is configured to have; probes may later disagree (a mismatch is a warning).
enum class RegionRole { Primary, Replica, Standby };

enum class EndpointKind { Http, Postgres, Breakers };

// How a kind "breakers" endpoint lays out the circuit breakers an application reports.
enum class BreakersFormat {
    Actuator, // Resilience4j's Spring Boot actuator endpoint, GET /actuator/circuitbreakers
    ActuatorHealth, // the "circuitBreakers" component of Spring Boot's /actuator/health
    Json, // any JSON: a dotted path to a list of objects, each with a name and a state
};

// Detection thresholds; defaults are the reference document's trigger conditions.
struct DetectionThresholds
{
    int consecutiveFailures = 3;
    Milliseconds latencyThreshold { 5000 };
    Milliseconds latencySustainedFor { 60000 };
    double errorRateThreshold = 0.5; // fraction of failed probes, 0..1
    Milliseconds errorRateWindow { 30000 };
    bool unreachableActsAtOnce = true;
    // Not in the reference: one healthy check after an outage proves little, so recovery needs a
    // run.
    int recoverySuccesses = 3;
};

// Circuit-breaker settings; defaults are the reference document's.
struct BreakerSettings
{
    int failureThreshold = 5;
    Milliseconds resetTimeout { 30000 };
    int halfOpenRequests = 3;
};

// When a standby's replication lag makes it Degraded (warning) or Unhealthy (critical). The
// reference puts cross-region asynchronous lag at 50-200 ms typically and 1-5 s at most, so 5 s is
// already unusual; 30 s of writes is a loss nobody signs off on. In bytes, one 16 MiB WAL segment
// behind is worth a look and 256 MiB is minutes of replay on a modest standby.
struct LagThresholds
{
    Milliseconds warning { 5000 };
    Milliseconds critical { 30000 };
    qint64 warningBytes = qint64(16) * 1024 * 1024;
    qint64 criticalBytes = qint64(256) * 1024 * 1024;
};

struct HttpEndpointConfig
{
    QUrl url;
    QByteArray method = "GET";
    QList<QPair<QByteArray, QByteArray>> headers; // values may hold secrets: never print them
    int expectedStatus = 200;
    // Optional JSON body condition: every dotted path must hold the given scalar (compared as
    // text).
    QMap<QString, QString> expectJson;
    // Optional: dotted path to a number of milliseconds of replication lag the body reports.
    QString lagJsonMs;
    // Optional: dotted path to the role of the region's database the body reports ("primary",
    // "standby", "replica"...), so an HTTP-only region takes part in "who is primary".
    QString roleJson;
    bool followRedirects = false;
    qint64 maxBodyBytes = 64 * 1024;
    QString caFile; // extra CA certificates (PEM) trusted in addition to the system store
};

struct PostgresEndpointConfig
{
    QString
        connectionString; // may hold a password: never print it, show EndpointConfig::displayTarget
    // Write (on a primary) and read (on a replica) the console's own heartbeat row each probe:
    // true end-to-end lag even on an idle primary, and the measured data loss after a failover.
    bool heartbeat = false;
};

// Kind "breakers" reads the circuit-breaker states an application exposes. Its request (url,
// method, headers, max_body, ca_file, follow_redirects) is EndpointConfig::http, so one HTTP prober
// serves both kinds with the same caps and TLS rules; this says how to read the answer.
struct BreakersEndpointConfig
{
    BreakersFormat format = BreakersFormat::Actuator;
    // Json only: the dotted path to the list, and the dotted paths inside each of its objects.
    QString breakersPath;
    QString nameKey = QStringLiteral("name");
    QString stateKey = QStringLiteral("state");
};

struct EndpointConfig
{
    QString id;
    QString name;
    EndpointKind kind = EndpointKind::Http;
    Milliseconds interval { 1000 };
    Milliseconds timeout { 800 };
    // A reference endpoint that checks the console's own network: when it fails, the console
    // suspects itself, not the regions.
    bool control = false;
    HttpEndpointConfig http; // also the request of a kind "breakers" endpoint
    PostgresEndpointConfig postgres;
    BreakersEndpointConfig breakers;
    // What the UI and logs may show of the target: URL without credentials, DSN without password.
    QString displayTarget;
    // Keys whose values came from the process environment ("url", "connection", "headers.apikey").
    QStringList secretFields;
};

// How the console acts on one region's database. Without `connection`, fencing a reachable node,
// promoting and re-pointing need their actions; a region with no way to promote is never a target.
struct RegionAdminConfig
{
    // A libpq connection string with rights to pg_promote, ALTER SYSTEM and pg_terminate_backend,
    // kept apart from the monitoring role so that role stays read-only. May hold a password.
    QString connection;
    QString displayTarget; // the connection without its password
    // The primary_conninfo other standbys use to stream from this node once it is primary; the
    // console adds application_name for each standby. May hold a password.
    QString replicationConnection;
    std::optional<ActionConfig> fence; // STONITH, when the node cannot be reached
    std::optional<ActionConfig> promote; // instead of SELECT pg_promote(wait => true)
    std::optional<ActionConfig> repoint; // instead of ALTER SYSTEM SET primary_conninfo
    std::optional<ActionConfig> rejoin; // failback: rebuild this node as a standby of the primary
    // Drills: fault name ("down", "restore", "dns-failure") -> the action that injects it.
    QMap<QString, ActionConfig> faults;

    bool canPromote() const { return !connection.isEmpty() || promote.has_value(); }
};

enum class FailoverMode { Manual, Automatic };

// The failover engine's settings. Defaults: manual, a standby more than 1 MiB or 10 s behind is
// no target (Patroni's maximum_lag_on_failover is 1 MiB), a crash confirmed by 3 probes 100 ms
// apart, 5 minutes between automatic failovers, and a failback offered only after the old primary
// has been healthy for 60 s.
struct FailoverSettings
{
    FailoverMode mode = FailoverMode::Manual;
    qint64 maxLagBytes = qint64(1024) * 1024;
    Milliseconds maxLagSeconds { 10000 };
    int confirmationProbes = 3;
    Milliseconds confirmationSpacing { 100 };
    Milliseconds cooldown { 300000 };
    Milliseconds stepTimeout { 30000 };
    Milliseconds verifyTimeout { 15000 };
    Milliseconds failbackHealthyFor { 60000 };
    QString lockFile; // empty: the user's runtime folder
    QList<ActionConfig> traffic; // in order, after promotion
    QList<ActionConfig> notify; // after the traffic switch; failures never stop a run
};

struct RegionConfig
{
    QString id;
    QString name;
    double latitude = 0;
    double longitude = 0;
    RegionRole role = RegionRole::Replica;
    // Which standby to promote first when several are equally healthy and equally behind:
    // lower goes first. Defaults to the region's position in the file.
    int failoverPriority = 0;
    QList<EndpointConfig> endpoints;
    RegionAdminConfig admin;
};

struct ConsoleConfig
{
    QString sourceFile;
    Milliseconds probeInterval { 1000 };
    Milliseconds probeTimeout { 800 };
    DetectionThresholds detection;
    BreakerSettings breaker;
    LagThresholds lag;
    FailoverSettings failover;
    QList<RegionConfig> regions;
    // Values substituted from the process environment (API keys, passwords): never show them.
    QStringList secretValues;

    const RegionConfig *primaryRegion() const;
    const RegionConfig *region(const QString &id) const;
    const EndpointConfig *endpoint(const QString &id) const;
    const RegionConfig *regionOfEndpoint(const QString &endpointId) const;
    int endpointCount() const;
    // The text with every secret value masked where it stands as a whole token (SecretMask); for
    // messages that may echo a target (libpq errors).
    QString redactSecrets(QString text) const;
};

QString toString(RegionRole role);
QString toString(FailoverMode mode); // "manual", "automatic"
QString toString(EndpointKind kind); // "http", "postgres", "breakers"
QString toString(BreakersFormat format); // "actuator", "actuator-health", "json"

} // namespace Console
