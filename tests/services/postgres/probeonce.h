#pragma once

#include "config.h"
#include "prober.h"

#include <QSignalSpy>

namespace Console {

// An endpoint of kind postgres for the tests of this folder.
inline EndpointConfig postgresEndpoint(const QString &id, const QString &connectionString,
    bool heartbeat = false, Milliseconds timeout = Milliseconds(800))
{
    EndpointConfig endpoint;
    endpoint.id = id;
    endpoint.name = id;
    endpoint.kind = EndpointKind::Postgres;
    endpoint.timeout = timeout;
    endpoint.postgres.connectionString = connectionString;
    endpoint.postgres.heartbeat = heartbeat;
    return endpoint;
}

// Runs one probe and waits (bounded) for its one result; false when none came. Also checks the
// contract that finished() never comes from inside start().
inline bool probeOnce(Prober &prober, ProbeResult *result, int waitMs = 5000)
{
    QSignalSpy spy(&prober, &Prober::finished);
    prober.start();
    if (spy.count() != 0) {
        qWarning("finished() was emitted from inside start()");
        return false;
    }
    if (!spy.wait(waitMs) || spy.count() != 1)
        return false;
    *result = spy.takeFirst().at(0).value<ProbeResult>();
    return true;
}

} // namespace Console
