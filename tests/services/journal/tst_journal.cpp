#include "journal.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Console;

namespace {

JournalEntry entry(qint64 runId, const QString &category, const QString &name,
    const QString &status, const QString &message = {}, const QVariantMap &fields = {})
{
    JournalEntry e;
    e.runId = runId;
    e.category = category;
    e.name = name;
    e.status = status;
    e.message = message;
    e.fields = fields;
    return e;
}

JournalRun failoverRun()
{
    JournalRun run;
    run.kind = QStringLiteral("failover");
    run.mode = QStringLiteral("manual");
    run.fromRegion = QStringLiteral("eu-west");
    run.toRegion = QStringLiteral("us-east");
    return run;
}

QList<qint64> idsOf(const QList<JournalEntry> &entries)
{
    QList<qint64> ids;
    for (const JournalEntry &e : entries)
        ids.append(e.id);
    return ids;
}

QList<qint64> idsOf(const QList<JournalRun> &runs)
{
    QList<qint64> ids;
    for (const JournalRun &r : runs)
        ids.append(r.id);
    return ids;
}

// What journal_writer printed: its run, then the id of each entry once append() returned.
struct WriterOutput
{
    qint64 runId = 0;
    QList<qint64> ids;

    void readAvailable(QProcess &writer)
    {
        while (writer.canReadLine()) {
            const QByteArray line = writer.readLine().trimmed();
            if (line.startsWith("run "))
                runId = line.mid(4).toLongLong();
            else if (!line.isEmpty())
                ids.append(line.toLongLong());
        }
    }

    // Reads until `count` ids arrived, the writer ended or the deadline passed.
    void readUntil(QProcess &writer, int count, QDeadlineTimer deadline)
    {
        readAvailable(writer);
        while (
            ids.size() < count && !deadline.hasExpired() && writer.state() == QProcess::Running) {
            writer.waitForReadyRead(int(std::clamp<qint64>(deadline.remainingTime(), 1, 1000)));
            readAvailable(writer);
        }
    }
};

} // namespace

class tst_Journal final : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip();
    void figuresMergeWhileOpen();
    void walAndFullSync();
    void twoInstancesShareOneFile();
    void survivesKill9();
    void twoProcessesWriteAtOnce();
    void badPathFails_data();
    void badPathFails();
    void newerSchemaIsRefused();
    void appendToUnknownRunFails();
    void connectionIsRemoved();
    void identity();
};

