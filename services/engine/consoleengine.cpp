#include "consoleengine.h"

#include "breakerboard.h"
#include "clock.h"
#include "configloader.h"
#include "demotopology.h"
#include "eventhub.h"
#include "failovercontroller.h"
#include "healthmonitor.h"
#include "heartbeatledger.h"
#include "httpprober.h"
#include "journal.h"
#include "journalrecorder.h"
#include "postgresprober.h"
#include "probescheduler.h"
#include "selfcheck.h"
#include "topologystate.h"

#include <QNetworkAccessManager>

namespace Console {

ConsoleEngine::ConsoleEngine(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock ? clock : Clock::system())
    , m_hub(std::make_unique<EventHub>(m_clock))
{ }

ConsoleEngine::~ConsoleEngine()
{
    // Members go in reverse order without help; stopping first only says so on the stream.
    stop(tr("the console is closing"));
}

bool ConsoleEngine::startDemo()
{
    m_demo = std::make_unique<DemoTopology>();
    QString error;
    if (!m_demo->start(&error)) {
        m_errors = { tr("cannot start the demo topology: %1").arg(error) };
        m_demo.reset();
        return false;
    }
    connect(m_demo.get(), &DemoTopology::faultChanged, this,
        [this](const QString &regionId, DemoFault fault) {
            ConsoleEvent event;
            event.kind = EventKind::DemoFault;
            event.severity = EventSeverity::Info;
            event.regionId = regionId;
            event.message = fault == DemoFault::None
                ? tr("Demo: %1 restored.").arg(overview().regionName(regionId))
                : tr("Demo: fault \"%1\" set on %2.")
                      .arg(toString(fault), overview().regionName(regionId));
            event.fields = { { QStringLiteral("fault"), toString(fault) } };
            m_hub->publish(event);
        });
    return applyLoad(m_demo->configPath(), m_demo->variables());
}

bool ConsoleEngine::applyDemoFaults(const QStringList &settings)
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

bool ConsoleEngine::loadConfig(const QString &path)
{
    return applyLoad(path, {});
}

bool ConsoleEngine::applyLoad(const QString &path, const QMap<QString, QString> &variables)
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

bool ConsoleEngine::setJournalPath(const QString &path)
{
    m_recorder.reset();
    m_journal.reset();
    if (path.isEmpty())
        return true;
    m_journal = std::make_unique<Journal>();
    if (!m_journal->open(path)) {
        m_errors = { tr("cannot open the journal: %1").arg(m_journal->error()) };
        m_journal.reset();
        return false;
    }
    m_recorder = std::make_unique<JournalRecorder>(m_hub.get(), m_journal.get());
    return true;
}

void ConsoleEngine::start()
{
    if (m_running)
        return;
    m_ledger = std::make_unique<HeartbeatLedger>();
    m_network = std::make_unique<QNetworkAccessManager>();
    // Kept across restarts: probers of the previous run may still hold it.
    if (!m_curl)
        m_curl = std::make_unique<CurlMulti>();
    m_health = std::make_unique<HealthMonitor>(m_config);
    m_health->setClock(m_clock);
    m_health->setEventHub(m_hub.get());
    m_topology = std::make_unique<TopologyState>(m_config);
    m_topology->setClock(m_clock);
    m_topology->setEventHub(m_hub.get());
    m_topology->setHeartbeatLedger(m_ledger.get());
    connect(m_health.get(), &HealthMonitor::healthChanged, m_topology.get(),
        &TopologyState::onHealthChanged);
    m_breakers = std::make_unique<BreakerBoard>(m_config);
    m_breakers->setClock(m_clock);
    m_breakers->setEventHub(m_hub.get());
    m_selfCheck = std::make_unique<SelfCheck>(m_config);
    m_selfCheck->setClock(m_clock);
    m_selfCheck->setEventHub(m_hub.get());
    connect(m_health.get(), &HealthMonitor::healthChanged, m_selfCheck.get(),
        &SelfCheck::onHealthChanged);

    const ProbeScheduler::ProberFactory http = HttpProber::factory(m_curl.get());
    const ProbeScheduler::ProberFactory postgres = PostgresProber::factory(m_ledger.get());
    m_scheduler = std::make_unique<ProbeScheduler>(
        [http, postgres](const EndpointConfig &endpoint, QObject *parent) -> Prober * {
            switch (endpoint.kind) {
            case EndpointKind::Http:
            case EndpointKind::Breakers: return http(endpoint, parent);
            case EndpointKind::Postgres: return postgres(endpoint, parent);
            }
            return nullptr;
        },
        m_clock);
    connect(
        m_scheduler.get(), &ProbeScheduler::probeFinished, this, &ConsoleEngine::onProbeFinished);

    FailoverServices services;
    services.topology = m_topology.get();
    services.health = m_health.get();
    services.breakers = m_breakers.get();
    services.selfCheck = m_selfCheck.get();
    services.ledger = m_ledger.get();
    services.hub = m_hub.get();
    services.journal = m_journal.get();
    services.network = m_network.get();
    services.clock = m_clock;
    const QString who = QStringLiteral("%1, %2").arg(
        Journal::osUser(), m_role.isEmpty() ? tr("console") : m_role);
    m_failover = std::make_unique<FailoverController>(
        m_config, services,
        [http, postgres](const EndpointConfig &endpoint, QObject *parent) -> Prober * {
            return endpoint.kind == EndpointKind::Postgres ? postgres(endpoint, parent)
                                                           : http(endpoint, parent);
        },
        who);
    if (m_automaticOverride)
        m_failover->setAutomatic(*m_automaticOverride);
    connect(m_health.get(), &HealthMonitor::healthChanged, m_failover.get(),
        &FailoverController::onHealthChanged);
    connect(
        m_failover.get(), &FailoverController::probeResult, this, &ConsoleEngine::onProbeFinished);
    connect(m_breakers.get(), &BreakerBoard::transition, m_failover.get(),
        &FailoverController::onBreakerTransition);

    ConsoleEvent started;
    started.kind = EventKind::ConsoleStarted;
    started.message
        = tr("Watching %n endpoint(s) in %1 region(s).", nullptr, m_config.endpointCount())
              .arg(m_config.regions.size());
    started.fields = { { QStringLiteral("endpoints"), m_config.endpointCount() },
        { QStringLiteral("regions"), int(m_config.regions.size()) },
        { QStringLiteral("config"), m_demo ? QStringLiteral("demo") : m_config.sourceFile },
        { QStringLiteral("version"), QStringLiteral(CONSOLE_VERSION) } };
    m_hub->publish(started);

    QList<EndpointConfig> endpoints;
    for (const RegionConfig &region : m_config.regions)
        endpoints += region.endpoints;
    m_scheduler->setEndpoints(endpoints);
    m_running = true;
    m_scheduler->start();
}

void ConsoleEngine::stop(const QString &why)
{
    if (!m_running)
        return;
    m_running = false;
    m_failover->abandon(why);
    m_scheduler->stop();
    ConsoleEvent stopping;
    stopping.kind = EventKind::ConsoleStopping;
    stopping.message = tr("Stopping: %1.").arg(why);
    stopping.fields = { { QStringLiteral("why"), why } };
    m_hub->publish(stopping);
    // console-stopping is the last word: a breaker's reset timer must not speak after it.
    m_breakers->setEventHub(nullptr);
    // Deleting the probers closes their PostgreSQL sessions and aborts HTTP requests now,
    // rather than whenever the process happens to end.
    m_scheduler.reset();
}

void ConsoleEngine::onProbeFinished(const ProbeResult &result)
{
    m_topology->observe(result);
    // Before the health monitor, so a region's change finds the failure that caused it.
    m_selfCheck->onProbeResult(result);
    m_health->evaluate(result, m_clock->now(), m_topology->lagReading(result.endpointId));
    m_breakers->onProbeResult(result);
    m_failover->onProbeFinished(result);
    emit probeFinished(result);
}

} // namespace Console
