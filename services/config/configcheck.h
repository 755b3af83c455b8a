#pragma once

#include <QByteArray>
#include <QString>
#include <QTextStream>

namespace Console {

// `failover-console --check-config FILE`: on success one summary line on `out` and 0, else every
// diagnostic as "FILE:LINE:COLUMN: message" on `err` and 2 (also when the file cannot be read).
int runConfigCheck(const QString &path, QTextStream &out, QTextStream &err);
// The same check of contents already read, named `path` in messages (relative paths in the file
// resolve against its folder); the fuzz target feeds its bytes through here.
int runConfigCheck(
    const QString &path, const QByteArray &contents, QTextStream &out, QTextStream &err);

} // namespace Console
