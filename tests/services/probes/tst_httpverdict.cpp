#include "httpverdict.h"

#include <QTest>

using namespace Console;

class tst_HttpVerdict final : public QObject
{
    Q_OBJECT

private slots:
    void status_data();
    void status();
};

void tst_HttpVerdict::status_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("phrase");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QUrl>("location");
    QTest::addColumn<QString>("reason");

    QTest::newRow("500") << 500 << QByteArray("Internal Server Error") << 200 << QUrl()
                         << QStringLiteral("HTTP 500 Internal Server Error, expected 200");
    QTest::newRow("no phrase") << 503 << QByteArray() << 200 << QUrl()
                               << QStringLiteral("HTTP 503, expected 200");
    QTest::newRow("long phrase") << 500 << QByteArray(100, 'a') << 200 << QUrl()
                                 << QStringLiteral("HTTP 500 ") + QString(60, u'a')
            + QStringLiteral("…, expected 200");
    QTest::newRow("redirect")
        << 302 << QByteArray("Found") << 200
        << QUrl(QStringLiteral("https://user:pw@login.example/sso?token=abc#x"))
        << QStringLiteral("HTTP 302 Found, expected 200 (redirect to https://login.example/sso)");
    QTest::newRow("expected 204") << 200 << QByteArray("OK") << 204 << QUrl()
                                  << QStringLiteral("HTTP 200 OK, expected 204");
}

void tst_HttpVerdict::status()
{
    QFETCH(int, status);
    QFETCH(QByteArray, phrase);
    QFETCH(int, expected);
    QFETCH(QUrl, location);
    QFETCH(QString, reason);

    const HttpVerdict verdict = statusVerdict(status, phrase, expected, location);
    QCOMPARE(toString(verdict.status), toString(ProbeStatus::HttpStatus));
    QCOMPARE(verdict.reason, reason);
}

QTEST_GUILESS_MAIN(tst_HttpVerdict)
#include "tst_httpverdict.moc"
