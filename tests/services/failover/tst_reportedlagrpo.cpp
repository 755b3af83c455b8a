#include "reportedlagrpo.h"
#include "rpotext.h"

#include <QTest>
#include <QTimeZone>

using namespace Console;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

Q_DECLARE_METATYPE(std::optional<Console::LagReport>)

namespace {

const QDateTime LossAt = QDateTime(QDate(2026, 11, 29), QTime(12, 0), QTimeZone::utc());

std::optional<LagReport> reported(double seconds, qint64 msBeforeLoss)
{
    return LagReport { seconds, LossAt.addMSecs(-msBeforeLoss) };
}

} // namespace

// The second RPO basis, for a standby with no heartbeat: its own lag report before the loss,
// used only while fresh. Hand-made reports, no deployment.
class tst_ReportedLagRpo final : public QObject
{
    Q_OBJECT
private slots:
    void decide_data();
    void decide();
    void figuresNameTheBasis();
    void unknownFiguresKeepTheReason();
    void rpoReadsTheSameOnEveryBasis();
};

void tst_ReportedLagRpo::decide_data()
{
    QTest::addColumn<std::optional<LagReport>>("report");
    QTest::addColumn<QDateTime>("lossAt");
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<bool>("known");
    QTest::addColumn<qint64>("lagMs");
    QTest::addColumn<qint64>("ageMs");
    QTest::addColumn<QString>("reasonHas");

    QTest::newRow("fresh") << reported(0.25, 400) << LossAt << 1000 << true << qint64(250)
                           << qint64(400) << QString();
    // 80 ms over HTTP is 0.08 s, which is not exact in binary: still 80 ms, not 81.
    QTest::newRow("no float creep")
        << reported(0.08, 10) << LossAt << 1000 << true << qint64(80) << qint64(10) << QString();
    QTest::newRow("sub-millisecond rounds up")
        << reported(0.0001, 0) << LossAt << 1000 << true << qint64(1) << qint64(0) << QString();
    QTest::newRow("in sync") << reported(0, 900) << LossAt << 1000 << true << qint64(0)
                             << qint64(900) << QString();
    QTest::newRow("negative lag is none")
        << reported(-0.5, 100) << LossAt << 1000 << true << qint64(0) << qint64(100) << QString();
    QTest::newRow("exactly two intervals old") << reported(1.5, 2000) << LossAt << 1000 << true
                                               << qint64(1500) << qint64(2000) << QString();
    QTest::newRow("read after the loss stamp")
        << reported(0.1, -300) << LossAt << 1000 << true << qint64(100) << qint64(0) << QString();
    QTest::newRow("stale") << reported(0.25, 2001) << LossAt << 1000 << false << qint64(0)
                           << qint64(0) << u"2.00 s old"_s;
    QTest::newRow("stale for fast probes")
        << reported(0.25, 600) << LossAt << 250 << false << qint64(0) << qint64(0)
        << u"more than 2 probe intervals, 500 ms"_s;
    QTest::newRow("slow probes keep it fresh") << reported(3.2, 9000) << LossAt << 5000 << true
                                               << qint64(3200) << qint64(9000) << QString();
    QTest::newRow("absent") << std::optional<LagReport>() << LossAt << 1000 << false << qint64(0)
                            << qint64(0) << u"reported no replication lag"_s;
    QTest::newRow("report without a time")
        << std::optional<LagReport>(LagReport { 0.1, QDateTime() }) << LossAt << 1000 << false
        << qint64(0) << qint64(0) << u"reported no replication lag"_s;
    QTest::newRow("loss time unknown") << reported(0.1, 100) << QDateTime() << 1000 << false
                                       << qint64(0) << qint64(0) << u"when the old primary"_s;
}

void tst_ReportedLagRpo::decide()
{
    QFETCH(std::optional<LagReport>, report);
    QFETCH(QDateTime, lossAt);
    QFETCH(int, intervalMs);
    QFETCH(bool, known);
    QFETCH(qint64, lagMs);
    QFETCH(qint64, ageMs);
    QFETCH(QString, reasonHas);
    const ReportedLagRpo rpo = ReportedLagRpo::decide(
        report, lossAt, std::chrono::milliseconds(intervalMs), u"EU West"_s);
    QCOMPARE(rpo.known, known);
    if (known) {
        QCOMPARE(rpo.lagMs, lagMs);
        QCOMPARE(rpo.reportAgeMs, ageMs);
        QVERIFY(rpo.unknownReason.isEmpty());
    } else {
        QVERIFY2(rpo.unknownReason.contains(u"EU West"_s), qPrintable(rpo.unknownReason));
        QVERIFY2(rpo.unknownReason.contains(reasonHas), qPrintable(rpo.unknownReason));
    }
}

void tst_ReportedLagRpo::figuresNameTheBasis()
{
    const ReportedLagRpo rpo = ReportedLagRpo::decide(reported(0.25, 400), LossAt, 1s, u"x"_s);
    const QVariantMap figures = rpo.figures();
    QCOMPARE(figures.value(u"rpo_ms"_s).toLongLong(), 250);
    QCOMPARE(figures.value(u"rpo_basis"_s).toString(), u"reported-lag"_s);
    QCOMPARE(figures.value(u"rpo_report_age_ms"_s).toLongLong(), 400);
    // A duration from the standby's word, never a row count.
    QVERIFY(!figures.contains(u"rpo_rows"_s));
    QVERIFY(!figures.contains(u"rpo_unknown"_s));
}

void tst_ReportedLagRpo::unknownFiguresKeepTheReason()
{
    const ReportedLagRpo rpo = ReportedLagRpo::decide(reported(0.25, 5000), LossAt, 1s, u"x"_s);
    const QVariantMap figures = rpo.figures();
    QCOMPARE(figures.keys(), QStringList { u"rpo_unknown"_s });
    QCOMPARE(figures.value(u"rpo_unknown"_s).toString(), rpo.unknownReason);
}

// One wording for the event log, the failover panel and the drill report, the basis always said.
void tst_ReportedLagRpo::rpoReadsTheSameOnEveryBasis()
{
    const ReportedLagRpo lag = ReportedLagRpo::decide(reported(0.073, 668), LossAt, 1s, u"x"_s);
    QCOMPARE(RpoText::measured(lag.figures()), u"73 ms (standby's reported lag, 668 ms old)"_s);
    QCOMPARE(RpoText::measured({ { u"rpo_ms"_s, 0 }, { u"rpo_rows"_s, 0 } }),
        u"0 ms (0 heartbeat rows)"_s);
    QCOMPARE(RpoText::measured({ { u"rpo_ms"_s, 1200 }, { u"rpo_rows"_s, 1 } }),
        u"1.20 s (1 heartbeat row)"_s);
    QCOMPARE(RpoText::measured({ { u"rpo_ms"_s, 12 } }), u"12 ms"_s);
    // Not measured: nothing to read, and the reason stays in rpo_unknown for the caller.
    QCOMPARE(RpoText::measured(ReportedLagRpo::decide(std::nullopt, LossAt, 1s, u"x"_s).figures()),
        QString());
}

QTEST_GUILESS_MAIN(tst_ReportedLagRpo)
#include "tst_reportedlagrpo.moc"
