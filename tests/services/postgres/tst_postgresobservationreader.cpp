#include "postgresobservationreader.h"

#include <QTest>

using namespace Console;

// The reader's rules for NULLs, failed statements and the heartbeat, on hand-made results
// shaped like the server's (text format, NULL as nullopt).
class tst_PostgresObservationReader final : public QObject
{
    Q_OBJECT

private slots:
    void primaryWithStandbys();
    void freshStandbyHasNoReplayTimestamp();
    void statusFailureIsReported();
    void primaryReportsItsPosition();
    void standbyReadsItsReceiver();
    void receiverColumnsNull();
    void receiverApplicationName_data();
    void receiverApplicationName();
    void heartbeatRead_data();
    void heartbeatRead();
    void heartbeatWriteNeedsItsCommit();
    void localTimeoutShiftsIndices();
};

namespace {

using Row = PgResultSet::Row;

PgResultSet table(int columns, const QList<Row> &rows)
{
    PgResultSet set;
    set.ok = true;
    set.columnCount = columns;
    set.rows = rows;
    return set;
}

PgResultSet failure(const QString &error, const QByteArray &sqlState)
{
    PgResultSet set;
    set.error = error;
    set.sqlState = sqlState;
    return set;
}

PgResultSet command()
{
    return table(0, {});
}

std::optional<QString> s(const char *text)
{
    return QString::fromLatin1(text);
}

constexpr std::nullopt_t null = std::nullopt;

const char SystemId[] = "7713386171439734464";
const char StandbyConninfo[]
    = "user=postgres passfile=/var/lib/postgresql/.pgpass channel_binding=prefer "
      "dbname=replication host=/tmp/lab port=5432 fallback_application_name=standby1 "
      "sslmode=prefer sslcompression=0 target_session_attrs=any";

// A primary has no WAL receiver: its pg_stat_wal_receiver columns are NULL.
PgResultSet primaryStatus(const char *readOnly = "off")
{
    return table(PostgresQuery::StatusColumnCount,
        { { s("f"), s("1700000000.250000"), null, null, null, null, null, s("f"), s("7"), s("40"),
            s("1234"), s("1"), s("0/5000060"), s("primary"), s(SystemId), null, null, null, null,
            null, s(readOnly) } });
}

// A standby's status with its receiver's columns as given: status, sender host and port,
// conninfo, flushed LSN.
PgResultSet standbyStatus(std::optional<QString> replayTs, std::optional<QString> delay,
    const PgResultSet::Row &receiver
    = { s("streaming"), s("/tmp/lab"), s("5432"), s(StandbyConninfo), s("0/3000148") },
    std::optional<QString> clusterName = s("standby1"))
{
    PgResultSet::Row row
        = { s("t"), s("1700000000.000000"), s("0/3000148"), s("0/3000100"), s("72"), replayTs,
              delay, s("t"), s("2"), s("40"), s("99"), s("1"), null, clusterName, s(SystemId) };
    row += receiver;
    row += s("off");
    return table(PostgresQuery::StatusColumnCount, { row });
}

const PgResultSet::Row NoReceiver = { null, null, null, null, null };

PgResultSet noStandbys()
{
    return table(PostgresQuery::ReplicationColumnCount, {});
}

PostgresQuery::Plan plan(PostgresQuery::Heartbeat heartbeat)
{
    PostgresQuery::Options options;
    options.heartbeat = heartbeat;
    options.writerId = QStringLiteral("w");
    return PostgresQuery::build(options);
}

} // namespace

void tst_PostgresObservationReader::primaryWithStandbys()
{
    const PgResultSet replication = table(PostgresQuery::ReplicationColumnCount,
        { { s("standby1"), s("127.0.0.1/32"), s("streaming"), s("0/5000000"), s("0/5000000"),
              s("0/5000000"), s("0/4FFF000"), s("0.001"), s("0.002"), s("0.25"), s("4096") },
            { s("standby2"), null, s("catchup"), null, null, null, null, null, null, null,
                null } });
    const auto outcome = PostgresObservationReader::read(
        { replication, primaryStatus() }, plan(PostgresQuery::Heartbeat::None));
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    const PostgresObservation &o = outcome.observation;
    QCOMPARE(o.role, PostgresRole::Primary);
    QCOMPARE(o.serverTime, QDateTime::fromMSecsSinceEpoch(1'700'000'000'250, Qt::UTC));
    QCOMPARE(o.connections, 7);
    QCOMPARE(o.maxConnections, 40);
    QCOMPARE(o.commitsTotal, 1234);
    QCOMPARE(o.timeline, 1);
    QVERIFY(!o.lastReplayTimestamp);
    QVERIFY(!o.receiveReplayGapBytes);
    QCOMPARE(o.standbys.size(), 2);
    QCOMPARE(o.standbys[0].name, QStringLiteral("standby1"));
    QCOMPARE(o.standbys[0].replayLsn, QStringLiteral("0/4FFF000"));
    QCOMPARE(o.standbys[0].replayLagS, 0.25);
    QCOMPARE(o.standbys[0].lagBytes, 4096);
    QVERIFY(o.standbys[1].clientAddr.isEmpty());
    QVERIFY(!o.standbys[1].lagBytes);
    QVERIFY(!o.standbys[1].replayLagS);
    QVERIFY(!o.heartbeatSeqSeen);
}

