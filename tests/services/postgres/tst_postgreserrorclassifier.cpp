#include "postgreserrorclassifier.h"

#include <QTest>

using namespace Console;

// Every classification rule, fed with the texts libpq 15 and PostgreSQL 15 really produce
// (taken from psql against the lab and an HTTP port, with verbose errors as the prober asks).
class tst_PostgresErrorClassifier final : public QObject
{
    Q_OBJECT

private slots:
    void connectFailure_data();
    void connectFailure();
    void parseTarget_data();
    void parseTarget();
    void queryFailure_data();
    void queryFailure();
    void connectionLost_data();
    void connectionLost();
};

void tst_PostgresErrorClassifier::connectFailure_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<ProbeStatus>("status");
    QTest::addColumn<QString>("reason");

    const QString at = QStringLiteral("connection to server at \"127.0.0.1\", port 5433 failed: ");
    QTest::newRow("refused") << at
            + QStringLiteral("Connection refused\n\tIs the server running on that host and "
                             "accepting TCP/IP connections?")
                             << ProbeStatus::Refused
                             << QStringLiteral("connection refused by 127.0.0.1:5433");
    QTest::newRow("refused, name and address")
        << QStringLiteral("connection to server at \"db.lab\" (10.0.0.7), port 5432 failed: "
                          "Connection refused")
        << ProbeStatus::Refused << QStringLiteral("connection refused by 10.0.0.7:5432");
    QTest::newRow("refused, IPv6")
        << QStringLiteral("connection to server at \"localhost\" (::1), port 5432 failed: "
                          "Connection refused")
        << ProbeStatus::Refused << QStringLiteral("connection refused by [::1]:5432");
    QTest::newRow("last attempt decides")
        << QStringLiteral("connection to server at \"localhost\" (::1), port 5432 failed: "
                          "Connection refused\nconnection to server at \"localhost\" "
                          "(127.0.0.1), port 5432 failed: FATAL:  28P01: password "
                          "authentication failed for user \"monitor\"\nLOCATION:  auth_failed")
        << ProbeStatus::AuthFailed
        << QStringLiteral("password authentication failed for user \"monitor\"");
    QTest::newRow("socket missing")
        << QStringLiteral("connection to server on socket \"/run/postgresql/.s.PGSQL.5432\" "
                          "failed: No such file or directory\n\tIs the server running locally?")
        << ProbeStatus::Refused
        << QStringLiteral("nobody listens on socket /run/postgresql/.s.PGSQL.5432");
    QTest::newRow("wrong password, verbose") << at
            + QStringLiteral("FATAL:  28P01: password authentication failed for user "
                             "\"monitor\"\nLOCATION:  auth_failed, auth.c:326")
                                             << ProbeStatus::AuthFailed
                                             << QStringLiteral("password authentication failed "
                                                               "for user \"monitor\"");
    QTest::newRow("wrong password, terse")
        << at + QStringLiteral("FATAL:  password authentication failed for user \"monitor\"")
        << ProbeStatus::AuthFailed
        << QStringLiteral("password authentication failed "
                          "for user \"monitor\"");
    QTest::newRow("no pg_hba line") << at
            + QStringLiteral("FATAL:  28000: no pg_hba.conf entry for host \"127.0.0.1\", user "
                             "\"x\", database \"postgres\", no encryption")
                                    << ProbeStatus::AuthFailed
                                    << QStringLiteral("no pg_hba.conf entry for host "
                                                      "\"127.0.0.1\", user \"x\", database "
                                                      "\"postgres\", no encryption");
    QTest::newRow("pg_hba reject line") << at
            + QStringLiteral("FATAL:  28000: pg_hba.conf rejects connection for host "
                             "\"127.0.0.1\", user \"monitor\", database \"postgres\", no "
                             "encryption")
                                        << ProbeStatus::Refused
                                        << QStringLiteral("127.0.0.1:5433 refuses new sessions: "
                                                          "pg_hba.conf rejects connection for "
                                                          "host \"127.0.0.1\", user \"monitor\", "
                                                          "database \"postgres\", no encryption");
    QTest::newRow("no password") << at + QStringLiteral("fe_sendauth: no password supplied")
                                 << ProbeStatus::AuthFailed
                                 << QStringLiteral("127.0.0.1:5433 asks for a password and the "
                                                   "connection string has none");
    QTest::newRow("missing database")
        << at + QStringLiteral("FATAL:  3D000: database \"nope\" does not exist")
        << ProbeStatus::AuthFailed << QStringLiteral("database \"nope\" does not exist");
    QTest::newRow("missing role") << at
            + QStringLiteral("FATAL:  28000: role \"ghost\" does not exist")
                                  << ProbeStatus::AuthFailed
                                  << QStringLiteral("role \"ghost\" does not exist");
    QTest::newRow("too many clients")
        << at + QStringLiteral("FATAL:  53300: sorry, too many clients already")
        << ProbeStatus::Refused
        << QStringLiteral("127.0.0.1:5433 refuses new sessions: sorry, too many clients already");
    QTest::newRow("shutting down")
        << at + QStringLiteral("FATAL:  57P03: the database system is shutting down")
        << ProbeStatus::Refused
        << QStringLiteral("127.0.0.1:5433 does not accept sessions: the database system is "
                          "shutting down");
    QTest::newRow("other server error")
        << at + QStringLiteral("FATAL:  08P01: unsupported startup parameter: options")
        << ProbeStatus::BadBody
        << QStringLiteral("127.0.0.1:5433 rejected the session: unsupported startup "
                          "parameter: options");
    QTest::newRow("HTTP, SSL negotiation")
        << at + QStringLiteral("received invalid response to SSL negotiation: H")
        << ProbeStatus::BadBody
        << QStringLiteral("not a PostgreSQL server at 127.0.0.1:5433: received invalid response "
                          "to SSL negotiation: H");
    QTest::newRow("HTTP, no SSL")
        << at + QStringLiteral("expected authentication request from server, but received H")
        << ProbeStatus::BadBody
        << QStringLiteral("not a PostgreSQL server at 127.0.0.1:5433: expected authentication "
                          "request from server, but received H");
    QTest::newRow("dns") << QStringLiteral("could not translate host name \"db.invalid\" to "
                                           "address: Name or service not known")
                         << ProbeStatus::Dns
                         << QStringLiteral("could not translate host name \"db.invalid\" to "
                                           "address: Name or service not known");
    QTest::newRow("ssl required") << at
            + QStringLiteral("server does not support SSL, but SSL was required")
                                  << ProbeStatus::Tls
                                  << QStringLiteral(
                                         "TLS: server does not support SSL, but SSL was required");
    QTest::newRow("closed during startup") << at
            + QStringLiteral("server closed the connection unexpectedly\n\tThis probably means "
                             "the server terminated abnormally")
                                           << ProbeStatus::NetworkError
                                           << QStringLiteral("127.0.0.1:5433 closed the "
                                                             "connection during startup");
    QTest::newRow("unreachable") << at + QStringLiteral("No route to host")
                                 << ProbeStatus::NetworkError
                                 << QStringLiteral("127.0.0.1:5433: No route to host");
    QTest::newRow("empty") << QString() << ProbeStatus::NetworkError
                           << QStringLiteral("cannot connect to the server");
}

