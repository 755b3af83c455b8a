#pragma once

#include "receivedrequest.h"
#include "serverreply.h"

#include <QObject>
#include <QTimer>

#include <functional>

class QTcpSocket;

namespace Console {

// One accepted connection of MisbehavingHttpServer: parses HTTP/1.1 requests one after the
// other (keep-alive) and carries out the ServerReply chosen for each path.
class ServerConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerConnection)
public:
    using ReplyLookup = std::function<ServerReply(const QByteArray &path)>;

    // Takes ownership of the socket.
    explicit ServerConnection(QTcpSocket *socket, int serial, ReplyLookup lookup, QObject *parent);
    ~ServerConnection() override;

signals:
    void requestStarted(const Console::ReceivedRequest &request);
    // The request is over: answered, abandoned by the client, or dropped by us.
    void requestEnded(const QByteArray &path);
    void reusedConnectionDropped();
    void closed();

private:
    void onReadyRead();
    bool parseOneRequest();
    void handle(const ReceivedRequest &request);
    void sendAnswer(const ServerReply &reply, bool withBody, bool closeAfter);
    void sendOversized(const ServerReply &reply);
    void sendTrickleByte();
    void sendGzipBomb(const ServerReply &reply, bool withBody);
    void sendEndlessHeaders();
    void resetConnection();
    void endRequest();
    void onDisconnected();

    QTcpSocket *m_socket; // owned (child)
    int m_serial;
    ReplyLookup m_lookup;
    QByteArray m_buffer;
    int m_requestsSeen = 0;
    bool m_busy = false;
    QByteArray m_currentPath;
    QTimer m_trickleTimer;
    qint64 m_endlessHeaderBytesLeft = 0; // EndlessHeaders: what may still be written
};

} // namespace Console
