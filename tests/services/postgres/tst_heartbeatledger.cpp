#include "heartbeatledger.h"

#include <QTest>

using namespace Console;

// The ledger is pure: acknowledged and seen heartbeats in, replica lag in heartbeats and a
// promotion's data loss out. Times are the writing primary's clock, so no clock is faked.
class tst_HeartbeatLedger final : public QObject
{
    Q_OBJECT

private slots:
    void rpoAfterPromotion_data();
    void rpoAfterPromotion();
    void historyIsBounded();
    void acknowledgedNeverMovesBack();
    void seenFollowsTheLatestReading();
    void sequencesBehind();
    void highestAcknowledgedFollowsTheNewestWriter();
    void unknownWithoutData();
    void clear();
    void secondsBehindNewest();
};

namespace {

// (seq, seconds after T0) of each acknowledgement, in the order the old primary answered.
using Acks = QList<QPair<qint64, double>>;

const QDateTime T0 = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);

QDateTime at(double seconds)
{
    return T0.addMSecs(qRound64(seconds * 1000));
}

} // namespace

void tst_HeartbeatLedger::rpoAfterPromotion_data()
{
    QTest::addColumn<Acks>("acked");
    QTest::addColumn<qint64>("seenSeq");
    QTest::addColumn<double>("seenAt");
    QTest::addColumn<qint64>("rowsLost");
    QTest::addColumn<double>("secondsLost");

    QTest::newRow("caught up") << Acks { { 40, 39.0 }, { 41, 40.0 }, { 42, 41.0 } } << qint64(42)
                               << 41.0 << qint64(0) << 0.0;
    QTest::newRow("one behind") << Acks { { 40, 39.0 }, { 41, 40.0 }, { 42, 41.0 } } << qint64(41)
                                << 40.0 << qint64(1) << 1.0;
    Acks fast;
    for (qint64 seq = 96; seq <= 105; ++seq)
        fast += { seq, seq / 5.0 };
    QTest::newRow("five behind, 200 ms apart") << fast << qint64(100) << 20.0 << qint64(5) << 1.0;
    // Another writer took 12..14 meanwhile: rows are counted, not subtracted.
    QTest::newRow("gap in sequences")
        << Acks { { 10, 10.0 }, { 11, 11.0 }, { 15, 12.0 }, { 16, 13.5 } } << qint64(11) << 11.0
        << qint64(2) << 2.5;
    // The promoted node holds a later row than the old primary's last answer reached us
    // (its last acknowledgement got lost): nothing is lost.
    QTest::newRow("promoted is ahead")
        << Acks { { 41, 40.0 }, { 42, 41.0 } } << qint64(43) << 42.0 << qint64(0) << 0.0;
    QTest::newRow("clock oddity never negative")
        << Acks { { 9, 4.0 }, { 10, 5.0 } } << qint64(9) << 6.0 << qint64(1) << 0.0;
}

void tst_HeartbeatLedger::rpoAfterPromotion()
{
    QFETCH(Acks, acked);
    QFETCH(qint64, seenSeq);
    QFETCH(double, seenAt);
    HeartbeatLedger ledger;
    for (const auto &[seq, seconds] : acked)
        ledger.recordAcknowledged(QStringLiteral("old"), seq, at(seconds));
    ledger.recordSeen(QStringLiteral("promoted"), seenSeq, at(seenAt));
    const RpoEstimate rpo
        = ledger.rpoAfterPromotion(QStringLiteral("old"), QStringLiteral("promoted"));
    QVERIFY(rpo.known);
    QVERIFY(rpo.unknownReason.isEmpty());
    QVERIFY(!rpo.rowsLostIsLowerBound);
    QCOMPARE(rpo.lastAcknowledged, acked.constLast().first);
    QCOMPARE(rpo.newestOnPromoted, seenSeq);
    QTEST(rpo.rowsLost, "rowsLost");
    QTEST(rpo.secondsLost, "secondsLost");
}

void tst_HeartbeatLedger::historyIsBounded()
{
    HeartbeatLedger ledger;
    const qint64 total = HeartbeatLedger::HistoryLimit + 10;
    for (qint64 seq = 1; seq <= total; ++seq)
        ledger.recordAcknowledged(QStringLiteral("old"), seq, at(seq));
    ledger.recordSeen(QStringLiteral("promoted"), 0, at(0));
    RpoEstimate rpo = ledger.rpoAfterPromotion(QStringLiteral("old"), QStringLiteral("promoted"));
    QCOMPARE(rpo.rowsLost, HeartbeatLedger::HistoryLimit);
    QVERIFY(rpo.rowsLostIsLowerBound);
    ledger.recordSeen(QStringLiteral("promoted"), total - 5, at(total - 5));
    rpo = ledger.rpoAfterPromotion(QStringLiteral("old"), QStringLiteral("promoted"));
    QCOMPARE(rpo.rowsLost, 5);
    QVERIFY(!rpo.rowsLostIsLowerBound);
    QCOMPARE(rpo.secondsLost, 5.0);
}

void tst_HeartbeatLedger::acknowledgedNeverMovesBack()
{
    HeartbeatLedger ledger;
    ledger.recordAcknowledged(QStringLiteral("p"), 7, at(7));
    ledger.recordAcknowledged(QStringLiteral("p"), 5, at(9)); // a late answer
    QCOMPARE(ledger.lastAcknowledged(QStringLiteral("p"))->seq, 7);
    QCOMPARE(ledger.lastAcknowledged(QStringLiteral("p"))->writtenAt, at(7));
}

