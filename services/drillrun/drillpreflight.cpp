#include "drillpreflight.h"

#include "consoleengine.h"
#include "failovercontroller.h"
#include "faultinjector.h"
#include "topologystate.h"

namespace Console {

namespace {

QString fill(QString text, const QMap<QString, QString> &values)
{
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        text.replace(it.key(), it.value());
    return text;
}

DrillStep resolvedStep(DrillStep step, const QMap<QString, QString> &values)
{
    step.title = fill(step.title, values);
    step.instructions = fill(step.instructions, values);
    step.region = fill(step.region, values);
    step.sql = fill(step.sql, values);
    return step;
}

} // namespace

QMap<QString, QString> DrillPreflight::templateValues(const ConsoleEngine &engine)
{
    QMap<QString, QString> values;
    const FailoverController *failover = engine.failover();
    const TopologyState *topology = engine.topology();
    if (!failover || !topology)
        return values;
    if (topology->primary().status == PrimaryStatus::One)
        values.insert(QStringLiteral("{primary}"), topology->primary().regionId);
    values.insert(QStringLiteral("{standby}"), failover->defaultTarget(RunKind::Failover));
    values.insert(QStringLiteral("{home}"), failover->homeRegion());
    return values;
}

DrillDefinition DrillPreflight::resolved(
    const DrillDefinition &drill, const QMap<QString, QString> &values)
{
    DrillDefinition copy = drill;
    for (DrillStep &step : copy.steps)
        step = resolvedStep(step, values);
    for (DrillStep &step : copy.rollback)
        step = resolvedStep(step, values);
    copy.purpose = fill(copy.purpose, values);
    copy.hypothesis = fill(copy.hypothesis, values);
    return copy;
}

QStringList DrillPreflight::problems(const ConsoleEngine &engine, const FaultInjector &faults,
    const DrillDefinition &drill, bool unattended)
{
    QStringList problems;
    FailoverController *failover = engine.failover();
    const TopologyState *topology = engine.topology();
    if (!failover || !topology) {
        problems << tr("The console is not running.");
        return problems;
    }
    if (unattended && !drill.allAutomatic())
        problems
            << tr("Drill %1 has manual steps or a checklist: it needs an operator.").arg(drill.id);
    if (failover->isRunning())
        problems << tr("A failover, failback or rejoin is in progress.");
    if (!failover->rolesKnown())
        problems << tr("The roles of the servers are not known yet.");
    const QMap<QString, QString> values = templateValues(engine);
    QStringList all;
    for (const DrillStep &step : drill.steps + drill.rollback)
        all << step.region;
    if (all.join(QString()).contains(QLatin1String("{primary}"))
        && !values.contains(QStringLiteral("{primary}")))
        problems << tr("No single writable primary is reported, so {primary} means nothing now.");
    if (all.join(QString()).contains(QLatin1String("{standby}"))
        && values.value(QStringLiteral("{standby}")).isEmpty())
        problems << tr("No standby can be a failover target now, so {standby} means nothing.");
    const DrillDefinition filled = resolved(drill, values);
    for (const DrillStep &step : filled.steps + filled.rollback) {
        if (step.region.isEmpty() || step.region.startsWith(QLatin1Char('{')))
            continue;
        if (!engine.config().region(step.region)) {
            problems << tr("Step %1 names region %2, which the configuration does not have.")
                            .arg(step.id, step.region);
            continue;
        }
        if (step.kind == DrillStepKind::Automatic && step.action == DrillActionKind::Fault) {
            const QString why = faults.unsupportedReason(step.region, step.fault);
            if (!why.isEmpty())
                problems << tr("Step %1: %2").arg(step.id, why);
        }
        if (step.kind == DrillStepKind::Automatic && step.action == DrillActionKind::Sql
            && engine.config().region(step.region)->admin.connection.isEmpty())
            problems << tr("Step %1 runs SQL on %2, which has no admin connection.")
                            .arg(step.id, engine.config().region(step.region)->name);
    }
    problems.removeDuplicates();
    return problems;
}

} // namespace Console
