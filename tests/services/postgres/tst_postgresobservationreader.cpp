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

PgResultSet primaryStatus()
{
    return table(PostgresQuery::StatusColumnCount,
        { { s("f"), s("1700000000.250000"), null, null, null, null, null, s("f"), s("7"), s("40"),
            s("1234"), s("1") } });
}

PgResultSet standbyStatus(std::optional<QString> replayTs, std::optional<QString> delay)
{
    return table(PostgresQuery::StatusColumnCount,
        { { s("t"), s("1700000000.000000"), s("0/3000148"), s("0/3000100"), s("72"), replayTs,
            delay, s("t"), s("2"), s("40"), s("99"), s("1") } });
}

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
        { primaryStatus(), replication }, plan(PostgresQuery::Heartbeat::None));
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
        { standbyStatus(null, null), noStandbys() }, plan(PostgresQuery::Heartbeat::None));
    QVERIFY(outcome.ok);
    QCOMPARE(outcome.observation.role, PostgresRole::Standby);
    QVERIFY(!outcome.observation.lastReplayTimestamp);
    QVERIFY(!outcome.observation.replayDelayS);
    QCOMPARE(outcome.observation.receiveReplayGapBytes, 72);
    QVERIFY(outcome.observation.replayPaused);

    outcome = PostgresObservationReader::read(
        { standbyStatus(s("1699999990.5"), s("9.5")), noStandbys() },
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

    outcome = PostgresObservationReader::read(
        { primaryStatus() }, plan(PostgresQuery::Heartbeat::None));
    QVERIFY(!outcome.ok);
    QVERIFY(!outcome.error.isEmpty());

    outcome = PostgresObservationReader::read(
        { table(3, { { s("f"), s("1"), s("2") } }), noStandbys() },
        plan(PostgresQuery::Heartbeat::None));
    QVERIFY(!outcome.ok);
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
        { primaryStatus(), noStandbys(), result }, plan(PostgresQuery::Heartbeat::Read));
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
        { primaryStatus(), noStandbys(), command(), written }, create);
    QVERIFY(outcome.heartbeatCommitted);
    QCOMPARE(outcome.observation.heartbeatSeqWritten, 8);

    // The commit at the end of the implicit transaction failed after the row came back.
    outcome = PostgresObservationReader::read({ primaryStatus(), noStandbys(), command(), written,
                                                  failure(QStringLiteral("disk full"), "53100") },
        create);
    QVERIFY(outcome.ok);
    QVERIFY(!outcome.heartbeatCommitted);
    QVERIFY(!outcome.observation.heartbeatSeqWritten);
    QCOMPARE(outcome.observation.heartbeatError, QStringLiteral("heartbeat: disk full"));

    outcome = PostgresObservationReader::read(
        { primaryStatus(), noStandbys(), failure(QStringLiteral("read-only"), "25006") },
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
    QCOMPARE(shifted.statusIndex, 1);
    const auto outcome
        = PostgresObservationReader::read({ command(), primaryStatus(), noStandbys() }, shifted);
    QVERIFY2(outcome.ok, qPrintable(outcome.error));
    QCOMPARE(outcome.observation.connections, 7);
}

QTEST_GUILESS_MAIN(tst_PostgresObservationReader)
#include "tst_postgresobservationreader.moc"
