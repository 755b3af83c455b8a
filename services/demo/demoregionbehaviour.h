#pragma once

#include "demodatabase.h"
#include "demofault.h"
#include "demoregionspec.h"
#include "demoreply.h"

#include <QByteArray>
#include <QDateTime>
#include <QStringList>

#include <optional>
#include <random>

namespace Console {

// Decides what a simulated region answers: status, body and delay for each of its endpoints,
// under the fault currently injected. Owns no sockets; time is passed in (a monotonic
// millisecond count for the lag, the wall clock only for the "timestamp" field).
class DemoRegionBehaviour final
{
public:
    // A Slow region answers after about this long: over the demo's latency threshold (500 ms),
    // under its probe timeout (800 ms), so it reads as slow, not as down.
    static constexpr Milliseconds SlowDelay { 600 };
    // Longer than any sensible probe timeout, so a Hung region reads as timing out.
    static constexpr Milliseconds HangDelay { 3000 };
    // A Lagging region falls this much further behind every second.
    static constexpr double LagGrowthPerSecond = 1000.0;
    // After an Erroring spell the application's breaker tries its database again for this long.
    static constexpr Milliseconds BreakerHalfOpenFor { 10000 };
    // How far behind a standby runs whose spec gives no lag (an old primary rebuilt as one).
    static constexpr Milliseconds RebuiltStandbyLag { 50 };

    DemoRegionBehaviour(DemoRegionSpec spec, QByteArray apiKey);

    const DemoRegionSpec &spec() const { return m_spec; }
    DemoFault fault() const { return m_fault; }
    void setFault(DemoFault fault, qint64 nowMs);
    const DemoDatabase &database() const { return m_database; }
    // The regions an upstream or a source may name; empty accepts any other region.
    void setKnownRegions(const QStringList &regionIds) { m_knownRegions = regionIds; }
    // Back to the role and upstream of the spec, unfenced (the demo starts again).
    void resetDatabase();

    // GET/HEAD /rest/v1/ — the Supabase REST root behind the API gateway (needs the apikey).
    DemoReply restRoot(const QByteArray &apiKey);
    // GET /api/health — the application's own health function (no key).
    DemoReply apiHealth(qint64 nowMs, const QDateTime &wallClock);
    // GET /auth/v1/health — the auth service behind the gateway (needs the apikey).
    DemoReply authHealth(const QByteArray &apiKey);
    // GET /actuator/circuitbreakers — the application's Resilience4j breaker on its database
    // calls, as Spring Boot shows it: open while the database errors, half-open for a while
    // after, closed otherwise (no key, like an actuator on a management port).
    DemoReply circuitBreakers(qint64 nowMs);

    qint64 replicationLagMs(qint64 nowMs);

    // The admin side, as a failover drives it (the caller has checked the token): each answers
    // 200 with the database's new state, 409 when the database refuses (a fenced primary is not
    // promoted) or 400 for a region it does not know.
    DemoReply fence();
    DemoReply promote();
    // POST /admin/repoint?upstream=REGION
    DemoReply repoint(const QString &upstream);
    // POST /admin/rejoin?source=REGION
    DemoReply rejoin(const QString &source);

private:
    DemoReply withDelay(DemoReply reply);
    std::optional<DemoReply> rejectKey(const QByteArray &apiKey) const;
    bool nextRequestFails();
    DemoReply adminReply(const DemoDatabase::Outcome &outcome);
    std::optional<DemoReply> rejectRegion(const QString &regionId) const;

    DemoRegionSpec m_spec;
    QByteArray m_apiKey;
    DemoDatabase m_database;
    QStringList m_knownRegions;
    DemoFault m_fault = DemoFault::None;
    DemoFault m_previousFault = DemoFault::None;
    qint64 m_faultSinceMs = 0;
    quint64 m_erroringCount = 0;
    std::mt19937 m_random;
};

} // namespace Console
