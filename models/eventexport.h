#pragma once

#include "consoleevent.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Console {

// The event log leaves the console in three shapes: CSV and JSON files for a report or a
// spreadsheet, and tab-separated text on the clipboard for a chat or a ticket. The fields are
// those of the headless JSON lines (eventToJson), so every export reads the same.
namespace EventExport {

enum class Format { Csv, Json };

// RFC 4180: a header row, CRLF line ends, and a field holding a comma, a quote or a line break
// quoted with its quotes doubled. Columns: seq, time (UTC ISO 8601 with ms), kind, severity,
// region, endpoint, message.
QByteArray toCsv(const QList<ConsoleEvent> &events);
// An indented JSON array of eventToJson objects (envelope and fields).
QByteArray toJson(const QList<ConsoleEvent> &events);
// One line per event: local time, severity, region, endpoint, message, tab-separated; tabs and
// line breaks inside a value become spaces so a row stays one line.
QString toTsv(const QList<ConsoleEvent> &events);

QByteArray encode(const QList<ConsoleEvent> &events, Format format);
// Writes atomically (QSaveFile); on failure returns false and says why in *error.
bool writeFile(const QString &path, const QList<ConsoleEvent> &events, Format format,
    QString *error = nullptr);

} // namespace EventExport
} // namespace Console