void tst_Journal::roundTrip()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("deep/folder/journal.sqlite"));
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    qint64 first = 0;
    qint64 second = 0;
    QList<qint64> firstEntries;
    qint64 outside = 0;
    const QVariantMap fields { { QStringLiteral("lag_rows"), 42 },
        { QStringLiteral("lag_ms"), 1500.5 }, { QStringLiteral("ok"), true },
        { QStringLiteral("writable"), QVariantList { QStringLiteral("a"), QStringLiteral("b") } },
        { QStringLiteral("note"), QStringLiteral("ünïcode ✓") } };
    const QDateTime stepTime
        = QDateTime::fromString(QStringLiteral("2026-01-01T10:20:30.123Z"), Qt::ISODateWithMs);
    {
        Journal journal;
        QVERIFY2(journal.open(path), qPrintable(journal.error()));
        QVERIFY(journal.isOpen());
        QCOMPARE(journal.path(), path);

        JournalRun run = failoverRun();
        run.figures.insert(QStringLiteral("detection_ms"), 1200);
        first = journal.beginRun(run);
        QVERIFY2(first > 0, qPrintable(journal.error()));

        JournalEntry gate = entry(first, QStringLiteral("gate"), QStringLiteral("replica-lag"),
            QStringLiteral("passed"), QStringLiteral("Lag is 42 rows."), fields);
        gate.time = stepTime;
        gate.monotonicMs = 987654;
        firstEntries.append(journal.append(gate));
        firstEntries.append(journal.append(entry(first, QStringLiteral("decision"),
            QStringLiteral("failover"), QStringLiteral("info"), QStringLiteral("Go."))));
        JournalEntry op = entry(
            first, QStringLiteral("operator"), QStringLiteral("confirm"), QStringLiteral("done"));
        op.osUser = QStringLiteral("alice");
        firstEntries.append(journal.append(op));
        outside = journal.append(entry(0, QStringLiteral("state"), QStringLiteral("console"),
            QStringLiteral("info"), QStringLiteral("Console started.")));
        for (const qint64 id : std::as_const(firstEntries))
            QVERIFY2(id > 0, qPrintable(journal.error()));
        QVERIFY(outside > 0);

        QVERIFY(journal.finishRun(
            first, QStringLiteral("verified"), { { QStringLiteral("rto_ms"), 5000 } }));
        QVERIFY(!journal.finishRun(first, QStringLiteral("failed"), {}));
        QVERIFY(journal.error().contains(QString::number(first)));

        second = journal.beginRun(failoverRun());
        QVERIFY(second > first);
        QVERIFY(journal.append(entry(second, QStringLiteral("step"), QStringLiteral("promote"),
                    QStringLiteral("running")))
            > 0);
    }

    // Everything read back from a fresh object: nothing lived only in memory.
    Journal journal;
    QVERIFY2(journal.open(path), qPrintable(journal.error()));
    const QDateTime after = QDateTime::currentDateTimeUtc().addMSecs(1);

    const std::optional<JournalRun> done = journal.run(first);
    QVERIFY(done);
    QCOMPARE(done->kind, QStringLiteral("failover"));
    QCOMPARE(done->mode, QStringLiteral("manual"));
    QCOMPARE(done->fromRegion, QStringLiteral("eu-west"));
    QCOMPARE(done->toRegion, QStringLiteral("us-east"));
    QCOMPARE(done->outcome, QStringLiteral("verified"));
    QVERIFY(!done->isOpen());
    QVERIFY(done->startedAt >= before && done->startedAt <= done->finishedAt);
    QVERIFY(done->finishedAt <= after);
    QCOMPARE(done->startedAt.timeSpec(), Qt::UTC);
    QCOMPARE(done->osUser, Journal::osUser());
    QCOMPARE(done->consoleId, Journal::consoleId());
    QCOMPARE(done->figures.value(QStringLiteral("detection_ms")).toInt(), 1200);
    QCOMPARE(done->figures.value(QStringLiteral("rto_ms")).toInt(), 5000);
    QCOMPARE(done->figures.size(), 2);
    QVERIFY(!journal.run(second + 1000));

    const QList<JournalEntry> entries = journal.entries(first);
    QCOMPARE(idsOf(entries), firstEntries);
    QCOMPARE(entries.at(0).category, QStringLiteral("gate"));
    QCOMPARE(entries.at(0).name, QStringLiteral("replica-lag"));
    QCOMPARE(entries.at(0).status, QStringLiteral("passed"));
    QCOMPARE(entries.at(0).message, QStringLiteral("Lag is 42 rows."));
    QCOMPARE(entries.at(0).time, stepTime);
    QCOMPARE(entries.at(0).time.time().msec(), 123);
    QCOMPARE(entries.at(0).monotonicMs, qint64(987654));
    QCOMPARE(entries.at(0).runId, first);
    QCOMPARE(entries.at(0).fields.value(QStringLiteral("lag_rows")).toLongLong(), 42);
    QCOMPARE(entries.at(0).fields.value(QStringLiteral("lag_ms")).toDouble(), 1500.5);
    QCOMPARE(entries.at(0).fields.value(QStringLiteral("ok")).toBool(), true);
    QCOMPARE(entries.at(0).fields.value(QStringLiteral("writable")).toStringList(),
        QStringList({ QStringLiteral("a"), QStringLiteral("b") }));
    QCOMPARE(
        entries.at(0).fields.value(QStringLiteral("note")).toString(), QStringLiteral("ünïcode ✓"));
    // Filled in when the caller left them empty, kept when given.
    QVERIFY(entries.at(1).time >= before && entries.at(1).time <= after);
    QCOMPARE(entries.at(1).osUser, Journal::osUser());
    QVERIFY(entries.at(1).fields.isEmpty());
    QCOMPARE(entries.at(2).osUser, QStringLiteral("alice"));

    const QList<JournalEntry> loose = journal.entries(0);
    QCOMPARE(loose.size(), 1);
    QCOMPARE(loose.at(0).id, outside);
    QCOMPARE(loose.at(0).runId, qint64(0));

    QCOMPARE(idsOf(journal.runs()), QList<qint64>({ second, first }));
    QCOMPARE(idsOf(journal.runs(1)), QList<qint64>({ second }));
    QCOMPARE(idsOf(journal.openRuns()), QList<qint64>({ second }));

    const QList<JournalEntry> recent = journal.recentEntries(2);
    QCOMPARE(recent.size(), 2);
    QCOMPARE(recent.at(0).id, outside);
    QCOMPARE(recent.at(1).runId, second);

    QVERIFY(!journal.markInterrupted(first, QStringLiteral("finished runs stay as they are")));
    QVERIFY(journal.markInterrupted(second, QStringLiteral("The console that ran it is gone.")));
    QVERIFY(journal.openRuns().isEmpty());
    const std::optional<JournalRun> interrupted = journal.run(second);
    QVERIFY(interrupted);
    QCOMPARE(interrupted->outcome, QStringLiteral("interrupted"));
    QVERIFY(!interrupted->isOpen());
    const JournalEntry note = journal.entries(second).constLast();
    QCOMPARE(note.category, QStringLiteral("state"));
    QCOMPARE(note.status, QStringLiteral("interrupted"));
    QCOMPARE(note.message, QStringLiteral("The console that ran it is gone."));
    QVERIFY(!journal.markInterrupted(second, QStringLiteral("twice")));
    QCOMPARE(journal.entries(second).size(), 2);
}

