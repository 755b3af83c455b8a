#pragma once

#include "configoverview.h"
#include "proberesult.h"

#include <QMainWindow>

class QLabel;
class QTableView;
class QTabWidget;
class QTreeView;
class QVBoxLayout;

namespace Console {

class Appearance;
class BreakerTableModel;
class BreakersPanel;
class ChartsPanel;
class Clock;
class DemoFaultPanel;
class DetailPane;
class DrillCatalog;
class DrillRunner;
class DrillsPanel;
class DemoTopology;
class EndpointStatusModel;
class EventHub;
class EventLogModel;
class EventLogPanel;
class FailoverActions;
class FailoverController;
class FailoverPanel;
class Journal;
class MapPanel;
class MembersModel;
class RegionMapState;
class RunNotice;
class SelfCheck;
class StatusBanner;
class TrayAlerts;
class TimeSeriesStore;
class TopologyState;
class WindowNavigation;

// The console's window: the one-glance banner, the live status of every region and endpoint, the
// event log, and the slots that later views (map, charts, breakers, drills) fill.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    // The models and the topology are not owned and must outlive the window.
    MainWindow(const ConfigOverview &config, EndpointStatusModel *statusModel,
        EventLogModel *eventModel, const TopologyState *topology, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds the Demo menu and fault panel; demo must outlive the window.
    void attachDemo(DemoTopology *demo);
    // What the settings promise, in the status bar: "Detects a crash within 1 s, ...".
    void setDetectionForecast(const QString &summary, const QString &detail);
    // Fills the Breakers tab; model and clock must outlive the window.
    void attachBreakers(BreakerTableModel *model, Clock *clock);
    // Adds the Failover menu, toolbar and tab, the run notice and the state in the status bar;
    // controller and clock must outlive the window.
    void attachFailover(FailoverController *controller, Clock *clock);
    // Adds the Map tab, first and current, its selection shared with the status table; state
    // must outlive the window.
    void attachMap(const RegionMapState *state);
    // Replaces the Charts placeholder with the live charts, filtered by the selected region; store
    // and hub must outlive the window.
    void attachCharts(const TimeSeriesStore *store, EventHub *hub);

    // Adds the Drills tab over the runner, the catalog's drills and the journal's runs; runner
    // and journal (may be null) must outlive the window.
    void attachDrills(DrillRunner *runner, const DrillCatalog &catalog, Journal *journal);

    QTreeView *statusView() const { return m_statusView; }
    QTableView *eventView() const { return m_eventView; }
    EventLogPanel *eventPanel() const { return m_eventPanel; }
    StatusBanner *banner() const { return m_banner; }
    DemoFaultPanel *demoPanel() const { return m_demoPanel; }
    BreakersPanel *breakersPanel() const { return m_breakersPanel; }
    // The size the window asks for on a screen large enough (and in screenshots).
    static QSize preferredSize() { return { 1480, 900 }; }
    DetailPane *detailPane() const { return m_detailPane; }
    TrayAlerts *alerts() const { return m_alerts; }
    // Tray notifications for region changes and failovers, the state in the title; once.
    void attachAlerts(EventHub *hub);
    // View ▸ Appearance (follow the system, light, dark); appearance must outlive the window.
    void attachAppearance(Appearance *appearance);
    MembersModel *membersModel() const { return m_membersModel; }
    QTabWidget *viewTabs() const { return m_tabs; }
    FailoverActions *failoverActions() const { return m_failoverActions; }
    FailoverPanel *failoverPanel() const { return m_failoverPanel; }
    RunNotice *runNotice() const { return m_runNotice; }
    MapPanel *mapPanel() const { return m_mapPanel; }
    ChartsPanel *chartsPanel() const { return m_chartsPanel; }
    DrillsPanel *drillsPanel() const { return m_drillsPanel; }
    WindowNavigation *navigation() const { return m_navigation; }

public slots:
    void onProbeFinished(const Console::ProbeResult &result);
    // The console's doubt about itself, in the status bar (not owned; outlives the window).
    void showSelfCheck(const Console::SelfCheck *selfCheck);

protected:
    void showEvent(QShowEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    QWidget *buildViewTabs();
    QWidget *buildMembersView();
    void followEventLog();
    void showFailoverPanel();
    void selectRegionRow(const QString &regionId);

    ConfigOverview m_config; // names and display targets only: no secrets in the window
    EndpointStatusModel *m_statusModel; // not owned
    EventLogModel *m_eventModel; // not owned
    StatusBanner *m_banner = nullptr; // widgets below are owned by the window
    QTreeView *m_statusView = nullptr;
    QTableView *m_eventView = nullptr;
    EventLogPanel *m_eventPanel = nullptr;
    QLabel *m_probeLabel = nullptr;
    QLabel *m_forecastLabel = nullptr;
    DemoFaultPanel *m_demoPanel = nullptr;
    BreakersPanel *m_breakersPanel = nullptr;
    QTabWidget *m_tabs = nullptr;
    QWidget *m_membersView = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QVBoxLayout *m_centralLayout = nullptr;
    FailoverActions *m_failoverActions = nullptr; // child of the window
    FailoverPanel *m_failoverPanel = nullptr;
    RunNotice *m_runNotice = nullptr;
    QLabel *m_failoverStatus = nullptr;
    MapPanel *m_mapPanel = nullptr;
    ChartsPanel *m_chartsPanel = nullptr;
    DrillsPanel *m_drillsPanel = nullptr;
    DetailPane *m_detailPane = nullptr;
    TrayAlerts *m_alerts = nullptr; // child of the window
    WindowNavigation *m_navigation = nullptr; // child of the window
    MembersModel *m_membersModel = nullptr; // child of the window
    const TopologyState *m_topology = nullptr; // not owned
    qint64 m_probeCount = 0;
    QList<qint64> m_recentProbes; // wall-clock ms of the probes in the last ten seconds
};

} // namespace Console
