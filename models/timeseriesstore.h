#pragma once

#include "proberesult.h"
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
        LagBytes, // PostgreSQL replication lag in bytes
        LagSeconds, // PostgreSQL replication lag in seconds
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
    // Records Success for every result and LatencyMs when the target answered, at startedAt.
    // PostgreSQL lag goes under the standby's own endpoint id (its view: heartbeat seconds and
    // replay backlog bytes) and under standbySeriesKey() for the primary's view of each standby.
    void onProbeResult(const Console::ProbeResult &result);

public:
    static QString standbySeriesKey(
        const QString &primaryEndpointId, const QString &standbyName, const QString &clientAddr);
    static constexpr int MaxStandbySeriesPerPrimary = 32;

signals:
    void appended(const QString &endpointId, Console::TimeSeriesStore::Metric metric);

private:
    int m_capacity;
    std::map<std::pair<QString, Metric>, TimeSeries>
        m_series; // node-based: series() pointers stay valid
    QHash<QString, QSet<QString>> m_standbyKeys; // per primary endpoint, the standbys charted
};

} // namespace Console
