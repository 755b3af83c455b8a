#include "misbehavinghttpserver.h"

#include "serverconnection.h"

#include <QSslConfiguration>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>

namespace Console {

MisbehavingHttpServer::MisbehavingHttpServer(QObject *parent)
    : QObject(parent)
    , m_defaultReply(ServerReply::answer(404, "no such path\n"))
{ }

MisbehavingHttpServer::~MisbehavingHttpServer() = default;

bool MisbehavingHttpServer::listen(quint16 port)
{
    m_server = std::make_unique<QTcpServer>();
    m_tls = false;
    return startListening(port);
}

bool MisbehavingHttpServer::listenTls(const QSslConfiguration &configuration, quint16 port)
{
    auto server = std::make_unique<QSslServer>();
    server->setSslConfiguration(configuration);
    m_server = std::move(server);
    m_tls = true;
    return startListening(port);
}

bool MisbehavingHttpServer::startListening(quint16 port)
{
    // QSslServer queues a connection only after its handshake, so this signal fits both kinds.
    connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this,
        &MisbehavingHttpServer::onPendingConnection);
    m_server->setMaxPendingConnections(1024);
    return m_server->listen(QHostAddress::LocalHost, port);
}

void MisbehavingHttpServer::close()
{
    if (m_server)
        m_server->close();
}

quint16 MisbehavingHttpServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QUrl MisbehavingHttpServer::url(const QString &path) const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    url.setPath(path);
    return url;
}

void MisbehavingHttpServer::setReply(const QByteArray &path, const ServerReply &reply)
{
    m_replies.insert(path, reply);
}

void MisbehavingHttpServer::setDefaultReply(const ServerReply &reply)
{
    m_defaultReply = reply;
}

void MisbehavingHttpServer::setRecordRequests(bool record)
{
    m_recordRequests = record;
}

QList<ReceivedRequest> MisbehavingHttpServer::requests() const
{
    return m_requests;
}

int MisbehavingHttpServer::requestCount(const QByteArray &path) const
{
    return m_stats.value(path).requests;
}

int MisbehavingHttpServer::inFlight(const QByteArray &path) const
{
    return m_stats.value(path).inFlight;
}

int MisbehavingHttpServer::maxInFlight(const QByteArray &path) const
{
    return m_stats.value(path).maxInFlight;
}

int MisbehavingHttpServer::totalRequests() const
{
    return m_totalRequests;
}

int MisbehavingHttpServer::connectionCount() const
{
    return m_connections;
}

int MisbehavingHttpServer::openConnectionCount() const
{
    return m_openConnections;
}

int MisbehavingHttpServer::droppedReusedCount() const
{
    return m_droppedReused;
}

void MisbehavingHttpServer::onPendingConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_connections;
        ++m_openConnections;
        auto *connection = new ServerConnection(
            socket, m_connections, [this](const QByteArray &path) { return replyFor(path); }, this);
        connect(connection, &ServerConnection::requestStarted, this,
            &MisbehavingHttpServer::onRequestStarted);
        connect(connection, &ServerConnection::requestEnded, this,
            &MisbehavingHttpServer::onRequestEnded);
        connect(connection, &ServerConnection::reusedConnectionDropped, this,
            [this] { ++m_droppedReused; });
        connect(connection, &ServerConnection::closed, this, [this] { --m_openConnections; });
    }
}

void MisbehavingHttpServer::onRequestStarted(const ReceivedRequest &request)
{
    ++m_totalRequests;
    PathStats &stats = m_stats[request.path];
    ++stats.requests;
    ++stats.inFlight;
    stats.maxInFlight = qMax(stats.maxInFlight, stats.inFlight);
    if (m_recordRequests)
        m_requests.append(request);
    emit requestReceived(request);
}

void MisbehavingHttpServer::onRequestEnded(const QByteArray &path)
{
    --m_stats[path].inFlight;
}

ServerReply MisbehavingHttpServer::replyFor(const QByteArray &path) const
{
    return m_replies.value(path, m_defaultReply);
}

} // namespace Console
