#include "probetext.h"

#include <QTest>

using namespace Console;

// How a failed probe reads in a reason: the status once, not twice.
class tst_ProbeText final : public QObject
{
    Q_OBJECT
private slots:
    void describeFailure_data();
    void describeFailure();
};

void tst_ProbeText::describeFailure_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("expected");
    QTest::newRow("tls phrased") << int(ProbeStatus::Tls) << "TLS: the certificate has expired"
                                 << "TLS: the certificate has expired";
    QTest::newRow("tls bare") << int(ProbeStatus::Tls) << "the certificate has expired"
                              << "TLS error: the certificate has expired";
    QTest::newRow("refused phrased")
        << int(ProbeStatus::Refused) << "connection refused by 127.0.0.1:9"
        << "connection refused by 127.0.0.1:9";
    QTest::newRow("timeout bare") << int(ProbeStatus::Timeout) << "no answer in 800 ms"
                                  << "timeout: no answer in 800 ms";
    QTest::newRow("empty") << int(ProbeStatus::Dns) << ""
                           << "DNS lookup failed";
}

void tst_ProbeText::describeFailure()
{
    QFETCH(int, status);
    QFETCH(QString, reason);
    QFETCH(QString, expected);
    ProbeResult result;
    result.status = ProbeStatus(status);
    result.reason = reason;
    QCOMPARE(Console::describeFailure(result), expected);
}

QTEST_GUILESS_MAIN(tst_ProbeText)
#include "tst_probetext.moc"
