#include "pgconnection.h"

#include "pgconnectparams.h"

#include <QSocketNotifier>

#include <libpq-fe.h>

#include <utility>
#include <vector>

namespace Console {

namespace {

// libpq prints notices ("schema already exists, skipping") on stderr by default.
void ignoreNotice(void *, const char *) { }

PgResultSet copyResult(const PGresult *result)
{
    PgResultSet set;
    const ExecStatusType status = PQresultStatus(result);
    set.ok = status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY;
    if (!set.ok) {
        const char *primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
        set.error = QString::fromUtf8(primary ? primary : PQresultErrorMessage(result)).trimmed();
        set.sqlState = QByteArray(PQresultErrorField(result, PG_DIAG_SQLSTATE));
        return set;
    }
    set.columnCount = PQnfields(result);
    const int rows = PQntuples(result);
    set.rows.reserve(rows);
    for (int r = 0; r < rows; ++r) {
        PgResultSet::Row row;
        row.reserve(set.columnCount);
        for (int c = 0; c < set.columnCount; ++c) {
            if (PQgetisnull(result, r, c))
                row += std::nullopt;
            else
                row += QString::fromUtf8(PQgetvalue(result, r, c), PQgetlength(result, r, c));
        }
        set.rows += row;
    }
    return set;
}

} // namespace

PgConnection::PgConnection(QObject *parent)
    : QObject(parent)
{ }

PgConnection::~PgConnection()
{
    close();
}

void PgConnection::open(const PgConnectParams &params)
{
    close();
    const QByteArrayList keys = params.keywords();
    const QByteArrayList values = params.values();
    std::vector<const char *> k;
    std::vector<const char *> v;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        k.push_back(keys[i].constData());
        v.push_back(values[i].constData());
    }
    k.push_back(nullptr);
    v.push_back(nullptr);

    m_state = State::Connecting;
    m_stage = Stage::TcpConnect;
    m_conn = PQconnectStartParams(k.data(), v.data(), 1);
    if (!m_conn || PQstatus(m_conn) == CONNECTION_BAD) {
        fail(true);
        return;
    }
    // Also makes PQfinish's goodbye message non-blocking, so close() never waits on a peer.
    PQsetnonblocking(m_conn, 1);
    PQsetNoticeProcessor(m_conn, ignoreNotice, nullptr);
    // Verbose messages carry the SQLSTATE even for errors sent while connecting, where no
    // PGresult exists to ask; the classification reads it from the text.
    PQsetErrorVerbosity(m_conn, PQERRORS_VERBOSE);
    watchSocket();
    // libpq: behave as if PQconnectPoll had returned PGRES_POLLING_WRITING.
    setNotifiers(false, true);
}

void PgConnection::send(const QByteArray &sql)
{
    Q_ASSERT(m_state == State::Idle);
    m_results.clear();
    if (!PQsendQuery(m_conn, sql.constData())) {
        fail(false);
        return;
    }
    m_state = State::Busy;
    flushOutput();
}

void PgConnection::close()
{
    // Notifiers first: once PQfinish closes the descriptor, its number may be reused.
    dropNotifiers();
    m_socket = -1;
    if (m_conn)
        PQfinish(std::exchange(m_conn, nullptr));
    m_state = State::Closed;
    m_stage = Stage::None;
    m_results.clear();
}

// The descriptor changes during a connect when libpq moves to the next address or host, or
// retries without TLS; notifiers are bound to a descriptor, so they are rebuilt.
void PgConnection::watchSocket()
{
    const int socket = PQsocket(m_conn);
    if (socket == m_socket && m_readNotifier)
        return;
    const bool read = m_readNotifier && m_readNotifier->isEnabled();
    const bool write = m_writeNotifier && m_writeNotifier->isEnabled();
    dropNotifiers();
    m_socket = socket;
    if (socket < 0)
        return;
    m_readNotifier = new QSocketNotifier(socket, QSocketNotifier::Read, this);
    m_writeNotifier = new QSocketNotifier(socket, QSocketNotifier::Write, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &PgConnection::onReadable);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &PgConnection::onWritable);
    setNotifiers(read, write);
}

