#include "serverconnection.h"

#include "gzipbomb.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace Console {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    }
    return "Status";
}

// RFC 9110: 1xx, 204 and 304 never carry a body nor (for 204) a Content-Length.
bool statusHasBody(int status)
{
    return status >= 200 && status != 204 && status != 304;
}

constexpr qsizetype MaxHeaderBytes = 64 * 1024;
// EndlessHeaders keeps this much queued: enough to flood a client, bounded on our side.
constexpr qint64 EndlessHeadersQueued = 256 * 1024;

QByteArray headerFloodBlock()
{
    QByteArray block;
    for (int i = 0; block.size() < 16 * 1024; ++i)
        block += "X-Flood-" + QByteArray::number(i) + ": " + QByteArray(200, 'f') + "\r\n";
    return block;
}

} // namespace

ServerConnection::ServerConnection(
    QTcpSocket *socket, int serial, ReplyLookup lookup, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_serial(serial)
    , m_lookup(std::move(lookup))
{
    m_socket->setParent(this);
    connect(m_socket, &QTcpSocket::readyRead, this, &ServerConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &ServerConnection::onDisconnected);
    m_trickleTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_trickleTimer, &QTimer::timeout, this, &ServerConnection::sendTrickleByte);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_endlessHeaderBytesLeft > 0)
            sendEndlessHeaders();
    });
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &ServerConnection::onReadyRead, Qt::QueuedConnection);
}

ServerConnection::~ServerConnection() = default;

void ServerConnection::onReadyRead()
{
    m_buffer += m_socket->readAll();
    // One request at a time: the next one is parsed only after this one ended (no pipelining).
    while (!m_busy && m_socket->state() == QAbstractSocket::ConnectedState && parseOneRequest()) { }
    if (m_buffer.size() > MaxHeaderBytes)
        m_socket->abort();
}

bool ServerConnection::parseOneRequest()
{
    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    ReceivedRequest request;
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    const qsizetype query = request.target.indexOf('?');
    request.path = query < 0 ? request.target : request.target.left(query);
    qint64 contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers.append({ name, value });
        if (name.compare("content-length", Qt::CaseInsensitive) == 0)
            contentLength = value.toLongLong();
    }
    const qsizetype total = headerEnd + 4 + contentLength;
    if (m_buffer.size() < total)
        return false;
    m_buffer.remove(0, total);
    request.connectionSerial = m_serial;
    request.indexOnConnection = ++m_requestsSeen;
    handle(request);
    return true;
}

void ServerConnection::handle(const ReceivedRequest &request)
{
    m_busy = true;
    m_currentPath = request.path;
    emit requestStarted(request);
    const ServerReply reply = m_lookup(request.path);
    const bool withBody = request.method != "HEAD";
    const bool closeAfter = request.header("connection").compare("close", Qt::CaseInsensitive) == 0;

    switch (reply.mode) {
    case ServerReply::Mode::Answer:
        if (reply.delay.count() > 0) {
            QTimer::singleShot(reply.delay, this,
                [this, reply, withBody, closeAfter] { sendAnswer(reply, withBody, closeAfter); });
        } else {
            sendAnswer(reply, withBody, closeAfter);
        }
        return;
    case ServerReply::Mode::DropReused:
        if (request.indexOnConnection > 1) {
            emit reusedConnectionDropped();
            m_socket->abort(); // ends the request through onDisconnected()
            return;
        }
        sendAnswer(reply, withBody, closeAfter);
        return;
    case ServerReply::Mode::Oversized: sendOversized(reply); return;
    case ServerReply::Mode::Garbage:
        m_socket->write("SSH-2.0-OpenSSH_9.2p1\r\n\x01\x02\x03 this is not HTTP at all\r\n\r\n");
        m_socket->disconnectFromHost();
        return;
    case ServerReply::Mode::Trickle:
        m_socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        "Transfer-Encoding: chunked\r\n\r\n");
        m_trickleTimer.start(reply.trickleEvery);
        return;
    case ServerReply::Mode::Silent: return;
    case ServerReply::Mode::GzipBomb: sendGzipBomb(reply, withBody); return;
    case ServerReply::Mode::EndlessHeaders:
        m_socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n");
        m_endlessHeaderBytesLeft = reply.bodyBytes;
        sendEndlessHeaders();
        return;
    case ServerReply::Mode::Reset: resetConnection(); return;
    }
}

void ServerConnection::sendAnswer(const ServerReply &reply, bool withBody, bool closeAfter)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + ' '
        + reasonPhrase(reply.status) + "\r\n";
    for (const auto &[name, value] : reply.headers)
        out += name + ": " + value + "\r\n";
    if (statusHasBody(reply.status))
        out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    if (closeAfter)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (withBody && statusHasBody(reply.status))
        out += reply.body;
    m_socket->write(out);
    if (closeAfter)
        m_socket->disconnectFromHost();
    endRequest();
}

void ServerConnection::sendOversized(const ServerReply &reply)
{
    QByteArray out = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n";
    if (reply.announceLength)
        out += "Content-Length: " + QByteArray::number(reply.bodyBytes) + "\r\n";
    else
        out += "Connection: close\r\n"; // the body ends when the connection does
    out += "\r\n";
    m_socket->write(out);
    const QByteArray block(16 * 1024, 'x');
    for (qint64 written = 0; written < reply.bodyBytes; written += block.size())
        m_socket->write(block.constData(), qMin<qint64>(block.size(), reply.bodyBytes - written));
    if (!reply.announceLength)
        m_socket->disconnectFromHost();
    endRequest();
}

void ServerConnection::sendGzipBomb(const ServerReply &reply, bool withBody)
{
    const QByteArray body = gzipBomb(reply.bodyBytes);
    QByteArray out = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                     "Content-Encoding: gzip\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n";
    if (withBody)
        out += body;
    m_socket->write(out);
    endRequest();
}

// Tops the queue up whenever the client has read some: a flood as fast as it can take.
void ServerConnection::sendEndlessHeaders()
{
    static const QByteArray block = headerFloodBlock();
    while (m_endlessHeaderBytesLeft > 0 && m_socket->bytesToWrite() < EndlessHeadersQueued
        && m_socket->state() == QAbstractSocket::ConnectedState) {
        m_socket->write(block);
        m_endlessHeaderBytesLeft -= block.size();
    }
    if (m_endlessHeaderBytesLeft <= 0)
        m_socket->abort();
}

// SO_LINGER with a zero timeout makes close() send RST instead of FIN: a crashed middlebox
// or a firewall rather than a server that hung up.
void ServerConnection::resetConnection()
{
    const linger hard { 1, 0 };
    const qintptr descriptor = m_socket->socketDescriptor();
    if (descriptor >= 0)
        ::setsockopt(static_cast<int>(descriptor), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    m_socket->abort(); // ends the request through onDisconnected()
}

void ServerConnection::sendTrickleByte()
{
    m_socket->write("1\r\n \r\n");
}

void ServerConnection::endRequest()
{
    if (!m_busy)
        return;
    m_busy = false;
    emit requestEnded(m_currentPath);
    if (m_socket->state() == QAbstractSocket::ConnectedState && !m_buffer.isEmpty())
        QMetaObject::invokeMethod(this, &ServerConnection::onReadyRead, Qt::QueuedConnection);
}

void ServerConnection::onDisconnected()
{
    m_trickleTimer.stop();
    endRequest();
    emit closed();
    deleteLater();
}

} // namespace Console
