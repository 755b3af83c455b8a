#include "drillrecord.h"

#include <QCoreApplication>

namespace Console {

QString toString(DrillStepState state)
{
    switch (state) {
    case DrillStepState::Pending: return QStringLiteral("pending");
    case DrillStepState::Running: return QStringLiteral("running");
    case DrillStepState::Passed: return QStringLiteral("passed");
    case DrillStepState::Failed: return QStringLiteral("failed");
    case DrillStepState::Skipped: return QStringLiteral("skipped");
    }
    return QString();
}

QString toString(DrillOutcome outcome)
{
    switch (outcome) {
    case DrillOutcome::Passed: return QStringLiteral("passed");
    case DrillOutcome::Missed: return QStringLiteral("missed");
    case DrillOutcome::Failed: return QStringLiteral("failed");
    case DrillOutcome::Aborted: return QStringLiteral("aborted");
    case DrillOutcome::RolledBack: return QStringLiteral("rolled-back");
    }
    return QString();
}

QString drillOutcomeLabel(const QString &outcome)
{
    if (outcome == QLatin1String("passed"))
        return QCoreApplication::translate("Drill", "Passed");
    if (outcome == QLatin1String("missed"))
        return QCoreApplication::translate("Drill", "Target missed");
    if (outcome == QLatin1String("failed"))
        return QCoreApplication::translate("Drill", "Failed");
    if (outcome == QLatin1String("aborted"))
        return QCoreApplication::translate("Drill", "Aborted");
    if (outcome == QLatin1String("rolled-back"))
        return QCoreApplication::translate("Drill", "Rolled back");
    if (outcome == QLatin1String("interrupted"))
        return QCoreApplication::translate("Drill", "Interrupted");
    if (outcome.isEmpty())
        return QCoreApplication::translate("Drill", "Running");
    return outcome;
}

} // namespace Console
