#include "replicationsummary.h"

#include <QTest>

using namespace Console;

class tst_ReplicationSummary : public QObject
{
    Q_OBJECT

private slots:
    void primaryWithoutStandbysWarns()
    {
        PostgresObservation pg;
        pg.role = PostgresRole::Primary;
        const ReplicationSummary s = summarizeReplication(pg);
        QCOMPARE(s.text, QStringLiteral("no standby connected"));
        QVERIFY(s.warning);
        QVERIFY(!s.worstLagBytes);
    }

    void primaryTakesTheWorstStandby()
    {
        PostgresObservation pg;
        pg.role = PostgresRole::Primary;
        StandbyReplication caughtUp;
        caughtUp.name = QStringLiteral("standby1");
        caughtUp.lagBytes = 0; // PostgreSQL leaves replay_lag NULL once caught up
        StandbyReplication behind;
        behind.name = QStringLiteral("standby2");
        behind.lagBytes = 5 * 1024 * 1024;
        behind.replayLagS = 12.5;
        pg.standbys = { caughtUp, behind };
        const ReplicationSummary s = summarizeReplication(pg);
        QCOMPARE(*s.worstLagBytes, qint64(5 * 1024 * 1024));
        QCOMPARE(*s.worstLagSeconds, 12.5);
        QCOMPARE(s.text, QStringLiteral("2 standby(s) · max 5.0 MiB · 12.5 s"));
        QVERIFY(!s.warning);
        QVERIFY(s.detail.contains(QStringLiteral("standby1")));
        QVERIFY(s.detail.contains(QStringLiteral("replay lag 0.00 s")));
    }

    void standbyUsesTheHeartbeatNotTheReplayDelay()
    {
        PostgresObservation pg;
        pg.role = PostgresRole::Standby;
        pg.replayDelayS = 300; // idle primary: not a lag
        pg.heartbeatLagS = 0.4;
        pg.receiveReplayGapBytes = 2048;
        pg.replayPaused = true;
        const ReplicationSummary s = summarizeReplication(pg);
        QCOMPARE(*s.worstLagSeconds, 0.4);
        QCOMPARE(*s.worstLagBytes, qint64(2048));
        QCOMPARE(s.text, QStringLiteral("lag 0.40 s · replay 2.0 KiB behind · replay paused"));
        QVERIFY(s.warning);
    }

    void idleFreshStandbyHasNoTimestamp()
    {
        PostgresObservation pg;
        pg.role = PostgresRole::Standby;
        const ReplicationSummary s = summarizeReplication(pg);
        QCOMPARE(s.text, QStringLiteral("lag unknown (no heartbeat)"));
        QVERIFY(s.detail.contains(QStringLiteral("no commit replayed yet")));
        QVERIFY(!s.worstLagSeconds);
    }
};

QTEST_GUILESS_MAIN(tst_ReplicationSummary)
#include "tst_replicationsummary.moc"
