#include "configdiagnostic.h"

#include <algorithm>

namespace Console {

QString ConfigDiagnostic::toString() const
{
    if (line <= 0)
        return file + u": " + message;
    return file + u':' + QString::number(line) + u':' + QString::number(column) + u": " + message;
}

void sortByPosition(QList<ConfigDiagnostic> &diagnostics)
{
    std::stable_sort(diagnostics.begin(), diagnostics.end(),
        [](const ConfigDiagnostic &a, const ConfigDiagnostic &b) {
            return std::tie(a.line, a.column) < std::tie(b.line, b.column);
        });
}

} // namespace Console