void tst_PostgresObservationReader::freshStandbyHasNoReplayTimestamp()
{
    auto outcome = PostgresObservationReader::read(
        { noStandbys(), standbyStatus(null, null) }, plan(PostgresQuery::Heartbeat::None));
    QVERIFY(outcome.ok);
    QCOMPARE(outcome.observation.role, PostgresRole::Standby);
    QVERIFY(!outcome.observation.lastReplayTimestamp);
    QVERIFY(!outcome.observation.replayDelayS);
    QCOMPARE(outcome.observation.receiveReplayGapBytes, 72);
    QVERIFY(outcome.observation.replayPaused);

    outcome = PostgresObservationReader::read(
        { noStandbys(), standbyStatus(s("1699999990.5"), s("9.5")) },
        plan(PostgresQuery::Heartbeat::None));
    QCOMPARE(outcome.observation.lastReplayTimestamp,
        QDateTime::fromMSecsSinceEpoch(1'699'999'990'500, Qt::UTC));
    QCOMPARE(outcome.observation.replayDelayS, 9.5);
}

void tst_PostgresObservationReader::statusFailureIsReported()
{
    auto outcome
        = PostgresObservationReader::read({ failure(QStringLiteral("permission denied"), "42501") },
            plan(PostgresQuery::Heartbeat::None));
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.error, QStringLiteral("permission denied"));
    QCOMPARE(outcome.sqlState, QByteArray("42501"));

    // The status statement runs second: its failure counts as much as the first one's.
    outcome = PostgresObservationReader::read(
        { noStandbys(),
            failure(QStringLiteral("canceling statement due to statement timeout"), "57014") },
        plan(PostgresQuery::Heartbeat::None));
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.sqlState, QByteArray("57014"));

    outcome
        = PostgresObservationReader::read({ noStandbys() }, plan(PostgresQuery::Heartbeat::None));
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.error, QStringLiteral("the server answered 1 of the probe's statements"));

    outcome = PostgresObservationReader::read(
        { noStandbys(), table(3, { { s("f"), s("1"), s("2") } }) },
        plan(PostgresQuery::Heartbeat::None));
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.error, QStringLiteral("unexpected answer to the status query"));
}

void tst_PostgresObservationReader::primaryReportsItsPosition()
{
    const auto outcome = PostgresObservationReader::read(
        { noStandbys(), primaryStatus() }, plan(PostgresQuery::Heartbeat::None));
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    const PostgresObservation &o = outcome.observation;
    QCOMPARE(o.currentLsn, QStringLiteral("0/5000060"));
    QCOMPARE(o.clusterName, QStringLiteral("primary"));
    QCOMPARE(o.systemIdentifier, QString::fromLatin1(SystemId));
    QVERIFY(o.receiverStatus.isEmpty());
    QVERIFY(o.senderHost.isEmpty());
    QVERIFY(!o.senderPort);
    QVERIFY(o.receiverApplicationName.isEmpty());
    QVERIFY(o.flushedLsn.isEmpty());
    QVERIFY(!o.readOnly);

    const auto fenced = PostgresObservationReader::read(
        { noStandbys(), primaryStatus("on") }, plan(PostgresQuery::Heartbeat::None));
    QVERIFY2(fenced.ok, qPrintable(fenced.error));
    QVERIFY(fenced.observation.readOnly);
}

