#include "pgconnectparams.h"

#include <QTest>

using namespace Console;

// What the prober hands libpq: every name libpq would resolve on its own (and so block the
// window) is either resolved by the console first or refused with a reason.
class tst_PgConnectParams : public QObject
{
    Q_OBJECT

private slots:
    void init() { qunsetenv("PGHOST"); }
    void cleanupTestCase() { qunsetenv("PGHOST"); }

    void hostToResolve_data()
    {
        QTest::addColumn<QString>("connection");
        QTest::addColumn<QString>("pghost");
        QTest::addColumn<QString>("resolve"); // empty: nothing for the console to resolve

        QTest::newRow("name") << u"host=db.example.org dbname=x"_qs << QString()
                              << u"db.example.org"_qs;
        QTest::newRow("URI name") << u"postgresql://monitor@db.example.org:5433/x"_qs << QString()
                                  << u"db.example.org"_qs;
        QTest::newRow("literal IPv4") << u"host=127.0.0.1 dbname=x"_qs << QString() << QString();
        QTest::newRow("literal IPv6") << u"host=::1 dbname=x"_qs << QString() << QString();
        QTest::newRow("socket folder")
            << u"host=/run/postgresql dbname=x"_qs << QString() << QString();
        QTest::newRow("hostaddr given")
            << u"host=db.example.org hostaddr=10.0.0.5 dbname=x"_qs << QString() << QString();
        QTest::newRow("PGHOST name") << u"dbname=x"_qs << u"db.internal"_qs << u"db.internal"_qs;
        QTest::newRow("PGHOST ignored when host given")
            << u"host=127.0.0.1 dbname=x"_qs << u"db.internal"_qs << QString();
        QTest::newRow("no host: local socket") << u"dbname=x"_qs << QString() << QString();
    }

    void hostToResolve()
    {
        QFETCH(QString, connection);
        QFETCH(QString, pghost);
        QFETCH(QString, resolve);
        if (!pghost.isEmpty())
            qputenv("PGHOST", pghost.toUtf8());
        const PgConnectParams params = PgConnectParams::parse(connection);
        QVERIFY2(params.isValid(), qPrintable(params.error()));
        QCOMPARE(params.hostToResolve(), resolve);
    }

    void refusesWhatLibpqWouldResolveItself_data()
    {
        QTest::addColumn<QString>("connection");
        QTest::addColumn<QString>("pghost");
        QTest::addColumn<QString>("error");

        const QString oneServer = u"name one server per endpoint"_qs;
        QTest::newRow("host list")
            << u"host=a.example.org,b.example.org dbname=x"_qs << QString() << oneServer;
        QTest::newRow("URI host list")
            << u"postgresql://a.example.org,b.example.org/x"_qs << QString() << oneServer;
        QTest::newRow("hostaddr list")
            << u"hostaddr=10.0.0.1,10.0.0.2 dbname=x"_qs << QString() << oneServer;
        QTest::newRow("PGHOST list")
            << u"dbname=x"_qs << u"a.example.org,b.example.org"_qs << oneServer;
        QTest::newRow("service") << u"service=prod dbname=x"_qs << QString()
                                 << u"service= is not supported"_qs;
        QTest::newRow("malformed") << u"host='unterminated password=secret"_qs << QString()
                                   << u"the connection string is malformed"_qs;
        // What --check-config refuses (ConnInfo::check), the running console refuses too.
        QTest::newRow("port list")
            << u"host=db port=5432,5433 password=secret"_qs << QString() << oneServer;
        QTest::newRow("URI query host list")
            << u"postgresql:///x?host=a,b&password=secret"_qs << QString() << oneServer;
        QTest::newRow("sslmode") << u"host=db sslmode=bogus password=secret"_qs << QString()
                                 << u"sslmode must be one of"_qs;
        // libpq itself refuses an unknown option; --check-config names it.
        QTest::newRow("unknown option") << u"host=db password=secret sslmod=require"_qs << QString()
                                        << u"the connection string is malformed"_qs;
    }

    void refusesWhatLibpqWouldResolveItself()
    {
        QFETCH(QString, connection);
        QFETCH(QString, pghost);
        QFETCH(QString, error);
        if (!pghost.isEmpty())
            qputenv("PGHOST", pghost.toUtf8());
        const PgConnectParams params = PgConnectParams::parse(connection);
        QVERIFY(!params.isValid());
        QVERIFY2(params.error().startsWith(error), qPrintable(params.error()));
        QVERIFY(!params.error().contains(u"secret"_qs));
    }

    void resolvedAddressesKeepTheNameForTls()
    {
        PgConnectParams params = PgConnectParams::parse(u"host=db.example.org dbname=x"_qs);
        params.setResolvedAddresses({ u"192.0.2.1"_qs, u"192.0.2.2"_qs });
        const QByteArrayList keywords = params.keywords();
        const QByteArrayList values = params.values();
        QCOMPARE(values.at(keywords.indexOf("host")), QByteArray("db.example.org,db.example.org"));
        QCOMPARE(values.at(keywords.indexOf("hostaddr")), QByteArray("192.0.2.1,192.0.2.2"));
    }

    void scrubbedMasksWholeTokens_data()
    {
        QTest::addColumn<QString>("connection");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");

        // The example: substring masking turned the address into ***27.0.0.***:9.
        QTest::newRow("password 1")
            << u"host=127.0.0.1 port=9 password=1"_qs << u"connection refused by 127.0.0.1:9"_qs
            << u"connection refused by 127.0.0.1:9"_qs;
        QTest::newRow("echoed password")
            << u"host=db password=hunter2"_qs << u"server said: bad password \"hunter2\""_qs
            << u"server said: bad password \"***\""_qs;
        QTest::newRow("inside a word")
            << u"host=db password=on"_qs << u"connection to server on socket failed"_qs
            << u"connection to server *** socket failed"_qs;
        QTest::newRow("not a token")
            << u"host=db password=sock"_qs << u"connection to server on socket failed"_qs
            << u"connection to server on socket failed"_qs;
    }

    void scrubbedMasksWholeTokens()
    {
        QFETCH(QString, connection);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        qunsetenv("PGPASSWORD");
        const PgConnectParams params = PgConnectParams::parse(connection);
        QVERIFY2(params.isValid(), qPrintable(params.error()));
        QCOMPARE(params.scrubbed(text), expected);
    }
};

QTEST_GUILESS_MAIN(tst_PgConnectParams)
#include "tst_pgconnectparams.moc"
