#include "consoleengine.h"
#include "healthmonitor.h"
#include "heartbeatledger.h"
#include "pglab.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Console;

// The engine against real PostgreSQL 15 clusters (scripts/lab): what it shows while it starts on
// servers another console watched before. Every wait is bounded.
class tst_ConsoleEngineLab final : public QObject
{
    Q_OBJECT
private slots:
    void previousRunsHeartbeatIsNotJudged();
};

namespace {

const QString PrimaryId = QStringLiteral("lab-primary-postgres");
const QStringList StandbyIds
    = { QStringLiteral("lab-standby1-postgres"), QStringLiteral("lab-standby2-postgres") };

// A standby's probe as the engine had taken it in.
struct StandbySample
{
    QString endpointId;
    bool acknowledged = false; // this console had written a heartbeat before the probe ended
    std::optional<qint64> seqSeen;
    std::optional<double> heartbeatLagS;
    QString heartbeatNote;
    Health health = Health::Unknown;
    QString reason;
};

} // namespace

// The heartbeat table still holds the row a previous console wrote minutes ago. Until this
// console's own heartbeat reached a standby, that row's age is no lag: no standby may turn
// Degraded or Unhealthy on it, and its lag in seconds stays unknown; after that it is known.
void tst_ConsoleEngineLab::previousRunsHeartbeatIsNotJudged()
{
    PgLab lab;
    QString error;
    QVERIFY2(lab.up(2, &error), qPrintable(error));

    // The schema the console creates, with the row of a console that stopped 139 s ago.
    const QString primary = QStringLiteral("primary");
    lab.psql(primary,
        QStringLiteral("create schema failover_console; "
                       "create table failover_console.heartbeat (writer text primary key, "
                       "seq bigint not null, written_at timestamptz not null); "
                       "grant usage on schema failover_console to monitor; "
                       "grant select, insert, update on failover_console.heartbeat to monitor; "
                       "insert into failover_console.heartbeat values "
                       "('lab-primary-postgres', 500, now() - interval '139 seconds')"),
        &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QString &standby : { QStringLiteral("standby1"), QStringLiteral("standby2") }) {
        QTRY_VERIFY_WITH_TIMEOUT(
            lab.psql(standby,
                QStringLiteral("select count(*) from failover_console.heartbeat "
                               "where seq = 500 and written_at < now() - interval '2 min'"))
                == QStringLiteral("1"),
            10000);
    }

    QTemporaryDir dir;
    ConsoleEngine engine;
    QVERIFY2(engine.loadConfig(lab.configPath()), qPrintable(engine.errors().join(u'\n')));
    QVERIFY(engine.setJournalPath(dir.filePath(QStringLiteral("journal.sqlite"))));
    engine.setConsoleRole(QStringLiteral("test"));
    engine.setAutomaticFailover(false);

    QList<StandbySample> samples;
    std::optional<qint64> firstWritten;
    connect(&engine, &ConsoleEngine::probeFinished, this,
        [&engine, &samples, &firstWritten](const ProbeResult &result) {
            if (!result.postgres)
                return;
            if (result.endpointId == PrimaryId) {
                if (!firstWritten && result.postgres->heartbeatSeqWritten)
                    firstWritten = result.postgres->heartbeatSeqWritten;
                return;
            }
            if (!StandbyIds.contains(result.endpointId))
                return;
            StandbySample s;
            s.endpointId = result.endpointId;
            s.acknowledged = engine.heartbeatLedger()->lastAcknowledged(PrimaryId).has_value();
            s.seqSeen = result.postgres->heartbeatSeqSeen;
            s.heartbeatLagS = result.postgres->heartbeatLagS;
            s.heartbeatNote = result.postgres->heartbeatError;
            s.health = engine.health()->endpointHealth(result.endpointId);
            s.reason = engine.health()->endpointReason(result.endpointId);
            samples.append(s);
        });
    engine.start();

    // Done once every standby has been read holding this console's first heartbeat.
    const auto caughtUp = [&samples, &firstWritten](const QString &id) {
        for (const StandbySample &s : std::as_const(samples)) {
            if (s.endpointId == id && firstWritten && s.seqSeen.value_or(0) >= *firstWritten)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(caughtUp(StandbyIds[0]) && caughtUp(StandbyIds[1]), 15000);
    QTest::qWait(1500); // one more probe of each on top
    engine.stop(QStringLiteral("test done"));

    QVERIFY(firstWritten.has_value());
    QVERIFY2(*firstWritten > 500, "this console's sequence continues past the old row");
    for (const QString &id : StandbyIds) {
        bool sawOldRow = false;
        bool sawWaiting = false;
        bool sawOwnLag = false;
        for (const StandbySample &s : std::as_const(samples)) {
            if (s.endpointId != id)
                continue;
            const QString what = QStringLiteral("%1 seq %2 lag %3 s: %4 (%5)")
                                     .arg(id)
                                     .arg(s.seqSeen.value_or(-1))
                                     .arg(s.heartbeatLagS.value_or(-1))
                                     .arg(toString(s.health), s.reason);
            QVERIFY2(rank(s.health) <= rank(Health::Healthy), qPrintable(what));
            if (s.seqSeen.value_or(0) < *firstWritten) {
                // The old row, or this console's row not replayed yet.
                sawOldRow = sawOldRow || s.seqSeen == 500;
                if (!s.acknowledged) {
                    sawWaiting = true;
                    QVERIFY2(!s.heartbeatLagS, qPrintable(what));
                    QVERIFY2(s.heartbeatNote.contains(QStringLiteral("this console")),
                        qPrintable(what + u' ' + s.heartbeatNote));
                }
            } else {
                QVERIFY2(s.heartbeatLagS.has_value(), qPrintable(what));
                QVERIFY2(*s.heartbeatLagS < 5.0, qPrintable(what));
                sawOwnLag = true;
            }
            if (s.heartbeatLagS)
                QVERIFY2(*s.heartbeatLagS < 5.0, qPrintable(what));
        }
        QVERIFY2(sawOldRow, qPrintable(id + QStringLiteral(": never read the old row")));
        QVERIFY2(sawWaiting, qPrintable(id + QStringLiteral(": never probed before our write")));
        QVERIFY2(sawOwnLag, qPrintable(id + QStringLiteral(": lag never known")));
    }
}

QTEST_GUILESS_MAIN(tst_ConsoleEngineLab)
#include "tst_consoleenginelab.moc"
