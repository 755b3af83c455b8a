#include "poolerproxy.h"

#include <QTcpSocket>
#include <QtEndian>

namespace Console {

namespace {

constexpr quint32 SslRequest = 80877103;
constexpr quint32 GssRequest = 80877104;

// The startup packet's parameters: key\0value\0 ... \0 after length and protocol version.
bool hasParameter(const QByteArray &packet, const QByteArray &name)
{
    const QList<QByteArray> fields = packet.mid(8).split('\0');
    for (qsizetype i = 0; i + 1 < fields.size(); i += 2) {
        if (fields[i] == name)
            return true;
    }
    return false;
}

QByteArray errorResponse(const QByteArray &code, const QByteArray &message)
{
    QByteArray body;
    for (const auto &[type, value] :
        { std::pair { 'S', QByteArray("FATAL") }, std::pair { 'V', QByteArray("FATAL") },
            std::pair { 'C', code }, std::pair { 'M', message } }) {
        body += type;
        body += value;
        body += '\0';
    }
    body += '\0';
    QByteArray length(4, '\0');
    qToBigEndian<quint32>(quint32(body.size() + 4), length.data());
    return 'E' + length + body;
}

} // namespace

PoolerProxy::PoolerProxy(quint16 serverPort, QObject *parent)
    : QObject(parent)
    , m_serverPort(serverPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &PoolerProxy::onNewConnection);
}

bool PoolerProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void PoolerProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        client->setParent(this);
        auto *buffer = new QByteArray; // the startup phase's bytes, until relayed
        auto *upstream = new QTcpSocket(client);
        connect(client, &QObject::destroyed, client, [buffer] { delete buffer; });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        connect(upstream, &QTcpSocket::readyRead, client,
            [client, upstream] { client->write(upstream->readAll()); });
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        connect(client, &QTcpSocket::readyRead, client, [this, client, upstream, buffer] {
            if (upstream->state() != QAbstractSocket::UnconnectedState) {
                const QByteArray data = client->readAll();
                m_traffic += data;
                upstream->write(data);
                return;
            }
            *buffer += client->readAll();
            while (buffer->size() >= 8) {
                const quint32 length = qFromBigEndian<quint32>(buffer->constData());
                if (quint32(buffer->size()) < length)
                    return;
                const QByteArray packet = buffer->left(length);
                buffer->remove(0, length);
                const quint32 code = qFromBigEndian<quint32>(packet.constData() + 4);
                if (code == SslRequest || code == GssRequest) {
                    client->write("N");
                    continue;
                }
                if (hasParameter(packet, "options")) {
                    ++m_rejected;
                    client->write(errorResponse("08P01", "unsupported startup parameter: options"));
                    client->disconnectFromHost();
                    return;
                }
                ++m_relayed;
                connect(upstream, &QTcpSocket::connected, client, [upstream, packet, buffer] {
                    upstream->write(packet + *buffer);
                    buffer->clear();
                });
                upstream->connectToHost(QHostAddress::LocalHost, m_serverPort);
                return;
            }
        });
    }
}

} // namespace Console
