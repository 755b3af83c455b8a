#pragma once

#include "receivedrequest.h"
#include "serverreply.h"

#include <QHash>
#include <QObject>
#include <QUrl>

#include <memory>

class QSslConfiguration;
class QTcpServer;

namespace Console {

// A loopback HTTP/1.1 server on a raw QTcpServer (or QSslServer) whose answer per path can be
// right or wrong in the ways real and hostile servers are: slow, huge, garbage, endless body or
// endless headers, a gzip bomb, a trickle, silent, reset, or closing a kept-alive connection. It
// counts requests and concurrent requests per path so tests can check what a client really did.
class MisbehavingHttpServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MisbehavingHttpServer)
public:
    explicit MisbehavingHttpServer(QObject *parent = nullptr);
    ~MisbehavingHttpServer() override;

    // Listens on 127.0.0.1; port 0 picks a free one.
    bool listen(quint16 port = 0);
    bool listenTls(const QSslConfiguration &configuration, quint16 port = 0);
    void close();
    quint16 port() const;
    QUrl url(const QString &path) const;

    void setReply(const QByteArray &path, const ServerReply &reply);
    // For paths without their own reply; a 404 unless set.
    void setDefaultReply(const ServerReply &reply);
    // A long benchmark does not want every request kept.
    void setRecordRequests(bool record);

    QList<ReceivedRequest> requests() const;
    int requestCount(const QByteArray &path) const;
    int inFlight(const QByteArray &path) const;
    int maxInFlight(const QByteArray &path) const;
    int totalRequests() const;
    int connectionCount() const;
    int openConnectionCount() const;
    int droppedReusedCount() const;

signals:
    void requestReceived(const Console::ReceivedRequest &request);

private:
    struct PathStats
    {
        int requests = 0;
        int inFlight = 0;
        int maxInFlight = 0;
    };

    bool startListening(quint16 port);
    void onPendingConnection();
    void onRequestStarted(const ReceivedRequest &request);
    void onRequestEnded(const QByteArray &path);
    ServerReply replyFor(const QByteArray &path) const;

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    QHash<QByteArray, ServerReply> m_replies;
    ServerReply m_defaultReply;
    bool m_recordRequests = true;
    QList<ReceivedRequest> m_requests;
    QHash<QByteArray, PathStats> m_stats;
    int m_totalRequests = 0;
    int m_connections = 0;
    int m_openConnections = 0;
    int m_droppedReused = 0;
};

} // namespace Console
