#include "recordinghttpserver.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QSslConfiguration>

namespace Console {

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

int RecordedRequest::headerCount(const QByteArray &name) const
{
    int count = 0;
    for (const auto &[key, value] : headers)
        count += key.compare(name, Qt::CaseInsensitive) == 0 ? 1 : 0;
    return count;
}

RecordingHttpServer::RecordingHttpServer(QObject *parent)
    : QAbstractHttpServer(parent)
{ }

RecordingHttpServer::~RecordingHttpServer() = default;

bool RecordingHttpServer::listenLocal()
{
    m_port = listen(QHostAddress::LocalHost, 0);
    return m_port != 0;
}

bool RecordingHttpServer::listenLocalTls(const QSslConfiguration &tls)
{
    sslSetup(tls);
    return listenLocal();
}

QString RecordingHttpServer::base(const QString &scheme) const
{
    return scheme + u"://127.0.0.1:" + QString::number(m_port);
}

void RecordingHttpServer::answer(const QByteArray &method, const QString &path, int status,
    const QByteArray &body, const QByteArray &contentType)
{
    m_replies.insert(method + ' ' + path.toUtf8(), { status, body, contentType, false });
}

void RecordingHttpServer::staySilent(const QByteArray &method, const QString &path)
{
    m_replies.insert(method + ' ' + path.toUtf8(), { 0, {}, {}, true });
}

QByteArray RecordingHttpServer::methodName(const QHttpServerRequest &request)
{
    switch (request.method()) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

bool RecordingHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    RecordedRequest recorded;
    recorded.method = methodName(request);
    recorded.path = request.url().path();
    recorded.query = request.url().query();
    recorded.headers = request.headers();
    recorded.body = request.body();
    m_requests.append(recorded);

    const Reply reply = m_replies.value(recorded.method + ' ' + recorded.path.toUtf8());
    QHttpServerResponder responder = makeResponder(request, socket);
    if (reply.silent) {
        m_silenced.push_back(std::make_unique<QHttpServerResponder>(std::move(responder)));
        return true;
    }
    responder.write(reply.body, reply.contentType.isEmpty() ? "text/plain" : reply.contentType,
        QHttpServerResponder::StatusCode(reply.status));
    return true;
}

void RecordingHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NotFound);
}

} // namespace Console
