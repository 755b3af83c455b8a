#pragma once

#include "drilldefinition.h"
#include "drillfigures.h"

#include <QList>
#include <QString>
#include <QVariantMap>

#include <chrono>

namespace Console {

enum class DrillStepState { Pending, Running, Passed, Failed, Skipped };

// How one step of a running drill went.
struct DrillStepRecord
{
    QString id;
    QString title; // templates filled in
    DrillStepKind kind = DrillStepKind::Manual;
    bool rollback = false; // a step of the rollback, which runs whatever the method did
    DrillStepState state = DrillStepState::Pending;
    QString summary; // what it did or saw, or why it failed
    QString note; // the operator's note on a manual step
    qint64 startedMs = 0; // monotonic
    qint64 finishedMs = 0;

    std::chrono::milliseconds duration() const
    {
        return std::chrono::milliseconds(finishedMs > startedMs ? finishedMs - startedMs : 0);
    }
};

// Passed: every step passed and every target was met. Missed: every step passed, a target was
// not met (or not measured). Failed: a step failed. Aborted: the operator stopped it.
// RolledBack: the rollback of an interrupted drill ran to its end.
enum class DrillOutcome { Passed, Missed, Failed, Aborted, RolledBack };

struct DrillResult
{
    qint64 runId = 0;
    QString drillId;
    DrillOutcome outcome = DrillOutcome::Failed;
    QString summary;
    QVariantMap figures; // the drill run's figures, as journalled
    QList<DrillTargetVerdict> verdicts;
    QList<DrillStepRecord> steps;
};

QString toString(DrillStepState state); // "pending", "running", "passed", "failed", "skipped"
QString toString(DrillOutcome outcome); // "passed", "missed", "failed", "aborted", "rolled-back"
QString drillOutcomeLabel(const QString &outcome); // "Passed", "Target missed", "Interrupted"...

} // namespace Console
