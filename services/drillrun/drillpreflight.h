#pragma once

#include "drilldefinition.h"

#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>

namespace Console {

class ConsoleEngine;
class FaultInjector;

// What a drill means on this console now, and whether it can start: "{primary}", "{standby}"
// and "{home}" read from the live state, and every reason the drill does not fit (unknown
// regions, faults a region lacks, SQL without an admin connection, roles not known, a run in
// progress, manual steps when no operator is there).
class DrillPreflight final
{
    Q_DECLARE_TR_FUNCTIONS(DrillPreflight)

public:
    // "{primary}" only while exactly one writable primary is reported.
    static QMap<QString, QString> templateValues(const ConsoleEngine &engine);
    static DrillDefinition resolved(
        const DrillDefinition &drill, const QMap<QString, QString> &values);
    // One sentence per problem; none when the drill can start.
    static QStringList problems(const ConsoleEngine &engine, const FaultInjector &faults,
        const DrillDefinition &drill, bool unattended);
};

} // namespace Console
