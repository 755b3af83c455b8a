#include "postgreserrorclassifier.h"

#include <QRegularExpression>

#include <cerrno>
#include <cstring>

namespace Console {

namespace {

bool containsAny(const QString &text, std::initializer_list<const char *> needles)
{
    for (const char *needle : needles) {
        if (text.contains(QLatin1String(needle), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// libpq words it with strerror() in the process's locale.
bool isRefusedText(const QString &detail)
{
    return detail.contains(QLatin1String("Connection refused"), Qt::CaseInsensitive)
        || detail.contains(QString::fromLocal8Bit(std::strerror(ECONNREFUSED)));
}

} // namespace

PostgresErrorClassifier::Parsed PostgresErrorClassifier::parse(const QString &message)
{
    static const QRegularExpression tcpTarget(QStringLiteral(
        R"re(connection to server at "([^"]*)"(?: \(([^)]*)\))?, port (\d+) failed: )re"));
    static const QRegularExpression socketTarget(
        QStringLiteral(R"re(connection to server on socket "([^"]*)" failed: )re"));
    static const QRegularExpression severity(
        QStringLiteral(R"re(^(?:FATAL|ERROR|PANIC):\s+(?:([0-9A-Z]{5}):\s+)?)re"));

    Parsed parsed;
    // libpq appends one block per address or host tried; the last one decided.
    QString text = message;
    const qsizetype lastBlock = text.lastIndexOf(QLatin1String("connection to server "));
    if (lastBlock > 0)
        text = text.sliced(lastBlock);
    QRegularExpressionMatch match = tcpTarget.match(text);
    if (match.hasMatch() && match.capturedStart() == 0) {
        const QString address = match.captured(2).isEmpty() ? match.captured(1) : match.captured(2);
        const QString host = address.contains(u':') ? u'[' + address + u']' : address;
        parsed.target = host + u':' + match.captured(3);
        text = text.sliced(match.capturedLength());
    } else if (match = socketTarget.match(text); match.hasMatch() && match.capturedStart() == 0) {
        parsed.target = tr("socket %1").arg(match.captured(1));
        text = text.sliced(match.capturedLength());
    }
    QString line = text.section(u'\n', 0, 0).trimmed();
    match = severity.match(line);
    if (match.hasMatch()) {
        parsed.fromServer = true;
        parsed.sqlState = match.captured(1).toLatin1();
        line = line.sliced(match.capturedLength());
    }
    parsed.detail = line;
    return parsed;
}

PgVerdict PostgresErrorClassifier::connectFailure(const QString &message, const QString &fallback)
{
    const Parsed p = parse(message);
    const QString target = !p.target.isEmpty() ? p.target
        : !fallback.isEmpty()                  ? fallback
                                               : tr("the server");
    const QString &d = p.detail;
    const QByteArray &code = p.sqlState;

    // An explicit "reject" line in pg_hba.conf is the server blocking clients (as a drill's
    // "block traffic" step does), not a credential problem; a missing line is a configuration one.
    if (containsAny(d, { "pg_hba.conf rejects connection" }))
        return { ProbeStatus::Refused, tr("%1 refuses new sessions: %2").arg(target, d) };
    // A missing database (3D000) counts as AuthFailed on purpose: like an unknown role (28000)
    // it is the server refusing a session for what the connection string names. The server is
    // alive (not Refused), it did answer as PostgreSQL (not BadBody), and no retry will help
    // until the configuration changes. The reason names the database, so nobody hunts for a
    // wrong password.
    if (code.startsWith("28") || code == "3D000" || containsAny(d, { "authentication failed" })
        || (p.fromServer && containsAny(d, { "does not exist" })))
        return { ProbeStatus::AuthFailed, d };
    if (containsAny(d, { "no password supplied" }))
        return { ProbeStatus::AuthFailed,
            tr("%1 asks for a password and the connection string has none").arg(target) };
    if (code.startsWith("53") || containsAny(d, { "too many clients", "connection slots" }))
        return { ProbeStatus::Refused, tr("%1 refuses new sessions: %2").arg(target, d) };
    if (code == "57P03" || (p.fromServer && containsAny(d, { "the database system is" })))
        return { ProbeStatus::Refused, tr("%1 does not accept sessions: %2").arg(target, d) };
    if (p.fromServer)
        return { ProbeStatus::BadBody, tr("%1 rejected the session: %2").arg(target, d) };
    if (isRefusedText(d))
        return { ProbeStatus::Refused, tr("connection refused by %1").arg(target) };
    // ENOENT: only a Unix-domain socket's file can be missing.
    if (containsAny(d, { "No such file or directory" }))
        return { ProbeStatus::Refused, tr("nobody listens on %1").arg(target) };
    if (containsAny(d,
            { "invalid response to SSL negotiation", "invalid response to GSSAPI",
                "expected authentication request from server", "unexpected message from server",
                "received invalid", "invalid message" }))
        return { ProbeStatus::BadBody, tr("not a PostgreSQL server at %1: %2").arg(target, d) };
    if (containsAny(d, { "could not translate host name" }))
        return { ProbeStatus::Dns, d };
    if (containsAny(d, { "SSL", "certificate", "TLS" }))
        return { ProbeStatus::Tls, tr("TLS: %1").arg(d) };
    if (containsAny(d, { "timeout expired" }))
        return { ProbeStatus::Timeout, tr("%1: %2").arg(target, d) };
    if (containsAny(d, { "server closed the connection unexpectedly" }))
        return { ProbeStatus::NetworkError,
            tr("%1 closed the connection during startup").arg(target) };
    return { ProbeStatus::NetworkError,
        d.isEmpty() ? tr("cannot connect to %1").arg(target) : tr("%1: %2").arg(target, d) };
}

PgVerdict PostgresErrorClassifier::queryFailure(const QString &error, const QByteArray &sqlState)
{
    if (sqlState == "57014")
        return { ProbeStatus::Timeout,
            tr("the server cancelled the probe query (statement_timeout): %1").arg(error) };
    if (sqlState.startsWith("57P"))
        return { ProbeStatus::NetworkError, tr("the server ended the session: %1").arg(error) };
    if (sqlState.isEmpty())
        return { ProbeStatus::BadBody, tr("probe query failed: %1").arg(error) };
    return { ProbeStatus::BadBody,
        tr("probe query failed: %1 (SQLSTATE %2)").arg(error, QString::fromLatin1(sqlState)) };
}

PgVerdict PostgresErrorClassifier::connectionLost(const QString &message)
{
    const Parsed p = parse(message);
    if (p.sqlState.startsWith("57P"))
        return { ProbeStatus::NetworkError, tr("the server ended the session: %1").arg(p.detail) };
    if (p.sqlState == "57014")
        return { ProbeStatus::Timeout,
            tr("the server cancelled the probe query (statement_timeout): %1").arg(p.detail) };
    return { ProbeStatus::NetworkError,
        tr("connection lost: %1")
            .arg(p.detail.isEmpty() ? tr("the server closed the connection") : p.detail) };
}

} // namespace Console
