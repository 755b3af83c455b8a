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
    it->second.raw.append(tMs, value);
    it->second.minutes.add(tMs, value);
    emit appended(endpointId, metric);
}

const TimeSeries *TimeSeriesStore::series(const QString &endpointId, Metric metric) const
{
    const auto it = m_series.find({ endpointId, metric });
    return it == m_series.end() ? nullptr : &it->second.raw;
}

const MinuteRollup *TimeSeriesStore::minutes(const QString &endpointId, Metric metric) const
{
    const auto it = m_series.find({ endpointId, metric });
    return it == m_series.end() ? nullptr : &it->second.minutes;
}

void TimeSeriesStore::clear()
{
    m_series.clear();
}

void TimeSeriesStore::onEndpointEvaluated(const Console::EndpointHealthUpdate &update)
{
    const ProbeResult &result = update.result;
    const qint64 tMs = result.startedAt.isValid() ? result.startedAt.toMSecsSinceEpoch()
                                                  : QDateTime::currentMSecsSinceEpoch();
    if (hasAnswer(result))
        record(result.endpointId, Metric::LatencyMs, tMs, result.latencyMs);
    record(result.endpointId, Metric::Success, tMs, result.ok() ? 1.0 : 0.0);
    if (!update.lag)
        return;
    if (update.lag->seconds)
        record(result.endpointId, Metric::LagSeconds, tMs, *update.lag->seconds);
    if (update.lag->bytes)
        record(result.endpointId, Metric::LagBytes, tMs, double(*update.lag->bytes));
}

} // namespace Console
