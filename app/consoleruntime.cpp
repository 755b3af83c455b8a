#include "consoleruntime.h"

#include "configloader.h"
#include "demotopology.h"
#include "endpointstatusmodel.h"
#include "eventlogmodel.h"
#include "healthmonitor.h"
#include "heartbeatledger.h"
#include "httpprober.h"
#include "mainwindow.h"
#include "postgresprober.h"
#include "probescheduler.h"
#include "roletracker.h"
#include "timeseriesstore.h"

#include <QDateTime>
#include <QNetworkAccessManager>

namespace Console {

ConsoleRuntime::ConsoleRuntime(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{ }

// The window goes first: its views still hold the models, which are children of this runtime.
ConsoleRuntime::~ConsoleRuntime()
{
    m_window.reset();
    // Probers hold the heartbeat ledger, a member that dies before QObject's children do.
    delete m_scheduler;
}

bool ConsoleRuntime::startDemo()
{
    m_demo = new DemoTopology(this);
    QString error;
    if (!m_demo->start(&error)) {
        m_errors = { tr("cannot start the demo topology: %1").arg(error) };
        return false;
    }
    return applyLoad(m_demo->configPath(), m_demo->variables());
}

bool ConsoleRuntime::applyDemoFaults(const QStringList &settings)
{
    m_errors.clear();
    for (const QString &setting : settings) {
        const QString regionId = setting.section(QLatin1Char('='), 0, 0);
        const std::optional<DemoFault> fault
            = demoFaultFromString(setting.section(QLatin1Char('='), 1));
        if (!m_demo || !m_demo->regionIds().contains(regionId) || !fault) {
            m_errors << tr("--demo-fault %1: want REGION=FAULT with a region among %2 and a fault "
                           "among none, down, slow, erroring, lagging")
                            .arg(setting,
                                m_demo ? m_demo->regionIds().join(QStringLiteral(", "))
                                       : QString());
            continue;
        }
        m_demo->setFault(regionId, *fault);
    }
    return m_errors.isEmpty();
}

bool ConsoleRuntime::loadConfig(const QString &path)
{
    return applyLoad(path, {});
}

bool ConsoleRuntime::applyLoad(const QString &path, const QMap<QString, QString> &variables)
{
    const ConfigLoadResult result = ConfigLoader::loadFile(path, variables);
    m_errors.clear();
    for (const ConfigDiagnostic &d : result.diagnostics)
        m_errors << d.toString();
    if (!result.ok())
        return false;
    m_config = *result.config;
    return true;
}

// One factory for every kind the configuration may name.
ProbeScheduler::ProberFactory ConsoleRuntime::proberFactory() const
{
    const ProbeScheduler::ProberFactory http = HttpProber::factory(m_network);
    const ProbeScheduler::ProberFactory postgres = PostgresProber::factory(m_ledger.get());
    return [http, postgres](const EndpointConfig &endpoint, QObject *parent) -> Prober * {
        switch (endpoint.kind) {
        case EndpointKind::Http: return http(endpoint, parent);
        case EndpointKind::Postgres: return postgres(endpoint, parent);
        }
        return nullptr;
    };
}

MainWindow *ConsoleRuntime::startConsole()
{
    m_series = new TimeSeriesStore(3600, this);
    m_health = new HealthMonitor(m_config, this);
    m_statusModel = new EndpointStatusModel(this);
    m_statusModel->setConfig(m_config);
    m_eventModel = new EventLogModel(this);
    m_roles = new RoleTracker(m_config, this);
    m_ledger = std::make_unique<HeartbeatLedger>();
    m_scheduler = new ProbeScheduler(proberFactory(), this);

    connect(m_scheduler, &ProbeScheduler::probeFinished, m_health, &HealthMonitor::onProbeResult);
    connect(m_scheduler, &ProbeScheduler::probeFinished, m_series, &TimeSeriesStore::onProbeResult);
    connect(m_scheduler, &ProbeScheduler::probeFinished, m_roles, &RoleTracker::onProbeResult);
    connect(m_roles, &RoleTracker::roleChanged, m_eventModel, &EventLogModel::onRoleChanged);
    connect(m_health, &HealthMonitor::endpointEvaluated, m_statusModel,
        &EndpointStatusModel::onEndpointEvaluated);
    connect(m_health, &HealthMonitor::healthChanged, m_statusModel,
        &EndpointStatusModel::onHealthChanged);
    connect(m_health, &HealthMonitor::regionReasonChanged, m_statusModel,
        &EndpointStatusModel::onRegionReasonChanged);
    connect(m_health, &HealthMonitor::healthChanged, m_eventModel, &EventLogModel::onHealthChanged);

    m_window = std::make_unique<MainWindow>(m_config, m_statusModel, m_eventModel);
    connect(
        m_scheduler, &ProbeScheduler::probeFinished, m_window.get(), &MainWindow::onProbeFinished);

    if (m_demo) {
        m_window->attachDemo(m_demo);
        connect(m_demo, &DemoTopology::faultChanged, m_eventModel,
            [this](const QString &regionId, DemoFault fault) {
                m_eventModel->append(QDateTime::currentDateTimeUtc(), EventSeverity::Info, regionId,
                    QString(), tr("Demo: fault set to %1").arg(toString(fault)));
            });
    }

    m_eventModel->append(QDateTime::currentDateTimeUtc(), EventSeverity::Info, QString(), QString(),
        tr("Watching %n endpoint(s)", nullptr, m_config.endpointCount()));

    QList<EndpointConfig> endpoints;
    for (const RegionConfig &region : m_config.regions)
        endpoints += region.endpoints;
    m_scheduler->setEndpoints(endpoints);
    m_scheduler->start();
    return m_window.get();
}

} // namespace Console
