#pragma once

#include <QList>
#include <QString>

namespace Console {

// One problem found in a configuration file, positioned like a compiler error.
struct ConfigDiagnostic
{
    QString file;
    int line = 0; // 1-based; 0 when the problem concerns the whole file
    int column = 0; // 1-based
    QString message;

    // "FILE:LINE:COLUMN: message", or "FILE: message" without a position.
    QString toString() const;
};

// Orders diagnostics by position so that they read top to bottom like the file.
void sortByPosition(QList<ConfigDiagnostic> &diagnostics);

} // namespace Console