void tst_PostgresErrorClassifier::connectFailure()
{
    QFETCH(QString, message);
    QFETCH(ProbeStatus, status);
    QFETCH(QString, reason);
    const PgVerdict verdict = PostgresErrorClassifier::connectFailure(message);
    QCOMPARE(verdict.reason, reason);
    QCOMPARE(toString(verdict.status), toString(status));
}

void tst_PostgresErrorClassifier::parseTarget_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QByteArray>("sqlState");
    QTest::addColumn<QString>("detail");

    QTest::newRow("tcp, server error")
        << QStringLiteral("connection to server at \"127.0.0.1\", port 1 failed: FATAL:  "
                          "3D000: database \"x\" does not exist\nLOCATION:  InitPostgres")
        << QStringLiteral("127.0.0.1:1") << QByteArray("3D000")
        << QStringLiteral("database \"x\" does not exist");
    QTest::newRow("no prefix") << QStringLiteral("out of memory") << QString() << QByteArray()
                               << QStringLiteral("out of memory");
}

void tst_PostgresErrorClassifier::parseTarget()
{
    QFETCH(QString, message);
    const PostgresErrorClassifier::Parsed parsed = PostgresErrorClassifier::parse(message);
    QTEST(parsed.target, "target");
    QTEST(parsed.sqlState, "sqlState");
    QTEST(parsed.detail, "detail");
}

