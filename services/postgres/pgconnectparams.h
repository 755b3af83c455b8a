#pragma once

#include "config.h"

#include <QByteArrayList>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace Console {

// The keyword/value pairs handed to PQconnectStartParams for one endpoint. The user's
// connection string goes through whole (dbname with expand_dbname: libpq parses it, sslmode and
// all); the console's own settings follow it and so override it. Parsed once with
// PQconninfoParse, which does no I/O.
class PgConnectParams final
{
    Q_DECLARE_TR_FUNCTIONS(PgConnectParams)

public:
    // An invalid result carries error(), which never quotes the string (it may hold a password).
    static PgConnectParams parse(const QString &connectionString);

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

    // Sent as "-c statement_timeout=..." in the startup packet, so the server gives up too.
    void setStatementTimeout(Milliseconds timeout) { m_statementTimeout = timeout; }
    // Poolers such as PgBouncer reject the "options" startup parameter.
    void setStartupOptionsEnabled(bool enabled) { m_startupOptions = enabled; }
    bool startupOptionsEnabled() const { return m_startupOptions; }

    // The host name that libpq would resolve itself, blocking the thread (from the string or
    // PGHOST); empty when the target is a literal address, a socket or already has a hostaddr.
    QString hostToResolve() const { return m_hostToResolve; }
    // Every address of that host, tried in order as libpq would (as a host list with hostaddr).
    void setResolvedAddresses(const QStringList &addresses) { m_resolvedAddresses = addresses; }

    // The text with the connection string's password (or PGPASSWORD) masked where it stands as a
    // whole token (SecretMask), for any message shown to people.
    QString scrubbed(QString text) const;

    // Parallel lists for PQconnectStartParams (expand_dbname = 1), dbname first so the rest
    // override the user's string; the caller adds the terminating nulls.
    QByteArrayList keywords() const;
    QByteArrayList values() const;

private:
    QString m_connectionString;
    QString m_password;
    QString m_userOptions;
    QString m_hostToResolve;
    QStringList m_resolvedAddresses;
    QString m_error;
    Milliseconds m_statementTimeout { 0 };
    bool m_startupOptions = true;
};

} // namespace Console
