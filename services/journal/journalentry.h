#pragma once

#include <QDateTime>
#include <QString>
#include <QVariantMap>

namespace Console {

// One line of the journal: something the console is about to do, did, saw or was told to do.
// The journal stores exactly what it is handed, so callers pass secret-free text and fields (no
// passwords, no connection strings with credentials): the file outlives every process and is
// meant to be read by people.
struct JournalEntry
{
    qint64 id = 0; // set by the journal
    qint64 runId = 0; // 0: outside any run
    QDateTime time; // UTC, milliseconds; the journal fills it when empty
    qint64 monotonicMs = 0; // the console's monotonic clock, comparable within one process
    // "state", "breaker", "gate", "decision", "step", "operator", "event", "figure"
    QString category;
    QString name; // e.g. a step id, "promote"
    QString status; // "running", "done", "failed", "passed", "blocked", "overridden", "info"...
    QString message;
    QVariantMap fields; // stored as JSON text
    QString osUser; // the journal fills it with Journal::osUser() when empty
};

} // namespace Console
