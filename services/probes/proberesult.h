#pragma once

#include "postgresobservation.h"
#include "remotebreakers.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Console {

// How one probe ended. Refused is a strong signal (the host answered: nobody listens);
// Timeout is ambiguous (slow, frozen, or a lost packet) and must never trigger action alone.
enum class ProbeStatus {
    Ok,
    HttpStatus, // answered with an unexpected status code
    Timeout,
    Refused,
    Tls,
    Dns,
    BadBody, // answered, but the body failed its condition or was not what the kind expects
    TooLarge, // the body exceeded the configured cap
    NetworkError, // any other transport failure (reset, unreachable host, ...)
    AuthFailed, // the service rejected our credentials
};

// Where an HTTP answer's time went, in ms, phase by phase as Prometheus's blackbox_exporter
// reports them: name lookup, TCP connect, TLS handshake, waiting for the first byte after the
// request was sent (the server's processing), and reading the rest. A reused connection spends
// nothing on the first three.
struct HttpPhaseTimes
{
    double dnsMs = 0;
    double connectMs = 0;
    double tlsMs = 0;
    double firstByteMs = 0;
    double transferMs = 0;
};

// The outcome of one probe, emitted exactly once per probe.
struct ProbeResult
{
    QString endpointId;
    ProbeStatus status = ProbeStatus::NetworkError;
    QString reason; // human-readable, never holds a secret
    QDateTime startedAt; // wall clock, UTC
    double latencyMs = -1; // start to answer (or to failure); monotonic clock
    int httpStatus = 0; // 0 when no HTTP answer arrived
    std::optional<PostgresObservation> postgres; // set by the PostgreSQL prober when it answered
    // Replication lag an HTTP health endpoint reports in its body (lag_json_ms), in seconds.
    std::optional<double> reportedLagSeconds;
    // The database role an HTTP health endpoint reports in its body (role_json).
    std::optional<PostgresRole> reportedRole;
    // Kind "breakers": the breakers the application reported, set when the probe is Ok (an empty
    // list is an application without breakers, not a failure).
    QList<RemoteBreaker> remoteBreakers;
    // HTTP kinds: set when an answer (any status) arrived in time.
    std::optional<HttpPhaseTimes> httpPhases;

    bool ok() const { return status == ProbeStatus::Ok; }
};

QString toString(ProbeStatus status);
// True for failures that prove the endpoint is down now (refused, name gone); a rejected login
// proves the server is up, so it is not one.
bool isStrongFailure(ProbeStatus status);

} // namespace Console

Q_DECLARE_METATYPE(Console::ProbeResult)
