#include "configloader.h"
#include "conninfo.h"

#include <QTest>

using namespace Console;
using namespace Qt::StringLiterals;

namespace {

const QString Password = u"Pw-9f2kQ"_s;

QString allMessages(const ConfigLoadResult &result)
{
    QStringList lines;
    for (const ConfigDiagnostic &d : result.diagnostics)
        lines += d.toString();
    return lines.join(u'\n');
}

} // namespace

// ConnInfo::check: what --check-config refuses in a libpq connection string, libpq's parser
// included, so it refuses what the running console would.
class tst_ConnInfo final : public QObject
{
    Q_OBJECT

private slots:
    void check_data();
    void check();
    void loaderPositionsTheProblemAtTheValue_data();
    void loaderPositionsTheProblemAtTheValue();
    void neverQuotesWhatCameFromTheEnvironment_data();
    void neverQuotesWhatCameFromTheEnvironment();
};

void tst_ConnInfo::check_data()
{
    QTest::addColumn<QString>("connection");
    QTest::addColumn<QString>("problem"); // empty: accepted

    const QString oneServer = u"name one server per endpoint"_s;
    QTest::newRow("keywords") << u"host=db dbname=x sslmode=verify-full"_s << QString();
    QTest::newRow("URI") << u"postgresql://u:p@db:5433/x?sslmode=require&connect_timeout=3"_s
                         << QString();
    QTest::newRow("every enumerated value")
        << u"host=db gssencmode=disable target_session_attrs=read-write channel_binding=prefer"_s
        << QString();
    QTest::newRow("comma in a URI password") << u"postgresql://u:p,w@db/x"_s << QString();
    QTest::newRow("comma in a quoted password") << u"host=db password='a,b'"_s << QString();

    QTest::newRow("host list in a URI query") << u"postgresql:///x?host=a,b"_s << oneServer;
    QTest::newRow("port list") << u"host=db port=5432,5433"_s << oneServer;
    QTest::newRow("port list in a URI") << u"postgresql://db:5432,db:5433/x"_s << oneServer;
    QTest::newRow("sslmode bogus") << u"host=db sslmode=bogus"_s
                                   << u"sslmode must be one of disable, allow, prefer, require, "
                                      "verify-ca, verify-full, not \"bogus\""_s;
    QTest::newRow("sslmode bogus in a URI")
        << u"postgresql://db/x?sslmode=bogus"_s << u"sslmode must be one of"_s;
    QTest::newRow("target_session_attrs")
        << u"host=db target_session_attrs=primary-ish"_s
        << u"target_session_attrs must be one of any, read-write, read-only, primary, standby, "
           "prefer-standby, not \"primary-ish\""_s;
    QTest::newRow("gssencmode") << u"host=db gssencmode=maybe"_s
                                << u"gssencmode must be one of disable, prefer, require"_s;
    QTest::newRow("unknown option")
        << u"host=db sslmod=require"_s << u"unknown option \"sslmod\""_s;
    QTest::newRow("unknown URI option")
        << u"postgresql://db/x?colour=red"_s << u"unknown option \"colour\""_s;
    QTest::newRow("service in a URI query")
        << u"postgresql:///x?service=prod"_s << u"service= is not supported"_s;
}

void tst_ConnInfo::check()
{
    QFETCH(QString, connection);
    QFETCH(QString, problem);
    const QString found = ConnInfo::check(connection);
    if (problem.isEmpty())
        QVERIFY2(found.isEmpty(), qPrintable(found));
    else
        QVERIFY2(found.startsWith(problem), qPrintable(found));
}

void tst_ConnInfo::loaderPositionsTheProblemAtTheValue_data()
{
    QTest::addColumn<QByteArray>("connection");
    QTest::addColumn<QString>("message");

    const QByteArray password = Password.toUtf8();
    QTest::newRow("port list") << "host=db port=5432,5433 password=" + password
                               << u"malformed connection string: name one server per endpoint "
                                  "(list the others as endpoints of their own)"_s;
    QTest::newRow("unknown option") << "host=db password=" + password + " sslmod=require"
                                    << u"malformed connection string: unknown option \"sslmod\""_s;
    QTest::newRow("unknown URI option")
        << "postgresql://u:" + password + "@db/x?passwd=" + password
        << u"malformed connection string: unknown option \"passwd\""_s;
    QTest::newRow("sslmode") << "host=db sslmode=bogus password=" + password
                             << u"malformed connection string: sslmode must be one of disable, "
                                "allow, prefer, require, verify-ca, verify-full, not \"bogus\""_s;
}

