#include "mainwindow.h"

#include "appearance.h"
#include "breakerspanel.h"
#include "breakertablemodel.h"
#include "chartspanel.h"
#include "demofaultpanel.h"
#include "demotopology.h"
#include "detailpane.h"
#include "drillspanel.h"
#include "endpointstatusmodel.h"
#include "eventlogmodel.h"
#include "eventlogpanel.h"
#include "failoveractions.h"
#include "failovercontroller.h"
#include "failoverpanel.h"
#include "healthdelegate.h"
#include "mappanel.h"
#include "membersmodel.h"
#include "regionmapview.h"
#include "roles.h"
#include "runnotice.h"
#include "selfcheck.h"
#include "sparklinedelegate.h"
#include "statusbanner.h"
#include "trayalerts.h"
#include "warningdelegate.h"
#include "windowlayout.h"
#include "windownavigation.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDockWidget>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollBar>
#include <QSettings>
#include <QShowEvent>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace Console {

MainWindow::MainWindow(const ConfigOverview &config, EndpointStatusModel *statusModel,
    EventLogModel *eventModel, const TopologyState *topology, QWidget *parent)
    : QMainWindow(parent)
    , m_config(config)
    , m_statusModel(statusModel)
    , m_eventModel(eventModel)
    , m_topology(topology)
{
    setWindowTitle(tr("Failover Console — %1").arg(config.sourceFile));
    setObjectName(QStringLiteral("MainWindow"));

    m_banner = new StatusBanner(m_statusModel, topology, this);

    m_statusView = new QTreeView(this);
    m_statusView->setObjectName(QStringLiteral("statusView"));
    m_statusView->setModel(m_statusModel);
    m_statusView->setItemDelegateForColumn(
        EndpointStatusModel::StatusColumn, new HealthDelegate(m_statusView));
    auto *warnings = new WarningDelegate(m_statusView);
    m_statusView->setItemDelegateForColumn(EndpointStatusModel::RoleColumn, warnings);
    m_statusView->setItemDelegateForColumn(EndpointStatusModel::ReplicationColumn, warnings);
    m_statusView->setAlternatingRowColors(true);
    m_statusView->setUniformRowHeights(true);
    m_statusView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_statusView->header()->setStretchLastSection(true);
    m_statusView->expandAll();
    // Widths from the font, so nothing important is cut at any DPI: the status column holds a
    // pill with its cause and "for 12:34 · 12 s ago" beside it.
    const QFontMetrics metrics = m_statusView->fontMetrics();
    const auto text
        = [&metrics](const QString &sample) { return metrics.horizontalAdvance(sample) + 24; };
    int names = 0;
    for (const RegionOverview &region : m_config.regions) {
        names = std::max(names, text(region.name));
        for (const EndpointOverview &endpoint : region.endpoints)
            names = std::max(names, text(endpoint.name) + m_statusView->indentation());
    }
    const int columnWidths[] = { std::min(names, text(QStringLiteral("M")) * 16),
        text(QStringLiteral("primary (configured)")),
        text(QStringLiteral("Degraded · replay paused"))
            + text(QStringLiteral("for 12:34 · 12 s ago")),
        text(QStringLiteral("> 800 ms")), text(QStringLiteral("Success (30 s)")),
        // Room for a standby's sentence, or its figures and their sparkline: the latency must
        // stay in sight at 1480 px. Narrower, the cell shows the figures alone (the detail pane
        // keeps the sentence).
        text(QStringLiteral("⚠ lag 12.70 s · 123.4 MiB behind")),
        text(QStringLiteral("timeout: no answer within 800 ms (12:34:56)")) };
    for (int column = 0; column < int(std::size(columnWidths)); ++column)
        m_statusView->setColumnWidth(column, columnWidths[column]);
    // How far behind each replica is must show without scrolling sideways, even when a tab
    // narrows the table: replication comes right after the verdict, and the role (which the
    // banner, the map's crown and the Members tab also tell) after the latency.
    QHeaderView *header = m_statusView->header();
    header->moveSection(header->visualIndex(EndpointStatusModel::ReplicationColumn),
        header->visualIndex(EndpointStatusModel::LatencyColumn));
    header->moveSection(header->visualIndex(EndpointStatusModel::RoleColumn),
        header->visualIndex(EndpointStatusModel::LatencyColumn));
    connect(m_statusModel, &QAbstractItemModel::modelReset, m_statusView, &QTreeView::expandAll);
    // Cells lay out their text and sparkline against the viewport's edge (visibleCell): a
    // sideways scroll, which moves the painted pixels, must repaint them all.
    connect(m_statusView->horizontalScrollBar(), &QScrollBar::valueChanged,
        m_statusView->viewport(), qOverload<>(&QWidget::update));

    auto *eventPanel = new EventLogPanel(m_eventModel, this);
    m_eventPanel = eventPanel;
    m_eventView = eventPanel->view();
    m_eventView->verticalHeader()->hide();
    m_eventView->verticalHeader()->setDefaultSectionSize(m_eventView->fontMetrics().height() + 6);
    m_eventView->horizontalHeader()->setStretchLastSection(true);
    m_eventView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventView->setWordWrap(false);
    m_eventView->setColumnWidth(0, 90);
    m_eventView->setColumnWidth(1, 80);
    m_eventView->setColumnWidth(2, 110);
    m_eventView->setColumnWidth(3, 140);
    connect(m_eventModel, &QAbstractItemModel::rowsInserted, this, &MainWindow::followEventLog);

    // The selected row in full under the table, so no figure lives only in a tooltip.
    m_detailPane = new DetailPane(m_statusModel, topology, this);
    connect(m_statusView->selectionModel(), &QItemSelectionModel::currentRowChanged, m_detailPane,
        [this](const QModelIndex &current) { m_detailPane->showIndex(current); });
    auto *left = new QSplitter(Qt::Vertical, this);
    left->setObjectName(QStringLiteral("statusSplitter"));
    left->addWidget(m_statusView);
    left->addWidget(m_detailPane);
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 1);

    auto *top = new QSplitter(Qt::Horizontal, this);
    top->setObjectName(QStringLiteral("mainSplitter"));
    top->addWidget(left);
    top->addWidget(buildViewTabs());
    // The widest tab (the failover steps) must not squeeze the table: it scrolls instead.
    m_tabs->setMinimumWidth(320);
    // The map needs room to read its labels; the table scrolls sideways before it cuts a pill.
    top->setSizes({ 840, 640 });

    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->setObjectName(QStringLiteral("eventSplitter"));
    vertical->addWidget(top);
    vertical->addWidget(eventPanel);
    vertical->setSizes({ 560, 260 });

    auto *central = new QWidget(this);
    m_centralLayout = new QVBoxLayout(central);
    m_centralLayout->setContentsMargins(0, 0, 0, 0);
    m_centralLayout->setSpacing(0);
    m_centralLayout->addWidget(m_banner);
    m_centralLayout->addWidget(vertical, 1);
    setCentralWidget(central);

    m_probeLabel = new QLabel(tr("Waiting for the first probes…"), this);
    statusBar()->addWidget(m_probeLabel, 1);
    statusBar()->addPermanentWidget(
        new QLabel(tr("%n endpoint(s) in %1 region(s)", nullptr, config.endpointCount())
                       .arg(config.regions.size()),
            this));

    m_navigation = new WindowNavigation(this, m_tabs);
    m_navigation->setPanes({ m_statusView, m_detailPane, m_tabs, eventPanel });
    m_navigation->setSearchField(eventPanel->searchEdit());
    buildMenus();
    QSettings settings;
    WindowLayout::restore(this, settings, preferredSize());
}

