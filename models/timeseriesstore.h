#pragma once

#include "healthevents.h"
#include "minuterollup.h"
#include "timeseries.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>

#include <map>
#include <utility>

namespace Console {

// The chart data of every endpoint, created on first use per (endpoint, metric) in two tiers:
// the last capacityPerSeries raw samples (an hour at 1 Hz), and every completed minute of the
// last 24 h as one aggregate, which the 24 h chart reads where the raw tier no longer reaches.
// Memory per series whatever the run time: 16 bytes a raw sample (57,600 bytes for 3,600) plus
// at most 40,320 bytes of minutes and the open minute's percentile samples (MinuteRollup).
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
    static constexpr int minutesPerSeries = MinuteRollup::minutesPerDay;

    void record(const QString &endpointId, Metric metric, qint64 tMs, double value);
    // nullptr when nothing was recorded for that endpoint and metric.
    const TimeSeries *series(const QString &endpointId, Metric metric) const;
    // The same series' completed minutes; nullptr when nothing was recorded.
    const MinuteRollup *minutes(const QString &endpointId, Metric metric) const;
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
    struct Tiers
    {
        explicit Tiers(int capacity)
            : raw(capacity)
        { }
        TimeSeries raw;
        MinuteRollup minutes;
    };

    int m_capacity;
    std::map<std::pair<QString, Metric>, Tiers> m_series; // node-based: pointers stay valid
};

} // namespace Console
