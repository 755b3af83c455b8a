#include "demoregionbehaviour.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace Console {

namespace {

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Roughly a network's shape: most answers near the base, a long tail of slower ones.
qint64 jittered(double baseMs, double sigma, std::mt19937 &random)
{
    std::lognormal_distribution<double> factor(0.0, sigma);
    const double value = baseMs * factor(random);
    return std::llround(std::clamp(value, baseMs * 0.4, baseMs * 5.0));
}

} // namespace

DemoRegionBehaviour::DemoRegionBehaviour(DemoRegionSpec spec, QByteArray apiKey)
    : m_spec(std::move(spec))
    , m_apiKey(std::move(apiKey))
    , m_database(m_spec.id, m_spec.role, m_spec.upstream)
    , m_random(QRandomGenerator::global()->generate())
{ }

void DemoRegionBehaviour::setFault(DemoFault fault, qint64 nowMs)
{
    if (fault == m_fault)
        return;
    m_previousFault = m_fault;
    m_fault = fault;
    m_faultSinceMs = nowMs;
    m_erroringCount = 0;
}

void DemoRegionBehaviour::resetDatabase()
{
    m_database = DemoDatabase(m_spec.id, m_spec.role, m_spec.upstream);
}

DemoReply DemoRegionBehaviour::restRoot(const QByteArray &apiKey)
{
    if (auto rejected = rejectKey(apiKey))
        return withDelay(*rejected);
    if (nextRequestFails()) {
        return withDelay({ 503, "application/json",
            compactJson(
                { { QStringLiteral("message"), QStringLiteral("upstream database unavailable") } }),
            {} });
    }
    const QJsonObject info { { QStringLiteral("title"), QStringLiteral("PostgREST (demo)") },
        { QStringLiteral("region"), m_spec.id } };
    return withDelay({ 200, "application/openapi+json",
        compactJson({ { QStringLiteral("swagger"), QStringLiteral("2.0") },
            { QStringLiteral("info"), info } }),
        {} });
}

DemoReply DemoRegionBehaviour::apiHealth(qint64 nowMs, const QDateTime &wallClock)
{
    const bool failing = nextRequestFails();
    const QJsonObject body {
        { QStringLiteral("db"), failing ? QStringLiteral("error") : QStringLiteral("ok") },
        { QStringLiteral("auth"), QStringLiteral("ok") },
        { QStringLiteral("timestamp"), wallClock.toUTC().toString(Qt::ISODateWithMs) },
        { QStringLiteral("region"), m_spec.id },
        { QStringLiteral("role"), m_database.reportedRole() },
        { QStringLiteral("fenced"), m_database.fenced() },
        { QStringLiteral("upstream"),
            m_database.upstream().isEmpty() ? QJsonValue() : QJsonValue(m_database.upstream()) },
        { QStringLiteral("replication_lag_ms"), replicationLagMs(nowMs) },
    };
    return withDelay({ failing ? 503 : 200, "application/json", compactJson(body), {} });
}

DemoReply DemoRegionBehaviour::authHealth(const QByteArray &apiKey)
{
    if (auto rejected = rejectKey(apiKey))
        return withDelay(*rejected);
    const QJsonObject body { { QStringLiteral("name"), QStringLiteral("GoTrue") },
        { QStringLiteral("version"), QStringLiteral("demo") },
        { QStringLiteral("description"),
            QStringLiteral("Demo auth service in %1").arg(m_spec.name) } };
    return withDelay({ 200, "application/json", compactJson(body), {} });
}

DemoReply DemoRegionBehaviour::circuitBreakers(qint64 nowMs)
{
    const qint64 sinceMs = std::max<qint64>(0, nowMs - m_faultSinceMs);
    // Erroring fails four calls of five: over a window of ten, eight failed.
    QString state = QStringLiteral("CLOSED");
    QString failureRate = QStringLiteral("0.0%");
    int bufferedCalls = 10;
    int failedCalls = 0;
    qint64 notPermittedCalls = 0;
    if (m_fault == DemoFault::Erroring) {
        state = QStringLiteral("OPEN");
        failureRate = QStringLiteral("80.0%");
        failedCalls = 8;
        notPermittedCalls = sinceMs / 100; // ten calls a second turned away
    } else if (m_previousFault == DemoFault::Erroring && sinceMs < BreakerHalfOpenFor.count()) {
        state = QStringLiteral("HALF_OPEN");
        failureRate = QStringLiteral("-1.0%"); // too few trial calls for a rate
        bufferedCalls = 2;
    }
    const QJsonObject details { { QStringLiteral("failureRate"), failureRate },
        { QStringLiteral("slowCallRate"), QStringLiteral("0.0%") },
        { QStringLiteral("failureRateThreshold"), QStringLiteral("50.0%") },
        { QStringLiteral("slowCallRateThreshold"), QStringLiteral("100.0%") },
        { QStringLiteral("bufferedCalls"), bufferedCalls },
        { QStringLiteral("failedCalls"), failedCalls }, { QStringLiteral("slowCalls"), 0 },
        { QStringLiteral("slowFailedCalls"), 0 },
        { QStringLiteral("notPermittedCalls"), notPermittedCalls },
        { QStringLiteral("state"), state } };
    const QJsonObject breakers { { QStringLiteral("database"), details } };
    return withDelay({ 200, "application/vnd.spring-boot.actuator.v3+json",
        compactJson({ { QStringLiteral("circuitBreakers"), breakers } }), {} });
}

