#pragma once

#include "journalentry.h"
#include "journalrun.h"

#include <QStringList>
#include <QVariant>

class QSqlError;
class QSqlQuery;

// How the journal's rows look in SQLite, apart from the Journal that reads and writes them.
namespace Console::JournalSql {

// CREATE TABLE and INDEX statements, all "IF NOT EXISTS", for the current schema.
QStringList schemaStatements();

// The columns that runFrom() and entryFrom() read, in their order.
QString runColumns();
QString entryColumns();

// A QString for a NOT NULL text column: Qt binds a null QString as SQL NULL.
QVariant text(const QString &value);
// ISO 8601 in UTC with milliseconds; SQL NULL for an invalid time.
QVariant timeText(const QDateTime &time);
QDateTime timeFrom(const QVariant &value);
QString jsonText(const QVariantMap &map);
QVariantMap mapFrom(const QVariant &value);
// SQLite's own words when there are some.
QString sqlMessage(const QSqlError &error);

JournalRun runFrom(const QSqlQuery &query);
JournalEntry entryFrom(const QSqlQuery &query);

} // namespace Console::JournalSql
