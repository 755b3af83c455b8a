#include "demoregionserver.h"
#include "demoadmingate.h"

#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace Console {

Q_LOGGING_CATEGORY(lcDemo, "console.demo")

namespace {

constexpr auto GetOrHead = QHttpServerRequest::Method::Get | QHttpServerRequest::Method::Head;

void writeReply(QHttpServerResponder &responder, const DemoReply &reply, bool head)
{
    // Written by hand rather than with write(): a HEAD answer must announce the body's length
    // without sending it, or the client reads the body as the start of the next response.
    responder.writeStatusLine(QHttpServerResponder::StatusCode(reply.status));
    responder.writeHeader("Content-Type", reply.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    responder.writeHeader("Cache-Control", "no-store");
    responder.writeBody(head ? QByteArray() : reply.body);
}

} // namespace

DemoRegionServer::DemoRegionServer(const DemoRegionSpec &spec, const QByteArray &apiKey,
    const QByteArray &adminToken, QObject *parent)
    : QObject(parent)
    , m_behaviour(spec, apiKey)
    , m_adminToken(adminToken)
{
    m_clock.start();
}

DemoRegionServer::~DemoRegionServer() = default;

bool DemoRegionServer::start(QString *error)
{
    if (m_server)
        return true;
    m_server = new QHttpServer(this);
    addRoutes();
    if (!listen(0, error)) {
        stop();
        return false;
    }
    if (fault() == DemoFault::Down)
        closeAndDropConnections();
    return true;
}

void DemoRegionServer::stop()
{
    // Deleting the server deletes its listening socket and open connections (their children);
    // answers still waiting on a timer see their socket gone and drop silently.
    delete m_server;
    m_server = nullptr;
    m_tcp = nullptr;
    m_port = 0;
}

bool DemoRegionServer::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

DemoFault DemoRegionServer::setFault(DemoFault fault)
{
    const DemoFault previous = this->fault();
    if (fault == previous)
        return previous;
    if (m_server && fault == DemoFault::Down) {
        closeAndDropConnections();
    } else if (m_server && previous == DemoFault::Down) {
        QString error;
        if (!listen(m_port, &error)) {
            qCWarning(lcDemo, "region %ls stays down: %ls", qUtf16Printable(spec().id),
                qUtf16Printable(error));
            return previous;
        }
    }
    m_behaviour.setFault(fault, m_clock.elapsed());
    return fault;
}

QUrl DemoRegionServer::baseUrl() const
{
    if (m_port == 0)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

void DemoRegionServer::addRoutes()
{
    m_server->route(QStringLiteral("/rest/v1/"), GetOrHead,
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            answer(std::move(responder), request.method() == QHttpServerRequest::Method::Head,
                m_behaviour.restRoot(request.value("apikey")));
        });
    m_server->route(QStringLiteral("/api/health"), GetOrHead,
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            answer(std::move(responder), request.method() == QHttpServerRequest::Method::Head,
                m_behaviour.apiHealth(m_clock.elapsed(), QDateTime::currentDateTimeUtc()));
        });
    m_server->route(QStringLiteral("/auth/v1/health"), GetOrHead,
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            answer(std::move(responder), request.method() == QHttpServerRequest::Method::Head,
                m_behaviour.authHealth(request.value("apikey")));
        });
    m_server->route(QStringLiteral("/actuator/circuitbreakers"), GetOrHead,
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            answer(std::move(responder), request.method() == QHttpServerRequest::Method::Head,
                m_behaviour.circuitBreakers(m_clock.elapsed()));
        });
    addAdminRoute(QStringLiteral("/admin/promote"),
        [this](const QUrlQuery &) { return m_behaviour.promote(); });
    addAdminRoute(QStringLiteral("/admin/repoint"), [this](const QUrlQuery &query) {
        return m_behaviour.repoint(query.queryItemValue(QStringLiteral("upstream")));
    });
    addAdminRoute(QStringLiteral("/admin/rejoin"), [this](const QUrlQuery &query) {
        return m_behaviour.rejoin(query.queryItemValue(QStringLiteral("source")));
    });
}

void DemoRegionServer::addAdminRoute(
    const QString &path, const std::function<DemoReply(const QUrlQuery &)> &act)
{
    m_server->route(path, QHttpServerRequest::Method::Post,
        [this, act](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            if (auto rejected = rejectAdminRequest(
                    request.remoteAddress(), request.value(DemoTokenHeader), m_adminToken)) {
                answer(std::move(responder), false, *rejected);
                return;
            }
            const DemoReply reply = act(request.query());
            qCInfo(lcDemo, "region %ls: %ls -> %d", qUtf16Printable(spec().id),
                qUtf16Printable(request.url().toString(QUrl::RemoveScheme | QUrl::RemoveAuthority)),
                reply.status);
            answer(std::move(responder), false, reply);
        });
}

bool DemoRegionServer::listen(quint16 port, QString *error)
{
    const bool bound = m_tcp != nullptr;
    if (!bound)
        m_tcp = new QTcpServer(m_server);
    // Loopback only: the demo must never be reachable from another machine.
    if (!m_tcp->listen(QHostAddress::LocalHost, port)) {
        if (error) {
            *error = tr("cannot listen on 127.0.0.1:%1 for %2: %3")
                         .arg(port)
                         .arg(spec().id, m_tcp->errorString());
        }
        return false;
    }
    // Bound once, after the first listen (bind() warns about a server that is not listening);
    // the binding survives close() and listen() again, which is how Down keeps its port.
    if (!bound)
        m_server->bind(m_tcp);
    m_port = m_tcp->serverPort();
    return true;
}

void DemoRegionServer::closeAndDropConnections()
{
    if (!m_tcp)
        return;
    m_tcp->close();
    // QHttpServer parents accepted connections to the listening socket. Aborting them makes a
    // client with a kept-alive connection reconnect, and so meet the refusal too.
    const auto connections = m_tcp->findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    for (QTcpSocket *connection : connections)
        connection->abort();
}

void DemoRegionServer::answer(QHttpServerResponder &&responder, bool head, const DemoReply &reply)
{
    // The delay must not block the event loop, so the responder is kept and answered from a
    // timer. QHttpServer 6.4's responder holds a raw socket pointer and the socket is deleted when
    // the client hangs up (a probe timing out does), hence the guard. A coarse timer may fire 5%
    // early, which would make a hung region answer inside a probe's timeout: keep it precise.
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = pending->socket();
    QTimer::singleShot(reply.delay, Qt::PreciseTimer, this, [pending, socket, head, reply] {
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            writeReply(*pending, reply, head);
    });
}

} // namespace Console