void PgConnection::dropNotifiers()
{
    setNotifiers(false, false);
    // Later: the notifier whose signal is being delivered may be one of them.
    if (m_readNotifier)
        std::exchange(m_readNotifier, nullptr)->deleteLater();
    if (m_writeNotifier)
        std::exchange(m_writeNotifier, nullptr)->deleteLater();
}

void PgConnection::setNotifiers(bool read, bool write)
{
    if (m_readNotifier)
        m_readNotifier->setEnabled(read);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(write);
}

void PgConnection::onReadable()
{
    switch (m_state) {
    case State::Connecting: pollConnect(); return;
    case State::Busy:
        if (!PQconsumeInput(m_conn)) {
            fail(false);
            return;
        }
        readResults();
        return;
    case State::Idle:
        // Nothing is expected between probes: this is the server going away (or a notice).
        if (!PQconsumeInput(m_conn) || PQstatus(m_conn) == CONNECTION_BAD) {
            fail(false);
            return;
        }
        while (PGnotify *notify = PQnotifies(m_conn))
            PQfreemem(notify);
        return;
    case State::Closed: return;
    }
}

void PgConnection::onWritable()
{
    if (m_state == State::Connecting)
        pollConnect();
    else if (m_state == State::Busy)
        flushOutput();
    else
        setNotifiers(m_state == State::Idle, false);
}

void PgConnection::pollConnect()
{
    // Only the first poll may resolve a host name; hosts needing it are resolved beforehand.
    const PostgresPollingStatusType status = PQconnectPoll(m_conn);
    m_stage = PQstatus(m_conn) == CONNECTION_STARTED ? Stage::TcpConnect : Stage::Startup;
    watchSocket();
    switch (status) {
    case PGRES_POLLING_READING: setNotifiers(true, false); return;
    case PGRES_POLLING_WRITING: setNotifiers(false, true); return;
    case PGRES_POLLING_OK:
        m_state = State::Idle;
        m_stage = Stage::Ready;
        setNotifiers(true, false);
        emit connected();
        return;
    case PGRES_POLLING_FAILED:
    case PGRES_POLLING_ACTIVE: break;
    }
    fail(true);
}

void PgConnection::flushOutput()
{
    const int pending = PQflush(m_conn);
    if (pending < 0) {
        fail(false);
        return;
    }
    setNotifiers(true, pending == 1);
}

void PgConnection::readResults()
{
    while (m_state == State::Busy && !PQisBusy(m_conn)) {
        PGresult *result = PQgetResult(m_conn);
        if (!result) {
            if (PQstatus(m_conn) == CONNECTION_BAD) {
                fail(false);
                return;
            }
            m_state = State::Idle;
            emit resultsReady(std::exchange(m_results, {}));
            return; // a receiver may have sent the next query or closed us
        }
        m_results += copyResult(result);
        PQclear(result);
    }
}

QString PgConnection::target() const
{
    if (!m_conn)
        return {};
    const QString port = QString::fromUtf8(PQport(m_conn));
    const QString address = QString::fromUtf8(PQhostaddr(m_conn));
    const QString host = address.isEmpty() ? QString::fromUtf8(PQhost(m_conn)) : address;
    if (host.startsWith(u'/') || host.startsWith(u'@'))
        return tr("socket %1/.s.PGSQL.%2").arg(host, port);
    if (host.contains(u':'))
        return u'[' + host + u']' + u':' + port;
    return host + u':' + port;
}

void PgConnection::fail(bool duringConnect)
{
    PgFailure failure;
    failure.duringConnect = duringConnect;
    failure.target = target();
    failure.message = m_conn ? QString::fromUtf8(PQerrorMessage(m_conn)).trimmed()
                             : QStringLiteral("out of memory");
    close();
    emit failed(failure);
}

} // namespace Console
