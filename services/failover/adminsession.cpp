#include "adminsession.h"

#include "pgconnection.h"

#include <QElapsedTimer>

namespace Console {

namespace {

qint64 nowNs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.nsecsElapsed();
}

} // namespace

AdminSession::AdminSession(QObject *parent)
    : QObject(parent)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        AdminResult result;
        result.connectFailed = !m_sent;
        result.error = m_sent ? tr("no answer within %1 ms").arg(m_deadline.interval())
                              : tr("could not connect within %1 ms").arg(m_deadline.interval());
        finish(result);
    });
}

AdminSession::~AdminSession() = default;

void AdminSession::run(const QString &connectionString, const QByteArrayList &batches,
    std::chrono::milliseconds timeout)
{
    Q_ASSERT(!m_running);
    m_running = true;
    m_sent = false;
    m_batches = batches;
    m_results.clear();
    m_startedNs = nowNs();
    m_params = PgConnectParams::parse(connectionString);
    if (!m_params.isValid()) {
        const QString error = m_params.error();
        QTimer::singleShot(0, this, [this, error] {
            AdminResult result;
            result.connectFailed = true;
            result.error = error;
            finish(result);
        });
        return;
    }
    m_params.setStatementTimeout(timeout);
    m_connection = std::make_unique<PgConnection>();
    connect(m_connection.get(), &PgConnection::connected, this, [this] {
        m_sent = true;
        m_connection->send(m_batches.takeFirst());
    });
    connect(m_connection.get(), &PgConnection::resultsReady, this,
        [this](const QList<PgResultSet> &results) {
            m_results += results;
            const bool ok = !results.isEmpty() && results.constLast().ok;
            if (ok && !m_batches.isEmpty()) {
                m_connection->send(m_batches.takeFirst());
                return;
            }
            AdminResult result;
            result.results = m_results;
            result.ok = ok;
            if (!ok && !results.isEmpty()) {
                result.error = m_params.scrubbed(results.constLast().error);
                result.sqlState = results.constLast().sqlState;
            }
            finish(result);
        });
    connect(m_connection.get(), &PgConnection::failed, this, [this](const PgFailure &failure) {
        AdminResult result;
        result.connectFailed = failure.duringConnect;
        result.error = m_params.scrubbed(failure.message.trimmed());
        finish(result);
    });
    m_deadline.start(timeout);
    // open() may report at once; the result is delivered from the event loop either way.
    QTimer::singleShot(0, this, [this] {
        if (m_running && m_connection && m_connection->state() == PgConnection::State::Closed)
            m_connection->open(m_params);
    });
}

QByteArrayList AdminSession::fenceBatches()
{
    return { "alter system set default_transaction_read_only = on",
        "select pg_reload_conf();\n"
        "select count(pg_terminate_backend(pid)) from pg_stat_activity\n"
        "where backend_type = 'client backend' and pid <> pg_backend_pid()" };
}

QByteArrayList AdminSession::unfenceBatches()
{
    return { "alter system reset default_transaction_read_only", "select pg_reload_conf()" };
}

QByteArray AdminSession::literal(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', QStringLiteral("''"));
    return "'" + quoted.toUtf8() + "'";
}

void AdminSession::finish(AdminResult result)
{
    if (!m_running)
        return;
    m_running = false;
    m_deadline.stop();
    result.elapsed = std::chrono::milliseconds((nowNs() - m_startedNs) / 1000000);
    if (m_connection) {
        m_connection->disconnect(this);
        m_connection->close();
        // Deleted later: this may run inside one of its own signals.
        m_connection.release()->deleteLater();
    }
    emit finished(result);
}

} // namespace Console
