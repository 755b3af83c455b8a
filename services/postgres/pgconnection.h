#pragma once

#include "pgresultset.h"

#include <QList>
#include <QObject>

typedef struct pg_conn PGconn;
class QSocketNotifier;

namespace Console {

class PgConnectParams;

// One libpq session driven only by libpq's asynchronous calls on socket notifiers: connect with
// PQconnectStartParams/PQconnectPoll, query with PQsendQuery (simple protocol, so it works
// through a transaction-mode pooler), read with PQconsumeInput/PQisBusy/PQgetResult. Nothing here
// waits on the socket; many connections share one thread. PQcancel is never used: it blocks.
class PgConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PgConnection)
public:
    enum class State { Closed, Connecting, Idle, Busy };
    // How far a connect got, so a timeout can say where it stuck.
    enum class Stage { None, TcpConnect, Startup, Ready };

    explicit PgConnection(QObject *parent = nullptr);
    ~PgConnection() override;

    // Starts connecting; connected() or failed() follows, possibly before open() returns.
    void open(const PgConnectParams &params);
    // Sends a query string that may hold several statements; resultsReady() or failed() follows.
    void send(const QByteArray &sql);
    // Drops the session at once (PQfinish on a non-blocking socket); emits nothing.
    void close();

    State state() const { return m_state; }
    Stage stage() const { return m_stage; }

signals:
    void connected();
    // Every statement's result in order; a failed statement is the last one.
    void resultsReady(const QList<Console::PgResultSet> &results);
    // The session is closed when this is emitted (also when it is lost while idle).
    void failed(const Console::PgFailure &failure);

private:
    void watchSocket();
    void dropNotifiers();
    void setNotifiers(bool read, bool write);
    void onReadable();
    void onWritable();
    void pollConnect();
    void flushOutput();
    void readResults();
    QString target() const;
    void fail(bool duringConnect);

    PGconn *m_conn = nullptr; // owned: PQfinish in close()
    QSocketNotifier *m_readNotifier = nullptr; // owned (child), replaced when the socket changes
    QSocketNotifier *m_writeNotifier = nullptr; // owned (child)
    int m_socket = -1;
    State m_state = State::Closed;
    Stage m_stage = Stage::None;
    QList<PgResultSet> m_results;
};

} // namespace Console
