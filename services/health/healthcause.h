#pragma once

#include <QString>

namespace Console {

// Why a verdict is what it is, for machines (JSON, the failover gates, the charts' markers);
// the verdict's reason says the same in a sentence for people.
enum class HealthCause {
    None, // healthy, or no verdict yet
    StrongFailure, // refused or name gone: unhealthy at once
    FailureRun, // failed probes in a row: below the threshold degraded, at it unhealthy
    ErrorRate, // too many failed probes over the error-rate window
    Slowness, // every answer slower than the latency threshold for the sustained time
    Recovering, // a bad verdict held until enough good probes in a row
    Recovered, // a bad verdict just ended after enough good probes in a row
    LagSeconds, // a standby too far behind in time
    LagBytes, // a standby too far behind in WAL bytes
    ReplayPaused, // a standby receives WAL but does not apply it
    NotStreaming, // a standby that streams from nobody while a primary is up
};

// "strong-failure", "failure-run", ...
QString toString(HealthCause cause);

} // namespace Console
