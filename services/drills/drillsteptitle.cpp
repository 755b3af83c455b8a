#include "drillsteptitle.h"

#include "durationparser.h"

#include <QCoreApplication>

namespace Console {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DrillStep", text);
}

// Instructions can run to a paragraph; a title is one line.
constexpr qsizetype MaxManualTitle = 100;

QString manualTitle(const QString &instructions)
{
    QString line = instructions.section(u'\n', 0, 0).trimmed();
    if (line.size() > MaxManualTitle)
        line = line.left(MaxManualTitle - 1) + u'\u2026';
    return line;
}

QString waitTitle(const DrillStep &step)
{
    switch (step.condition) {
    case DrillCondition::BreakerOpen: return tr("Wait until breaker open on %1").arg(step.region);
    case DrillCondition::BreakersClosed:
        return tr("Wait until breakers closed on %1").arg(step.region);
    case DrillCondition::RegionHealthy: return tr("Wait until %1 is healthy").arg(step.region);
    case DrillCondition::RegionDegraded: return tr("Wait until %1 is degraded").arg(step.region);
    case DrillCondition::RegionUnhealthy: return tr("Wait until %1 is unhealthy").arg(step.region);
    case DrillCondition::PrimaryIs: return tr("Wait until %1 is the primary").arg(step.region);
    case DrillCondition::PrimaryIsNot:
        return tr("Wait until %1 is not the primary").arg(step.region);
    case DrillCondition::ReplicationCaughtUp: return tr("Wait until replication has caught up");
    case DrillCondition::FailoverState:
        return tr("Wait until the failover state is %1").arg(step.state);
    case DrillCondition::FailbackReady: return tr("Wait until a failback is ready");
    case DrillCondition::WritesSucceed:
        return tr("Wait until writes succeed on %1").arg(step.region);
    case DrillCondition::AllHealthy: return tr("Wait until every region is healthy");
    }
    return QString();
}

QString automaticTitle(const DrillStep &step)
{
    switch (step.action) {
    case DrillActionKind::Fault: return tr("Inject fault '%1' on %2").arg(step.fault, step.region);
    case DrillActionKind::Failover: return tr("Fail over to %1").arg(step.region);
    case DrillActionKind::Failback: return tr("Fail back to the configured primary region");
    case DrillActionKind::Rejoin: return tr("Rejoin %1 as a standby").arg(step.region);
    case DrillActionKind::Sql: return tr("Run SQL on %1").arg(step.region);
    case DrillActionKind::Action:
        return tr("Run action '%1'").arg(step.actionConfig ? step.actionConfig->id : step.id);
    case DrillActionKind::Pause:
        return tr("Pause for %1").arg(DurationParser::format(step.timeout));
    }
    return QString();
}

QString measureTitle(DrillFigure figure)
{
    QString label = drillFigureLabel(figure);
    // "Time to detect" reads "time to detect" inside a sentence; "RTO" stays as it is.
    if (label.size() > 1 && label.at(1).isLower())
        label[0] = label.at(0).toLower();
    return tr("Measure %1").arg(label);
}

} // namespace

QString defaultStepTitle(const DrillStep &step)
{
    switch (step.kind) {
    case DrillStepKind::Manual: return manualTitle(step.instructions);
    case DrillStepKind::Automatic: return automaticTitle(step);
    case DrillStepKind::WaitFor: return waitTitle(step);
    case DrillStepKind::Measure: return measureTitle(step.figure);
    }
    return QString();
}

} // namespace Console