void tst_ConnInfo::loaderPositionsTheProblemAtTheValue()
{
    QFETCH(QByteArray, connection);
    QFETCH(QString, message);
    const QByteArray doc = "regions:\n"
                           "  - id: r1\n"
                           "    latitude: 1\n"
                           "    longitude: 2\n"
                           "    role: primary\n"
                           "    endpoints:\n"
                           "      - id: e1\n"
                           "        kind: postgres\n"
                           "        connection: \""
        + connection + "\"\n";
    const ConfigLoadResult result = ConfigLoader::loadString(doc, u"pg.yaml"_s);
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    QCOMPARE(result.diagnostics.first().toString(), u"pg.yaml:9:21: "_s + message);
    QVERIFY(!result.diagnostics.first().message.contains(Password));

    // The same string as a region's admin connection.
    const QByteArray admin = "regions:\n"
                             "  - id: r1\n"
                             "    latitude: 1\n"
                             "    longitude: 2\n"
                             "    role: primary\n"
                             "    endpoints:\n"
                             "      - { id: e1, kind: http, url: \"http://127.0.0.1/\" }\n"
                             "    admin:\n"
                             "      replication_connection: \""
        + connection + "\"\n";
    const ConfigLoadResult adminResult = ConfigLoader::loadString(admin, u"admin.yaml"_s);
    QVERIFY2(adminResult.diagnostics.size() == 1, qPrintable(allMessages(adminResult)));
    QCOMPARE(adminResult.diagnostics.first().toString(), u"admin.yaml:9:31: "_s + message);
}

void tst_ConnInfo::neverQuotesWhatCameFromTheEnvironment_data()
{
    QTest::addColumn<QByteArray>("connection");
    QTest::addColumn<QString>("message");

    // Glued to written text, the value is no token of its own that masking could find: the
    // fuzz target once saw "unknown option \"se<secret>sword\"".
    QTest::newRow("option name") << "host=db se${FC_TST_CONNINFO_SECRET}sword=1"_ba
                                 << u"unknown option (its name comes from an environment "
                                    "variable)"_s;
    QTest::newRow("URI option name")
        << "postgresql://db/x?a${FC_TST_CONNINFO_SECRET}=1"_ba
        << u"unknown option (its name comes from an environment variable)"_s;
    QTest::newRow("enumerated value")
        << "host=db sslmode=x${FC_TST_CONNINFO_SECRET}"_ba
        << u"sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full; the "
           "value from the environment is not"_s;
    // What the file spells out is still named.
    QTest::newRow("written option beside a secret")
        << "host=db password=${FC_TST_CONNINFO_SECRET} sslmod=require"_ba
        << u"unknown option \"sslmod\""_s;
}

void tst_ConnInfo::neverQuotesWhatCameFromTheEnvironment()
{
    QFETCH(QByteArray, connection);
    QFETCH(QString, message);
    const QByteArray secret = "zk4secret";
    qputenv("FC_TST_CONNINFO_SECRET", secret);
    const QByteArray doc = "regions:\n"
                           "  - id: r1\n"
                           "    latitude: 1\n"
                           "    longitude: 2\n"
                           "    role: primary\n"
                           "    endpoints:\n"
                           "      - id: e1\n"
                           "        kind: postgres\n"
                           "        connection: \""
        + connection + "\"\n";
    const ConfigLoadResult result = ConfigLoader::loadString(doc, u"pg.yaml"_s);
    qunsetenv("FC_TST_CONNINFO_SECRET");
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    QCOMPARE(result.diagnostics.first().message, u"malformed connection string: "_s + message);
    QVERIFY(!allMessages(result).contains(QString::fromLatin1(secret)));
}

QTEST_GUILESS_MAIN(tst_ConnInfo)
#include "tst_conninfo.moc"
