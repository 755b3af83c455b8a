#include "timeseriesstore.h"

#include "probetext.h"

#include <QDateTime>

#include <algorithm>

namespace Console {

TimeSeriesStore::TimeSeriesStore(int capacityPerSeries, QObject *parent)
    : QObject(parent)
    , m_capacity(std::max(1, capacityPerSeries))
{
    qRegisterMetaType<Console::TimeSeriesStore::Metric>();
}

TimeSeriesStore::TimeSeriesStore(QObject *parent)
    : TimeSeriesStore(3600, parent)
{ }

TimeSeriesStore::~TimeSeriesStore() = default;

void TimeSeriesStore::record(const QString &endpointId, Metric metric, qint64 tMs, double value)
{
    auto it = m_series.try_emplace({ endpointId, metric }, m_capacity).first;
    it->second.append(tMs, value);
    emit appended(endpointId, metric);
}

const TimeSeries *TimeSeriesStore::series(const QString &endpointId, Metric metric) const
{
    const auto it = m_series.find({ endpointId, metric });
    return it == m_series.end() ? nullptr : &it->second;
}

void TimeSeriesStore::clear()
{
    m_series.clear();
    m_standbyKeys.clear();
}

void TimeSeriesStore::onProbeResult(const Console::ProbeResult &result)
{
    const qint64 tMs = result.startedAt.isValid() ? result.startedAt.toMSecsSinceEpoch()
                                                  : QDateTime::currentMSecsSinceEpoch();
    if (hasAnswer(result))
        record(result.endpointId, Metric::LatencyMs, tMs, result.latencyMs);
    record(result.endpointId, Metric::Success, tMs, result.ok() ? 1.0 : 0.0);
    if (result.reportedLagSeconds)
        record(result.endpointId, Metric::LagSeconds, tMs, *result.reportedLagSeconds);
    if (!result.postgres)
        return;
    const PostgresObservation &pg = *result.postgres;
    if (pg.role == PostgresRole::Standby) {
        if (pg.heartbeatLagS)
            record(result.endpointId, Metric::LagSeconds, tMs, *pg.heartbeatLagS);
        if (pg.receiveReplayGapBytes)
            record(result.endpointId, Metric::LagBytes, tMs, double(*pg.receiveReplayGapBytes));
        return;
    }
    QSet<QString> &known = m_standbyKeys[result.endpointId];
    for (const StandbyReplication &standby : pg.standbys) {
        const QString key = standbySeriesKey(result.endpointId, standby.name, standby.clientAddr);
        // Standbys come and go under new names; past the cap a newcomer goes uncharted rather
        // than letting the store grow without bound.
        if (!known.contains(key)) {
            if (known.size() >= MaxStandbySeriesPerPrimary)
                continue;
            known.insert(key);
        }
        if (standby.lagBytes)
            record(key, Metric::LagBytes, tMs, double(*standby.lagBytes));
        if (standby.replayLagS)
            record(key, Metric::LagSeconds, tMs, *standby.replayLagS);
        else if (standby.lagBytes && *standby.lagBytes == 0)
            record(key, Metric::LagSeconds, tMs, 0.0); // caught up: PostgreSQL reports NULL
    }
}

// The address too: standbys left at the default application_name ("walreceiver") share a name.
QString TimeSeriesStore::standbySeriesKey(
    const QString &primaryEndpointId, const QString &standbyName, const QString &clientAddr)
{
    QString key = primaryEndpointId + QLatin1String(" → ") + standbyName;
    if (!clientAddr.isEmpty())
        key += QLatin1Char('@') + clientAddr;
    return key;
}

} // namespace Console
