#pragma once

#include "configdiagnostic.h"
#include "drilldefinition.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace Console {

// What reading one drill file produced: the drill, or every problem found in it.
struct DrillLoadResult
{
    std::optional<DrillDefinition> drill; // set only when there are no diagnostics
    QList<ConfigDiagnostic> diagnostics; // sorted by position; never contain a secret

    bool ok() const { return drill.has_value() && diagnostics.isEmpty(); }
};

// Reads one drill (top-level key "drill") from YAML, with the configuration's rules and limits:
// every problem is reported at its position, unknown keys get a "did you mean", values from the
// environment are never quoted, and `action:` steps are the configuration's action format.
class DrillReader final
{
    Q_DECLARE_TR_FUNCTIONS(DrillReader)

public:
    static DrillLoadResult loadFile(const QString &path);
    // `fileName` names the source in diagnostics and anchors relative paths in actions.
    static DrillLoadResult loadString(const QByteArray &yaml, const QString &fileName);

    // True when the text's top level has the key "drill" (a drill file rather than a
    // configuration). Looks at the text only, so it also answers for a file that does not parse.
    static bool isDrillText(const QByteArray &yaml);
};

} // namespace Console
