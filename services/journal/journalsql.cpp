#include "journalsql.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace Console::JournalSql {

QStringList schemaStatements()
{
    // AUTOINCREMENT: an id is never handed out twice, so an id printed or logged once names
    // the same entry for good.
    return {
        QStringLiteral("CREATE TABLE IF NOT EXISTS runs ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " kind TEXT NOT NULL DEFAULT '',"
                       " mode TEXT NOT NULL DEFAULT '',"
                       " from_region TEXT NOT NULL DEFAULT '',"
                       " to_region TEXT NOT NULL DEFAULT '',"
                       " started_at TEXT NOT NULL,"
                       " finished_at TEXT,"
                       " outcome TEXT NOT NULL DEFAULT '',"
                       " os_user TEXT NOT NULL DEFAULT '',"
                       " console_id TEXT NOT NULL DEFAULT '',"
                       " figures TEXT NOT NULL DEFAULT '{}')"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS entries ("
                       " id INTEGER PRIMARY KEY AUTOINCREMENT,"
                       " run_id INTEGER REFERENCES runs(id),"
                       " time TEXT NOT NULL,"
                       " monotonic_ms INTEGER NOT NULL DEFAULT 0,"
                       " category TEXT NOT NULL DEFAULT '',"
                       " name TEXT NOT NULL DEFAULT '',"
                       " status TEXT NOT NULL DEFAULT '',"
                       " message TEXT NOT NULL DEFAULT '',"
                       " fields TEXT NOT NULL DEFAULT '{}',"
                       " os_user TEXT NOT NULL DEFAULT '')"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS entries_by_run ON entries (run_id, id)"),
        QStringLiteral("CREATE INDEX IF NOT EXISTS open_runs ON runs (id)"
                       " WHERE finished_at IS NULL"),
    };
}

QString runColumns()
{
    return QStringLiteral("id, kind, mode, from_region, to_region, started_at, "
                          "finished_at, outcome, os_user, console_id, figures");
}

QString entryColumns()
{
    return QStringLiteral(
        "id, run_id, time, monotonic_ms, category, name, status, message, fields, os_user");
}

// Qt binds a null QString as SQL NULL, which the NOT NULL text columns refuse.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

// ISO 8601 in UTC with milliseconds: sorts as text and reads well in the sqlite3 shell.
QVariant timeText(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toUTC().toString(Qt::ISODateWithMs)) : QVariant();
}

QDateTime timeFrom(const QVariant &value)
{
    if (value.isNull())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

QString jsonText(const QVariantMap &map)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonObject::fromVariantMap(map)).toJson(QJsonDocument::Compact));
}

QVariantMap mapFrom(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object().toVariantMap();
}

QString sqlMessage(const QSqlError &error)
{
    return error.databaseText().isEmpty() ? error.text() : error.databaseText();
}

JournalRun runFrom(const QSqlQuery &query)
{
    JournalRun run;
    run.id = query.value(0).toLongLong();
    run.kind = query.value(1).toString();
    run.mode = query.value(2).toString();
    run.fromRegion = query.value(3).toString();
    run.toRegion = query.value(4).toString();
    run.startedAt = timeFrom(query.value(5));
    run.finishedAt = timeFrom(query.value(6));
    run.outcome = query.value(7).toString();
    run.osUser = query.value(8).toString();
    run.consoleId = query.value(9).toString();
    run.figures = mapFrom(query.value(10));
    return run;
}

JournalEntry entryFrom(const QSqlQuery &query)
{
    JournalEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.runId = query.value(1).toLongLong(); // NULL reads as 0: outside any run
    entry.time = timeFrom(query.value(2));
    entry.monotonicMs = query.value(3).toLongLong();
    entry.category = query.value(4).toString();
    entry.name = query.value(5).toString();
    entry.status = query.value(6).toString();
    entry.message = query.value(7).toString();
    entry.fields = mapFrom(query.value(8));
    entry.osUser = query.value(9).toString();
    return entry;
}

} // namespace Console::JournalSql
