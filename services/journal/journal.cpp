#include "journal.h"

#include "clock.h"
#include "journalsql.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QSysInfo>

#include <atomic>
#include <vector>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

namespace Console {

using namespace JournalSql;

namespace {

const QString sqliteDriver = QStringLiteral("QSQLITE");

QString uniqueConnectionName()
{
    static std::atomic<quint64> counter { 0 };
    return QStringLiteral("console-journal-%1").arg(++counter);
}

} // namespace

Journal::Journal(QObject *parent)
    : QObject(parent)
    , m_connection(uniqueConnectionName())
{ }

Journal::~Journal()
{
    close();
}

bool Journal::open(const QString &path)
{
    close();
    m_path = path;
    m_error.clear();
    const auto failed = [this](const QString &reason) {
        m_error
            = tr("Cannot open the journal %1: %2").arg(QDir::toNativeSeparators(m_path), reason);
        close();
        return false;
    };
    if (path.isEmpty())
        return failed(tr("no path given"));
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return failed(
            tr("cannot create the folder %1").arg(QDir::toNativeSeparators(info.absolutePath())));
    if (info.isDir())
        return failed(tr("it is a folder"));
    QString reason;
    {
        // Scoped: close() removes the connection only once this copy of it is gone.
        QSqlDatabase db = QSqlDatabase::addDatabase(sqliteDriver, m_connection);
        if (!db.isValid()) {
            reason = tr("Qt's SQLite driver (QSQLITE) is missing; install libqt6sql6-sqlite");
        } else {
            db.setDatabaseName(path);
            // Another console may hold the write lock for a moment: wait for it, do not fail.
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(busyTimeoutMs));
            if (!db.open())
                reason = sqlMessage(db.lastError());
        }
    }
    if (!reason.isEmpty())
        return failed(reason);
    if (!configure() || !createSchema())
        return failed(m_error);
    return true;
}

void Journal::close()
{
    if (!QSqlDatabase::contains(m_connection))
        return;
    database().close();
    // No QSqlDatabase copy is alive here, so the connection goes without a warning.
    QSqlDatabase::removeDatabase(m_connection);
}

bool Journal::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && database().isOpen();
}

QString Journal::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/journal.sqlite");
}

QString Journal::osUser()
{
    // Looked up once: the name service may be slow (LDAP), and a process keeps its user.
    static const QString user = [] {
#ifdef Q_OS_UNIX
        const uid_t uid = geteuid();
        long size = sysconf(_SC_GETPW_R_SIZE_MAX);
        std::vector<char> buffer(size > 0 ? size_t(size) : size_t(16384));
        passwd entry {};
        passwd *found = nullptr;
        if (getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found
            && found->pw_name && *found->pw_name)
            return QString::fromLocal8Bit(found->pw_name);
#endif
        QString name = qEnvironmentVariable("USER");
        if (name.isEmpty())
            name = qEnvironmentVariable("USERNAME");
#ifdef Q_OS_UNIX
        if (name.isEmpty())
            name = QString::number(geteuid());
#endif
        return name;
    }();
    return user;
}

QString Journal::consoleId()
{
    return QStringLiteral("%1@%2 %3")
        .arg(osUser(), QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid());
}

qint64 Journal::beginRun(const JournalRun &run)
{
    if (!isOpen()) {
        m_error = tr("The journal is not open.");
        return 0;
    }
    QSqlQuery query(database());
    query.prepare(QStringLiteral(
        "INSERT INTO runs (kind, mode, from_region, to_region, started_at, finished_at, outcome, "
        "os_user, console_id, figures) VALUES (?, ?, ?, ?, ?, NULL, '', ?, ?, ?)"));
    query.addBindValue(text(run.kind));
    query.addBindValue(text(run.mode));
    query.addBindValue(text(run.fromRegion));
    query.addBindValue(text(run.toRegion));
    query.addBindValue(
        timeText(run.startedAt.isValid() ? run.startedAt : QDateTime::currentDateTimeUtc()));
    query.addBindValue(text(run.osUser.isEmpty() ? osUser() : run.osUser));
    query.addBindValue(text(run.consoleId.isEmpty() ? consoleId() : run.consoleId));
    query.addBindValue(jsonText(run.figures));
    if (!query.exec()) {
        writeFailure(sqlMessage(query.lastError()));
        return 0;
    }
    return query.lastInsertId().toLongLong();
}

qint64 Journal::append(const JournalEntry &entry)
{
    if (!isOpen()) {
        m_error = tr("The journal is not open.");
        return 0;
    }
    // One INSERT in autocommit mode: with synchronous=FULL the write-ahead log is synced
    // before exec() returns, so the id the caller gets is on disk.
    return insertEntry(entry);
}

bool Journal::finishRun(qint64 runId, const QString &outcome, const QVariantMap &figures)
{
    if (outcome.isEmpty()) {
        m_error = tr("Run %1 cannot finish without an outcome.").arg(runId);
        return false;
    }
    if (!isOpen()) {
        m_error = tr("The journal is not open.");
        return false;
    }
    if (!begin())
        return false;
    if (!finish(runId, outcome, figures)) {
        rollback();
        return false;
    }
    return commit();
}