void tst_Journal::figuresMergeWhileOpen()
{
    QTemporaryDir dir;
    Journal journal;
    QVERIFY2(journal.open(dir.filePath(QStringLiteral("j.sqlite"))), qPrintable(journal.error()));
    const qint64 id = journal.beginRun(failoverRun());
    QVERIFY(journal.setFigures(id, { { QStringLiteral("detection_ms"), 900 } }));
    QVERIFY(journal.setFigures(
        id, { { QStringLiteral("promotion_ms"), 700 }, { QStringLiteral("detection_ms"), 950 } }));
    QCOMPARE(journal.run(id)->figures,
        QVariantMap(
            { { QStringLiteral("detection_ms"), 950 }, { QStringLiteral("promotion_ms"), 700 } }));
    QVERIFY(journal.finishRun(id, QStringLiteral("aborted")));
    QVERIFY(!journal.setFigures(id, { { QStringLiteral("rto_ms"), 1 } }));
    QVERIFY(!journal.setFigures(id + 1, { { QStringLiteral("rto_ms"), 1 } }));
    QVERIFY(!journal.finishRun(journal.beginRun(failoverRun()), QString()));
    QVERIFY(!journal.run(id)->figures.contains(QStringLiteral("rto_ms")));
}

void tst_Journal::walAndFullSync()
{
    QTemporaryDir dir;
    Journal journal;
    QVERIFY2(journal.open(dir.filePath(QStringLiteral("j.sqlite"))), qPrintable(journal.error()));
    QCOMPARE(journal.pragma(QStringLiteral("journal_mode")), QStringLiteral("wal"));
    QCOMPARE(journal.pragma(QStringLiteral("synchronous")), QStringLiteral("2")); // FULL
    QCOMPARE(journal.pragma(QStringLiteral("foreign_keys")), QStringLiteral("1"));
    QCOMPARE(
        journal.pragma(QStringLiteral("busy_timeout")), QString::number(Journal::busyTimeoutMs));
    QCOMPARE(
        journal.pragma(QStringLiteral("user_version")), QString::number(Journal::schemaVersion));
    QVERIFY(journal.pragma(QStringLiteral("journal_mode=DELETE")).isEmpty());
    QCOMPARE(journal.pragma(QStringLiteral("journal_mode")), QStringLiteral("wal"));
    // The write-ahead log sits beside the file once something was written.
    QVERIFY(journal.append(
                entry(0, QStringLiteral("state"), QStringLiteral("x"), QStringLiteral("info")))
        > 0);
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("j.sqlite-wal"))));
}

