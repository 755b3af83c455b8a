#include "conninfo.h"
#include "displaytarget.h"

#include <QTest>

using namespace Console;

class tst_DisplayTarget final : public QObject
{
    Q_OBJECT

private slots:
    void forUrl_data();
    void forUrl();
    void forConnectionString_data();
    void forConnectionString();
    void checksConnectionString_data();
    void checksConnectionString();
};

void tst_DisplayTarget::forUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("display");

    QTest::newRow("plain") << QStringLiteral("https://db.example.org/rest/v1/")
                           << QStringLiteral("https://db.example.org/rest/v1/");
    QTest::newRow("user info") << QStringLiteral("https://monitor:pa55@db.example.org:8443/health")
                               << QStringLiteral("https://db.example.org:8443/health");
    QTest::newRow("query and fragment")
        << QStringLiteral("http://h/x?apikey=abc#frag") << QStringLiteral("http://h/x");
    QTest::newRow("query without path")
        << QStringLiteral("http://h?token=abc") << QStringLiteral("http://h");
    QTest::newRow("at sign in query")
        << QStringLiteral("http://h/p?mail=a@b") << QStringLiteral("http://h/p");
    QTest::newRow("placeholder kept") << QStringLiteral("${SUPABASE_URL}/rest/v1/?k=${KEY}")
                                      << QStringLiteral("${SUPABASE_URL}/rest/v1/");
}

void tst_DisplayTarget::forUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, display);
    QCOMPARE(DisplayTarget::forUrl(url), display);
}

void tst_DisplayTarget::forConnectionString_data()
{
    QTest::addColumn<QString>("connection");
    QTest::addColumn<QString>("display");

    QTest::newRow("keywords") << QStringLiteral(
        "host=db port=5432 user=monitor password=pa55 sslmode=verify-full")
                              << QStringLiteral(
                                     "host=db port=5432 user=monitor sslmode=verify-full");
    QTest::newRow("quoted password")
        << QStringLiteral("host=db password='pa 55\\' x' dbname=postgres")
        << QStringLiteral("host=db dbname=postgres");
    QTest::newRow("spaces around =")
        << QStringLiteral("host = db password = pa55") << QStringLiteral("host=db");
    QTest::newRow("uri") << QStringLiteral(
        "postgresql://monitor:pa55@db:5432/postgres?sslmode=require")
                         << QStringLiteral("postgresql://monitor@db:5432/postgres?sslmode=require");
    QTest::newRow("uri password parameter")
        << QStringLiteral("postgres://db/postgres?password=pa55&sslmode=require")
        << QStringLiteral("postgres://db/postgres?sslmode=require");
    QTest::newRow("uri only password parameter") << QStringLiteral(
        "postgres://u@db/postgres?password=pa55") << QStringLiteral("postgres://u@db/postgres");
    QTest::newRow("placeholder only") << QStringLiteral("${PG_DSN}") << QStringLiteral("${PG_DSN}");
    QTest::newRow("malformed") << QStringLiteral("host=db password=pa 55")
                               << QStringLiteral("(malformed connection string)");
}

void tst_DisplayTarget::forConnectionString()
{
    QFETCH(QString, connection);
    QFETCH(QString, display);
    const QString shown = DisplayTarget::forConnectionString(connection);
    QCOMPARE(shown, display);
    QVERIFY(!shown.contains(u"pa55") && !shown.contains(u"pa 55"));
}

void tst_DisplayTarget::checksConnectionString_data()
{
    QTest::addColumn<QString>("connection");
    QTest::addColumn<bool>("valid");

    QTest::newRow("keywords") << QStringLiteral("host=db dbname=postgres") << true;
    QTest::newRow("uri") << QStringLiteral("postgresql://db/postgres") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("no equals") << QStringLiteral("db.example.org") << false;
    QTest::newRow("unquoted space") << QStringLiteral("host=db password=pa 55") << false;
    QTest::newRow("unterminated quote") << QStringLiteral("host='db") << false;
    QTest::newRow("missing key") << QStringLiteral("=db") << false;
    QTest::newRow("space in uri") << QStringLiteral("postgresql://db/post gres") << false;
}

void tst_DisplayTarget::checksConnectionString()
{
    QFETCH(QString, connection);
    QFETCH(bool, valid);
    const QString problem = ConnInfo::check(connection);
    QCOMPARE(problem.isEmpty(), valid);
    QVERIFY(!problem.contains(u"pa 55") && !problem.contains(u"55"));
}

QTEST_GUILESS_MAIN(tst_DisplayTarget)
#include "tst_displaytarget.moc"