void tst_HeartbeatLedger::seenFollowsTheLatestReading()
{
    HeartbeatLedger ledger;
    ledger.recordSeen(QStringLiteral("r"), 9, at(9));
    ledger.recordSeen(QStringLiteral("r"), 4, at(4)); // rebuilt from an older backup
    QCOMPARE(ledger.lastSeen(QStringLiteral("r"))->seq, 4);
}

void tst_HeartbeatLedger::sequencesBehind()
{
    HeartbeatLedger ledger;
    QVERIFY(!ledger.sequencesBehind(QStringLiteral("p"), QStringLiteral("r")));
    for (qint64 seq = 10; seq <= 12; ++seq)
        ledger.recordAcknowledged(QStringLiteral("p"), seq, at(seq));
    QCOMPARE(ledger.sequencesBehind(QStringLiteral("p"), QStringLiteral("r")), 3); // holds none
    ledger.recordSeen(QStringLiteral("r"), 11, at(11));
    QCOMPARE(ledger.sequencesBehind(QStringLiteral("p"), QStringLiteral("r")), 1);
    QCOMPARE(ledger.sequencesBehindNewest(QStringLiteral("r")), 1);
    ledger.recordSeen(QStringLiteral("r"), 13, at(13));
    QCOMPARE(ledger.sequencesBehind(QStringLiteral("p"), QStringLiteral("r")), 0);
    // A writer is never behind itself.
    QVERIFY(!ledger.sequencesBehindNewest(QStringLiteral("p")));
}

void tst_HeartbeatLedger::highestAcknowledgedFollowsTheNewestWriter()
{
    HeartbeatLedger ledger;
    QCOMPARE(ledger.highestAcknowledged(), 0);
    ledger.recordAcknowledged(QStringLiteral("old"), 20, at(20));
    QCOMPARE(ledger.highestAcknowledged(), 20);
    ledger.recordAcknowledged(QStringLiteral("new"), 21, at(21)); // promoted, continues
    ledger.recordAcknowledged(QStringLiteral("new"), 22, at(22));
    QCOMPARE(ledger.highestAcknowledged(), 22);
    ledger.recordSeen(QStringLiteral("replica"), 20, at(20));
    QCOMPARE(ledger.sequencesBehindNewest(QStringLiteral("replica")), 2);
}

void tst_HeartbeatLedger::unknownWithoutData()
{
    HeartbeatLedger ledger;
    RpoEstimate rpo = ledger.rpoAfterPromotion(QStringLiteral("old"), QStringLiteral("new"));
    QVERIFY(!rpo.known);
    QVERIFY(rpo.unknownReason.contains(QStringLiteral("old")));
    ledger.recordAcknowledged(QStringLiteral("old"), 3, at(3));
    rpo = ledger.rpoAfterPromotion(QStringLiteral("old"), QStringLiteral("new"));
    QVERIFY(!rpo.known);
    QVERIFY(rpo.unknownReason.contains(QStringLiteral("new")));
}

void tst_HeartbeatLedger::clear()
{
    HeartbeatLedger ledger;
    ledger.recordAcknowledged(QStringLiteral("p"), 3, at(3));
    ledger.recordSeen(QStringLiteral("r"), 3, at(3));
    ledger.clear();
    QCOMPARE(ledger.highestAcknowledged(), 0);
    QVERIFY(!ledger.lastSeen(QStringLiteral("r")));
    QVERIFY(!ledger.lastAcknowledged(QStringLiteral("p")));
}

void tst_HeartbeatLedger::secondsBehindNewest()
{
    HeartbeatLedger ledger;
    const QString primary = QStringLiteral("p");
    const QString replica = QStringLiteral("r");
    QVERIFY(!ledger.secondsBehindNewest(replica, at(0)));
    for (int seq = 1; seq <= 5; ++seq)
        ledger.recordAcknowledged(primary, seq, at(seq));

    // Holding nothing yet: the wait of the very first heartbeat.
    QCOMPARE(*ledger.secondsBehindNewest(replica, at(6)), 5.0);
    // Holding 3 of 5: heartbeat 4, acknowledged at t=4, has waited 2.5 s at t=6.5.
    ledger.recordSeen(replica, 3, at(3));
    QCOMPARE(*ledger.secondsBehindNewest(replica, at(6.5)), 2.5);
    // Caught up: no lag, however long ago the newest row was written (an idle primary).
    ledger.recordSeen(replica, 5, at(5));
    QCOMPARE(*ledger.secondsBehindNewest(replica, at(60)), 0.0);
    // The writer itself has no lag to itself; an invalid clock gives no figure.
    QVERIFY(!ledger.secondsBehindNewest(primary, at(60)));
    ledger.recordAcknowledged(primary, 6, at(6));
    QVERIFY(!ledger.secondsBehindNewest(replica, QDateTime()));
    // Clock skew never yields a negative lag.
    QCOMPARE(*ledger.secondsBehindNewest(replica, at(5)), 0.0);
}

QTEST_GUILESS_MAIN(tst_HeartbeatLedger)
#include "tst_heartbeatledger.moc"
