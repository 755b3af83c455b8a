#pragma once

#include "demofault.h"
#include "demoregionbehaviour.h"
#include "demoregionspec.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

QT_BEGIN_NAMESPACE
class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpServer;
QT_END_NAMESPACE

namespace Console {

Q_DECLARE_LOGGING_CATEGORY(lcDemo)

// One simulated region: an HTTP server on 127.0.0.1 serving /rest/v1/, /api/health,
// /auth/v1/health and /actuator/circuitbreakers with the region's latency, the fault injected
// into it, and the admin endpoints a failover drives its database with (POST /admin/promote,
// /admin/repoint?upstream=REGION, /admin/rejoin?source=REGION; loopback and the run's token only).
class DemoRegionServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoRegionServer)

public:
    DemoRegionServer(const DemoRegionSpec &spec, const QByteArray &apiKey,
        const QByteArray &adminToken, QObject *parent = nullptr);
    ~DemoRegionServer() override;

    const DemoRegionSpec &spec() const { return m_behaviour.spec(); }
    const DemoDatabase &database() const { return m_behaviour.database(); }
    void setKnownRegions(const QStringList &regionIds) { m_behaviour.setKnownRegions(regionIds); }
    void resetDatabase() { m_behaviour.resetDatabase(); }
    // The fence as the infrastructure applies it (DemoControlServer): it works while the region
    // is down, which is the point of fencing through something other than the node.
    DemoReply fence() { return m_behaviour.fence(); }
    // Listens on a free loopback port; a region already Down keeps the port but stays closed.
    bool start(QString *error);
    // Closes everything and forgets the port.
    void stop();
    bool isStarted() const { return m_server != nullptr; }
    bool isListening() const;

    // Returns the fault now in force: Down stays if the port cannot be listened on again.
    DemoFault setFault(DemoFault fault);
    DemoFault fault() const { return m_behaviour.fault(); }

    quint16 port() const { return m_port; }
    QUrl baseUrl() const;

private:
    void addRoutes();
    bool listen(quint16 port, QString *error);
    void closeAndDropConnections();
    void answer(QHttpServerResponder &&responder, bool head, const DemoReply &reply);
    void addAdminRoute(const QString &path, const std::function<DemoReply(const QUrlQuery &)> &act);

    DemoRegionBehaviour m_behaviour;
    QByteArray m_adminToken;
    QElapsedTimer m_clock;
    QHttpServer *m_server = nullptr; // child of this while started
    QTcpServer *m_tcp = nullptr; // not owned: m_server parents it
    quint16 m_port = 0;
};

} // namespace Console
