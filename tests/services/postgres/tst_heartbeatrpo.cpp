#include "heartbeatledger.h"
#include "pglab.h"
#include "postgresprober.h"
#include "probeonce.h"

#include <QTest>

using namespace Console;

// The heartbeat end to end on real clusters (PgLab): PostgresProbers write and read
// failover_console.heartbeat and a HeartbeatLedger turns that into the data a promotion lost.
// The tests run in order and change the lab's topology: standby1 is promoted cleanly, then the
// old primary dies with writes standby2 never received, and standby2 is promoted.
class tst_HeartbeatRpo final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void writesOneBoundedRowThatAdvances();
    void cleanSwitchoverLosesNothing();
    void lostWritesAreCounted();

private:
    bool fault(const QString &node, const QString &kind);
    std::unique_ptr<PostgresProber> prober(const QString &node);
    // Probes until `node` holds the newest heartbeat `writer` acknowledged (bounded).
    bool waitUntilCaughtUp(PostgresProber &reader, const QString &writer);

    PgLab m_lab;
    HeartbeatLedger m_ledger;
};

namespace {

const QString Primary = QStringLiteral("primary");
const QString Standby1 = QStringLiteral("standby1");
const QString Standby2 = QStringLiteral("standby2");

} // namespace

void tst_HeartbeatRpo::initTestCase()
{
    QString error;
    QVERIFY2(m_lab.up(2, &error), qPrintable(error));
    // The console's role creates its own schema on first use (CREATE on the database).
    m_lab.psql(Primary, QStringLiteral("grant create on database postgres to monitor"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

bool tst_HeartbeatRpo::fault(const QString &node, const QString &kind)
{
    QString error;
    if (!m_lab.fault(node, kind, &error)) {
        qWarning("lab fault %s %s: %s", qPrintable(node), qPrintable(kind), qPrintable(error));
        return false;
    }
    return true;
}

std::unique_ptr<PostgresProber> tst_HeartbeatRpo::prober(const QString &node)
{
    auto p = std::make_unique<PostgresProber>(
        postgresEndpoint(node, m_lab.connectionString(node), true));
    p->setHeartbeatLedger(&m_ledger);
    return p;
}

bool tst_HeartbeatRpo::waitUntilCaughtUp(PostgresProber &reader, const QString &writer)
{
    const std::optional<HeartbeatMark> acked = m_ledger.lastAcknowledged(writer);
    if (!acked)
        return false;
    for (int attempt = 0; attempt < 50; ++attempt) {
        ProbeResult result;
        if (probeOnce(reader, &result) && result.postgres
            && result.postgres->heartbeatSeqSeen == acked->seq)
            return true;
        QTest::qWait(200);
    }
    return false;
}

void tst_HeartbeatRpo::writesOneBoundedRowThatAdvances()
{
    auto primary = prober(Primary);
    ProbeResult result;
    QVERIFY(probeOnce(*primary, &result)); // learns the role (and reads: no table yet)
    QVERIFY2(result.ok(), qPrintable(result.reason));
    QVERIFY(!result.postgres->heartbeatSeqWritten);
    QList<qint64> written;
    for (int i = 0; i < 4; ++i) {
        QVERIFY(probeOnce(*primary, &result));
        QVERIFY2(result.ok() && result.postgres->heartbeatSeqWritten,
            qPrintable(result.reason + result.postgres->heartbeatError));
        written += *result.postgres->heartbeatSeqWritten;
        QVERIFY(result.postgres->heartbeatWrittenAt);
        QCOMPARE(*result.postgres->heartbeatWrittenAt, result.postgres->serverTime);
    }
    QCOMPARE(written, QList<qint64>({ 1, 2, 3, 4 }));
    QCOMPARE(m_ledger.lastAcknowledged(Primary)->seq, 4);
    QCOMPARE(m_lab.psql(Primary,
                 QStringLiteral("select count(*) || ':' || max(seq) || ':' || min(writer) "
                                "from failover_console.heartbeat")),
        QStringLiteral("1:4:primary"));

    // A restarted console continues after the rows it finds.
    PostgresProber restarted(postgresEndpoint(Primary, m_lab.connectionString(Primary), true));
    QVERIFY(probeOnce(restarted, &result));
    QVERIFY(probeOnce(restarted, &result));
    QCOMPARE(result.postgres->heartbeatSeqWritten, 5);
    QVERIFY(probeOnce(*primary, &result));
    QCOMPARE(result.postgres->heartbeatSeqWritten, 6);
}

// Writes stop, the standby catches up, it is promoted: the ledger must measure no loss.
void tst_HeartbeatRpo::cleanSwitchoverLosesNothing()
{
    auto primary = prober(Primary);
    auto standby = prober(Standby1);
    ProbeResult result;
    for (int i = 0; i < 3; ++i) {
        QVERIFY(probeOnce(*primary, &result));
        QVERIFY2(result.ok(), qPrintable(result.reason));
    }
    QVERIFY(result.postgres->heartbeatSeqWritten);
    QVERIFY(waitUntilCaughtUp(*standby, Primary));

    QVERIFY(fault(Standby1, QStringLiteral("promote")));
    QVERIFY(probeOnce(*standby, &result)); // as primary now, but it reads once first
    QVERIFY2(result.ok(), qPrintable(result.reason));
    QCOMPARE(result.postgres->role, PostgresRole::Primary);
    QCOMPARE(result.postgres->timeline, 2);

    const RpoEstimate rpo = m_ledger.rpoAfterPromotion(Primary, Standby1);
    QVERIFY2(rpo.known, qPrintable(rpo.unknownReason));
    QCOMPARE(rpo.newestOnPromoted, rpo.lastAcknowledged);
    QCOMPARE(rpo.rowsLost, 0);
    QCOMPARE(rpo.secondsLost, 0.0);

    // The promoted node writes on, after every number already used.
    const qint64 last = m_ledger.highestAcknowledged();
    QVERIFY(probeOnce(*standby, &result));
    QVERIFY2(result.postgres->heartbeatSeqWritten, qPrintable(result.postgres->heartbeatError));
    QCOMPARE(*result.postgres->heartbeatSeqWritten, last + 1);
}

// standby2 stops receiving, the old primary acknowledges three more heartbeats and dies,
// standby2 is promoted: exactly those three are lost.
void tst_HeartbeatRpo::lostWritesAreCounted()
{
    auto primary = prober(Primary);
    auto standby = prober(Standby2);
    ProbeResult result;
    QVERIFY(probeOnce(*primary, &result));
    QVERIFY(probeOnce(*primary, &result));
    QVERIFY2(result.postgres->heartbeatSeqWritten, qPrintable(result.postgres->heartbeatError));
    QVERIFY(waitUntilCaughtUp(*standby, Primary));
    const qint64 survived = m_ledger.lastAcknowledged(Primary)->seq;

    QVERIFY(fault(Standby2, QStringLiteral("crash")));
    for (int i = 0; i < 3; ++i) {
        QTest::qWait(300); // pacing: the lost span is measured in the primary's time
        QVERIFY(probeOnce(*primary, &result));
        QVERIFY2(result.postgres->heartbeatSeqWritten, qPrintable(result.postgres->heartbeatError));
    }
    QVERIFY(fault(Primary, QStringLiteral("crash")));
    QVERIFY(fault(Standby2, QStringLiteral("start")));
    QVERIFY(fault(Standby2, QStringLiteral("promote")));
    QCOMPARE(
        m_lab.psql(Standby2, QStringLiteral("select max(seq) from failover_console.heartbeat")),
        QString::number(survived));

    QVERIFY(probeOnce(*standby, &result));
    QVERIFY2(result.ok(), qPrintable(result.reason));
    QCOMPARE(result.postgres->heartbeatSeqSeen, survived);
    const RpoEstimate rpo = m_ledger.rpoAfterPromotion(Primary, Standby2);
    QVERIFY2(rpo.known, qPrintable(rpo.unknownReason));
    QCOMPARE(rpo.newestOnPromoted, survived);
    QCOMPARE(rpo.rowsLost, 3);
    QVERIFY(!rpo.rowsLostIsLowerBound);
    QVERIFY2(rpo.secondsLost >= 0.85 && rpo.secondsLost < 30,
        qPrintable(QString::number(rpo.secondsLost)));
}

QTEST_GUILESS_MAIN(tst_HeartbeatRpo)
#include "tst_heartbeatrpo.moc"