qint64 DemoRegionBehaviour::replicationLagMs(qint64 nowMs)
{
    // A primary replicates from nobody: whatever its fault, it is behind nothing.
    if (m_database.role() == DemoDatabase::Role::Primary)
        return 0;
    const Milliseconds normal = m_spec.normalLag.count() > 0 ? m_spec.normalLag : RebuiltStandbyLag;
    qint64 lag = jittered(double(normal.count()), 0.3, m_random);
    if (m_fault == DemoFault::Lagging) {
        const qint64 since = std::max<qint64>(0, nowMs - m_faultSinceMs);
        lag += std::llround(double(since) * LagGrowthPerSecond / 1000.0);
    }
    return lag;
}

DemoReply DemoRegionBehaviour::fence()
{
    return adminReply(m_database.fence());
}

DemoReply DemoRegionBehaviour::promote()
{
    return adminReply(m_database.promote());
}

DemoReply DemoRegionBehaviour::repoint(const QString &upstream)
{
    if (auto rejected = rejectRegion(upstream))
        return withDelay(*rejected);
    return adminReply(m_database.follow(upstream));
}

DemoReply DemoRegionBehaviour::rejoin(const QString &source)
{
    if (auto rejected = rejectRegion(source))
        return withDelay(*rejected);
    return adminReply(m_database.rejoin(source));
}

DemoReply DemoRegionBehaviour::adminReply(const DemoDatabase::Outcome &outcome)
{
    // The new state rides along, so an action's outcome in the journal says what the region is.
    const QJsonObject body { { QStringLiteral("ok"), outcome.ok },
        { QStringLiteral("message"), outcome.message }, { QStringLiteral("region"), m_spec.id },
        { QStringLiteral("role"), m_database.reportedRole() },
        { QStringLiteral("upstream"),
            m_database.upstream().isEmpty() ? QJsonValue() : QJsonValue(m_database.upstream()) } };
    return withDelay({ outcome.ok ? 200 : 409, "application/json", compactJson(body), {} });
}

std::optional<DemoReply> DemoRegionBehaviour::rejectRegion(const QString &regionId) const
{
    if (!regionId.isEmpty() && (m_knownRegions.isEmpty() || m_knownRegions.contains(regionId)))
        return std::nullopt;
    const QString message = regionId.isEmpty()
        ? QStringLiteral("no region given")
        : QStringLiteral("no demo region \"%1\"").arg(regionId);
    return DemoReply { 400, "application/json",
        compactJson({ { QStringLiteral("ok"), false }, { QStringLiteral("message"), message } }),
        {} };
}

DemoReply DemoRegionBehaviour::withDelay(DemoReply reply)
{
    reply.delay = Milliseconds(jittered(double(m_spec.baseLatency.count()), 0.35, m_random));
    // Slow replaces the region's latency rather than adding to it, so the answer stays inside
    // the timeout whatever the region's own distance.
    if (m_fault == DemoFault::Slow) {
        // Bounded, unlike a network's long tail: one answer past the timeout would read as a hang.
        std::uniform_int_distribution<qint64> spread(-40, 40);
        reply.delay = SlowDelay + Milliseconds(spread(m_random));
    }
    if (m_fault == DemoFault::Hang)
        reply.delay += HangDelay;
    return reply;
}

std::optional<DemoReply> DemoRegionBehaviour::rejectKey(const QByteArray &apiKey) const
{
    if (apiKey == m_apiKey)
        return std::nullopt;
    // Supabase's gateway wording, so the demo reads like the real thing.
    const QString message = apiKey.isEmpty() ? QStringLiteral("No API key found in request")
                                             : QStringLiteral("Invalid API key");
    return DemoReply { 401, "application/json",
        compactJson({ { QStringLiteral("message"), message } }), {} };
}

bool DemoRegionBehaviour::nextRequestFails()
{
    if (m_fault != DemoFault::Erroring)
        return false;
    // Four of every five, in a fixed pattern rather than at random: the error rate a detector
    // sees over any window is then predictable, and the odd success keeps it from looking Down.
    return m_erroringCount++ % 5 != 4;
}

} // namespace Console
