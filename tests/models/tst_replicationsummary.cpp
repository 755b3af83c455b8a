#include "replicationsummary.h"

#include <QTest>

using namespace Console;

// Only wording is tested here; what the figures mean is the topology's (tst_topologystate).
class tst_ReplicationSummary : public QObject
{
    Q_OBJECT

private slots:
    void nothingToSay()
    {
        const ReplicationSummary s = summarizeReplication(NodeReplication(), nullptr);
        QVERIFY(s.text.isEmpty());
        QVERIFY(!s.warning);
    }

    void primaryWithoutStandbysWarns()
    {
        NodeReplication r;
        r.side = NodeReplication::Side::Upstream;
        r.noStandbyStreaming = true;
        const ReplicationSummary s = summarizeReplication(r, nullptr);
        QCOMPARE(s.text, QStringLiteral("no standby connected"));
        QCOMPARE(s.compact, QStringLiteral("no standby"));
        QVERIFY(s.warning);
        QVERIFY(!s.worstLagBytes);
    }

    void primaryShowsItsWorstStandby()
    {
        NodeReplication r;
        r.side = NodeReplication::Side::Upstream;
        ReplicationLink caughtUp;
        caughtUp.standbyId = QStringLiteral("eu-west-db");
        caughtUp.state = QStringLiteral("streaming");
        caughtUp.lagBytes = 0;
        caughtUp.lagSeconds = 0.0;
        ReplicationLink stranger;
        stranger.standbyName = QStringLiteral("adhoc");
        stranger.state = QStringLiteral("catchup");
        stranger.lagBytes = 5 * 1024 * 1024;
        stranger.lagSeconds = 12.5;
        r.standbys = { caughtUp, stranger };
        r.streamingStandbys = 1;
        r.worstLagBytes = 5 * 1024 * 1024;
        r.worstLagSeconds = 12.5;
        const ReplicationSummary s = summarizeReplication(r, nullptr);
        QCOMPARE(s.text, QStringLiteral("1 of 2 standbys streaming · max 5.0 MiB · 12.5 s"));
        QCOMPARE(s.compact, QStringLiteral("1/2 · 5.0 MiB · 12.5 s"));
        QCOMPARE(*s.worstLagBytes, qint64(5 * 1024 * 1024));
        QVERIFY(!s.warning);
        QVERIFY2(s.detail.contains(QStringLiteral("eu-west-db: streaming, 0 B behind, lag 0.00 s")),
            qPrintable(s.detail));
        QVERIFY2(s.detail.contains(QStringLiteral("adhoc (not in the configuration)")),
            qPrintable(s.detail));
    }

    void standbyLagAndPausedReplay()
    {
        NodeReplication r;
        r.side = NodeReplication::Side::Standby;
        ReplicationLink link;
        link.state = QStringLiteral("streaming");
        link.lagSeconds = 0.4;
        link.lagBytes = 2048;
        link.replayPaused = true;
        r.link = link;
        r.replayPaused = true;
        NodeState node;
        PostgresObservation o;
        o.role = PostgresRole::Standby;
        o.receiveLsn = QStringLiteral("0/3000060");
        o.replayLsn = QStringLiteral("0/3000000");
        o.senderHost = QStringLiteral("127.0.0.1");
        o.senderPort = 5433;
        node.observation = o;
        const ReplicationSummary s = summarizeReplication(r, &node);
        QCOMPARE(s.text, QStringLiteral("lag 0.40 s · 2.0 KiB behind · replay paused"));
        // The figures alone for a narrow cell, the pause kept: it is why the cell warns.
        QCOMPARE(s.compact, QStringLiteral("0.40 s · 2.0 KiB · paused"));
        QVERIFY(s.warning);
        QVERIFY2(
            s.detail.contains(QStringLiteral("upstream 127.0.0.1:5433")), qPrintable(s.detail));
        QVERIFY(s.detail.contains(QStringLiteral("received up to 0/3000060")));
    }

    void lostPrimaryShowsExpectedLossNotLag()
    {
        NodeReplication r;
        r.side = NodeReplication::Side::Standby;
        ExpectedLoss loss;
        loss.bytes = 0;
        loss.bytesIsLowerBound = true;
        loss.rows = 0;
        loss.seconds = 0;
        r.expectedLoss = loss;
        const ReplicationSummary s = summarizeReplication(r, nullptr);
        QCOMPARE(
            s.text, QStringLiteral("if promoted now, loses at least 0 B and 0 heartbeat row(s)"));
        QCOMPARE(s.compact, QStringLiteral("loses at least 0 B and 0 heartbeat row(s)"));
        QCOMPARE(*s.worstLagSeconds, 0.0);
        QVERIFY(s.detail.contains(QStringLiteral("lower bound")));

        ExpectedLoss unknown;
        unknown.bytesBehindBestStandby = 4096;
        unknown.unknownReason = QStringLiteral("no primary was seen since the console started");
        r.expectedLoss = unknown;
        const ReplicationSummary blind = summarizeReplication(r, nullptr);
        QCOMPARE(blind.text,
            QStringLiteral("if promoted now, loses an unknown amount (4.0 KiB behind the most "
                           "advanced standby)"));
        QVERIFY(blind.detail.contains(unknown.unknownReason));
    }

    void staleFiguresSaySo()
    {
        NodeReplication r;
        r.side = NodeReplication::Side::Upstream;
        r.stale = true;
        r.lastAnswerAt = QDateTime(QDate(2026, 1, 1), QTime(12, 0, 3), Qt::LocalTime);
        r.standbys = { ReplicationLink(), ReplicationLink() };
        r.streamingStandbys = 2;
        // A crashed primary's last count, dated and marked up front: a narrow column elides the
        // end of the text, and "2 of 2 standbys streaming" alone reads as current.
        const ReplicationSummary s = summarizeReplication(r, nullptr, r.lastAnswerAt.addSecs(12));
        QCOMPARE(s.text, QStringLiteral("last seen 12 s ago: 2 of 2 standbys streaming"));
        QCOMPARE(s.compact, QStringLiteral("12 s ago: 2/2 streaming"));
        QVERIFY(s.warning);
        QCOMPARE(s.detail.section(u'\n', 0, 0),
            QStringLiteral("No answer since 12:00:03 (12 s ago): these are the figures of its last "
                           "answer."));
        // The age grows while it stays silent.
        QCOMPARE(summarizeReplication(r, nullptr, r.lastAnswerAt.addSecs(250)).text,
            QStringLiteral("last seen 4 min 10 s ago: 2 of 2 standbys streaming"));
        // Answering again: current figures, no marker.
        r.stale = false;
        QCOMPARE(summarizeReplication(r, nullptr, r.lastAnswerAt.addSecs(250)).text,
            QStringLiteral("2 of 2 standbys streaming"));
    }

    void reportedLag()
    {
        NodeReplication r;
        r.side = NodeReplication::Side::Reported;
        r.reportedLagSeconds = 2.5;
        const ReplicationSummary s = summarizeReplication(r, nullptr);
        QCOMPARE(s.text, QStringLiteral("lag 2.50 s (reported)"));
        QCOMPARE(s.compact, QStringLiteral("2.50 s reported"));
        QCOMPARE(*s.worstLagSeconds, 2.5);
    }
};

QTEST_GUILESS_MAIN(tst_ReplicationSummary)
#include "tst_replicationsummary.moc"