void tst_Journal::twoInstancesShareOneFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shared.sqlite"));
    Journal a;
    Journal b;
    QVERIFY2(a.open(path), qPrintable(a.error()));
    QVERIFY2(b.open(path), qPrintable(b.error()));

    const qint64 run = a.beginRun(failoverRun());
    QVERIFY(run > 0);
    QCOMPARE(idsOf(b.openRuns()), QList<qint64>({ run }));
    const qint64 fromB = b.append(
        entry(run, QStringLiteral("step"), QStringLiteral("fence"), QStringLiteral("running")));
    const qint64 fromA = a.append(
        entry(run, QStringLiteral("step"), QStringLiteral("fence"), QStringLiteral("done")));
    QVERIFY(fromB > 0 && fromA > fromB);
    QCOMPARE(idsOf(a.entries(run)), QList<qint64>({ fromB, fromA }));
    QCOMPARE(idsOf(b.entries(run)), QList<qint64>({ fromB, fromA }));
    QVERIFY(b.setFigures(run, { { QStringLiteral("rpo_rows"), 0 } }));
    QVERIFY(a.setFigures(run, { { QStringLiteral("rpo_ms"), 12 } }));
    QVERIFY(b.finishRun(run, QStringLiteral("verified"), {}));
    const std::optional<JournalRun> seen = a.run(run);
    QVERIFY(seen);
    QCOMPARE(seen->outcome, QStringLiteral("verified"));
    QCOMPARE(seen->figures.size(), 2);
    QVERIFY(a.openRuns().isEmpty());
}