void tst_PostgresErrorClassifier::queryFailure_data()
{
    QTest::addColumn<QString>("error");
    QTest::addColumn<QByteArray>("sqlState");
    QTest::addColumn<ProbeStatus>("status");
    QTest::addColumn<QString>("reason");

    QTest::newRow("statement timeout")
        << QStringLiteral("canceling statement due to statement timeout") << QByteArray("57014")
        << ProbeStatus::Timeout
        << QStringLiteral("the server cancelled the probe query (statement_timeout): canceling "
                          "statement due to statement timeout");
    QTest::newRow("admin shutdown")
        << QStringLiteral("terminating connection due to administrator command")
        << QByteArray("57P01") << ProbeStatus::NetworkError
        << QStringLiteral("the server ended the session: terminating connection due to "
                          "administrator command");
    QTest::newRow("permission")
        << QStringLiteral("permission denied for function pg_ls_dir") << QByteArray("42501")
        << ProbeStatus::BadBody
        << QStringLiteral("probe query failed: permission denied for function pg_ls_dir "
                          "(SQLSTATE 42501)");
    QTest::newRow("no code") << QStringLiteral("odd") << QByteArray() << ProbeStatus::BadBody
                             << QStringLiteral("probe query failed: odd");
}

void tst_PostgresErrorClassifier::queryFailure()
{
    QFETCH(QString, error);
    QFETCH(QByteArray, sqlState);
    QFETCH(ProbeStatus, status);
    const PgVerdict verdict = PostgresErrorClassifier::queryFailure(error, sqlState);
    QCOMPARE(toString(verdict.status), toString(status));
    QTEST(verdict.reason, "reason");
}

void tst_PostgresErrorClassifier::connectionLost_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<ProbeStatus>("status");
    QTest::addColumn<QString>("reason");

    QTest::newRow("closed") << QStringLiteral(
        "server closed the connection unexpectedly\n\tThis probably means the "
        "server terminated abnormally\n\tbefore or while processing the request.")
                            << ProbeStatus::NetworkError
                            << QStringLiteral(
                                   "connection lost: server closed the connection unexpectedly");
    QTest::newRow("terminated")
        << QStringLiteral("FATAL:  57P01: terminating connection due to administrator command\n"
                          "server closed the connection unexpectedly")
        << ProbeStatus::NetworkError
        << QStringLiteral("the server ended the session: terminating connection due to "
                          "administrator command");
    QTest::newRow("empty") << QString() << ProbeStatus::NetworkError
                           << QStringLiteral("connection lost: the server closed the connection");
}

void tst_PostgresErrorClassifier::connectionLost()
{
    QFETCH(QString, message);
    QFETCH(ProbeStatus, status);
    const PgVerdict verdict = PostgresErrorClassifier::connectionLost(message);
    QCOMPARE(toString(verdict.status), toString(status));
    QTEST(verdict.reason, "reason");
}

QTEST_GUILESS_MAIN(tst_PostgresErrorClassifier)
#include "tst_postgreserrorclassifier.moc"
