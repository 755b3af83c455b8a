#include "pglab.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QTcpSocket>
#include <QTest>

#include <unistd.h>

using namespace Console;

// The lab itself: real clusters come up streaming, and every fault does what rehearsals rely on.
class tst_PgLab final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void rolesAndStreaming();
    void rowReachesStandbys();
    void crashAndStartPrimary();
    void freezeAcceptsTcpButNeverAnswers();
    void refuseRejectsMonitor_data();
    void refuseRejectsMonitor();
    void pausedReplayHoldsBackOneStandby();
    void restoreUndoesEveryFault();
    void loadWritesAndStops();
    void promoteMakesStandbyWritable();
    void anotherUsersDownLeavesTheLabAlone();
    void downRemovesEverything();

private:
    QString insertRow(const QString &note);
    QString countRows(const QString &node, const QString &note);

    PgLab m_lab;
};

static constexpr int ReplicationWaitMs = 15000;

void tst_PgLab::initTestCase()
{
    QVERIFY2(QFileInfo::exists(QStringLiteral("/usr/lib/postgresql/15/bin/initdb")),
        "PostgreSQL 15 is missing: run scripts/setup");
    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY2(m_lab.up(2, &error), qPrintable(error));
    qInfo("lab up took %lld ms", timer.elapsed());
    QCOMPARE(m_lab.nodes(),
        QStringList(
            { QStringLiteral("primary"), QStringLiteral("standby1"), QStringLiteral("standby2") }));
    QVERIFY(QFileInfo::exists(m_lab.configPath()));
    QVERIFY(!m_lab.password().isEmpty());
    m_lab.psql(QStringLiteral("primary"),
        QStringLiteral("create table lab_probe(id serial primary key, note text)"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

QString tst_PgLab::insertRow(const QString &note)
{
    QString error;
    const QString id = m_lab.psql(QStringLiteral("primary"),
        QStringLiteral("insert into lab_probe(note) values ('%1') returning id").arg(note), &error);
    if (!error.isEmpty())
        qWarning("insert failed: %s", qPrintable(error));
    return id;
}

QString tst_PgLab::countRows(const QString &node, const QString &note)
{
    return m_lab.psql(
        node, QStringLiteral("select count(*) from lab_probe where note = '%1'").arg(note));
}

void tst_PgLab::rolesAndStreaming()
{
    QCOMPARE(m_lab.psql(QStringLiteral("primary"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("f"));
    for (const QString &standby : { QStringLiteral("standby1"), QStringLiteral("standby2") })
        QCOMPARE(
            m_lab.psql(standby, QStringLiteral("select pg_is_in_recovery()")), QStringLiteral("t"));
    QCOMPARE(m_lab.psql(QStringLiteral("primary"),
                 QStringLiteral("select string_agg(application_name || ':' || state, ',' "
                                "order by application_name) from pg_stat_replication")),
        QStringLiteral("standby1:streaming,standby2:streaming"));
    // The console's own way in: TCP, password, the monitor role.
    QString error;
    QCOMPARE(m_lab.monitorQuery(QStringLiteral("standby2"), QStringLiteral("select 1"), &error),
        QStringLiteral("1"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_PgLab::rowReachesStandbys()
{
    QVERIFY(!insertRow(QStringLiteral("replicates")).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(countRows(QStringLiteral("standby1"), QStringLiteral("replicates")),
        QStringLiteral("1"), ReplicationWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(countRows(QStringLiteral("standby2"), QStringLiteral("replicates")),
        QStringLiteral("1"), ReplicationWaitMs);
}

void tst_PgLab::crashAndStartPrimary()
{
    QString error;
    QVERIFY2(
        m_lab.fault(QStringLiteral("primary"), QStringLiteral("crash"), &error), qPrintable(error));
    QCOMPARE(m_lab.monitorQuery(QStringLiteral("primary"), QStringLiteral("select 1"), &error),
        QString());
    QVERIFY2(error.contains(QStringLiteral("Connection refused")), qPrintable(error));

    QVERIFY2(
        m_lab.fault(QStringLiteral("primary"), QStringLiteral("start"), &error), qPrintable(error));
    QCOMPARE(m_lab.psql(QStringLiteral("primary"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("f"));
    // The standbys find their way back on their own.
    QTRY_COMPARE_WITH_TIMEOUT(m_lab.psql(QStringLiteral("primary"),
                                  QStringLiteral("select count(*) from pg_stat_replication "
                                                 "where state = 'streaming'")),
        QStringLiteral("2"), ReplicationWaitMs);
    QVERIFY(!insertRow(QStringLiteral("after-crash")).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(countRows(QStringLiteral("standby1"), QStringLiteral("after-crash")),
        QStringLiteral("1"), ReplicationWaitMs);
}

void tst_PgLab::freezeAcceptsTcpButNeverAnswers()
{
    QString error;
    QVERIFY2(m_lab.fault(QStringLiteral("primary"), QStringLiteral("freeze"), &error),
        qPrintable(error));
    {
        // The kernel still completes the handshake for a stopped listener.
        QTcpSocket socket;
        socket.connectToHost(
            QHostAddress::LocalHost, quint16(m_lab.port(QStringLiteral("primary"))));
        QVERIFY(socket.waitForConnected(2000));
        socket.abort();
    }
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(m_lab.monitorQuery(QStringLiteral("primary"), QStringLiteral("select 1"), &error),
        QString());
    QVERIFY2(error.contains(QStringLiteral("timeout expired")), qPrintable(error));
    QVERIFY2(
        timer.elapsed() >= 1500, "a frozen server must make the client wait out connect_timeout");

    QVERIFY2(
        m_lab.fault(QStringLiteral("primary"), QStringLiteral("thaw"), &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(
        m_lab.monitorQuery(QStringLiteral("primary"), QStringLiteral("select 1")),
        QStringLiteral("1"), 5000);
}

void tst_PgLab::refuseRejectsMonitor_data()
{
    QTest::addColumn<QString>("node");
    QTest::newRow("primary") << QStringLiteral("primary");
    QTest::newRow("standby") << QStringLiteral("standby1");
}

void tst_PgLab::refuseRejectsMonitor()
{
    QFETCH(QString, node);
    QString error;
    QVERIFY2(m_lab.fault(node, QStringLiteral("refuse"), &error), qPrintable(error));
    QCOMPARE(m_lab.monitorQuery(node, QStringLiteral("select 1"), &error), QString());
    QVERIFY2(error.contains(QStringLiteral("rejects connection")), qPrintable(error));
    // Admin access over the Unix socket stays open, so the lab can always undo the fault.
    QCOMPARE(m_lab.psql(node, QStringLiteral("select 1")), QStringLiteral("1"));

    QVERIFY2(m_lab.fault(node, QStringLiteral("accept"), &error), qPrintable(error));
    QCOMPARE(m_lab.monitorQuery(node, QStringLiteral("select 1"), &error), QStringLiteral("1"));
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_PgLab::pausedReplayHoldsBackOneStandby()
{
    QString error;
    QVERIFY2(m_lab.fault(QStringLiteral("standby1"), QStringLiteral("pause-replay"), &error),
        qPrintable(error));
    QVERIFY(!insertRow(QStringLiteral("paused")).isEmpty());
    const QString lsn
        = m_lab.psql(QStringLiteral("primary"), QStringLiteral("select pg_current_wal_lsn()"));
    QVERIFY(!lsn.isEmpty());

    QTRY_COMPARE_WITH_TIMEOUT(countRows(QStringLiteral("standby2"), QStringLiteral("paused")),
        QStringLiteral("1"), ReplicationWaitMs);
    // The WAL has reached standby1, so only the paused replay keeps the row away.
    QTRY_COMPARE_WITH_TIMEOUT(
        m_lab.psql(QStringLiteral("standby1"),
            QStringLiteral("select pg_last_wal_receive_lsn() >= '%1'").arg(lsn)),
        QStringLiteral("t"), ReplicationWaitMs);
    QCOMPARE(countRows(QStringLiteral("standby1"), QStringLiteral("paused")), QStringLiteral("0"));

    QVERIFY2(m_lab.fault(QStringLiteral("standby1"), QStringLiteral("resume-replay"), &error),
        qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(countRows(QStringLiteral("standby1"), QStringLiteral("paused")),
        QStringLiteral("1"), ReplicationWaitMs);
}

// A drill's "fault: restore": one command undoes whatever is in force, and again does nothing.
void tst_PgLab::restoreUndoesEveryFault()
{
    const QString node = QStringLiteral("lab-standby2"); // a region id works too
    QString error;
    for (const char *kind : { "pause-replay", "refuse", "freeze" })
        QVERIFY2(m_lab.fault(node, QString::fromLatin1(kind), &error), qPrintable(error));
    QVERIFY2(m_lab.fault(node, QStringLiteral("restore"), &error), qPrintable(error));
    // Each undoing took effect before the command returned.
    QCOMPARE(m_lab.monitorQuery(QStringLiteral("standby2"), QStringLiteral("select 1"), &error),
        QStringLiteral("1"));
    QCOMPARE(m_lab.psql(QStringLiteral("standby2"),
                 QStringLiteral("select pg_get_wal_replay_pause_state()")),
        QStringLiteral("not paused"));
    QVERIFY2(m_lab.fault(node, QStringLiteral("restore"), &error), qPrintable(error));

    QVERIFY2(m_lab.fault(node, QStringLiteral("crash"), &error), qPrintable(error));
    QVERIFY2(m_lab.fault(node, QStringLiteral("restore"), &error), qPrintable(error));
    QCOMPARE(m_lab.monitorQuery(QStringLiteral("standby2"), QStringLiteral("select 1"), &error),
        QStringLiteral("1"));
    QVERIFY(!insertRow(QStringLiteral("restored")).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(countRows(QStringLiteral("standby2"), QStringLiteral("restored")),
        QStringLiteral("1"), ReplicationWaitMs);
}

void tst_PgLab::loadWritesAndStops()
{
    QString error;
    QVERIFY2(m_lab.startLoad(QStringLiteral("primary"), 20, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(
        m_lab.psql(
                 QStringLiteral("primary"), QStringLiteral("select count(*) from pgbench_history"))
                .toInt()
            > 200,
        10000);
    QVERIFY2(m_lab.fault(QStringLiteral("primary"), QStringLiteral("load-stop"), &error),
        qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(m_lab.psql(QStringLiteral("primary"),
                                  QStringLiteral("select count(*) from pg_stat_activity "
                                                 "where application_name = 'pgbench'")),
        QStringLiteral("0"), 5000);
}

void tst_PgLab::promoteMakesStandbyWritable()
{
    QString error;
    QVERIFY2(m_lab.fault(QStringLiteral("standby2"), QStringLiteral("promote"), &error),
        qPrintable(error));
    QCOMPARE(m_lab.psql(QStringLiteral("standby2"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("f"));
    m_lab.psql(QStringLiteral("standby2"),
        QStringLiteral("insert into lab_probe(note) values ('promoted')"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void tst_PgLab::downRemovesEverything()
{
    const QString dir = m_lab.dir();
    const auto primaryPort = quint16(m_lab.port(QStringLiteral("primary")));
    QVERIFY(QFileInfo::exists(dir));
    QString error;
    QVERIFY2(m_lab.down(&error), qPrintable(error));
    QVERIFY(!QFileInfo::exists(dir));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, primaryPort);
    QVERIFY(!socket.waitForConnected(1000));
    QVERIFY2(m_lab.down(&error), qPrintable(error)); // idempotent
}

// One user's `lab down` once tore down another's lab through a shared "current lab" file.
void tst_PgLab::anotherUsersDownLeavesTheLabAlone()
{
    if (geteuid() != 0)
        QSKIP("needs root to act as another user");
    QProcess other;
    // `nobody` has no current lab of its own, and may not remove ours even by name.
    for (const QStringList &args : { QStringList { QStringLiteral("down") },
             QStringList { QStringLiteral("down"), QStringLiteral("--dir"), m_lab.dir() } }) {
        other.start(QStringLiteral("runuser"),
            QStringList { QStringLiteral("-u"), QStringLiteral("nobody"), QStringLiteral("--"),
                PgLab::scriptPath() }
                + args);
        QVERIFY(other.waitForFinished(30000));
    }
    QVERIFY2(other.exitCode() != 0, "removing another user's lab must fail");
    QVERIFY(QString::fromUtf8(other.readAllStandardError())
                .contains(QStringLiteral("not removing it")));
    QString error;
    QCOMPARE(m_lab.psql(QStringLiteral("primary"), QStringLiteral("select 1"), &error),
        QStringLiteral("1"));
}

QTEST_GUILESS_MAIN(tst_PgLab)
#include "tst_pglab.moc"
