#pragma once

#include "pgconnectparams.h"
#include "pgresultset.h"

#include <QCoreApplication>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <memory>

namespace Console {

class PgConnection;

// What one administrative statement batch came back with.
struct AdminResult
{
    bool ok = false;
    QList<PgResultSet> results;
    QString error; // secret-free: built from libpq's message with the password scrubbed
    QByteArray sqlState;
    bool connectFailed = false; // the server could not be reached at all
    std::chrono::milliseconds elapsed {};
};

// Runs one batch of SQL over a region's admin connection: connect, send, read, close, all
// asynchronous and bounded by a deadline (the server's statement_timeout is set to it too, so an
// abandoned statement ends there as well). One batch per session: an admin action is rare, and a
// fresh session proves the server accepts new connections now.
class AdminSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AdminSession)
public:
    explicit AdminSession(QObject *parent = nullptr);
    ~AdminSession() override;

    // finished() follows exactly once, never from inside run(). Each batch is sent on its own
    // after the previous one succeeded (ALTER SYSTEM may not share a batch: a multi-statement
    // query is one implicit transaction); the results of all are returned in order.
    void run(const QString &connectionString, const QByteArrayList &batches,
        std::chrono::milliseconds timeout);
    bool isRunning() const { return m_running; }

    // Fences a primary it can reach: read-only by default for every new transaction, and its
    // client sessions ended so none keeps writing with the settings it started with. ALTER
    // SYSTEM may not share the implicit transaction of a multi-statement query: a batch of its
    // own. unfenceBatches() lifts it again.
    static QByteArrayList fenceBatches();
    static QByteArrayList unfenceBatches();

    // SQL string literal for `text`, quotes doubled (standard_conforming_strings is on by
    // default and the console never turns it off).
    static QByteArray literal(const QString &text);

signals:
    void finished(const Console::AdminResult &result);

private:
    void finish(AdminResult result);

    std::unique_ptr<PgConnection> m_connection;
    QTimer m_deadline;
    QByteArrayList m_batches;
    QList<PgResultSet> m_results;
    PgConnectParams m_params; // scrubs libpq's messages of the password
    qint64 m_startedNs = 0;
    bool m_running = false;
    bool m_sent = false;
};

} // namespace Console
