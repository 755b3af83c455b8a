#include "chartspanel.h"
#include "chartview.h"
#include "configoverview.h"
#include "consoleengine.h"
#include "demotopology.h"
#include "endpointstatusmodel.h"
#include "mainwindow.h"
#include "sparklinedelegate.h"
#include "timeseriesstore.h"
#include "windowshell.h"

#include <QDateTime>
#include <QLineSeries>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using namespace Console;

// The Charts tab on the real demo: it fills from the live store, stays within its pixel budget
// however long the window, follows the region selected in the status table, and marks faults.
class tst_ChartsPanel : public QObject
{
    Q_OBJECT

private:
    struct Demo
    {
        ConsoleEngine engine;
        std::unique_ptr<WindowShell> shell;
    };

    static bool startDemo(Demo &demo)
    {
        if (!demo.engine.startDemo())
            return false;
        demo.engine.start();
        demo.shell = std::make_unique<WindowShell>(&demo.engine);
        MainWindow *window = demo.shell->window();
        window->show();
        window->viewTabs()->setCurrentWidget(window->chartsPanel());
        return QTest::qWaitForWindowExposed(window);
    }

    static qsizetype pointsIn(ChartView *view)
    {
        qsizetype total = 0;
        for (QLineSeries *line : view->lines())
            total += line->count();
        return total;
    }

    static QStringList lineNames(ChartView *view)
    {
        QStringList names;
        for (QLineSeries *line : view->lines())
            names.append(line->name());
        return names;
    }

private slots:
    void oneChartsTabBesideMembersFillsLive()
    {
        Demo demo;
        QVERIFY(startDemo(demo));
        MainWindow *window = demo.shell->window();
        ChartsPanel *charts = window->chartsPanel();
        QVERIFY(charts);
        QCOMPARE(window->viewTabs()->tabText(window->viewTabs()->indexOf(charts)),
            QStringLiteral("Charts"));
        int chartsTabs = 0;
        for (int i = 0; i < window->viewTabs()->count(); ++i)
            chartsTabs += window->viewTabs()->tabText(i) == QStringLiteral("Charts") ? 1 : 0;
        QCOMPARE(chartsTabs, 1);
        // The tab arrives with the charts (no placeholder before them), beside the members.
        QCOMPARE(window->viewTabs()->tabText(window->viewTabs()->indexOf(charts) - 1),
            QStringLiteral("Members"));

        // The live timer alone redraws: nothing here calls refresh().
        ChartView *latency = charts->chart(ChartsPanel::Chart::Latency);
        ChartView *errors = charts->chart(ChartsPanel::Chart::ErrorRate);
        QTRY_VERIFY_WITH_TIMEOUT(
            pointsIn(latency) >= 2 * latency->lines().size() && latency->lines().size() >= 2 * 3,
            10000); // p50 and p95 of each of the demo's regions
        QVERIFY(pointsIn(errors) > 0);
        const QStringList names = lineNames(latency);
        const QString euWest = demo.engine.overview().regionName(QStringLiteral("eu-west"));
        QVERIFY2(names.contains(euWest + QStringLiteral(" p50")), qPrintable(names.join(u", ")));
        QVERIFY(names.contains(euWest + QStringLiteral(" p95")));
        // The status view's first row became current when it got focus; nobody selected it, so
        // every region stays shown.
        QCOMPARE(charts->regionFilter(), QString());

        // The status table draws the last minute of latency beside the figure.
        auto *sparklines = qobject_cast<SparklineDelegate *>(
            window->statusView()->itemDelegateForColumn(EndpointStatusModel::LatencyColumn));
        QVERIFY(sparklines);
        QVERIFY(qobject_cast<SparklineDelegate *>(
            window->statusView()->itemDelegateForColumn(EndpointStatusModel::ReplicationColumn)));
        const QString endpointId = demo.engine.overview().regions.first().endpoints.first().id;
        const TimeSeries *series
            = demo.shell->timeSeries()->series(endpointId, TimeSeriesStore::Metric::LatencyMs);
        QTRY_VERIFY_WITH_TIMEOUT(series && series->size() >= 2, 10000);
        const QRectF cell(10, 20, 48, 14);
        const QPolygonF line = SparklineDelegate::sparkline(*series, cell);
        QCOMPARE(line.size(), std::min(series->size(), SparklineDelegate::sparklineSamples));
        for (const QPointF &p : line)
            QVERIFY(cell.adjusted(-0.01, -0.01, 0.01, 0.01).contains(p));
    }

