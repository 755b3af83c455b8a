#pragma once

#include "config.h"
#include "configoverview.h"
#include "proberesult.h"

#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace Console {

class BreakerBoard;
class Clock;
class CurlMulti;
class DemoTopology;
class EventHub;
class FailoverController;
class HealthMonitor;
class Journal;
class JournalRecorder;
class HeartbeatLedger;
class ProbeScheduler;
class SelfCheck;
class TopologyState;

// The console without a face: the configuration, the probes and their scheduler, the health
// verdicts, the heartbeat ledger, the topology as the servers report it, and the one event
// stream they all publish to. The window and the headless mode are two thin shells over it.
//
// Each probe result goes to the topology first (so the lag it measured is current), then to
// the health monitor with that lag, then to the circuit breakers, then out as probeFinished()
// for the charts and counters.
class ConsoleEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleEngine)
public:
    // `clock` is not owned and must outlive the engine; null means the system clock.
    explicit ConsoleEngine(Clock *clock = nullptr, QObject *parent = nullptr);
    ~ConsoleEngine() override;

    // Loads a config file. On failure, errors() holds every diagnostic as FILE:LINE:COLUMN.
    bool loadConfig(const QString &path);
    // Starts the built-in loopback topology and loads its config.
    bool startDemo();
    // Applies "REGION=FAULT" settings to the running demo; false with errors() on a bad one.
    bool applyDemoFaults(const QStringList &settings);
    QStringList errors() const { return m_errors; }

    // Where runs, decisions and operator actions are journalled; empty keeps no journal. Set
    // before start(). False with errors() when the file cannot be opened.
    bool setJournalPath(const QString &path);
    // Automatic failover on or off over the configured mode (--auto-failover); before start().
    void setAutomaticFailover(bool automatic) { m_automaticOverride = automatic; }
    // What this console is in the action lock and the journal ("headless console", "window").
    void setConsoleRole(const QString &role) { m_role = role; }

    // Builds the services for the loaded config and starts probing.
    void start();
    // Stops probing and closes every session; publishes console-stopping with `why`. Safe to
    // call twice and before start().
    void stop(const QString &why);
    bool isRunning() const { return m_running; }

    // What the views may show of the configuration: no secrets.
    ConfigOverview overview() const { return ConfigOverview::from(m_config); }
    const ConsoleConfig &config() const { return m_config; }

    Clock *clock() const { return m_clock; }
    EventHub *events() const { return m_hub.get(); }
    DemoTopology *demo() const { return m_demo.get(); }
    // Null until start().
    HealthMonitor *health() const { return m_health.get(); }
    TopologyState *topology() const { return m_topology.get(); }
    BreakerBoard *breakers() const { return m_breakers.get(); }
    SelfCheck *selfCheck() const { return m_selfCheck.get(); }
    ProbeScheduler *scheduler() const { return m_scheduler.get(); }
    HeartbeatLedger *heartbeatLedger() const { return m_ledger.get(); }
    FailoverController *failover() const { return m_failover.get(); }
    Journal *journal() const { return m_journal.get(); }
    // Null without a journal. A drill points it at its run, so the events it causes belong there.
    JournalRecorder *journalRecorder() const { return m_recorder.get(); }

signals:
    // A probe result after the topology and the health monitor have taken it in.
    void probeFinished(const Console::ProbeResult &result);

private:
    bool applyLoad(const QString &path, const QMap<QString, QString> &variables);
    void onProbeFinished(const ProbeResult &result);

    // Declaration order is destruction order reversed: the scheduler and its probers go first
    // (they use the network, the ledger and the demo's servers), the clock and the hub last.
    Clock *m_clock; // not owned
    ConsoleConfig m_config;
    QStringList m_errors;
    bool m_running = false;
    std::optional<bool> m_automaticOverride;
    QString m_role;
    std::unique_ptr<EventHub> m_hub;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<JournalRecorder> m_recorder;
    std::unique_ptr<DemoTopology> m_demo;
    std::unique_ptr<HeartbeatLedger> m_ledger;
    std::unique_ptr<QNetworkAccessManager> m_network; // for actions
    std::unique_ptr<CurlMulti> m_curl; // for HTTP probes; outlives every prober made from it
    std::unique_ptr<HealthMonitor> m_health;
    std::unique_ptr<TopologyState> m_topology;
    std::unique_ptr<BreakerBoard> m_breakers;
    std::unique_ptr<SelfCheck> m_selfCheck;
    std::unique_ptr<FailoverController> m_failover;
    std::unique_ptr<ProbeScheduler> m_scheduler;
};

} // namespace Console
