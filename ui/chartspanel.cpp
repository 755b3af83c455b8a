#include "chartspanel.h"

#include "bucketstats.h"
#include "chartbucketcache.h"
#include "chartmarkers.h"
#include "lttb.h"
#include "timeseriesstore.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSet>
#include <QVBoxLayout>

#include <algorithm>
#include <vector>

namespace Console {

namespace {

constexpr qint64 windows[] = { 5 * 60 * 1000, 3600 * 1000, 24 * 3600 * 1000 };
// Latency and error rate are summarised per bucket of this many pixels: a p95 needs samples.
constexpr int pixelsPerBucket = 3;
// Without a region filter, the lines of this many regions at most: the worst in the window.
constexpr int maxRegionsShown = 8;
// However many lines share the point budget, each keeps at least this many points.
constexpr int minPointsPerLine = 60;

using Metric = TimeSeriesStore::Metric;

// Each endpoint's raw samples and, for the 24 h window, the minutes the raw tier dropped.
QList<TieredSeries> seriesOf(
    const TimeSeriesStore *store, const QStringList &endpointIds, Metric metric)
{
    QList<TieredSeries> result;
    for (const QString &id : endpointIds) {
        if (const TimeSeries *one = store->series(id, metric))
            result.append(TieredSeries { one, store->minutes(id, metric) });
    }
    return result;
}

} // namespace

ChartsPanel::ChartsPanel(
    const ConfigOverview &config, const TimeSeriesStore *store, EventHub *hub, QWidget *parent)
    : QWidget(parent)
    , m_config(config)
    , m_store(store)
    , m_now([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    setObjectName(QStringLiteral("chartsPanel"));
    m_markers = new ChartMarkers(500, this);
    if (hub)
        m_markers->attach(hub);

    m_window = new QComboBox(this);
    m_window->setObjectName(QStringLiteral("chartWindow"));
    m_window->addItems({ tr("Last 5 minutes"), tr("Last hour"), tr("Last 24 hours") });
    m_window->setCurrentIndex(0);
    connect(m_window, &QComboBox::currentIndexChanged, this, &ChartsPanel::refresh);
    m_filterLabel = new QLabel(this);
    m_filterLabel->setObjectName(QStringLiteral("chartFilter"));

    auto *bar = new QHBoxLayout;
    auto *windowLabel = new QLabel(tr("&Window:"), this);
    windowLabel->setBuddy(m_window);
    bar->addWidget(windowLabel);
    bar->addWidget(m_window);
    bar->addWidget(m_filterLabel, 1);

    m_views[int(Chart::Latency)]
        = new ChartView(tr("Latency (p50 solid, p95 dashed)"), tr("ms"), this);
    m_views[int(Chart::ErrorRate)] = new ChartView(tr("Error rate"), tr("%"), this);
    m_views[int(Chart::LagSeconds)] = new ChartView(tr("Replication lag"), tr("s"), this);
    m_views[int(Chart::LagBytes)] = new ChartView(tr("Replication lag"), tr("bytes"), this);
    auto *grid = new QGridLayout;
    for (int i = 0; i < chartCount; ++i)
        grid->addWidget(m_views[i], i / 2, i % 2);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addLayout(grid, 1);

    // One chart per tick, each once a second: the window never waits for all four at once.
    m_live.setInterval(1000 / chartCount);
    connect(&m_live, &QTimer::timeout, this, [this] {
        if (!isVisible()) {
            m_live.stop(); // showEvent starts it again
            return;
        }
        refreshChart(Chart(m_nextChart));
        m_nextChart = (m_nextChart + 1) % chartCount;
    });
    setRegionFilter({});
}

ChartsPanel::~ChartsPanel() = default;

qint64 ChartsPanel::windowMs() const
{
    return windows[std::clamp(m_window->currentIndex(), 0, int(std::size(windows)) - 1)];
}

void ChartsPanel::setWindowIndex(int index)
{
    m_window->setCurrentIndex(index);
}

void ChartsPanel::setRegionFilter(const QString &regionId)
{
    const QString known = m_config.region(regionId) ? regionId : QString();
    m_regionId = known;
    m_filterLabel->setText(known.isEmpty()
            ? tr("All regions: one line per region, the %1 worst of each chart. Select a region to "
                 "see its endpoints.")
                  .arg(maxRegionsShown)
            : tr("Region %1: one line per endpoint.").arg(m_config.regionName(known)));
    refresh();
}

void ChartsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_live.isActive())
        m_live.start();
    refresh();
}

