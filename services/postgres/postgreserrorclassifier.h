#pragma once

#include "proberesult.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Console {

// A ProbeStatus and a reason for people, before timing and identity are added.
struct PgVerdict
{
    ProbeStatus status = ProbeStatus::NetworkError;
    QString reason;
};

// Classifies libpq's failures. libpq gives no error code for most client-side failures and
// no PGresult for errors the server sends while connecting, so the rules read its text (English
// libpq messages; the server's SQLSTATE is in the text because the connection asks for verbose
// errors). Pure functions: every rule is tested with the texts libpq 15 produces. Messages must
// already be scrubbed of the password.
class PostgresErrorClassifier final
{
    Q_DECLARE_TR_FUNCTIONS(PostgresErrorClassifier)

public:
    // A failure before the session was open; `target` names the server when the text does not.
    static PgVerdict connectFailure(const QString &message, const QString &target = {});
    // A statement of the probe failed on an open session.
    static PgVerdict queryFailure(const QString &error, const QByteArray &sqlState);
    // The session broke while a probe waited on it.
    static PgVerdict connectionLost(const QString &message);

    // The parts of libpq's "connection to server at ... failed: FATAL:  28P01: ..." text.
    struct Parsed
    {
        QString target; // "127.0.0.1:5432", "socket /run/postgresql/.s.PGSQL.5432" or empty
        QByteArray sqlState; // when the server sent the error
        QString detail; // the first line of the error, without severity and code
        bool fromServer = false;
    };
    static Parsed parse(const QString &message);
};

} // namespace Console
