#pragma once

#include "actionconfig.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace Console {

// The reference's kinds of test, which decide the report's "Test Type" and the default cadence.
enum class DrillType { HealthCheck, Synthetic, Controlled, Chaos, Assessment };

// What a step is: the operator ticks it, the console does it, the console waits for a condition
// on the live state, or the console takes a figure from the journal.
enum class DrillStepKind { Manual, Automatic, WaitFor, Measure };

// What an automatic step does.
enum class DrillActionKind {
    Fault, // a named fault on a region: the demo's built-ins, or the region's configured action
    Failover, // a failover to `region` through the failover engine, behind its gates
    Failback, // a failback to the configured primary region, behind its gates
    Rejoin, // rebuild `region` (an old primary) as a standby, through the failover engine
    Sql, // one SQL text on `region`'s admin connection
    Action, // a command or an HTTP request (the config's action format, in `action`)
    Pause, // wait `timeout` and do nothing: let the system react (Chaos Toolkit's pauses)
};

// The live conditions a wait-for step can wait for. `region` is the region it concerns.
enum class DrillCondition {
    BreakerOpen, // a console breaker of the region is open
    BreakersClosed, // every console breaker of the region is closed
    RegionHealthy,
    RegionDegraded, // the region's verdict is degraded or worse (slow, lagging)
    RegionUnhealthy, // the region's verdict is unhealthy (or worse)
    PrimaryIs, // the servers report the region as the one writable primary
    PrimaryIsNot, // some other region is the one writable primary
    ReplicationCaughtUp, // every standby streams with lag under the warning threshold
    FailoverState, // the failover engine is in `state` ("normal", "failed-over"...)
    FailbackReady, // every gate of a failback to the configured primary region is open
    WritesSucceed, // a test write commits on the region (its admin connection)
    AllHealthy, // every region healthy and one writable primary
};

// The figures a measure step takes. Each is computed from the journal of the drill's run and of
// the failover runs it started.
enum class DrillFigure {
    TimeToDetect, // first fault -> the console's first failure verdict on that region
    FailoverTime, // the failover run's start -> its verified end
    FailbackTime, // the failback run's start -> its verified end
    Rto, // first fault -> the first write committed on the new primary
    Rpo, // rows and seconds of heartbeat lost by the failover
    ErrorRate, // failed probes / probes of regions the drill did not fault, during the method
    FalsePositives, // failure verdicts, confirmations and failovers on regions not faulted
};

// One step of a drill as written in its file. Text values may hold "{primary}" (the region that
// the servers report as primary when the drill starts), "{standby}" (the default failover
// target then) and "{home}" (the configured primary region), filled in at start.
struct DrillStep
{
    QString id; // unique within the drill; from the file or "step-N"
    QString title; // what the operator reads; from the file or derived from the step
    DrillStepKind kind = DrillStepKind::Manual;
    int line = 0; // where the step is written (1-based), for messages
    int column = 0;

    // Manual: what to check or do by hand.
    QString instructions;

    // Automatic.
    DrillActionKind action = DrillActionKind::Pause;
    QString region; // Fault, Failover, Rejoin, Sql; WaitFor: the region a condition concerns
    QString fault; // Fault: the fault's name ("down", "refuse", "freeze", "lag", "restore"...)
    QString sql; // Sql
    std::optional<ActionConfig> actionConfig; // Action

    // WaitFor.
    DrillCondition condition = DrillCondition::AllHealthy;
    QString state; // FailoverState: the state's name
    // WaitFor: how long to wait before the step fails; Automatic: the action's bound; Pause:
    // how long to pause.
    std::chrono::milliseconds timeout { 60000 };

    // Measure.
    DrillFigure figure = DrillFigure::TimeToDetect;
};

// The pass marks of a drill's results table. Unset targets are not judged.
struct DrillTargets
{
    std::optional<std::chrono::milliseconds> rto;
    std::optional<std::chrono::milliseconds> rpo;
    std::optional<double> errorRate; // a fraction: 0.01 for 1 %
    std::optional<int> falsePositives;
    std::optional<std::chrono::milliseconds> timeToDetect;
};

// One drill: a checklist that gates the start, the method and validation steps in order, and
// the rollback that always runs once the method has started (whether it passed, failed or was
// aborted).
struct DrillDefinition
{
    QString id; // unique among the loaded drills: "synthetic-failover"
    QString name; // "Synthetic failover"
    DrillType type = DrillType::Synthetic;
    QString purpose;
    QString hypothesis; // chaos experiments: what should hold while the fault is in force
    std::optional<std::chrono::milliseconds> every; // the cadence, for "next test scheduled"
    DrillTargets targets;
    QStringList checklist; // the pre-test checklist: every item ticked before the start
    QList<DrillStep> steps; // method and validation, in order
    QList<DrillStep> rollback;
    QString sourceFile; // the file it was read from (a resource path for built-ins)
    // Values substituted from the environment while reading it (an SQL step's password): a
    // step's summary or the report that echoes one shows it masked.
    QStringList secretValues;
    int idLine = 0; // where the id is written (1-based), for messages such as a duplicate id
    int idColumn = 0;

    // True when no step needs the operator (manual), so it may run headless.
    bool allAutomatic() const;
    const DrillStep *step(const QString &id) const;
};

// Stable lower-case names used in drill files, journal fields and reports.
QString toString(
    DrillType type); // "health-check", "synthetic", "controlled", "chaos", "assessment"
QString toString(DrillStepKind kind); // "manual", "automatic", "wait-for", "measure"
QString toString(DrillActionKind kind); // "fault", "failover", "failback", "rejoin", "sql"...
QString toString(DrillCondition condition); // "breaker-open", "primary-is", ...
QString toString(DrillFigure figure); // "time-to-detect", "failover-time", "rto", ...
std::optional<DrillType> drillTypeFromString(const QString &text);
std::optional<DrillActionKind> drillActionKindFromString(const QString &text);
std::optional<DrillCondition> drillConditionFromString(const QString &text);
std::optional<DrillFigure> drillFigureFromString(const QString &text);
QList<DrillCondition> allDrillConditions();
QList<DrillFigure> allDrillFigures();
// The report's label: "Health check verification", "Time to detect", "RTO"...
QString drillTypeLabel(DrillType type);
QString drillFigureLabel(DrillFigure figure);
// The journal figure key a measure writes: "time_to_detect_ms", "rto_ms", "error_rate"...
QString drillFigureKey(DrillFigure figure);

} // namespace Console
