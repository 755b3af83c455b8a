#pragma once

#include "chartbucketcache.h"
#include "chartview.h"
#include "configoverview.h"

#include <QTimer>
#include <QWidget>

#include <functional>
#include <map>
#include <utility>

class QComboBox;
class QLabel;

namespace Console {

class ChartMarkers;
class EventHub;
class TimeSeriesStore;

// The Charts tab: latency (p50 and p95 per bucket), error rate and replication lag in seconds
// and bytes, over the last 5 min, 1 h or 24 h, scrolling live. Without a region filter a line is
// a region (its endpoints merged), with one it is an endpoint of that region, so a chart never
// draws more lines than the configuration has regions or a region endpoints. Every line holds at
// most about the plot's width in points, so a redraw costs the same for any window.
class ChartsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartsPanel)
public:
    enum class Chart { Latency, ErrorRate, LagSeconds, LagBytes };
    static constexpr int chartCount = 4;

    // store must outlive the panel; hub (may be null) too.
    ChartsPanel(const ConfigOverview &config, const TimeSeriesStore *store, EventHub *hub,
        QWidget *parent = nullptr);
    ~ChartsPanel() override;

    ChartView *chart(Chart which) const { return m_views[int(which)]; }
    ChartMarkers *markers() const { return m_markers; }
    QString regionFilter() const { return m_regionId; }
    qint64 windowMs() const;
    // For the benchmark's virtual time; the wall clock otherwise.
    void setNow(std::function<qint64()> now) { m_now = std::move(now); }

public slots:
    // An empty id shows every region.
    void setRegionFilter(const QString &regionId);
    void setWindowIndex(int index); // 0: 5 min, 1: 1 h, 2: 24 h
    // Re-reads the store and redraws every chart.
    void refresh();
    void refreshChart(Console::ChartsPanel::Chart which);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Group
    {
        QString name;
        QStringList endpointIds;
        int colour = 0; // a region or endpoint keeps its colour whichever others are shown
    };
    QList<Group> groups() const;
    qint64 bucketWidthMs(Chart which, int pixels) const;
    ChartBucketCache &lineCache(Chart which, const Group &group);

    ConfigOverview m_config;
    const TimeSeriesStore *m_store; // not owned
    ChartMarkers *m_markers = nullptr; // child
    ChartView *m_views[chartCount] = {}; // children
    QComboBox *m_window = nullptr;
    QLabel *m_filterLabel = nullptr;
    QString m_regionId;
    QTimer m_live; // while shown, redraws one chart per tick
    int m_nextChart = 0;
    std::function<qint64()> m_now;
    // Buckets kept between redraws, aligned to absolute time: per chart and line (its endpoints),
    // and per endpoint and metric for choosing the worst regions. Bounded by the configuration.
    std::map<QString, ChartBucketCache> m_lineCaches;
    int m_bucketPixels[chartCount] = {}; // the plot width each chart's buckets were sized for
    std::map<std::pair<QString, int>, ChartBucketCache> m_rankCaches;
};

} // namespace Console
