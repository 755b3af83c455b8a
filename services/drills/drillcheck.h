#pragma once

#include <QByteArray>
#include <QString>
#include <QTextStream>

namespace Console {

// `failover-console --check-config FILE` for both kinds of file: a drill (top-level key "drill")
// is checked as a drill, anything else as a configuration (runConfigCheck). On success one
// summary line on `out` and 0, else every diagnostic as "FILE:LINE:COLUMN: message" on `err` and
// 2 (also when the file cannot be read).
int runFileCheck(const QString &path, QTextStream &out, QTextStream &err);
// The check of one drill's text, named `path` in messages.
int runDrillCheck(
    const QString &path, const QByteArray &contents, QTextStream &out, QTextStream &err);

} // namespace Console