void tst_PostgresObservationReader::standbyReadsItsReceiver()
{
    const auto outcome = PostgresObservationReader::read(
        { noStandbys(), standbyStatus(null, null) }, plan(PostgresQuery::Heartbeat::None));
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    const PostgresObservation &o = outcome.observation;
    QVERIFY(o.currentLsn.isEmpty());
    QCOMPARE(o.clusterName, QStringLiteral("standby1"));
    QCOMPARE(o.systemIdentifier, QString::fromLatin1(SystemId));
    QCOMPARE(o.receiverStatus, QStringLiteral("streaming"));
    QCOMPARE(o.senderHost, QStringLiteral("/tmp/lab"));
    QCOMPARE(o.senderPort, 5432);
    QCOMPARE(o.receiverApplicationName, QStringLiteral("standby1"));
    QCOMPARE(o.flushedLsn, QStringLiteral("0/3000148"));
}

// No receiver runs (the upstream is gone), or the role lacks pg_monitor and sees only its pid:
// either way every receiver column is NULL, and the probe still succeeds.
void tst_PostgresObservationReader::receiverColumnsNull()
{
    const auto outcome
        = PostgresObservationReader::read({ noStandbys(), standbyStatus(null, null, NoReceiver) },
            plan(PostgresQuery::Heartbeat::None));
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    const PostgresObservation &o = outcome.observation;
    QCOMPARE(o.role, PostgresRole::Standby);
    QCOMPARE(o.receiveLsn, QStringLiteral("0/3000148")); // the last position received
    QCOMPARE(o.clusterName, QStringLiteral("standby1"));
    QVERIFY(o.receiverStatus.isEmpty());
    QVERIFY(o.senderHost.isEmpty());
    QVERIFY(!o.senderPort);
    // A guess from cluster_name could be wrong: primary_conninfo may set application_name.
    QVERIFY(o.receiverApplicationName.isEmpty());
    QVERIFY(o.flushedLsn.isEmpty());
}

void tst_PostgresObservationReader::receiverApplicationName_data()
{
    QTest::addColumn<QString>("conninfo");
    QTest::addColumn<QString>("clusterName");
    QTest::addColumn<QString>("name");
    const QString cluster = QStringLiteral("standby1");
    QTest::newRow("fallback is cluster_name")
        << QStringLiteral("user=postgres host=/tmp/lab port=5432 "
                          "fallback_application_name=standby1 sslmode=prefer")
        << cluster << QStringLiteral("standby1");
    QTest::newRow("application_name wins")
        << QStringLiteral("user=postgres application_name=dr-site port=5432 "
                          "fallback_application_name=standby1")
        << cluster << QStringLiteral("dr-site");
    QTest::newRow("application_name first")
        << QStringLiteral("application_name=dr-site fallback_application_name=standby1") << cluster
        << QStringLiteral("dr-site");
    QTest::newRow("empty application_name")
        << QStringLiteral("application_name= fallback_application_name=standby1") << cluster
        << QStringLiteral("standby1");
    QTest::newRow("no names: cluster_name")
        << QStringLiteral("user=postgres port=5432") << cluster << QStringLiteral("standby1");
    QTest::newRow("no names, no cluster_name")
        << QStringLiteral("user=postgres port=5432") << QString() << QStringLiteral("walreceiver");
    QTest::newRow("a value containing the key")
        << QStringLiteral("dbname=application_name=x fallback_application_name=standby1") << cluster
        << QStringLiteral("standby1");
    // pg_stat_replication shows what the walsender stored: printable ASCII, 63 bytes at most.
    QTest::newRow("non-ASCII") << QStringLiteral("application_name=ständby") << cluster
                               << QStringLiteral("st??ndby");
    QTest::newRow("longer than NAMEDATALEN")
        << QStringLiteral("application_name=") + QString(70, u'n') << cluster << QString(63, u'n');
}

void tst_PostgresObservationReader::receiverApplicationName()
{
    QFETCH(QString, conninfo);
    QFETCH(QString, clusterName);
    QFETCH(QString, name);
    const PgResultSet status = standbyStatus(null, null,
        { s("streaming"), s("/tmp/lab"), s("5432"), conninfo, s("0/3000148") },
        clusterName.isEmpty() ? s("") : std::optional<QString>(clusterName));
    const auto outcome = PostgresObservationReader::read(
        { noStandbys(), status }, plan(PostgresQuery::Heartbeat::None));
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.observation.receiverApplicationName, name);
}

