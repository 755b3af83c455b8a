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

class DemoRegionServer;

// The built-in demo: three simulated regions (US East primary, EU West standby, APAC replica),
// each an HTTP server on a free 127.0.0.1 port, plus the console configuration that watches them.
// Faults can be injected per region so a newcomer can watch detection and failover happen.
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
    // "http://127.0.0.1:41234") for each region, and DEMO_API_KEY (random per instance).
    // Empty until start() succeeds.
    QMap<QString, QString> variables() const;
    // The demo's console configuration, a Qt resource.
    QString configPath() const;
    QStringList regionIds() const;
    QUrl baseUrl(const QString &regionId) const;
    QString apiKey() const;
    static QString urlVariableName(const QString &regionId);

    void setFault(const QString &regionId, DemoFault fault);
    DemoFault fault(const QString &regionId) const;

signals:
    // Also emitted when a requested fault could not be applied, with the fault still in force.
    void faultChanged(const QString &regionId, Console::DemoFault fault);

private:
    DemoRegionServer *server(const QString &regionId) const;

    QByteArray m_apiKey;
    QList<DemoRegionServer *> m_servers; // children of this
    bool m_running = false;
};

} // namespace Console
