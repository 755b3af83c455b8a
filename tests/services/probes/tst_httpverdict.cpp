#include "httpverdict.h"

#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

class tst_HttpVerdict final : public QObject
{
    Q_OBJECT

private slots:
    void transport_data();
    void transport();
    void transportErrorsAreNotHttpAnswers_data();
    void transportErrorsAreNotHttpAnswers();
    void status_data();
    void status();
    void qtTextLosesQueryAndUserInfo();
};

void tst_HttpVerdict::transport_data()
{
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QStringList>("tlsErrors");
    QTest::addColumn<bool>("answerStarted");
    QTest::addColumn<ProbeStatus>("status");
    QTest::addColumn<QString>("reason");

    const QUrl local(QStringLiteral("http://127.0.0.1:5432/health"));
    const QUrl named(QStringLiteral("https://db.example.invalid/health"));
    QTest::newRow("refused") << QNetworkReply::ConnectionRefusedError << local << QStringList()
                             << false << ProbeStatus::Refused
                             << QStringLiteral("connection refused by 127.0.0.1:5432");
    QTest::newRow("refused default https port")
        << QNetworkReply::ConnectionRefusedError << named << QStringList() << false
        << ProbeStatus::Refused << QStringLiteral("connection refused by db.example.invalid:443");
    QTest::newRow("dns") << QNetworkReply::HostNotFoundError << named << QStringList() << false
                         << ProbeStatus::Dns << QStringLiteral("host db.example.invalid not found");
    QTest::newRow("qt timeout") << QNetworkReply::TimeoutError << local << QStringList() << false
                                << ProbeStatus::Timeout
                                << QStringLiteral("no answer within 800 ms");
    QTest::newRow("transfer timeout as cancel")
        << QNetworkReply::OperationCanceledError << local << QStringList() << true
        << ProbeStatus::Timeout << QStringLiteral("answer not complete within 800 ms");
    QTest::newRow("tls errors win")
        << QNetworkReply::SslHandshakeFailedError << named
        << QStringList { QStringLiteral("The certificate has expired"),
               QStringLiteral("The host name did not match") }
        << false << ProbeStatus::Tls
        << QStringLiteral("TLS: The certificate has expired; The host name did not match");
    QTest::newRow("tls handshake without list")
        << QNetworkReply::SslHandshakeFailedError << named << QStringList() << false
        << ProbeStatus::Tls << QStringLiteral("TLS: qt text");
    QTest::newRow("reset") << QNetworkReply::RemoteHostClosedError << local << QStringList() << true
                           << ProbeStatus::NetworkError << QStringLiteral("qt text");
    QTest::newRow("garbage") << QNetworkReply::ProtocolFailure << local << QStringList() << false
                             << ProbeStatus::NetworkError << QStringLiteral("qt text");
}

void tst_HttpVerdict::transport()
{
    QFETCH(QNetworkReply::NetworkError, error);
    QFETCH(QUrl, url);
    QFETCH(QStringList, tlsErrors);
    QFETCH(bool, answerStarted);
    QFETCH(ProbeStatus, status);
    QFETCH(QString, reason);

    const HttpVerdict verdict
        = transportVerdict(error, url, QStringLiteral("qt text"), tlsErrors, 800ms, answerStarted);
    QCOMPARE(toString(verdict.status), toString(status));
    QCOMPARE(verdict.reason, reason);
}

void tst_HttpVerdict::transportErrorsAreNotHttpAnswers_data()
{
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::addColumn<bool>("transport");
    QTest::newRow("none") << QNetworkReply::NoError << false;
    QTest::newRow("refused") << QNetworkReply::ConnectionRefusedError << true;
    QTest::newRow("closed mid-body") << QNetworkReply::RemoteHostClosedError << true;
    QTest::newRow("tls") << QNetworkReply::SslHandshakeFailedError << true;
    QTest::newRow("proxy") << QNetworkReply::ProxyConnectionRefusedError << true;
    QTest::newRow("protocol failure") << QNetworkReply::ProtocolFailure << true;
    QTest::newRow("404 restated") << QNetworkReply::ContentNotFoundError << false;
    QTest::newRow("400 restated") << QNetworkReply::ProtocolInvalidOperationError << false;
    QTest::newRow("500 restated") << QNetworkReply::InternalServerError << false;
    QTest::newRow("401 restated") << QNetworkReply::AuthenticationRequiredError << false;
}

void tst_HttpVerdict::transportErrorsAreNotHttpAnswers()
{
    QFETCH(QNetworkReply::NetworkError, error);
    QFETCH(bool, transport);
    QCOMPARE(isTransportError(error), transport);
}

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

void tst_HttpVerdict::qtTextLosesQueryAndUserInfo()
{
    const QUrl url(QStringLiteral("http://probe:hunter2@10.0.0.1:8080/health?token=s3cret"));
    const HttpVerdict verdict = transportVerdict(QNetworkReply::UnknownNetworkError, url,
        QStringLiteral("Error transferring ") + url.toString() + QStringLiteral(" - boom"), {},
        800ms, false);
    QCOMPARE(toString(verdict.status), toString(ProbeStatus::NetworkError));
    QVERIFY2(!verdict.reason.contains(QLatin1String("s3cret")), qPrintable(verdict.reason));
    QVERIFY2(!verdict.reason.contains(QLatin1String("hunter2")), qPrintable(verdict.reason));
    QCOMPARE(
        verdict.reason, QStringLiteral("Error transferring http://10.0.0.1:8080/health - boom"));
}

QTEST_GUILESS_MAIN(tst_HttpVerdict)
#include "tst_httpverdict.moc"
