#pragma once

#include "demofault.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Console {

class DemoControlServer;
class DemoDatabase;
class DemoRegionServer;

// The built-in demo: three simulated regions (US East primary, EU West standby, APAC replica),
// each an HTTP server on a free 127.0.0.1 port, the infrastructure around them (fencing, the
// load balancer, a chat webhook) on one more, plus the console configuration that watches them
// and fails over between them. Faults can be injected per region so a newcomer can watch
// detection, a failover and a failback happen with no database installed.
class DemoTopology final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoTopology)

public:
    explicit DemoTopology(QObject *parent = nullptr);
    ~DemoTopology() override;

    // Starts every region's server; on failure nothing is left listening.
    bool start(QString *error = nullptr);
    // Closes every server and clears every fault.
    void stop();
    bool isRunning() const { return m_running; }

    // Values for ${...} in configPath(): DEMO_<REGION>_URL (e.g. DEMO_US_EAST_URL =
    // "http://127.0.0.1:41234") for each region, DEMO_CONTROL_URL for the control server,
    // DEMO_API_KEY and DEMO_ADMIN_TOKEN (both random per instance). Empty until start() succeeds.
    QMap<QString, QString> variables() const;
    // The demo's console configuration, a Qt resource.
    QString configPath() const;
    QStringList regionIds() const;
    QUrl baseUrl(const QString &regionId) const;
    QString apiKey() const;
    // What the admin endpoints want in their X-Demo-Token header (and the webhook in its URL).
    QString adminToken() const;
    QUrl controlUrl() const;
    // Traffic switches and notices as the control server received them. Never null.
    DemoControlServer *control() const { return m_control; }
    // The simulated database of a region; null for an unknown region.
    const DemoDatabase *database(const QString &regionId) const;
    static QString urlVariableName(const QString &regionId);

    void setFault(const QString &regionId, DemoFault fault);
    DemoFault fault(const QString &regionId) const;

signals:
    // Also emitted when a requested fault could not be applied, with the fault still in force.
    void faultChanged(const QString &regionId, Console::DemoFault fault);

private:
    DemoRegionServer *server(const QString &regionId) const;

    QByteArray m_apiKey;
    QByteArray m_adminToken;
    QList<DemoRegionServer *> m_servers; // children of this
    DemoControlServer *m_control = nullptr; // child of this
    bool m_running = false;
};

} // namespace Console