MainWindow::~MainWindow() = default;

void MainWindow::showEvent(QShowEvent *event)
{
    // Tab moves between cells in a QTableView by default: a keyboard user who tabs into the
    // detail pane or the members table could never tab out. Ctrl+arrows still move in them.
    for (QAbstractItemView *view : findChildren<QAbstractItemView *>())
        view->setTabKeyNavigation(false);
    QMainWindow::showEvent(event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    WindowLayout::save(this, settings);
    QMainWindow::closeEvent(event);
}

QWidget *MainWindow::buildViewTabs()
{
    // Only views that work get a tab: the others arrive with what they show (attachMap...).
    auto *tabs = new QTabWidget(this);
    m_tabs = tabs;
    tabs->setObjectName(QStringLiteral("viewTabs"));
    m_membersView = buildMembersView();
    tabs->addTab(m_membersView, tr("Members"));
    return tabs;
}

QWidget *MainWindow::buildMembersView()
{
    m_membersModel = new MembersModel(m_config, this);
    m_membersModel->setTopology(m_topology);
    auto *view = new QTableView(this);
    view->setObjectName(QStringLiteral("membersView"));
    view->setModel(m_membersModel);
    view->verticalHeader()->hide();
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->setAlternatingRowColors(true);
    return view;
}

void MainWindow::attachDrills(DrillRunner *runner, const DrillCatalog &catalog, Journal *journal)
{
    m_drillsPanel = new DrillsPanel(runner, journal, m_tabs);
    m_drillsPanel->setDrills(catalog.drills(), catalog.problems());
    m_tabs->addTab(m_drillsPanel, tr("Drills"));
}

void MainWindow::attachAlerts(EventHub *hub)
{
    m_alerts = new TrayAlerts(this, hub, m_config, this);
    connect(m_banner, &StatusBanner::toneChanged, m_alerts, &TrayAlerts::setState);
    m_alerts->setState(m_banner->tone(), m_banner->headline());
    m_viewMenu->addSeparator();
    m_viewMenu->addActions(
        { m_alerts->muteShortAction(), m_alerts->muteLongAction(), m_alerts->unmuteAction() });
    addActions({ m_alerts->muteShortAction() });
    if (m_runNotice)
        m_runNotice->setTray(m_alerts->tray());
}

void MainWindow::attachAppearance(Appearance *appearance)
{
    m_viewMenu->addSeparator();
    m_viewMenu->addMenu(appearance->createMenu(this));
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    menuBar()->addMenu(m_navigation->createMenu(this));

    m_helpMenu = menuBar()->addMenu(tr("&Help"));
    m_helpMenu->addAction(tr("&About Failover Console"), this, [this] {
        QMessageBox::about(this, tr("About Failover Console"),
            tr("<b>Failover Console</b> %1<br>Watches a multi-region deployment and "
               "acts on it safely.")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::setDetectionForecast(const QString &summary, const QString &detail)
{
    if (!m_forecastLabel) {
        m_forecastLabel = new QLabel(this);
        m_forecastLabel->setObjectName(QStringLiteral("forecastLabel"));
        statusBar()->addPermanentWidget(m_forecastLabel);
    }
    m_forecastLabel->setText(tr("Detects %1").arg(summary));
    m_forecastLabel->setToolTip(detail);
}

void MainWindow::attachBreakers(BreakerTableModel *model, Clock *clock)
{
    m_breakersPanel = new BreakersPanel(model, clock, m_tabs);
    // First of the live tabs until attachMap() puts the map before it.
    m_tabs->insertTab(0, m_breakersPanel, tr("Breakers"));
    m_tabs->setCurrentIndex(0);
    // What the breakers are doing reads on the tab itself, whichever tab is in front.
    const auto title = [this, model] {
        const int open = model->count(BreakerState::Open) + model->count(BreakerState::ForcedOpen);
        const int halfOpen = model->count(BreakerState::HalfOpen);
        QString text = tr("Breakers");
        if (open > 0 || halfOpen > 0)
            text = halfOpen > 0 ? tr("Breakers (%1 open, %2 half-open)").arg(open).arg(halfOpen)
                                : tr("Breakers (%1 open)").arg(open);
        m_tabs->setTabText(m_tabs->indexOf(m_breakersPanel), text);
    };
    connect(model, &QAbstractItemModel::dataChanged, m_breakersPanel, title);
    connect(model, &QAbstractItemModel::modelReset, m_breakersPanel, title);
    connect(model, &QAbstractItemModel::rowsInserted, m_breakersPanel, title);
    connect(model, &QAbstractItemModel::rowsRemoved, m_breakersPanel, title);
    title();
}

void MainWindow::attachFailover(FailoverController *controller, Clock *clock)
{
    m_failoverActions = new FailoverActions(controller, m_config, this);
    auto *menu = new QMenu(tr("Fail&over"), this);
    menu->addActions({ m_failoverActions->failover(), m_failoverActions->failback(),
        m_failoverActions->rejoin() });
    menu->addSeparator();
    menu->addAction(m_failoverActions->pause());
    // Menus show tooltips only when asked: here they say what each command would do right now.
    menu->setToolTipsVisible(true);
    menuBar()->insertMenu(m_helpMenu->menuAction(), menu);

    auto *toolBar = addToolBar(tr("Failover"));
    toolBar->setObjectName(QStringLiteral("failoverToolBar"));
    toolBar->setMovable(false);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->addActions(m_failoverActions->all());
    toolBar->toggleViewAction()->setText(tr("Failover &toolbar"));
    m_viewMenu->addAction(toolBar->toggleViewAction());

    m_failoverPanel = new FailoverPanel(controller, m_config, clock, m_tabs);
    // Beside the Breakers tab: the two tabs with live facts while the others are placeholders.
    m_tabs->insertTab(m_tabs->indexOf(m_breakersPanel) + 1, m_failoverPanel, tr("Failover"));

    m_runNotice = new RunNotice(m_config, this);
    if (m_alerts)
        m_runNotice->setTray(m_alerts->tray());
    m_centralLayout->insertWidget(1, m_runNotice);
    connect(controller, &FailoverController::runFinished, m_runNotice, &RunNotice::showResult);
    connect(m_runNotice, &RunNotice::detailsRequested, this, &MainWindow::showFailoverPanel);
    // A run in progress is what the operator must see, whoever started it.
    connect(controller, &FailoverController::runStarted, this, &MainWindow::showFailoverPanel);

    m_failoverStatus = new QLabel(this);
    m_failoverStatus->setObjectName(QStringLiteral("failoverStatus"));
    m_failoverStatus->setText(tr("Failover: %1").arg(m_failoverPanel->stateText()));
    connect(m_failoverPanel, &FailoverPanel::stateTextChanged, m_failoverStatus,
        [this](const QString &text) { m_failoverStatus->setText(tr("Failover: %1").arg(text)); });
    statusBar()->addPermanentWidget(m_failoverStatus);
}

void MainWindow::attachMap(const RegionMapState *state)
{
    m_mapPanel = new MapPanel(state, m_tabs);
    // The map answers "which region is primary, what is broken" at a glance: it comes first.
    m_tabs->insertTab(0, m_mapPanel, tr("Map"));
    m_tabs->setCurrentIndex(0);
    RegionMapView *map = m_mapPanel->view();
    connect(map, &RegionMapView::regionSelected, this, &MainWindow::selectRegionRow);
    // Any row of a region, its own or an endpoint's, selects that region on the map.
    connect(m_statusView->selectionModel(), &QItemSelectionModel::currentRowChanged, map,
        [map](const QModelIndex &current) {
            map->selectRegion(current.data(RegionIdRole).toString());
        });
}

void MainWindow::attachCharts(const TimeSeriesStore *store, EventHub *hub)
{
    m_chartsPanel = new ChartsPanel(m_config, store, hub, m_tabs);
    m_tabs->insertTab(m_tabs->indexOf(m_membersView) + 1, m_chartsPanel, tr("Charts"));
    // The last minute of latency and lag beside their figures, each cell's own look kept.
    const auto sparkline = [this, store](int column, TimeSeriesStore::Metric metric) {
        m_statusView->setItemDelegateForColumn(column,
            new SparklineDelegate(
                store, metric, m_statusView->itemDelegateForColumn(column), m_statusView));
        // At least a short figure beside the line; a width restored from the settings stays.
        const int least = m_statusView->fontMetrics().horizontalAdvance(QStringLiteral("> 800 ms"))
            + 24 + SparklineDelegate::sparklineWidth;
        m_statusView->setColumnWidth(column, std::max(m_statusView->columnWidth(column), least));
    };
    sparkline(EndpointStatusModel::LatencyColumn, TimeSeriesStore::Metric::LatencyMs);
    sparkline(EndpointStatusModel::ReplicationColumn, TimeSeriesStore::Metric::LagSeconds);
    // A selected row of a region, its own or an endpoint's, filters the charts to that region;
    // no selection shows them all. The selection, not the current row: a view focused for the
    // first time makes its first row current without anyone choosing it.
    connect(m_statusView->selectionModel(), &QItemSelectionModel::selectionChanged, m_chartsPanel,
        [this] {
            const QModelIndexList rows = m_statusView->selectionModel()->selectedRows();
            m_chartsPanel->setRegionFilter(
                rows.isEmpty() ? QString() : rows.first().data(RegionIdRole).toString());
        });
}

void MainWindow::selectRegionRow(const QString &regionId)
{
    const QModelIndex row = m_statusModel->indexForRegion(regionId);
    if (!row.isValid() || m_statusView->currentIndex().siblingAtColumn(0) == row)
        return;
    m_statusView->selectionModel()->setCurrentIndex(
        row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_statusView->scrollTo(row);
}

void MainWindow::showFailoverPanel()
{
    if (m_failoverPanel)
        m_tabs->setCurrentWidget(m_failoverPanel);
}

void MainWindow::attachDemo(DemoTopology *demo)
{
    m_demoPanel = new DemoFaultPanel(demo, m_config, this);
    auto *dock = new QDockWidget(tr("Demo faults"), this);
    dock->setObjectName(QStringLiteral("demoDock"));
    dock->setWidget(m_demoPanel);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    dock->toggleViewAction()->setText(tr("Demo &faults panel"));
    m_viewMenu->addAction(dock->toggleViewAction());

    QMenu *menu = menuBar()->addMenu(tr("&Demo"));
    menu->addAction(tr("&Restore all regions"), m_demoPanel, &DemoFaultPanel::restoreAll);
    menu->addAction(dock->toggleViewAction());
    setWindowTitle(tr("Failover Console — built-in demo topology"));
}

void MainWindow::onProbeFinished(const ProbeResult &result)
{
    ++m_probeCount;
    // The poll rate over the last ten seconds: a console that stopped probing shows it here.
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    m_recentProbes.append(nowMs);
    while (!m_recentProbes.isEmpty() && m_recentProbes.constFirst() < nowMs - 10000)
        m_recentProbes.removeFirst();
    m_probeLabel->setText(
        tr("%1 probes · %2/s · last: %3 at %4")
            .arg(m_probeCount)
            .arg(double(m_recentProbes.size()) / 10.0, 0, 'f', 1)
            .arg(result.endpointId,
                result.startedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
}

void MainWindow::showSelfCheck(const SelfCheck *selfCheck)
{
    auto *label = new QLabel(this);
    label->setObjectName(QStringLiteral("selfCheckLabel"));
    statusBar()->addPermanentWidget(label);
    const auto update = [label, selfCheck] {
        label->setText(selfCheck->suspected()
                ? tr("Self-check: DOUBT — %1").arg(selfCheck->reason())
                : tr("Self-check: ok"));
    };
    connect(selfCheck, &SelfCheck::changed, label, update);
    update();
}

void MainWindow::followEventLog()
{
    // Follow new events only when the operator is already at the bottom; never yank them away
    // from an older event they are reading.
    QScrollBar *bar = m_eventView->verticalScrollBar();
    if (bar->value() >= bar->maximum() - 2 * m_eventView->verticalHeader()->defaultSectionSize())
        m_eventView->scrollToBottom();
}

} // namespace Console
