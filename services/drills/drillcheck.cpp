#include "drillcheck.h"

#include "configcheck.h"
#include "configlimits.h"
#include "drillreader.h"

#include <QCoreApplication>
#include <QFile>

namespace Console {

namespace {

QString summary(const QString &path, const DrillDefinition &drill)
{
    // Separate singular strings: without a loaded translation "%n step(s)" would print as is.
    const qsizetype stepCount = drill.steps.size();
    const qsizetype rollbackCount = drill.rollback.size();
    const QString steps = stepCount == 1
        ? QCoreApplication::translate("DrillCheck", "1 step")
        : QCoreApplication::translate("DrillCheck", "%n steps", nullptr, int(stepCount));
    const QString rollback = rollbackCount == 1
        ? QCoreApplication::translate("DrillCheck", "1 rollback step")
        : QCoreApplication::translate(
            "DrillCheck", "%n rollback steps", nullptr, int(rollbackCount));
    return QCoreApplication::translate("DrillCheck", "%1: drill '%2' (%3): %4, %5, OK")
        .arg(path, drill.id, drill.name, steps, rollback);
}

} // namespace

int runDrillCheck(
    const QString &path, const QByteArray &contents, QTextStream &out, QTextStream &err)
{
    const DrillLoadResult result = DrillReader::loadString(contents, path);
    if (!result.ok()) {
        for (const ConfigDiagnostic &diagnostic : result.diagnostics)
            err << diagnostic.toString() << Qt::endl;
        return 2;
    }
    out << summary(path, *result.drill) << Qt::endl;
    return 0;
}

int runFileCheck(const QString &path, QTextStream &out, QTextStream &err)
{
    // The file is read once, bounded; what cannot be read or is too large the configuration
    // check reports in its words.
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > ConfigLimits::MaxFileBytes)
        return runConfigCheck(path, out, err);
    const QByteArray contents = file.read(ConfigLimits::MaxFileBytes + 1);
    if (contents.size() > ConfigLimits::MaxFileBytes)
        return runConfigCheck(path, out, err);
    if (DrillReader::isDrillText(contents))
        return runDrillCheck(path, contents, out, err);
    return runConfigCheck(path, contents, out, err);
}

} // namespace Console