void tst_PostgresObservationReader::heartbeatRead_data()
{
    QTest::addColumn<PgResultSet>("result");
    QTest::addColumn<qint64>("seen");
    QTest::addColumn<QString>("error");

    QTest::newRow("row") << table(3, { { s("17"), s("1700000000.5"), s("0.75") } }) << qint64(17)
                         << QString();
    QTest::newRow("no table") << failure(QStringLiteral("relation does not exist"),
        "42P01") << qint64(-1) << QStringLiteral("no heartbeat table yet (the primary creates it)");
    QTest::newRow("no schema") << failure(QStringLiteral("schema does not exist"),
        "3F000") << qint64(-1) << QStringLiteral("no heartbeat table yet (the primary creates it)");
    QTest::newRow("empty table") << table(3, {}) << qint64(-1)
                                 << QStringLiteral("no heartbeat written yet");
    QTest::newRow("permission")
        << failure(QStringLiteral("permission denied for table heartbeat"), "42501") << qint64(-1)
        << QStringLiteral("heartbeat: permission denied for table heartbeat (the role needs "
                          "CREATE on the database once, or SELECT, INSERT, UPDATE on "
                          "failover_console.heartbeat)");
    QTest::newRow("other error") << failure(QStringLiteral("out of shared memory"), "53200")
                                 << qint64(-1) << QStringLiteral("heartbeat: out of shared memory");
}

void tst_PostgresObservationReader::heartbeatRead()
{
    QFETCH(PgResultSet, result);
    QFETCH(qint64, seen);
    QFETCH(QString, error);
    const auto outcome = PostgresObservationReader::read(
        { noStandbys(), primaryStatus(), result }, plan(PostgresQuery::Heartbeat::Read));
    QVERIFY(outcome.ok); // the heartbeat never fails the probe
    QCOMPARE(outcome.observation.heartbeatError, error);
    QCOMPARE(outcome.observation.heartbeatSeqSeen.value_or(-1), seen);
    QVERIFY(!outcome.observation.heartbeatSeqWritten);
    QVERIFY(!outcome.heartbeatCommitted);
    if (seen > 0) {
        QCOMPARE(outcome.observation.heartbeatLagS, 0.75);
        QCOMPARE(outcome.observation.heartbeatWrittenAt,
            QDateTime::fromMSecsSinceEpoch(1'700'000'000'500, Qt::UTC));
    }
}

void tst_PostgresObservationReader::heartbeatWriteNeedsItsCommit()
{
    const PgResultSet written = table(2, { { s("8"), s("1700000000.0") } });
    const PostgresQuery::Plan create = plan(PostgresQuery::Heartbeat::CreateAndWrite);
    auto outcome = PostgresObservationReader::read(
        { noStandbys(), primaryStatus(), command(), written }, create);
    QVERIFY(outcome.heartbeatCommitted);
    QCOMPARE(outcome.observation.heartbeatSeqWritten, 8);

    // The commit at the end of the implicit transaction failed after the row came back.
    outcome = PostgresObservationReader::read({ noStandbys(), primaryStatus(), command(), written,
                                                  failure(QStringLiteral("disk full"), "53100") },
        create);
    QVERIFY(outcome.ok);
    QVERIFY(!outcome.heartbeatCommitted);
    QVERIFY(!outcome.observation.heartbeatSeqWritten);
    QCOMPARE(outcome.observation.heartbeatError, QStringLiteral("heartbeat: disk full"));

    outcome = PostgresObservationReader::read(
        { noStandbys(), primaryStatus(), failure(QStringLiteral("read-only"), "25006") },
        plan(PostgresQuery::Heartbeat::Write));
    QVERIFY(outcome.ok);
    QVERIFY(!outcome.heartbeatCommitted);
    QCOMPARE(outcome.observation.heartbeatError,
        QStringLiteral("cannot write the heartbeat: the server is read-only"));
}

void tst_PostgresObservationReader::localTimeoutShiftsIndices()
{
    PostgresQuery::Options options;
    options.localStatementTimeout = Milliseconds(800);
    const PostgresQuery::Plan shifted = PostgresQuery::build(options);
    QVERIFY(shifted.sql.startsWith("set local statement_timeout = 800;"));
    QCOMPARE(shifted.replicationIndex, 1);
    QCOMPARE(shifted.statusIndex, 2);
    const auto outcome
        = PostgresObservationReader::read({ command(), noStandbys(), primaryStatus() }, shifted);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.observation.connections, 7);
}

QTEST_GUILESS_MAIN(tst_PostgresObservationReader)
#include "tst_postgresobservationreader.moc"
