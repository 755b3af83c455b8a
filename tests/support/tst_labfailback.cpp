#include "pglab.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTest>

using namespace Console;

// scripts/lab's failover and failback commands on real clusters: fence kills a frozen node for
// good, and rejoin turns an old primary that wrote on its own (split brain) into a streaming
// standby of the new primary, by pg_rewind or, when the rewind cannot work, a fresh base backup.
// The steps build on each other: one lab, in order.
class tst_LabFailback final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void configNamesTheAdminCommands();
    void fenceKillsAFrozenNode();
    void rejoinRewindsADivergedOldPrimary();
    void rejoinFallsBackToABaseBackup();

private:
    bool insertRows(const QString &node, const QString &note, int count);
    QString countRows(const QString &node, const QString &note) const;
    QString streamingFrom(const QString &source) const;
    bool failOver(const QString &from, const QString &to);

    PgLab m_lab;
};

static constexpr int WaitMs = 20000;

static bool processAlive(qint64 pid)
{
    // A zombie (state Z) is gone as far as a fence is concerned.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close > 0 && text.mid(close + 2, 1) != "Z";
}

void tst_LabFailback::initTestCase()
{
    QVERIFY2(QFileInfo::exists(QStringLiteral("/usr/lib/postgresql/15/bin/pg_rewind")),
        "PostgreSQL 15 is missing: run scripts/setup");
    QString error;
    QVERIFY2(m_lab.up(2, &error), qPrintable(error));
    m_lab.psql(QStringLiteral("primary"),
        QStringLiteral("create table failback(id serial primary key, note text)"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(m_lab.psql(QStringLiteral("primary"), QStringLiteral("show wal_log_hints")),
        QStringLiteral("on"));
    QCOMPARE(m_lab.psql(QStringLiteral("standby1"), QStringLiteral("show wal_keep_size")),
        QStringLiteral("128MB"));
}

bool tst_LabFailback::insertRows(const QString &node, const QString &note, int count)
{
    QString error;
    m_lab.psql(node,
        QStringLiteral("insert into failback(note) select '%1' from generate_series(1, %2)")
            .arg(note)
            .arg(count),
        &error);
    if (!error.isEmpty())
        qWarning("insert on %s failed: %s", qPrintable(node), qPrintable(error));
    return error.isEmpty();
}

QString tst_LabFailback::countRows(const QString &node, const QString &note) const
{
    return m_lab.psql(
        node, QStringLiteral("select count(*) from failback where note = '%1'").arg(note));
}

QString tst_LabFailback::streamingFrom(const QString &source) const
{
    return m_lab.psql(source,
        QStringLiteral("select string_agg(application_name, ',' order by application_name) "
                       "from pg_stat_replication where state = 'streaming'"));
}

// An unclean failover: `from` (a primary) crashes, `to` is promoted and takes writes.
bool tst_LabFailback::failOver(const QString &from, const QString &to)
{
    QString error;
    if (!m_lab.fault(from, QStringLiteral("crash"), &error)
        || !m_lab.fault(to, QStringLiteral("promote"), &error)) {
        qWarning("failover %s -> %s: %s", qPrintable(from), qPrintable(to), qPrintable(error));
        return false;
    }
    return m_lab.psql(to, QStringLiteral("select pg_is_in_recovery()")) == QStringLiteral("f");
}

void tst_LabFailback::configNamesTheAdminCommands()
{
    QFile file(m_lab.configPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString yaml = QString::fromUtf8(file.readAll());
    QVERIFY(yaml.contains(QStringLiteral("failover:\n  mode: manual\n  cooldown: 30s")));
    QCOMPARE(yaml.count(QStringLiteral("\n    admin:\n")), 3);
    const QString lab = QFileInfo(PgLab::scriptPath()).canonicalFilePath();
    QVERIFY2(yaml.contains(QStringLiteral("command: [\"%1\", \"--dir\", \"%2\", \"fence\", "
                                          "\"standby1\"]")
                               .arg(lab, m_lab.dir())),
        qPrintable(yaml));
    QVERIFY(
        yaml.contains(QStringLiteral("\"rejoin\", \"primary\", \"--from\", \"{source_region}\"]")));
    QVERIFY(yaml.contains(QStringLiteral("connection: \"host=%1 port=%2 dbname=postgres "
                                         "user=postgres connect_timeout=2\"")
                              .arg(m_lab.dir())
                              .arg(m_lab.port(QStringLiteral("primary")))));
    QVERIFY(
        yaml.contains(QStringLiteral("replication_connection: \"host=%1 port=%2 user=postgres\"")
                          .arg(m_lab.dir())
                          .arg(m_lab.port(QStringLiteral("standby2")))));
}

void tst_LabFailback::fenceKillsAFrozenNode()
{
    const QString node = QStringLiteral("standby2");
    QString error;
    QString summary;
    QVERIFY2(m_lab.fault(node, QStringLiteral("freeze"), &error), qPrintable(error));
    QFile pidFile(QDir(m_lab.dir()).filePath(node + QStringLiteral("/postmaster.pid")));
    QVERIFY(pidFile.open(QIODevice::ReadOnly));
    const qint64 postmaster = pidFile.readLine().trimmed().toLongLong();
    pidFile.close();
    QVERIFY(postmaster > 0);
    QVERIFY(processAlive(postmaster));

    // The region id works as well as the node name.
    QVERIFY2(m_lab.fence(QStringLiteral("lab-standby2"), &summary, &error), qPrintable(error));
    QVERIFY2(summary.startsWith(QStringLiteral("standby2: fenced")), qPrintable(summary));
    QVERIFY(!processAlive(postmaster));
    QVERIFY(!pidFile.exists());
    QVERIFY2(m_lab.status().contains(QRegularExpression(QStringLiteral("\\nstandby2 .* stopped "))),
        qPrintable(m_lab.status()));
    // Idempotent: a node that is down is fenced.
    QVERIFY2(m_lab.fence(node, &summary, &error), qPrintable(error));
    QCOMPARE(summary, QStringLiteral("standby2: already down"));

    // What a fence leaves behind (a zombie's pid in lock files) does not keep it from starting.
    QVERIFY2(m_lab.fault(node, QStringLiteral("start"), &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(
        streamingFrom(QStringLiteral("primary")).contains(QStringLiteral("standby2")), WaitMs);
}

void tst_LabFailback::rejoinRewindsADivergedOldPrimary()
{
    QVERIFY(insertRows(QStringLiteral("primary"), QStringLiteral("before"), 10));
    QTRY_COMPARE_WITH_TIMEOUT(countRows(QStringLiteral("standby1"), QStringLiteral("before")),
        QStringLiteral("10"), WaitMs);
    QVERIFY(failOver(QStringLiteral("primary"), QStringLiteral("standby1")));
    QVERIFY(insertRows(QStringLiteral("standby1"), QStringLiteral("new-primary"), 20));
    // Split brain: the old primary comes back writable and takes rows nobody else has.
    QString error;
    QVERIFY2(
        m_lab.fault(QStringLiteral("primary"), QStringLiteral("start"), &error), qPrintable(error));
    QCOMPARE(m_lab.psql(QStringLiteral("primary"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("f"));
    QVERIFY(insertRows(QStringLiteral("primary"), QStringLiteral("split-brain"), 77));

    QString summary;
    QVERIFY2(
        m_lab.rejoin(QStringLiteral("primary"), QStringLiteral("lab-standby1"), &summary, &error),
        qPrintable(error));
    qInfo("%s", qPrintable(summary));
    QVERIFY2(summary.startsWith(QStringLiteral("primary: rewound from standby1, streaming, in ")),
        qPrintable(summary));
    QCOMPARE(m_lab.psql(QStringLiteral("primary"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("t"));
    QVERIFY(streamingFrom(QStringLiteral("standby1")).contains(QStringLiteral("primary")));
    QCOMPARE(m_lab.psql(QStringLiteral("primary"),
                 QStringLiteral("select sender_port from pg_stat_wal_receiver")),
        QString::number(m_lab.port(QStringLiteral("standby1"))));
    // Its own port and name came back after pg_rewind copied standby1's configuration.
    QCOMPARE(m_lab.psql(QStringLiteral("primary"), QStringLiteral("show cluster_name")),
        QStringLiteral("primary"));
    QCOMPARE(
        countRows(QStringLiteral("primary"), QStringLiteral("new-primary")), QStringLiteral("20"));
    QCOMPARE(
        countRows(QStringLiteral("primary"), QStringLiteral("split-brain")), QStringLiteral("0"));
    // And it follows what the new primary writes next.
    QVERIFY(insertRows(QStringLiteral("standby1"), QStringLiteral("after-rejoin"), 5));
    QTRY_COMPARE_WITH_TIMEOUT(countRows(QStringLiteral("primary"), QStringLiteral("after-rejoin")),
        QStringLiteral("5"), WaitMs);
    const QString status = m_lab.status();
    QVERIFY2(status.contains(QRegularExpression(QStringLiteral(
                 "\\nprimary .* standby +2 +streaming lag=\\d+B \\(from standby1\\)"))),
        qPrintable(status));
}

void tst_LabFailback::rejoinFallsBackToABaseBackup()
{
    // Back the other way: standby1 (primary now) crashes, primary is promoted, and standby1 comes
    // back writable and takes rows of its own.
    QVERIFY(failOver(QStringLiteral("standby1"), QStringLiteral("primary")));
    QVERIFY(insertRows(QStringLiteral("primary"), QStringLiteral("second-failover"), 7));
    QString error;
    QVERIFY2(m_lab.fault(QStringLiteral("standby1"), QStringLiteral("start"), &error),
        qPrintable(error));
    QVERIFY(insertRows(QStringLiteral("standby1"), QStringLiteral("split-brain-2"), 9));
    // Killed, and its WAL gone: pg_rewind can neither recover it nor find the divergence.
    QVERIFY2(m_lab.fence(QStringLiteral("standby1"), nullptr, &error), qPrintable(error));
    const QDir wal(QDir(m_lab.dir()).filePath(QStringLiteral("standby1/pg_wal")));
    const QStringList segments
        = wal.entryList({ QStringLiteral("????????????????????????") }, QDir::Files);
    QVERIFY(!segments.isEmpty());
    for (const QString &segment : segments)
        QVERIFY(QFile::remove(wal.filePath(segment)));

    QString summary;
    QVERIFY2(m_lab.rejoin(QStringLiteral("standby1"), QStringLiteral("primary"), &summary, &error),
        qPrintable(error));
    qInfo("%s", qPrintable(summary));
    QVERIFY2(summary.startsWith(
                 QStringLiteral("standby1: rebuilt from a base backup of primary, streaming")),
        qPrintable(summary));
    QVERIFY(
        QFileInfo::exists(QDir(m_lab.dir()).filePath(QStringLiteral("standby1/standby.signal"))));
    QCOMPARE(m_lab.psql(QStringLiteral("standby1"), QStringLiteral("select pg_is_in_recovery()")),
        QStringLiteral("t"));
    QVERIFY(streamingFrom(QStringLiteral("primary")).contains(QStringLiteral("standby1")));
    QCOMPARE(countRows(QStringLiteral("standby1"), QStringLiteral("second-failover")),
        QStringLiteral("7"));
    QCOMPARE(countRows(QStringLiteral("standby1"), QStringLiteral("split-brain-2")),
        QStringLiteral("0"));
    QCOMPARE(m_lab.psql(QStringLiteral("standby1"), QStringLiteral("show port")),
        QString::number(m_lab.port(QStringLiteral("standby1"))));
}

QTEST_GUILESS_MAIN(tst_LabFailback)
#include "tst_labfailback.moc"
