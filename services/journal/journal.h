#pragma once

#include "journalentry.h"
#include "journalrun.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

class QSqlDatabase;
class QSqlQuery;

namespace Console {

// The console's crash-safe journal: an SQLite file in WAL mode with synchronous=FULL, so every
// append is on disk before the call returns and a kill -9 loses nothing that was reported
// written. Callers write an entry *before* the step it describes runs; after a crash the open
// runs show what was interrupted. Several Journal objects and processes may share one file.
//
// It stores what it is handed and masks nothing: callers pass secret-free text and fields.
// Each object owns its own Qt SQL connection, which only the thread that opened it may use.
// Writes wait for the disk (an fsync each), so they belong to rare moments: transitions,
// decisions, steps, operator actions, not to every probe.
class Journal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Journal)
public:
    static constexpr int busyTimeoutMs = 2000;
    static constexpr int schemaVersion = 1;

    explicit Journal(QObject *parent = nullptr);
    ~Journal() override; // closes and removes its own connection

    // Creates the folders and the schema. False with error() set (naming the path) on failure.
    // Opening again closes the previous file first.
    bool open(const QString &path);
    void close();
    bool isOpen() const;
    // The last failure, of open() or of a later read or write.
    QString error() const { return m_error; }
    QString path() const { return m_path; }

    // QStandardPaths::AppDataLocation + "/journal.sqlite".
    static QString defaultPath();
    // The effective user's login name (getpwuid), falling back to $USER.
    static QString osUser();
    // "user@host pid": which console wrote a run.
    static QString consoleId();

    // The new run's id, or 0 on failure. Fills startedAt, osUser and consoleId when empty.
    qint64 beginRun(const JournalRun &run);
    // Committed to disk before it returns. Fills time and osUser when empty. The id, or 0.
    qint64 append(const JournalEntry &entry);
    // Closes an open run with its outcome, merging `figures` into those it has. False when the
    // run does not exist or was already finished.
    bool finishRun(qint64 runId, const QString &outcome, const QVariantMap &figures = {});
    // Merges `figures` into an open run's figures.
    bool setFigures(qint64 runId, const QVariantMap &figures);

    QList<JournalRun> runs(int limit = 100) const; // newest first
    std::optional<JournalRun> run(qint64 id) const;
    QList<JournalEntry> entries(qint64 runId) const; // in order; 0: entries outside any run
    QList<JournalEntry> recentEntries(int limit) const; // the newest `limit`, oldest first
    // Started and never finished: interrupted by a crash unless a live console holds them.
    QList<JournalRun> openRuns() const;
    // The first value that `PRAGMA name` (the query form, never an assignment) reports on this
    // connection: "journal_mode", "synchronous", "integrity_check"..., for diagnostics and
    // tests. Empty for a name that is not a plain identifier.
    QString pragma(const QString &name) const;
    // Finishes an open run with outcome "interrupted" and appends a "state" entry carrying
    // `note`, both in one transaction.
    bool markInterrupted(qint64 runId, const QString &note);

signals:
    // A write failed after open() succeeded: the journal no longer records what happens.
    void writeFailed(const QString &error);

private:
    QSqlDatabase database() const;
    bool configure();
    bool createSchema();
    // The file's schema version; nullopt with m_error set on failure or for a newer schema.
    std::optional<int> userVersion();
    bool exec(QSqlQuery &query) const;
    bool begin();
    bool commit();
    void rollback();
    qint64 insertEntry(JournalEntry entry);
    bool finish(qint64 runId, const QString &outcome, const QVariantMap &figures);
    // The figures of an open run, in `figures`; false with error() set when it is not open.
    bool openFigures(qint64 runId, std::optional<QVariantMap> &figures);
    bool writeFailure(const QString &reason);

    QString m_connection; // this object's Qt SQL connection name, unique per instance
    QString m_path;
    mutable QString m_error;
};

} // namespace Console