QList<ChartsPanel::Group> ChartsPanel::groups() const
{
    QList<Group> result;
    for (const RegionOverview &region : m_config.regions) {
        if (m_regionId.isEmpty()) {
            Group group { region.name.isEmpty() ? region.id : region.name, {}, int(result.size()) };
            for (const EndpointOverview &endpoint : region.endpoints)
                group.endpointIds.append(endpoint.id);
            result.append(group);
        } else if (region.id == m_regionId) {
            for (const EndpointOverview &endpoint : region.endpoints)
                result.append(
                    { endpoint.name.isEmpty() ? endpoint.id : endpoint.name, { endpoint.id } });
        }
    }
    return result;
}

qint64 ChartsPanel::bucketWidthMs(Chart which, int pixels) const
{
    // Latency and error rate per few pixels, merged lag per pixel; rounded up to whole
    // milliseconds, so a window holds at most one bucket more than asked for (it starts cut).
    const bool lag = which == Chart::LagSeconds || which == Chart::LagBytes;
    const qint64 buckets = lag ? std::max(1, pixels) : std::max(10, pixels / pixelsPerBucket);
    return (windowMs() + buckets - 1) / buckets;
}

ChartBucketCache &ChartsPanel::lineCache(Chart which, const Group &group)
{
    return m_lineCaches[QString::number(int(which)) + u'|' + group.endpointIds.join(u',')];
}

void ChartsPanel::refresh()
{
    for (int i = 0; i < chartCount; ++i)
        refreshChart(Chart(i));
}