bool Journal::setFigures(qint64 runId, const QVariantMap &figures)
{
    if (!isOpen()) {
        m_error = tr("The journal is not open.");
        return false;
    }
    // Read and write in one immediate transaction: another console merging at the same moment
    // must not lose this merge or have its own lost.
    if (!begin())
        return false;
    std::optional<QVariantMap> merged;
    if (!openFigures(runId, merged)) {
        rollback();
        return false;
    }
    merged->insert(figures);
    QSqlQuery query(database());
    query.prepare(QStringLiteral("UPDATE runs SET figures = ? WHERE id = ?"));
    query.addBindValue(jsonText(*merged));
    query.addBindValue(runId);
    if (!query.exec()) {
        rollback();
        return writeFailure(sqlMessage(query.lastError()));
    }
    return commit();
}

QList<JournalRun> Journal::runs(int limit) const
{
    QList<JournalRun> result;
    if (!isOpen())
        return result;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM runs ORDER BY id DESC LIMIT ?").arg(runColumns()));
    query.addBindValue(limit < 0 ? -1 : limit);
    if (!exec(query))
        return result;
    while (query.next())
        result.append(runFrom(query));
    return result;
}

std::optional<JournalRun> Journal::run(qint64 id) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM runs WHERE id = ?").arg(runColumns()));
    query.addBindValue(id);
    if (!exec(query) || !query.next())
        return std::nullopt;
    return runFrom(query);
}

QList<JournalEntry> Journal::entries(qint64 runId) const
{
    QList<JournalEntry> result;
    if (!isOpen())
        return result;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (runId == 0) {
        query.prepare(QStringLiteral("SELECT %1 FROM entries WHERE run_id IS NULL ORDER BY id")
                          .arg(entryColumns()));
    } else {
        query.prepare(QStringLiteral("SELECT %1 FROM entries WHERE run_id = ? ORDER BY id")
                          .arg(entryColumns()));
        query.addBindValue(runId);
    }
    if (!exec(query))
        return result;
    while (query.next())
        result.append(entryFrom(query));
    return result;
}

QList<JournalEntry> Journal::recentEntries(int limit) const
{
    QList<JournalEntry> result;
    if (!isOpen() || limit == 0)
        return result;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(
        QStringLiteral("SELECT %1 FROM entries ORDER BY id DESC LIMIT ?").arg(entryColumns()));
    query.addBindValue(limit < 0 ? -1 : limit);
    if (!exec(query))
        return result;
    while (query.next())
        result.prepend(entryFrom(query));
    return result;
}

QList<JournalRun> Journal::openRuns() const
{
    QList<JournalRun> result;
    if (!isOpen())
        return result;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1 FROM runs WHERE finished_at IS NULL ORDER BY id DESC")
                      .arg(runColumns()));
    if (!exec(query))
        return result;
    while (query.next())
        result.append(runFrom(query));
    return result;
}

bool Journal::markInterrupted(qint64 runId, const QString &note)
{
    if (!isOpen()) {
        m_error = tr("The journal is not open.");
        return false;
    }
    // Both or neither: an interrupted run without its note, or a note on a run still open,
    // would tell the next reader a different story.
    if (!begin())
        return false;
    JournalEntry entry;
    entry.runId = runId;
    entry.monotonicMs = monotonicMs(Clock::system()->now());
    entry.category = QStringLiteral("state");
    entry.name = QStringLiteral("interrupted");
    entry.status = QStringLiteral("interrupted");
    entry.message = note;
    entry.fields.insert(QStringLiteral("marked_by"), consoleId());
    if (!finish(runId, QStringLiteral("interrupted"), {}) || insertEntry(entry) == 0) {
        rollback();
        return false;
    }
    return commit();
}

QString Journal::pragma(const QString &name) const
{
    static const QRegularExpression identifier(QStringLiteral("^[a-z_]+$"));
    if (!isOpen() || !identifier.match(name).hasMatch())
        return {};
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("PRAGMA %1").arg(name));
    if (!exec(query) || !query.next())
        return {};
    return query.value(0).toString();
}

QSqlDatabase Journal::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

bool Journal::configure()
{
    QSqlQuery query(database());
    // WAL keeps readers and the writer of other consoles out of each other's way and, with
    // synchronous=FULL, makes every commit durable before it returns.
    if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL"))) {
        m_error = sqlMessage(query.lastError());
        return false;
    }
    const QString mode = query.next() ? query.value(0).toString() : QString();
    if (mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
        m_error = tr("SQLite refused write-ahead logging (journal mode %1)").arg(mode);
        return false;
    }
    query.finish();
    for (const QString &pragma :
        { QStringLiteral("PRAGMA synchronous=FULL"), QStringLiteral("PRAGMA foreign_keys=ON") }) {
        if (!query.exec(pragma)) {
            m_error = sqlMessage(query.lastError());
            return false;
        }
    }
    return true;
}

