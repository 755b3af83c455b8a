#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

// A TCP relay on loopback that fails a share of what goes through it, at random but from a
// fixed seed (so a run is repeatable): it closes that share of new connections at once, and
// every second drops that share of the sessions it relays. A stand-in for a flaky network,
// since this machine has no netem.
class FlakyProxy final : public QObject
{
    Q_OBJECT
public:
    FlakyProxy(quint16 upstreamPort, double failureShare, quint32 seed, QObject *parent = nullptr);
    quint16 port() const { return m_server.serverPort(); }
    int refused() const { return m_refused; }
    int dropped() const { return m_dropped; }
    int relayed() const { return m_relayed; }

private:
    struct Pair
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
    };
    void onConnection();
    void dropSome();
    static void close(Pair &pair);

    QTcpServer m_server;
    QTimer m_dropper;
    QList<Pair> m_pairs;
    QRandomGenerator m_random;
    quint16 m_upstreamPort;
    double m_share;
    int m_refused = 0;
    int m_dropped = 0;
    int m_relayed = 0;
};