void tst_Journal::survivesKill9()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
    constexpr int wanted = 200;

    // No pause between appends: the kill most likely lands in the middle of a commit.
    QProcess writer;
    writer.setReadChannel(QProcess::StandardOutput);
    writer.start(QStringLiteral(JOURNAL_WRITER), { path });
    QVERIFY2(writer.waitForStarted(5000), qPrintable(writer.errorString()));
    WriterOutput output;
    output.readUntil(writer, wanted, QDeadlineTimer(30'000));
    QVERIFY2(output.ids.size() >= wanted,
        qPrintable(QStringLiteral("%1 ids; stderr: %2")
                       .arg(output.ids.size())
                       .arg(QString::fromLocal8Bit(writer.readAllStandardError()))));
    QVERIFY(output.runId > 0);

    writer.kill(); // SIGKILL: no destructor, no close, no checkpoint
    QVERIFY(writer.waitForFinished(5000));
    QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
    // Ids printed between the last read and the kill were committed too.
    output.readAvailable(writer);

    Journal journal;
    QVERIFY2(journal.open(path), qPrintable(journal.error()));
    QCOMPARE(journal.pragma(QStringLiteral("integrity_check")), QStringLiteral("ok"));
    const QList<JournalEntry> entries = journal.entries(output.runId);
    QSet<qint64> stored;
    for (const JournalEntry &e : entries)
        stored.insert(e.id);
    for (const qint64 id : std::as_const(output.ids)) {
        if (!stored.contains(id))
            QFAIL(qPrintable(QStringLiteral("entry %1 was printed but is gone").arg(id)));
    }
    // At most the one append the kill interrupted was on disk without being printed.
    QVERIFY(entries.size() >= output.ids.size() && entries.size() <= output.ids.size() + 1);
    QCOMPARE(entries.constFirst().message, QStringLiteral("Step 0 of the drill."));

    QCOMPARE(idsOf(journal.openRuns()), QList<qint64>({ output.runId }));
    QVERIFY(journal.markInterrupted(
        output.runId, QStringLiteral("Killed in the middle of the drill.")));
    QVERIFY(journal.openRuns().isEmpty());
    QCOMPARE(journal.run(output.runId)->outcome, QStringLiteral("interrupted"));
    QCOMPARE(journal.entries(output.runId).constLast().message,
        QStringLiteral("Killed in the middle of the drill."));
    QCOMPARE(journal.pragma(QStringLiteral("integrity_check")), QStringLiteral("ok"));
}

void tst_Journal::twoProcessesWriteAtOnce()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("journal.sqlite"));
    constexpr int theirs = 60;
    constexpr int ours = 20;

    // A pause after each append, as a real console has: SQLite's lock is not fair, and two
    // loops that never let go could starve each other past the busy timeout.
    QProcess writer;
    writer.setReadChannel(QProcess::StandardOutput);
    writer.start(
        QStringLiteral(JOURNAL_WRITER), { path, QString::number(theirs), QStringLiteral("10") });
    QVERIFY2(writer.waitForStarted(5000), qPrintable(writer.errorString()));
    WriterOutput output;
    output.readUntil(writer, 5, QDeadlineTimer(30'000));
    QVERIFY2(
        output.ids.size() >= 5, qPrintable(QString::fromLocal8Bit(writer.readAllStandardError())));

    Journal journal;
    QVERIFY2(journal.open(path), qPrintable(journal.error()));
    QList<qint64> mine;
    for (int i = 0; i < ours; ++i) {
        const qint64 id = journal.append(entry(output.runId, QStringLiteral("operator"),
            QStringLiteral("look"), QStringLiteral("info")));
        QVERIFY2(id > 0, qPrintable(journal.error()));
        mine.append(id);
    }
    output.readUntil(writer, theirs, QDeadlineTimer(30'000));
    QVERIFY(writer.waitForFinished(10'000));
    QCOMPARE(writer.exitStatus(), QProcess::NormalExit);
    QCOMPARE(writer.exitCode(), 0);
    output.readAvailable(writer);
    QCOMPARE(output.ids.size(), theirs);
    QVERIFY(
        output.ids.constFirst() < mine.constFirst() && mine.constLast() < output.ids.constLast());

    QList<qint64> expected = output.ids + mine;
    std::sort(expected.begin(), expected.end());
    QCOMPARE(idsOf(journal.entries(output.runId)), expected);
    QCOMPARE(journal.pragma(QStringLiteral("integrity_check")), QStringLiteral("ok"));
}

void tst_Journal::badPathFails_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("under a regular file") << QStringLiteral("under-file");
    QTest::newRow("a folder") << QStringLiteral("folder");
    QTest::newRow("not a database") << QStringLiteral("garbage");
    QTest::newRow("empty") << QStringLiteral("empty");
}

void tst_Journal::badPathFails()
{
    QFETCH(QString, kind);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString path;
    if (kind == QLatin1String("under-file")) {
        QFile plain(dir.filePath(QStringLiteral("plain")));
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.write("not a folder\n");
        path = dir.filePath(QStringLiteral("plain/sub/journal.sqlite"));
    } else if (kind == QLatin1String("folder")) {
        path = dir.filePath(QStringLiteral("folder"));
        QVERIFY(QDir().mkpath(path));
    } else if (kind == QLatin1String("garbage")) {
        path = dir.filePath(QStringLiteral("garbage.sqlite"));
        QFile garbage(path);
        QVERIFY(garbage.open(QIODevice::WriteOnly));
        garbage.write(QByteArray(8192, 'x'));
    }
    Journal journal;
    QSignalSpy failures(&journal, &Journal::writeFailed);
    QVERIFY(!journal.open(path));
    QVERIFY(!journal.isOpen());
    QVERIFY2(journal.error().contains(QDir::toNativeSeparators(path)), qPrintable(journal.error()));
    QVERIFY(journal.error().size() > QDir::toNativeSeparators(path).size() + 25);
    QVERIFY(QSqlDatabase::connectionNames().isEmpty());
    // A journal that did not open refuses every call without crashing.
    QCOMPARE(journal.beginRun(failoverRun()), qint64(0));
    QCOMPARE(journal.append(
                 entry(0, QStringLiteral("state"), QStringLiteral("x"), QStringLiteral("info"))),
        qint64(0));
    QVERIFY(journal.runs().isEmpty());
    QVERIFY(journal.openRuns().isEmpty());
    QCOMPARE(failures.count(), 0);
    if (kind == QLatin1String("garbage")) {
        QFile garbage(path);
        QVERIFY(garbage.open(QIODevice::ReadOnly));
        QCOMPARE(garbage.readAll(), QByteArray(8192, 'x'));
    }
}

void tst_Journal::newerSchemaIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("j.sqlite"));
    {
        Journal journal;
        QVERIFY2(journal.open(path), qPrintable(journal.error()));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("t"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 99")));
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("t"));
    Journal journal;
    QVERIFY(!journal.open(path));
    QVERIFY2(journal.error().contains(QStringLiteral("99")), qPrintable(journal.error()));
    QVERIFY(journal.error().contains(QDir::toNativeSeparators(path)));
}

void tst_Journal::appendToUnknownRunFails()
{
    QTemporaryDir dir;
    Journal journal;
    QVERIFY2(journal.open(dir.filePath(QStringLiteral("j.sqlite"))), qPrintable(journal.error()));
    QSignalSpy failures(&journal, &Journal::writeFailed);
    QCOMPARE(journal.append(entry(4242, QStringLiteral("step"), QStringLiteral("promote"),
                 QStringLiteral("running"))),
        qint64(0));
    QCOMPARE(failures.count(), 1);
    QVERIFY2(journal.error().contains(QDir::toNativeSeparators(journal.path())),
        qPrintable(journal.error()));
    QVERIFY(journal.recentEntries(10).isEmpty());
}

void tst_Journal::connectionIsRemoved()
{
    QTemporaryDir dir;
    {
        Journal a;
        Journal b;
        QVERIFY(a.open(dir.filePath(QStringLiteral("j.sqlite"))));
        QVERIFY(b.open(dir.filePath(QStringLiteral("j.sqlite"))));
        QCOMPARE(QSqlDatabase::connectionNames().size(), 2);
        // Opening again replaces the connection rather than adding one.
        QVERIFY(a.open(dir.filePath(QStringLiteral("other.sqlite"))));
        QCOMPARE(QSqlDatabase::connectionNames().size(), 2);
        a.close();
        QVERIFY(!a.isOpen());
        QCOMPARE(QSqlDatabase::connectionNames().size(), 1);
    }
    QVERIFY(QSqlDatabase::connectionNames().isEmpty());
}

void tst_Journal::identity()
{
    QVERIFY(!Journal::osUser().isEmpty());
    QVERIFY(Journal::consoleId().startsWith(Journal::osUser() + QLatin1Char('@')));
    QVERIFY(Journal::consoleId().endsWith(
        QLatin1Char(' ') + QString::number(QCoreApplication::applicationPid())));
    QVERIFY(Journal::defaultPath().endsWith(QStringLiteral("/journal.sqlite")));
}

QTEST_GUILESS_MAIN(tst_Journal)
#include "tst_journal.moc"