bool Journal::createSchema()
{
    // A file that already has the schema is only read here: opening never waits for the write
    // lock that a busy console may hold.
    const std::optional<int> existing = userVersion();
    if (!existing)
        return false;
    if (*existing == schemaVersion)
        return true;
    // Immediate, so that two consoles opening a new file at once create it one after the other.
    QSqlQuery query(database());
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        m_error = sqlMessage(query.lastError());
        return false;
    }
    const auto failed = [this, &query](const QString &reason) {
        m_error = reason;
        query.finish();
        query.exec(QStringLiteral("ROLLBACK"));
        return false;
    };
    // Read again under the lock: another console may have created or upgraded it meanwhile.
    if (!userVersion())
        return failed(m_error);
    QStringList statements = JournalSql::schemaStatements();
    statements.append(QStringLiteral("PRAGMA user_version = %1").arg(schemaVersion));
    for (const QString &statement : statements) {
        if (!query.exec(statement))
            return failed(sqlMessage(query.lastError()));
    }
    if (!query.exec(QStringLiteral("COMMIT")))
        return failed(sqlMessage(query.lastError()));
    return true;
}

std::optional<int> Journal::userVersion()
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        m_error = sqlMessage(query.lastError());
        return std::nullopt;
    }
    const int version = query.value(0).toInt();
    if (version > schemaVersion) {
        m_error = tr("it was written by a newer console (schema %1, this console knows %2)")
                      .arg(version)
                      .arg(schemaVersion);
        return std::nullopt;
    }
    return version;
}

bool Journal::exec(QSqlQuery &query) const
{
    if (query.exec())
        return true;
    m_error = tr("Cannot read the journal %1: %2")
                  .arg(QDir::toNativeSeparators(m_path), sqlMessage(query.lastError()));
    return false;
}

bool Journal::begin()
{
    // IMMEDIATE takes the write lock now (waiting up to the busy timeout), so a transaction that
    // reads before it writes can never fail half-way on another console's write.
    QSqlQuery query(database());
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return writeFailure(sqlMessage(query.lastError()));
    return true;
}

bool Journal::commit()
{
    QSqlQuery query(database());
    if (query.exec(QStringLiteral("COMMIT")))
        return true;
    const QString message = sqlMessage(query.lastError());
    rollback();
    return writeFailure(message);
}

void Journal::rollback()
{
    QSqlQuery query(database());
    query.exec(QStringLiteral("ROLLBACK"));
}

qint64 Journal::insertEntry(JournalEntry entry)
{
    if (!entry.time.isValid())
        entry.time = QDateTime::currentDateTimeUtc();
    if (entry.osUser.isEmpty())
        entry.osUser = osUser();
    QSqlQuery query(database());
    query.prepare(QStringLiteral(
        "INSERT INTO entries (run_id, time, monotonic_ms, category, name, status, message, "
        "fields, os_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(entry.runId == 0 ? QVariant() : QVariant(entry.runId));
    query.addBindValue(timeText(entry.time));
    query.addBindValue(entry.monotonicMs);
    query.addBindValue(text(entry.category));
    query.addBindValue(text(entry.name));
    query.addBindValue(text(entry.status));
    query.addBindValue(text(entry.message));
    query.addBindValue(jsonText(entry.fields));
    query.addBindValue(text(entry.osUser));
    if (!query.exec()) {
        writeFailure(sqlMessage(query.lastError()));
        return 0;
    }
    return query.lastInsertId().toLongLong();
}

bool Journal::finish(qint64 runId, const QString &outcome, const QVariantMap &figures)
{
    std::optional<QVariantMap> merged;
    if (!openFigures(runId, merged))
        return false;
    merged->insert(figures);
    QSqlQuery query(database());
    query.prepare(QStringLiteral("UPDATE runs SET finished_at = ?, outcome = ?, figures = ? "
                                 "WHERE id = ? AND finished_at IS NULL"));
    query.addBindValue(timeText(QDateTime::currentDateTimeUtc()));
    query.addBindValue(text(outcome));
    query.addBindValue(jsonText(*merged));
    query.addBindValue(runId);
    if (!query.exec())
        return writeFailure(sqlMessage(query.lastError()));
    return true;
}

bool Journal::openFigures(qint64 runId, std::optional<QVariantMap> &figures)
{
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT figures FROM runs WHERE id = ? AND finished_at IS NULL"));
    query.addBindValue(runId);
    if (!query.exec())
        return writeFailure(sqlMessage(query.lastError()));
    if (!query.next()) {
        // The caller's mistake, not the disk's: no writeFailed().
        m_error = tr("Run %1 is not an open run of the journal %2.")
                      .arg(runId)
                      .arg(QDir::toNativeSeparators(m_path));
        return false;
    }
    figures = mapFrom(query.value(0));
    return true;
}

bool Journal::writeFailure(const QString &reason)
{
    m_error
        = tr("Cannot write to the journal %1: %2").arg(QDir::toNativeSeparators(m_path), reason);
    emit writeFailed(m_error);
    return false;
}

} // namespace Console
