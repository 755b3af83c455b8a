#include "windowshell.h"

#include "breakerboard.h"
#include "breakertablemodel.h"
#include "consoleengine.h"
#include "detectionforecast.h"
#include "drillcatalog.h"
#include "drillrunner.h"
#include "endpointstatusmodel.h"
#include "eventlogmodel.h"
#include "eventlogpanel.h"
#include "healthmonitor.h"
#include "journal.h"
#include "mainwindow.h"
#include "quantitytext.h"
#include "regionmapstate.h"
#include "signalwatcher.h"
#include "statusbanner.h"
#include "systemcolorscheme.h"
#include "timeseriesstore.h"
#include "topologystate.h"

#include <QCoreApplication>
#include <csignal>

namespace Console {

WindowShell::WindowShell(
    ConsoleEngine *engine, std::optional<ColorSchemeChoice> colorScheme, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_systemScheme(std::make_unique<SystemColorScheme>())
    , m_appearance(std::make_unique<Appearance>(m_systemScheme.get()))
    , m_series(std::make_unique<TimeSeriesStore>(3600))
    , m_statusModel(std::make_unique<EndpointStatusModel>())
    , m_eventModel(std::make_unique<EventLogModel>())
    , m_breakers(std::make_unique<BreakerTableModel>())
{
    if (colorScheme)
        m_appearance->setChoice(*colorScheme, false);
    const ConfigOverview overview = engine->overview();
    m_statusModel->setConfig(overview);
    m_statusModel->setTopology(engine->topology());
    m_eventModel->attach(engine->events());
    m_mapState
        = std::make_unique<RegionMapState>(overview, engine->config().lag, engine->topology());

    HealthMonitor *health = engine->health();
    connect(health, &HealthMonitor::endpointEvaluated, m_series.get(),
        &TimeSeriesStore::onEndpointEvaluated);
    connect(health, &HealthMonitor::endpointEvaluated, m_statusModel.get(),
        &EndpointStatusModel::onEndpointEvaluated);
    connect(health, &HealthMonitor::healthChanged, m_statusModel.get(),
        &EndpointStatusModel::onHealthChanged);
    connect(health, &HealthMonitor::regionReasonChanged, m_statusModel.get(),
        &EndpointStatusModel::onRegionReasonChanged);
    connect(
        health, &HealthMonitor::healthChanged, m_mapState.get(), &RegionMapState::onHealthChanged);
    connect(health, &HealthMonitor::regionReasonChanged, m_mapState.get(),
        &RegionMapState::onRegionReasonChanged);

    m_window = std::make_unique<MainWindow>(
        overview, m_statusModel.get(), m_eventModel.get(), engine->topology());
    connect(engine, &ConsoleEngine::probeFinished, m_window.get(), &MainWindow::onProbeFinished);
    if (engine->demo())
        m_window->attachDemo(engine->demo());
    BreakerBoard *board = engine->breakers();
    // The board changes with every probe; with a thousand endpoints, copying every breaker per
    // probe would cost the window a million copies a second. Four refreshes a second are plenty.
    m_breakerRefresh.setSingleShot(true);
    m_breakerRefresh.setInterval(250);
    connect(&m_breakerRefresh, &QTimer::timeout, m_breakers.get(),
        [this, board] { m_breakers->setStatuses(board->statuses()); });
    connect(board, &BreakerBoard::changed, &m_breakerRefresh, [this] {
        if (!m_breakerRefresh.isActive())
            m_breakerRefresh.start();
    });
    m_breakers->setStatuses(board->statuses());
    QHash<QString, QString> regionNames;
    for (const RegionOverview &region : overview.regions)
        regionNames.insert(region.id, overview.regionName(region.id));
    m_breakers->setRegionNames(regionNames);
    m_window->attachBreakers(m_breakers.get(), engine->clock());
    m_window->banner()->setSelfCheck(engine->selfCheck());
    m_window->showSelfCheck(engine->selfCheck());
    if (engine->failover())
        m_window->attachFailover(engine->failover(), engine->clock());
    m_window->attachMap(m_mapState.get());
    m_window->attachAlerts(engine->events());
    m_window->attachAppearance(m_appearance.get());
    m_window->attachCharts(m_series.get(), engine->events());
    // An acknowledgement is an operator's act: journalled like the others, with who and when.
    if (Journal *journal = engine->journal()) {
        connect(m_window->eventPanel(), &EventLogPanel::incidentAcknowledged, journal,
            [journal](const QString &regionId, const QDateTime &start, const QString &by,
                const QDateTime &at) {
                JournalEntry entry;
                entry.time = at.toUTC();
                entry.category = QStringLiteral("operator");
                entry.name = QStringLiteral("acknowledge");
                entry.status = QStringLiteral("done");
                entry.message = tr("Acknowledged the incident in %1 that began at %2")
                                    .arg(regionId, start.toUTC().toString(Qt::ISODateWithMs));
                entry.fields = { { QStringLiteral("region"), regionId },
                    { QStringLiteral("incident_start"),
                        start.toUTC().toString(Qt::ISODateWithMs) } };
                entry.osUser = by;
                journal->append(entry);
            });
    }
    // Drills run through the failover engine, which exists once the engine has started.
    if (engine->failover()) {
        m_drillRunner = std::make_unique<DrillRunner>(engine);
        DrillCatalog catalog;
        catalog.load();
        m_window->attachDrills(m_drillRunner.get(), catalog, engine->journal());
    }

    QList<EndpointConfig> watched;
    for (const RegionConfig &region : engine->config().regions) {
        for (const EndpointConfig &endpoint : region.endpoints) {
            if (!endpoint.control)
                watched.append(endpoint);
        }
    }
    const DetectionForecast forecast
        = DetectionForecast::worstOf(engine->config().detection, watched);
    m_window->setDetectionForecast(forecast.summary(),
        tr("Worst case from the settings, for the slowest endpoint: a refused connection within "
           "%1, a silent one (freeze, partition) within %2, a flapping one by error rate within "
           "%3, a slow one within %4.")
            .arg(QuantityText::duration(forecast.refused), QuantityText::duration(forecast.silent),
                QuantityText::duration(forecast.errorRate),
                QuantityText::duration(forecast.slowness)));

    // A terminal's Ctrl+C or a service manager's SIGTERM closes the console like its Quit menu.
    m_signals = std::make_unique<SignalWatcher>(QList<int> { SIGINT, SIGTERM, SIGHUP });
    connect(m_signals.get(), &SignalWatcher::signalReceived, this, [this](int signalNumber) {
        m_engine->stop(tr("%1 received").arg(SignalWatcher::signalName(signalNumber)));
        QCoreApplication::exit(0);
    });
}

WindowShell::~WindowShell() = default;

} // namespace Console
