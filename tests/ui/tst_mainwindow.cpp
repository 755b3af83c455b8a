#include "breakerspanel.h"
#include "breakertablemodel.h"
#include "consoleengine.h"
#include "demofaultpanel.h"
#include "demotopology.h"
#include "endpointstatusmodel.h"
#include "eventlogmodel.h"
#include "eventlogpanel.h"
#include "health.h"
#include "healthpalette.h"
#include "journal.h"
#include "mainwindow.h"
#include "roles.h"
#include "statusbanner.h"
#include "timeseriesstore.h"
#include "trayalerts.h"
#include "warningdelegate.h"
#include "windowshell.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Console;

// Runs the real console on the real demo topology, in-process, and drives it as an operator would.
class tst_MainWindow : public QObject
{
    Q_OBJECT

private:
    static Health regionHealth(WindowShell &runtime, const QString &regionId)
    {
        return static_cast<Health>(
            runtime.statusModel()->indexForRegion(regionId).data(HealthRole).toInt());
    }

    static bool allEndpointsHealthy(ConsoleEngine &engine, WindowShell &runtime)
    {
        for (const RegionOverview &region : engine.overview().regions) {
            for (const EndpointOverview &endpoint : region.endpoints) {
                const QModelIndex index = runtime.statusModel()->indexForEndpoint(endpoint.id);
                if (static_cast<Health>(index.data(HealthRole).toInt()) != Health::Healthy)
                    return false;
            }
        }
        return true;
    }

private slots:
    void demoBecomesLiveAndReactsToFaults()
    {
        ConsoleEngine engine;
        QVERIFY2(engine.startDemo(), qPrintable(engine.errors().join(QLatin1Char('\n'))));
        engine.start();
        WindowShell runtime(&engine);
        MainWindow *window = runtime.window();
        QAbstractItemModelTester statusTester(
            runtime.statusModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester eventTester(
            runtime.eventModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(engine.overview().regions.size() >= 3);

        QTRY_VERIFY_WITH_TIMEOUT(allEndpointsHealthy(engine, runtime), 10000);
        QVERIFY(window->banner()->text().contains(QStringLiteral("0 unhealthy")));
        // The status bar says the poll rate and the console's own self-check; no tab is a
        // placeholder.
        const QLabel *selfCheck = window->findChild<QLabel *>(QStringLiteral("selfCheckLabel"));
        QVERIFY(selfCheck);
        QCOMPARE(selfCheck->text(), QStringLiteral("Self-check: ok"));
        bool rateShown = false;
        for (const QLabel *label : window->statusBar()->findChildren<QLabel *>())
            rateShown |= label->text().contains(QStringLiteral("/s · last: "));
        QVERIFY(rateShown);
        bool drillsTab = false;
        for (int tab = 0; tab < window->viewTabs()->count(); ++tab)
            drillsTab |= window->viewTabs()->tabText(tab) == QStringLiteral("Drills");
        QVERIFY2(drillsTab && window->drillsPanel(), "the Drills tab is there once drills work");

        // The operator takes EU West down from the fault panel: the region turns unhealthy at
        // once (connection refused is a strong signal) and the event log says so.
        const QString victim = QStringLiteral("eu-west");
        const int eventsBefore = runtime.eventModel()->rowCount();
        auto *down
            = window->demoPanel()->findChild<QToolButton *>(victim + QStringLiteral("-down"));
        QVERIFY(down);
        QTest::mouseClick(down, Qt::LeftButton);
        QCOMPARE(toString(engine.demo()->fault(victim)), toString(DemoFault::Down));
        QTRY_COMPARE_WITH_TIMEOUT(
            toString(regionHealth(runtime, victim)), toString(Health::Unhealthy), 5000);
        QVERIFY(runtime.eventModel()->rowCount() > eventsBefore);
        bool logged = false;
        for (int row = eventsBefore; row < runtime.eventModel()->rowCount(); ++row) {
            const QModelIndex index = runtime.eventModel()->index(row, 0);
            logged |= index.data(RegionIdRole).toString() == victim
                && static_cast<EventSeverity>(index.data(SeverityRole).toInt())
                    == EventSeverity::Critical;
        }
        QVERIFY2(logged, "no critical event for the region taken down");
        QCOMPARE(
            toString(regionHealth(runtime, QStringLiteral("us-east"))), toString(Health::Healthy));
        // The banner turns red for a standby, and says it is the standby, not the primary: the
        // headline names the region down, with how long, and the primary follows, calm.
        QTRY_VERIFY_WITH_TIMEOUT(window->banner()->headline().startsWith(
                                     u"Standby " + engine.overview().regionName(victim) + u" down"),
            5000);
        const QString calmPrimary = u"\nPrimary: "
            + engine.overview().regionName(QStringLiteral("us-east")) + u" — healthy";
        QVERIFY2(
            window->banner()->text().contains(calmPrimary), qPrintable(window->banner()->text()));
        // Its colour is the headline's (red for a region down), and so is the title.
        QCOMPARE(window->banner()->palette().color(QPalette::Window),
            healthStyle(Health::Unhealthy).fill);
        QVERIFY2(window->windowTitle().startsWith(QStringLiteral("Unhealthy — ")),
            qPrintable(window->windowTitle()));
        // The region's change was raised as an alert (shown in the tray when there is one).
        QVERIFY(window->alerts()->lastAlert());
        QVERIFY2(window->alerts()->lastAlert()->title.endsWith(QStringLiteral(": unhealthy")),
            qPrintable(window->alerts()->lastAlert()->title));
        // The region's breaker opens once its calls keep failing, and the Breakers tab lists it
        // first, with the count on top.
        BreakersPanel *breakers = window->breakersPanel();
        QVERIFY(breakers);
        QTRY_VERIFY_WITH_TIMEOUT(
            breakers->view()->model()->index(0, BreakerTableModel::StateColumn).data().toString()
                == QStringLiteral("Open"),
            10000);
        QVERIFY2(!breakers->summary().startsWith(QStringLiteral("0 open")),
            qPrintable(breakers->summary()));
        QCOMPARE(breakers->view()->model()->index(0, 0).data(RegionIdRole).toString(), victim);
        // The tab says so too, whichever tab is in front.
        const QString tab = window->viewTabs()->tabText(window->viewTabs()->indexOf(breakers));
        QVERIFY2(
            tab.startsWith(QStringLiteral("Breakers (")) && tab.contains(QStringLiteral(" open")),
            qPrintable(tab));

        // Restoring needs a run of healthy probes, not one: the region comes back, later.
        auto *normal
            = window->demoPanel()->findChild<QToolButton *>(victim + QStringLiteral("-none"));
        QVERIFY(normal);
        QTest::mouseClick(normal, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(
            toString(regionHealth(runtime, victim)), toString(Health::Healthy), 10000);

        // The offscreen screen is 800×600, so the window fits itself smaller; render it at the
        // size a screenshot uses.
        window->resize(MainWindow::preferredSize());
        const QImage shot = window->grab().toImage();
        QVERIFY(shot.width() > 800 && shot.height() > 500);
    }

    void laggingRegionShowsGrowingLag()
    {
        ConsoleEngine engine;
        QVERIFY2(engine.startDemo(), qPrintable(engine.errors().join(QLatin1Char('\n'))));
        engine.start();
        WindowShell runtime(&engine);
        const QModelIndex lag = runtime.statusModel()->indexForEndpoint(
            QStringLiteral("ap-southeast-health"), EndpointStatusModel::ReplicationColumn);
        // A healthy replica reports a fraction of a second; lagging, the figure climbs.
        QTRY_VERIFY_WITH_TIMEOUT(lag.data(LagSecondsRole).isValid(), 5000);
        QVERIFY(lag.data(LagSecondsRole).toDouble() < 1.0);
        engine.demo()->setFault(QStringLiteral("ap-southeast"), DemoFault::Lagging);
        QTRY_VERIFY_WITH_TIMEOUT(lag.data(LagSecondsRole).toDouble() > 2.0, 6000);
        QVERIFY(lag.data().toString().startsWith(QStringLiteral("lag ")));
        const TimeSeries *series = runtime.timeSeries()->series(
            QStringLiteral("ap-southeast-health"), TimeSeriesStore::Metric::LagSeconds);
        QVERIFY(series && series->size() >= 3);
        QVERIFY(series->latest().value > series->at(0).value);
    }

    // A replication cell running past a narrow pane's edge shows its figures whole rather than
    // an elided sentence; in full view, the sentence.
    void narrowPaneShowsTheFiguresWhole()
    {
        ConsoleEngine engine;
        QVERIFY2(engine.startDemo(), qPrintable(engine.errors().join(QLatin1Char('\n'))));
        engine.start();
        WindowShell runtime(&engine);
        MainWindow *window = runtime.window();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QTreeView *view = window->statusView();
        const QModelIndex lag = runtime.statusModel()->indexForEndpoint(
            QStringLiteral("ap-southeast-health"), EndpointStatusModel::ReplicationColumn);
        QTRY_VERIFY_WITH_TIMEOUT(lag.data(CompactTextRole).isValid(), 5000);
        const QString full = lag.data().toString();
        const QString compact = lag.data(CompactTextRole).toString();
        QVERIFY2(full.startsWith(QStringLiteral("lag ")) && full.size() > compact.size(),
            qPrintable(full + QStringLiteral(" / ") + compact));

        // What matters at a glance first: verdict, then replication; the role after the latency.
        QHeaderView *header = view->header();
        QCOMPARE(header->visualIndex(EndpointStatusModel::ReplicationColumn),
            header->visualIndex(EndpointStatusModel::StatusColumn) + 1);
        QVERIFY(header->visualIndex(EndpointStatusModel::RoleColumn)
            > header->visualIndex(EndpointStatusModel::LatencyColumn));

        WarningDelegate delegate;
        const auto shown = [&] {
            QStyleOptionViewItem option;
            option.initFrom(view);
            option.widget = view;
            option.rect = view->visualRect(lag);
            return delegate.shownText(option, lag);
        };
        view->header()->resizeSection(EndpointStatusModel::ReplicationColumn,
            view->fontMetrics().horizontalAdvance(full) + 60);
        view->scrollTo(lag);
        QVERIFY(view->visualRect(lag).right() <= view->viewport()->width());
        QCOMPARE(shown(), full);

        // The column starts where only the figures fit before the viewport's edge: the cell is
        // as wide as before, but most of it is out of sight.
        const int room = view->fontMetrics().horizontalAdvance(compact) + 16;
        const int shift = view->viewport()->width() - room - view->visualRect(lag).left();
        view->header()->resizeSection(EndpointStatusModel::NameColumn,
            view->header()->sectionSize(EndpointStatusModel::NameColumn) + shift);
        QVERIFY(view->visualRect(lag).right() > view->viewport()->width());
        QCOMPARE(shown(), compact);
    }

    // An operator's acknowledgement, in the window, lands in the journal with who and when.
    void acknowledgedIncidentIsJournalled()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ConsoleEngine engine;
        QVERIFY2(engine.startDemo(), qPrintable(engine.errors().join(QLatin1Char('\n'))));
        QVERIFY(engine.setJournalPath(dir.filePath(QStringLiteral("journal.sqlite"))));
        engine.start();
        WindowShell runtime(&engine);
        runtime.window()->show();
        QVERIFY(QTest::qWaitForWindowExposed(runtime.window()));
        engine.demo()->setFault(QStringLiteral("ap-southeast"), DemoFault::Down);

        EventLogPanel *panel = runtime.window()->eventPanel();
        QTreeView *tree = panel->treeView();
        QAction *acknowledge = panel->acknowledgeAction();
        // The incident row is the one whose selection enables Acknowledge.
        const auto selectIncident = [tree, acknowledge] {
            for (int row = 0; row < tree->model()->rowCount(); ++row) {
                const QModelIndex index = tree->model()->index(row, 0);
                if (!index.data().toString().isEmpty() && tree->model()->hasChildren(index)) {
                    tree->selectionModel()->setCurrentIndex(
                        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                    if (acknowledge->isEnabled())
                        return true;
                }
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(selectIncident(), 10000);
        acknowledge->trigger();
        QVERIFY(!acknowledge->isEnabled());

        const QList<JournalEntry> entries = engine.journal()->recentEntries(200);
        const auto acknowledged
            = std::find_if(entries.cbegin(), entries.cend(), [](const JournalEntry &entry) {
                  return entry.category == QLatin1String("operator")
                      && entry.name == QLatin1String("acknowledge");
              });
        QVERIFY(acknowledged != entries.cend());
        QCOMPARE(acknowledged->fields.value(QStringLiteral("region")).toString(),
            QStringLiteral("ap-southeast"));
        QCOMPARE(acknowledged->osUser, Journal::osUser());
        QVERIFY(acknowledged->message.contains(QStringLiteral("ap-southeast")));
        engine.demo()->setFault(QStringLiteral("ap-southeast"), DemoFault::None);
    }

    void badConfigReportsEveryPosition()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("regions:\n  - id: a\n    name: A\n    latitude: 123\n    longitude: 0\n"
                   "    role: primary\n    endpoints: []\n");
        file.close();
        ConsoleEngine engine;
        QVERIFY(!engine.loadConfig(file.fileName()));
        QVERIFY(!engine.errors().isEmpty());
        QVERIFY2(engine.errors().constFirst().startsWith(file.fileName() + QStringLiteral(":4:")),
            qPrintable(engine.errors().join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
