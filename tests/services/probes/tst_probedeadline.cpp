#include "probedeadline.h"

#include <QTest>

using namespace Console;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

// The rule that an answer past the endpoint's timeout is a timeout, whatever it said.
class tst_ProbeDeadline final : public QObject
{
    Q_OBJECT

private slots:
    void verdict_data();
    void verdict();
    void lateAnswerKeepsNoPayload();
};

void tst_ProbeDeadline::verdict_data()
{
    QTest::addColumn<ProbeStatus>("status");
    QTest::addColumn<double>("latencyMs");
    QTest::addColumn<ProbeStatus>("expected");
    QTest::addColumn<QString>("reason");

    QTest::newRow("ok in time") << ProbeStatus::Ok << 120.0 << ProbeStatus::Ok << u"given"_s;
    QTest::newRow("ok exactly at the timeout")
        << ProbeStatus::Ok << 800.0 << ProbeStatus::Ok << u"given"_s;
    QTest::newRow("ok just past") << ProbeStatus::Ok << 800.4 << ProbeStatus::Timeout
                                  << u"answered after 800 ms, past the 800 ms timeout"_s;
    QTest::newRow("ok under load") << ProbeStatus::Ok << 37658.9 << ProbeStatus::Timeout
                                   << u"answered after 37658 ms, past the 800 ms timeout"_s;
    QTest::newRow("late refusal") << ProbeStatus::Refused << 2000.0 << ProbeStatus::Timeout
                                  << u"answered after 2000 ms, past the 800 ms timeout"_s;
    QTest::newRow("late bad body") << ProbeStatus::BadBody << 900.0 << ProbeStatus::Timeout
                                   << u"answered after 900 ms, past the 800 ms timeout"_s;
    QTest::newRow("a timeout keeps its reason")
        << ProbeStatus::Timeout << 805.0 << ProbeStatus::Timeout << u"given"_s;
    QTest::newRow("failure in time")
        << ProbeStatus::Refused << 3.0 << ProbeStatus::Refused << u"given"_s;
}

void tst_ProbeDeadline::verdict()
{
    QFETCH(ProbeStatus, status);
    QFETCH(double, latencyMs);
    QFETCH(ProbeStatus, expected);
    QFETCH(QString, reason);

    ProbeResult result;
    result.endpointId = u"ep"_s;
    result.status = status;
    result.reason = u"given"_s;
    result.latencyMs = latencyMs;
    const ProbeResult decided = enforceDeadline(result, 800ms);
    QCOMPARE(toString(decided.status), toString(expected));
    QCOMPARE(decided.reason, reason);
    QCOMPARE(decided.latencyMs, latencyMs);
    QCOMPARE(decided.endpointId, u"ep"_s);
}

void tst_ProbeDeadline::lateAnswerKeepsNoPayload()
{
    ProbeResult result;
    result.status = ProbeStatus::Ok;
    result.latencyMs = 1500;
    result.httpStatus = 200;
    result.reportedLagSeconds = 0.5;
    result.reportedRole = PostgresRole::Primary;
    result.postgres = PostgresObservation {};
    result.remoteBreakers = { RemoteBreaker {} };
    const ProbeResult decided = enforceDeadline(result, 800ms);
    QCOMPARE(toString(decided.status), toString(ProbeStatus::Timeout));
    QCOMPARE(decided.httpStatus, 0);
    QVERIFY(!decided.reportedLagSeconds);
    QVERIFY(!decided.reportedRole);
    QVERIFY(!decided.postgres);
    QVERIFY(decided.remoteBreakers.isEmpty());
}

QTEST_GUILESS_MAIN(tst_ProbeDeadline)
#include "tst_probedeadline.moc"
