#include "curlverdict.h"

#include <QTest>

#include <cerrno>

using namespace Console;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(CURLcode)

// curlTransportVerdict: each libcurl failure in the console's words, without provoking it.
class tst_CurlVerdict final : public QObject
{
    Q_OBJECT

private slots:
    void transport_data();
    void transport();
    void textLosesQueryAndUserInfo();
};

void tst_CurlVerdict::transport_data()
{
    QTest::addColumn<CURLcode>("code");
    QTest::addColumn<int>("osErrno");
    QTest::addColumn<QByteArray>("curlText");
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<bool>("answerStarted");
    QTest::addColumn<ProbeStatus>("status");
    QTest::addColumn<QString>("reason");

    const QUrl local(QStringLiteral("http://127.0.0.1:5432/health"));
    const QUrl named(QStringLiteral("https://db.example.invalid/health"));
    QTest::newRow("refused") << CURLE_COULDNT_CONNECT << ECONNREFUSED
                             << QByteArray("Failed to connect") << local << false
                             << ProbeStatus::Refused
                             << QStringLiteral("connection refused by 127.0.0.1:5432");
    QTest::newRow("unreachable is not refused")
        << CURLE_COULDNT_CONNECT << EHOSTUNREACH << QByteArray("No route to host") << local << false
        << ProbeStatus::NetworkError << QStringLiteral("No route to host");
    QTest::newRow("dns") << CURLE_COULDNT_RESOLVE_HOST << 0 << QByteArray("Could not resolve")
                         << named << false << ProbeStatus::Dns
                         << QStringLiteral("host db.example.invalid not found");
    QTest::newRow("curl timeout before an answer")
        << CURLE_OPERATION_TIMEDOUT << 0 << QByteArray() << local << false << ProbeStatus::Timeout
        << QStringLiteral("no answer within 800 ms");
    QTest::newRow("curl timeout in the body")
        << CURLE_OPERATION_TIMEDOUT << 0 << QByteArray() << local << true << ProbeStatus::Timeout
        << QStringLiteral("answer not complete within 800 ms");
    QTest::newRow("self-signed, prefix said once")
        << CURLE_PEER_FAILED_VERIFICATION << 0
        << QByteArray("SSL certificate problem: self-signed certificate") << named << false
        << ProbeStatus::Tls << QStringLiteral("TLS: self-signed certificate");
    QTest::newRow("handshake") << CURLE_SSL_CONNECT_ERROR << 0
                               << QByteArray("OpenSSL SSL_connect: Connection reset by peer")
                               << named << false << ProbeStatus::Tls
                               << QStringLiteral("TLS: Connection reset by peer");
    QTest::newRow("reset") << CURLE_RECV_ERROR << ECONNRESET
                           << QByteArray("Recv failure: Connection reset by peer") << local << false
                           << ProbeStatus::NetworkError
                           << QStringLiteral("Recv failure: Connection reset by peer");
    QTest::newRow("no text: curl's own words")
        << CURLE_WEIRD_SERVER_REPLY << 0 << QByteArray() << local << false
        << ProbeStatus::NetworkError
        << QString::fromUtf8(curl_easy_strerror(CURLE_WEIRD_SERVER_REPLY));
}

void tst_CurlVerdict::transport()
{
    QFETCH(CURLcode, code);
    QFETCH(int, osErrno);
    QFETCH(QByteArray, curlText);
    QFETCH(QUrl, url);
    QFETCH(bool, answerStarted);
    QFETCH(ProbeStatus, status);
    QFETCH(QString, reason);
    const HttpVerdict verdict
        = curlTransportVerdict(code, osErrno, curlText, url, 800ms, answerStarted);
    QCOMPARE(toString(verdict.status), toString(status));
    QCOMPARE(verdict.reason, reason);
}

void tst_CurlVerdict::textLosesQueryAndUserInfo()
{
    const QUrl url(QStringLiteral("http://probe:hunter2@10.0.0.1:8080/health?token=s3cret"));
    const HttpVerdict verdict = curlTransportVerdict(CURLE_RECV_ERROR, 0,
        "Error transferring " + url.toString().toUtf8() + " - boom", url, 800ms, false);
    QCOMPARE(toString(verdict.status), toString(ProbeStatus::NetworkError));
    QVERIFY2(!verdict.reason.contains(QLatin1String("s3cret")), qPrintable(verdict.reason));
    QVERIFY2(!verdict.reason.contains(QLatin1String("hunter2")), qPrintable(verdict.reason));
    QCOMPARE(
        verdict.reason, QStringLiteral("Error transferring http://10.0.0.1:8080/health - boom"));
}

QTEST_GUILESS_MAIN(tst_CurlVerdict)
#include "tst_curlverdict.moc"