void ChartsPanel::refreshChart(Chart which)
{
    ChartView *view = m_views[int(which)];
    const qint64 toMs = m_now();
    const qint64 fromMs = toMs - windowMs();
    const int pixels = view->plotPixels();
    // The buckets' width follows a resize, not the few pixels the value axis' labels take or give
    // back as the range changes: a new width would summarise every bucket again.
    int &basis = m_bucketPixels[int(which)];
    if (basis <= 0 || std::abs(pixels - basis) * 20 > basis)
        basis = pixels;
    QList<Group> shown = groups();
    // Fifty overlapping lines show nothing and cost Qt Charts about half a millisecond each,
    // and their percentiles most of the redraw: without a filter, only the regions worst in the
    // window (by their highest sample, or their error rate) are summarised and drawn.
    if (m_regionId.isEmpty() && shown.size() > maxRegionsShown) {
        const Metric metric = which == Chart::Latency ? Metric::LatencyMs
            : which == Chart::ErrorRate               ? Metric::Success
            : which == Chart::LagSeconds              ? Metric::LagSeconds
                                                      : Metric::LagBytes;
        std::vector<std::pair<double, int>> peaks;
        const qint64 width = bucketWidthMs(which, basis);
        for (int g = 0; g < shown.size(); ++g) {
            double peak = -1;
            for (const QString &id : shown[g].endpointIds) {
                const TieredSeries one { m_store->series(id, metric),
                    m_store->minutes(id, metric) };
                if (!one.raw)
                    continue;
                // The window's totals from the endpoint's cached buckets (no percentiles).
                const BucketStats totals
                    = m_rankCaches[{ id, int(metric) }].totals({ one }, fromMs, toMs, width);
                if (totals.count > 0)
                    peak = std::max(
                        peak, metric == Metric::Success ? 1.0 - totals.mean : totals.max);
            }
            if (peak >= 0)
                peaks.emplace_back(peak, g);
        }
        std::stable_sort(peaks.begin(), peaks.end(),
            [](const auto &a, const auto &b) { return a.first > b.first; });
        QList<Group> worst;
        for (std::size_t i = 0; i < peaks.size() && i < std::size_t(maxRegionsShown); ++i)
            worst.append(shown[peaks[i].second]);
        shown = worst;
    }

    QList<ChartView::Line> lines;
    for (int g = 0; g < shown.size(); ++g) {
        const Group &group = shown[g];
        switch (which) {
        case Chart::Latency: {
            const QList<BucketStats> stats
                = lineCache(which, group)
                      .stats(seriesOf(m_store, group.endpointIds, Metric::LatencyMs), fromMs, toMs,
                          bucketWidthMs(which, basis));
            if (stats.isEmpty())
                break;
            ChartView::Line p50 { tr("%1 p50").arg(group.name), {}, group.colour, false };
            ChartView::Line p95 { tr("%1 p95").arg(group.name), {}, group.colour, true };
            p50.points.reserve(stats.size());
            p95.points.reserve(stats.size());
            for (const BucketStats &b : stats) {
                p50.points.append(QPointF(double(b.midMs), b.p50));
                p95.points.append(QPointF(double(b.midMs), b.p95));
            }
            lines.append(p50);
            lines.append(p95);
            break;
        }
        case Chart::ErrorRate: {
            const QList<BucketStats> stats
                = lineCache(which, group)
                      .stats(seriesOf(m_store, group.endpointIds, Metric::Success), fromMs, toMs,
                          bucketWidthMs(which, basis));
            if (stats.isEmpty())
                break;
            ChartView::Line line { group.name, {}, group.colour, false };
            line.points.reserve(stats.size());
            for (const BucketStats &b : stats)
                line.points.append(QPointF(double(b.midMs), 100.0 * (1.0 - b.mean)));
            lines.append(line);
            break;
        }
        case Chart::LagSeconds:
        case Chart::LagBytes: {
            const Metric metric
                = which == Chart::LagSeconds ? Metric::LagSeconds : Metric::LagBytes;
            const QList<TieredSeries> series = seriesOf(m_store, group.endpointIds, metric);
            if (series.isEmpty())
                break;
            ChartView::Line line { group.name, {}, group.colour, false };
            if (series.size() == 1) {
                // One replica: its own samples (its minutes' extremes where the raw tier no
                // longer reaches), peaks kept, within the pixel budget.
                line.points = minMaxBuckets(tieredPoints(series.first(), fromMs, toMs), pixels);
            } else {
                // A region's replicas merged: the worst lag per pixel.
                for (const BucketStats &b : lineCache(which, group)
                                                .stats(series, fromMs, toMs,
                                                    bucketWidthMs(which, basis), Percentiles::Skip))
                    line.points.append(QPointF(double(b.midMs), b.max));
            }
            if (!line.points.isEmpty())
                lines.append(line);
            break;
        }
        }
    }
    // Each line within the plot's width, and all of them within about twice that: drawing costs
    // Qt Charts a few microseconds a point. Lag keeps its peaks; the others their shape.
    const int perLine = std::clamp(2 * pixels / int(std::max<qsizetype>(1, lines.size())),
        std::min(pixels, minPointsPerLine), pixels);
    const bool lag = which == Chart::LagSeconds || which == Chart::LagBytes;
    for (ChartView::Line &line : lines) {
        if (line.points.size() > perLine)
            line.points = lag ? minMaxBuckets(line.points, perLine) : lttb(line.points, perLine);
    }
    view->setData(fromMs, toMs, lines, m_markers->markers(fromMs, toMs, m_regionId));
}

} // namespace Console
