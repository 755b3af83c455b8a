#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpServer>

namespace Console {

// A loopback stand-in for a transaction-mode pooler such as PgBouncer: it refuses a startup
// packet carrying the "options" parameter the way PgBouncer does (FATAL 08P01 "unsupported
// startup parameter: options") and otherwise relays the session to a real server, recording
// what the client sent.
class PoolerProxy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoolerProxy)
public:
    explicit PoolerProxy(quint16 serverPort, QObject *parent = nullptr);

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    int rejectedStartups() const { return m_rejected; }
    int relayedStartups() const { return m_relayed; }
    // Everything clients sent after a relayed startup packet.
    QByteArray clientTraffic() const { return m_traffic; }

private:
    void onNewConnection();

    QTcpServer m_server;
    quint16 m_serverPort;
    int m_rejected = 0;
    int m_relayed = 0;
    QByteArray m_traffic;
};

} // namespace Console
