#include "flakyproxy.h"

#include <QHostAddress>

FlakyProxy::FlakyProxy(quint16 upstreamPort, double failureShare, quint32 seed, QObject *parent)
    : QObject(parent)
    , m_random(seed)
    , m_upstreamPort(upstreamPort)
    , m_share(failureShare)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FlakyProxy::onConnection);
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_dropper, &QTimer::timeout, this, &FlakyProxy::dropSome);
    m_dropper.start(1000);
}

void FlakyProxy::onConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        client->setParent(this);
        if (m_random.generateDouble() < m_share) {
            ++m_refused;
            client->abort();
            client->deleteLater();
            continue;
        }
        ++m_relayed;
        auto *upstream = new QTcpSocket(this);
        Pair pair { client, upstream };
        connect(client, &QTcpSocket::readyRead, upstream,
            [client, upstream] { upstream->write(client->readAll()); });
        connect(upstream, &QTcpSocket::readyRead, client,
            [client, upstream] { client->write(upstream->readAll()); });
        connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        connect(upstream, &QTcpSocket::disconnected, upstream, &QObject::deleteLater);
        upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
        m_pairs.append(pair);
    }
}

void FlakyProxy::dropSome()
{
    m_pairs.removeIf([](const Pair &pair) { return !pair.client || !pair.upstream; });
    for (Pair &pair : m_pairs) {
        if (m_random.generateDouble() < m_share) {
            ++m_dropped;
            close(pair);
        }
    }
}

void FlakyProxy::close(Pair &pair)
{
    if (pair.client)
        pair.client->abort();
    if (pair.upstream)
        pair.upstream->abort();
}
