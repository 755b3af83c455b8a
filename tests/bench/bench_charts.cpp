// Measures what the Charts tab costs at scale: 50 regions x 5 endpoints sampled at 1 Hz with
// 24 h of history fed straight into a TimeSeriesStore (virtual timestamps), then the time to
// redraw each chart for each window, the event loop's lateness while the tab scrolls live and
// samples keep coming, and resident memory. Prints figures; asserts nothing.
#include "benchsupport.h"
#include "chartspanel.h"
#include "chartview.h"
#include "timeseriesstore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLineSeries>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <utility>

using namespace Console;
using Metric = TimeSeriesStore::Metric;

namespace {

constexpr int regionCount = 50;
constexpr int endpointsPerRegion = 5;
constexpr qint64 historyMs = 24 * 3600 * 1000;

// This thread's CPU time in ms: on a machine shared with builds, wall time also counts the
// time the scheduler gave to others, CPU time only the redraw's own work.
double threadCpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double residentMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

ConfigOverview syntheticConfig()
{
    ConfigOverview config;
    config.sourceFile = QStringLiteral("bench");
    for (int r = 0; r < regionCount; ++r) {
        RegionOverview region;
        region.id = QStringLiteral("r%1").arg(r, 2, 10, QLatin1Char('0'));
        region.name = QStringLiteral("Region %1").arg(r);
        for (int e = 0; e < endpointsPerRegion; ++e) {
            EndpointOverview endpoint;
            endpoint.id = region.id + QStringLiteral("-e%1").arg(e);
            endpoint.name = QStringLiteral("ep %1").arg(e);
            region.endpoints.append(endpoint);
        }
        config.regions.append(region);
    }
    return config;
}

// One second of samples for every endpoint: latency and success; the last endpoint of a region
// is its standby database and also reports lag.
void recordSecond(TimeSeriesStore &store, const ConfigOverview &config, qint64 tMs, quint32 &seed)
{
    for (const RegionOverview &region : config.regions) {
        for (int e = 0; e < region.endpoints.size(); ++e) {
            seed = seed * 1664525u + 1013904223u;
            const QString &id = region.endpoints[e].id;
            const double jitter = double(seed >> 16) / 65536.0;
            const bool ok = (seed >> 8) % 50 != 0;
            if (ok)
                store.record(id, Metric::LatencyMs, tMs, 20 + 30 * jitter);
            store.record(id, Metric::Success, tMs, ok ? 1 : 0);
            if (e == region.endpoints.size() - 1) {
                store.record(id, Metric::LagSeconds, tMs, 4 * jitter);
                store.record(id, Metric::LagBytes, tMs, 65536 * jitter);
            }
        }
    }
}

const char *chartName(int c)
{
    static const char *names[] = { "latency", "error-rate", "lag-seconds", "lag-bytes" };
    return names[c];
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM",
        qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    int liveSeconds = 20;
    const QStringList args = app.arguments();
    if (const int at = int(args.indexOf(QStringLiteral("--seconds")));
        at > 0 && at + 1 < args.size())
        liveSeconds = std::max(1, args[at + 1].toInt());

    const double rssStart = residentMiB();
    const ConfigOverview config = syntheticConfig();
    TimeSeriesStore store(3600); // the window's store, as app/windowshell.cpp makes it
    qint64 now = 1'800'000'000'000; // virtual: 2027-01-15
    quint32 seed = 1;
    QElapsedTimer feeding;
    feeding.start();
    for (qint64 t = now - historyMs; t < now; t += 1000)
        recordSecond(store, config, t, seed);
    std::printf("fed %d regions x %d endpoints, 24 h at 1 Hz (%lld samples) in %.1f s; %d series, "
                "%d samples and %d minutes kept per series\n",
        regionCount, endpointsPerRegion,
        static_cast<long long>(historyMs / 1000) * regionCount * endpointsPerRegion * 2
            + static_cast<long long>(historyMs / 1000) * regionCount * 2,
        double(feeding.elapsed()) / 1000.0, store.seriesCount(), store.capacityPerSeries(),
        TimeSeriesStore::minutesPerSeries);

    ChartsPanel panel(config, &store, nullptr);
    panel.setNow([&now] { return now; });
    panel.resize(1600, 900); // a 2-by-2 grid of about 780-pixel-wide charts
    panel.show();
    QApplication::processEvents();

    // How far back the 24 h window reaches: the raw tier holds an hour, the minutes the rest.
    panel.setWindowIndex(2);
    panel.refresh();
    double oldestH = 0;
    for (QLineSeries *line : panel.chart(ChartsPanel::Chart::Latency)->lines()) {
        if (line->count() > 0)
            oldestH = std::max(oldestH, double(now - qint64(line->at(0).x())) / 3.6e6);
    }
    std::printf("24 h window: the oldest latency point is %.2f h old\n", oldestH);

    // Redraw: re-read, downsample, replace the series and paint the view, one chart at a time,
    // as the live tab does: before each timed redraw a second passes and its samples arrive
    // (untimed), so a redraw never finds the data it drew last time. Switching the window or the
    // filter redraws all four charts at once with nothing reusable; that is timed on its own.
    std::printf(
        "\nredraw (data + paint), ms over 10 runs, a second of samples fed before each: "
        "median / max, the median's data part, and the redraw's own CPU time median / max\n");
    double worstRedraw = 0;
    double worstSwitch = 0;
    double worstCpu = 0;
    bool firstSwitch = true;
    // Each step changes one thing, so a switch is one refresh of the four charts: the windows in
    // turn, then the filter (at 24 h), then the windows again.
    const std::pair<QString, int> steps[] = { { QString(), 0 }, { QString(), 1 }, { QString(), 2 },
        { QStringLiteral("r07"), 2 }, { QStringLiteral("r07"), 0 }, { QStringLiteral("r07"), 1 } };
    for (const auto &[filter, w] : steps) {
        QElapsedTimer switching;
        switching.start();
        if (filter != panel.regionFilter())
            panel.setRegionFilter(filter);
        else
            panel.setWindowIndex(w);
        for (int c = 0; c < ChartsPanel::chartCount; ++c)
            panel.chart(ChartsPanel::Chart(c))->viewport()->repaint();
        const double switchMs = double(switching.nsecsElapsed()) / 1e6;
        std::printf("  %-11s %-6s switch to it: all four charts %6.2f ms%s\n",
            filter.isEmpty() ? "all regions" : "region r07",
            w == 0       ? "5 min"
                : w == 1 ? "1 h"
                         : "24 h",
            switchMs, firstSwitch ? " (the bench's first paints at 5 min: glyphs, caches)" : "");
        if (!firstSwitch)
            worstSwitch = std::max(worstSwitch, switchMs);
        firstSwitch = false;
        for (int c = 0; c < ChartsPanel::chartCount; ++c) {
            ChartView *view = panel.chart(ChartsPanel::Chart(c));
            std::vector<double> times;
            std::vector<double> dataTimes;
            std::vector<double> cpuTimes;
            for (int run = 0; run < 10; ++run) {
                now += 1000;
                recordSecond(store, config, now, seed);
                QElapsedTimer timer;
                const double cpuStart = threadCpuMs();
                timer.start();
                panel.refreshChart(ChartsPanel::Chart(c));
                dataTimes.push_back(double(timer.nsecsElapsed()) / 1e6);
                view->viewport()->repaint();
                times.push_back(double(timer.nsecsElapsed()) / 1e6);
                cpuTimes.push_back(threadCpuMs() - cpuStart);
            }
            qsizetype points = 0;
            int maxPoints = 0;
            for (QLineSeries *line : view->lines()) {
                points += line->count();
                maxPoints = std::max(maxPoints, int(line->count()));
            }
            const double worst = *std::max_element(times.begin(), times.end());
            worstRedraw = std::max(worstRedraw, worst);
            worstCpu = std::max(worstCpu, *std::max_element(cpuTimes.begin(), cpuTimes.end()));
            std::printf("  %-11s %-6s %-11s %6.2f / %6.2f ms (data %5.2f, CPU %5.2f / %5.2f)  "
                        "%3lld lines, %6lld points, <= %d per line, plot %d px\n",
                filter.isEmpty() ? "all regions" : "region r07",
                w == 0       ? "5 min"
                    : w == 1 ? "1 h"
                             : "24 h",
                chartName(c), Bench::percentile(times, 0.5), worst,
                Bench::percentile(dataTimes, 0.5), Bench::percentile(cpuTimes, 0.5),
                *std::max_element(cpuTimes.begin(), cpuTimes.end()),
                static_cast<long long>(view->lines().size()), static_cast<long long>(points),
                maxPoints, view->plotPixels());
        }
    }

    // Live: the tab scrolls (one chart per 250 ms) over the 24 h window of every region while
    // a second of samples arrives each second; a 1 ms timer measures the loop's lateness.
    panel.setRegionFilter({});
    panel.setWindowIndex(2);
    std::vector<double> lateness;
    lateness.reserve(std::size_t(liveSeconds) * 1000);
    QElapsedTimer clock;
    clock.start();
    qint64 last = clock.nsecsElapsed();
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, &app, [&] {
        // A tick due every millisecond: a 40 ms stall made 40 ticks late by 39, 38, ... 0 ms,
        // not one tick late by 39 ms, so a stall weighs in the percentiles as long as it lasts.
        const qint64 at = clock.nsecsElapsed();
        const double gapMs = double(at - last) / 1e6;
        for (double late = gapMs - 1.0; late > 0; late -= 1.0)
            lateness.push_back(late);
        if (gapMs <= 1.0)
            lateness.push_back(0);
        last = at;
    });
    QTimer feed;
    feed.setInterval(1000);
    QObject::connect(&feed, &QTimer::timeout, &app, [&] {
        now += 1000;
        recordSecond(store, config, now, seed);
    });
    tick.start();
    feed.start();
    Bench::runEventLoopFor(std::chrono::seconds(liveSeconds));
    tick.stop();
    feed.stop();
    const double rss = residentMiB();

    std::printf("\nlive for %d s (24 h window, all regions, one chart redrawn per 250 ms, 250 "
                "endpoints fed at 1 Hz): 1 ms timer lateness p50 %.2f ms, p99 %.2f ms, max "
                "%.2f ms over %zu ticks (missed ticks counted)\n",
        liveSeconds, Bench::percentile(lateness, 0.5), Bench::percentile(lateness, 0.99),
        lateness.empty() ? 0.0 : *std::max_element(lateness.begin(), lateness.end()),
        lateness.size());
    std::printf("resident memory: %.1f MiB (%.1f MiB at start)\n", rss, rssStart);
    std::printf("\nredraw CPU time, worst: %.2f ms\n", worstCpu);
    std::printf("\ntargets: redraw < 16 ms (worst %.2f ms), event-loop p99 < 16 ms (%.2f ms), "
                "RSS < 300 MB (%.1f MiB); not a target: a window or filter switch redraws four "
                "charts (worst %.2f ms after the first)\n",
        worstRedraw, Bench::percentile(lateness, 0.99), rss, worstSwitch);
    return 0;
}