    void pointsStayWithinThePlotWidth()
    {
        Demo demo;
        QVERIFY(startDemo(demo));
        MainWindow *window = demo.shell->window();
        ChartsPanel *charts = window->chartsPanel();
        // A day of dense history for one endpoint of every region, far more samples than pixels.
        TimeSeriesStore *store = demo.shell->timeSeries();
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const RegionOverview &region : demo.engine.overview().regions) {
            const QString id = region.endpoints.first().id;
            for (int i = store->capacityPerSeries(); i > 0; --i) {
                const qint64 t = now - qint64(i) * 1000 - 60000;
                store->record(id, TimeSeriesStore::Metric::LatencyMs, t, 20 + i % 37);
                store->record(id, TimeSeriesStore::Metric::Success, t, i % 11 ? 1 : 0);
                store->record(id, TimeSeriesStore::Metric::LagSeconds, t, i % 13);
                store->record(id, TimeSeriesStore::Metric::LagBytes, t, 1000.0 * (i % 17));
            }
        }
        const QString region = demo.engine.overview().regions.first().id;
        for (const QString &filter : { QString(), region }) {
            charts->setRegionFilter(filter);
            for (int window = 0; window < 3; ++window) {
                charts->setWindowIndex(window);
                charts->refresh();
                for (int c = 0; c < ChartsPanel::chartCount; ++c) {
                    ChartView *view = charts->chart(ChartsPanel::Chart(c));
                    const int pixels = int(view->chart()->plotArea().width());
                    QVERIFY(pixels > 50);
                    QVERIFY(!view->lines().isEmpty());
                    for (QLineSeries *line : view->lines()) {
                        QVERIFY2(line->count() <= pixels,
                            qPrintable(QStringLiteral("%1: %2 points in %3 px")
                                           .arg(line->name())
                                           .arg(line->count())
                                           .arg(pixels)));
                    }
                }
                // The hour of history is there in the long windows, downsampled, not dropped.
                if (window > 0)
                    QVERIFY(pointsIn(charts->chart(ChartsPanel::Chart::LagSeconds)) > 100);
            }
        }
    }

    void selectedRegionFiltersTheCharts()
    {
        Demo demo;
        QVERIFY(startDemo(demo));
        MainWindow *window = demo.shell->window();
        ChartsPanel *charts = window->chartsPanel();
        const RegionOverview region = demo.engine.overview().regions.at(1);
        ChartView *latency = charts->chart(ChartsPanel::Chart::Latency);
        QTRY_VERIFY_WITH_TIMEOUT(
            latency->lines().size() == 2 * demo.engine.overview().regions.size(), 10000);

        // The operator selects the region's row in the status table.
        const QModelIndex row = demo.shell->statusModel()->indexForRegion(region.id);
        window->statusView()->selectionModel()->setCurrentIndex(
            row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(charts->regionFilter(), region.id);
        QStringList expected;
        for (const EndpointOverview &endpoint : region.endpoints)
            expected << endpoint.name + QStringLiteral(" p50")
                     << endpoint.name + QStringLiteral(" p95");
        QTRY_VERIFY_WITH_TIMEOUT(latency->lines().size() == expected.size(), 10000);
        for (const QString &name : lineNames(latency))
            QVERIFY2(expected.contains(name), qPrintable(name));

        // Another region's endpoint row moves the filter; clearing the selection shows all.
        const RegionOverview other = demo.engine.overview().regions.at(0);
        window->statusView()->selectionModel()->setCurrentIndex(
            demo.shell->statusModel()->indexForEndpoint(other.endpoints.first().id),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(charts->regionFilter(), other.id);
        window->statusView()->selectionModel()->clearSelection();
        QCOMPARE(charts->regionFilter(), QString());
    }

    void withoutAFilterOnlyTheWorstRegionsAreDrawn()
    {
        ConfigOverview config;
        for (int r = 0; r < 12; ++r) {
            RegionOverview region;
            region.id = QStringLiteral("r%1").arg(r);
            region.name = QStringLiteral("Region %1").arg(r);
            EndpointOverview endpoint;
            endpoint.id = region.id + QStringLiteral("-api");
            endpoint.name = QStringLiteral("api");
            region.endpoints.append(endpoint);
            config.regions.append(region);
        }
        TimeSeriesStore store(600);
        const qint64 now = 1'800'000'000'000;
        for (int r = 0; r < 12; ++r) {
            for (int i = 0; i < 300; ++i) {
                const QString id = config.regions[r].endpoints.first().id;
                store.record(id, TimeSeriesStore::Metric::LatencyMs, now - i * 1000, 10 + r);
                store.record(id, TimeSeriesStore::Metric::Success, now - i * 1000, 1);
            }
        }
        ChartsPanel panel(config, &store, nullptr);
        panel.setNow([now] { return now + 1; });
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.refresh();
        const QStringList names = lineNames(panel.chart(ChartsPanel::Chart::Latency));
        QCOMPARE(names.size(), 16); // p50 and p95 of 8 regions
        for (int r = 4; r < 12; ++r)
            QVERIFY2(names.contains(QStringLiteral("Region %1 p95").arg(r)),
                qPrintable(names.join(u", ")));
        // All as good as each other: the first eight, in configuration order.
        QCOMPARE(panel.chart(ChartsPanel::Chart::ErrorRate)->lines().size(), 8);
        panel.setRegionFilter(QStringLiteral("r0"));
        QCOMPARE(lineNames(panel.chart(ChartsPanel::Chart::Latency)),
            QStringList({ QStringLiteral("api p50"), QStringLiteral("api p95") }));
    }

    void aDemoFaultIsMarkedOnTheTimeAxis()
    {
        Demo demo;
        QVERIFY(startDemo(demo));
        ChartsPanel *charts = demo.shell->window()->chartsPanel();
        ChartView *latency = charts->chart(ChartsPanel::Chart::Latency);
        QVERIFY(latency->markers().isEmpty());
        const QString victim = QStringLiteral("eu-west");
        demo.engine.demo()->setFault(victim, DemoFault::Down);
        QTRY_VERIFY_WITH_TIMEOUT(!latency->markers().isEmpty(), 5000);
        bool faultMarked = false;
        for (const ChartMarker &marker : latency->markers())
            faultMarked |= marker.kind == EventKind::DemoFault && marker.regionId == victim;
        QVERIFY(faultMarked);
        // Drawn within the plot: the marker's time lies in the shown window.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(latency->markers().last().tMs > now - charts->windowMs());
        // Another region's filter hides it; the victim's keeps it.
        charts->setRegionFilter(demo.engine.overview().regions.first().id == victim
                ? demo.engine.overview().regions.at(1).id
                : demo.engine.overview().regions.first().id);
        for (const ChartMarker &marker : latency->markers())
            QVERIFY(marker.regionId != victim);
        charts->setRegionFilter(victim);
        QVERIFY(!latency->markers().isEmpty());
    }
};

QTEST_MAIN(tst_ChartsPanel)
#include "tst_chartspanel.moc"
