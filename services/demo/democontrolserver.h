#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

QT_BEGIN_NAMESPACE
class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpServer;
QT_END_NAMESPACE

namespace Console {

class DemoRegionServer;

// The infrastructure around the demo's regions, on a loopback port of its own: the fence a cloud
// provider offers (POST /fence?region=REGION cuts a node off whether or not it answers, which a
// region's own server cannot do once it is down), the load balancer that sends clients to one
// region (POST /traffic?primary=REGION) and a Slack-style chat webhook (POST /hooks/TOKEN with
// {"text": ...}). The failover engine's fence, traffic and notify actions call it; the fence and
// the traffic switch want loopback and the run's token, the webhook its URL, like Slack's.
class DemoControlServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoControlServer)

public:
    // `regions` are not owned and must outlive this server; the first primary among them is
    // where the traffic goes at first.
    DemoControlServer(
        const QList<DemoRegionServer *> &regions, const QByteArray &adminToken, QObject *parent);
    ~DemoControlServer() override;

    bool start(QString *error);
    // Closes the port and forgets the traffic switches and the notices.
    void stop();
    QUrl baseUrl() const;

    // The region the load balancer sends clients to now.
    QString trafficRegion() const { return m_trafficRegion; }
    // Every region traffic was switched to, oldest first.
    QStringList trafficSwitches() const { return m_trafficSwitches; }
    // The text of every notice the webhook received, oldest first.
    QStringList notices() const { return m_notices; }

signals:
    void trafficSwitched(const QString &regionId);
    void noticeReceived(const QString &text);

private:
    void addRoutes();
    void onFence(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void onTraffic(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void onHook(
        const QString &token, const QHttpServerRequest &request, QHttpServerResponder &&responder);
    DemoRegionServer *region(const QString &regionId) const;
    QString initialTrafficRegion() const;

    QList<DemoRegionServer *> m_regions; // not owned: siblings under the topology
    QByteArray m_adminToken;
    QHttpServer *m_server = nullptr; // child of this while started
    QTcpServer *m_tcp = nullptr; // not owned: m_server parents it
    QString m_trafficRegion;
    QStringList m_trafficSwitches;
    QStringList m_notices;
};

} // namespace Console
