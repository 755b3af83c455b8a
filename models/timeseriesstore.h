#pragma once

#include "healthevents.h"
#include "timeseries.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <map>
#include <utility>

namespace Console {

// The chart data of every endpoint: one bounded TimeSeries per (endpoint, metric), created on
// first use. The store's memory is capacityPerSeries samples per series whatever the run time.
class TimeSeriesStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeSeriesStore)
public:
    enum class Metric {
        LatencyMs, // round trip of answered probes only
        Success, // 1 for an ok probe, 0 for any failure
        LagBytes, // replication lag in bytes, as the topology measured it for a standby
        LagSeconds, // replication lag in seconds (a standby's, or an HTTP endpoint's report)
    };
    Q_ENUM(Metric)

    explicit TimeSeriesStore(int capacityPerSeries = 3600, QObject *parent = nullptr);
    explicit TimeSeriesStore(QObject *parent);
    ~TimeSeriesStore() override;

    int capacityPerSeries() const { return m_capacity; }

    void record(const QString &endpointId, Metric metric, qint64 tMs, double value);
    // nullptr when nothing was recorded for that endpoint and metric.
    const TimeSeries *series(const QString &endpointId, Metric metric) const;
    int seriesCount() const { return int(m_series.size()); }
    // Forgets every series (a new configuration was loaded).
    void clear();

public slots:
    // Records Success for every result and LatencyMs when the target answered, at startedAt,
    // and the lag the health monitor judged with it (the topology's reading, which stays where
    // it was when the primary was lost rather than count the time since).
    void onEndpointEvaluated(const Console::EndpointHealthUpdate &update);

signals:
    void appended(const QString &endpointId, Console::TimeSeriesStore::Metric metric);

private:
    int m_capacity;
    std::map<std::pair<QString, Metric>, TimeSeries>
        m_series; // node-based: series() pointers stay valid
};

} // namespace Console
