#pragma once

#include "config.h"
#include "probescheduler.h"

#include <QObject>
#include <QStringList>

#include <memory>

class QNetworkAccessManager;

namespace Console {

class DemoTopology;
class EndpointStatusModel;
class EventLogModel;
class HeartbeatLedger;
class HealthMonitor;
class MainWindow;
class RoleTracker;
class TimeSeriesStore;

// Wires services to models to the window: probes feed the health monitor and the time series, the
// monitor feeds the status model and the event log. One instance per running console.
class ConsoleRuntime final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleRuntime)
public:
    explicit ConsoleRuntime(QObject *parent = nullptr);
    ~ConsoleRuntime() override;

    // Starts the built-in topology and loads its config. On failure, errors() says why.
    bool startDemo();
    // Applies "REGION=FAULT" settings to the running demo; false with errors() on a bad one.
    bool applyDemoFaults(const QStringList &settings);
    // Loads a config file. On failure, errors() holds every diagnostic as FILE:LINE:COLUMN:
    // message.
    bool loadConfig(const QString &path);
    QStringList errors() const { return m_errors; }

    // Creates the window (not shown) and starts probing.
    MainWindow *startConsole();

    const ConsoleConfig &config() const { return m_config; }
    DemoTopology *demo() const { return m_demo; }
    EndpointStatusModel *statusModel() const { return m_statusModel; }
    EventLogModel *eventModel() const { return m_eventModel; }
    HealthMonitor *healthMonitor() const { return m_health; }
    TimeSeriesStore *timeSeries() const { return m_series; }
    ProbeScheduler *scheduler() const { return m_scheduler; }
    MainWindow *window() const { return m_window.get(); }
    HeartbeatLedger *heartbeatLedger() const { return m_ledger.get(); }

private:
    bool applyLoad(const QString &path, const QMap<QString, QString> &variables);
    ProbeScheduler::ProberFactory proberFactory() const;

    ConsoleConfig m_config;
    QStringList m_errors;
    // QObjects below are children of this runtime; the window is a top-level widget, owned here.
    QNetworkAccessManager *m_network = nullptr;
    DemoTopology *m_demo = nullptr;
    ProbeScheduler *m_scheduler = nullptr;
    HealthMonitor *m_health = nullptr;
    RoleTracker *m_roles = nullptr;
    TimeSeriesStore *m_series = nullptr;
    EndpointStatusModel *m_statusModel = nullptr;
    EventLogModel *m_eventModel = nullptr;
    std::unique_ptr<HeartbeatLedger> m_ledger;
    std::unique_ptr<MainWindow> m_window;
};

} // namespace Console
