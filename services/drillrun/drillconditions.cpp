#include "drillconditions.h"

#include "breakerboard.h"
#include "config.h"
#include "failovercontroller.h"
#include "healthmonitor.h"
#include "quantitytext.h"
#include "topologystate.h"

namespace Console {

namespace {

QString regionName(const DrillLiveState &live, const QString &regionId)
{
    const RegionConfig *region = live.config->region(regionId);
    return region ? region->name : regionId;
}

QString endpointRegionName(const DrillLiveState &live, const QString &endpointId)
{
    const NodeState *node = live.topology->node(endpointId);
    return node ? regionName(live, node->regionId) : endpointId;
}

QString healthWord(Health health)
{
    return toString(health);
}

ConditionVerdict primaryVerdict(const DrillStep &step, const DrillLiveState &live)
{
    const PrimaryState &primary = live.topology->primary();
    ConditionVerdict verdict;
    switch (primary.status) {
    case PrimaryStatus::One:
        verdict.seen = DrillConditions::tr("%1 is the one writable primary")
                           .arg(regionName(live, primary.regionId));
        verdict.met = step.condition == DrillCondition::PrimaryIs ? primary.regionId == step.region
                                                                  : primary.regionId != step.region;
        break;
    case PrimaryStatus::NoneReachable:
        verdict.seen = DrillConditions::tr("no reachable primary");
        break;
    case PrimaryStatus::Several:
        verdict.seen = DrillConditions::tr(
            "%n writable primaries", nullptr, int(primary.writableIds.size()));
        break;
    case PrimaryStatus::Unknown: verdict.seen = DrillConditions::tr("roles not known yet"); break;
    }
    return verdict;
}

ConditionVerdict caughtUp(const DrillLiveState &live)
{
    const PrimaryState &primary = live.topology->primary();
    if (primary.status != PrimaryStatus::One)
        return { false, DrillConditions::tr("no single primary to catch up with") };
    QStringList behind;
    for (const NodeState &node : live.topology->nodes()) {
        if (node.endpointId == primary.endpointId || !node.role)
            continue;
        const std::optional<LagReading> lag = live.topology->lagReading(node.endpointId);
        if (!lag || lag->isPrimary)
            continue;
        const bool late = lag->replayPaused || lag->notStreaming
            || (lag->bytes && *lag->bytes >= live.config->lag.warningBytes)
            || (lag->seconds && *lag->seconds * 1000.0 >= double(live.config->lag.warning.count()));
        if (late) {
            const QString how = lag->replayPaused ? DrillConditions::tr("replay paused")
                : lag->notStreaming               ? DrillConditions::tr("not streaming")
                : lag->bytes                      ? QuantityText::bytes(*lag->bytes)
                                                  : QuantityText::seconds(lag->seconds.value_or(0));
            behind.append(
                DrillConditions::tr("%1 (%2)").arg(endpointRegionName(live, node.endpointId), how));
        }
    }
    if (!behind.isEmpty())
        return { false, DrillConditions::tr("behind: %1").arg(behind.join(QStringLiteral(", "))) };
    return { true, DrillConditions::tr("every replica within the lag warning thresholds") };
}

} // namespace

ConditionVerdict DrillConditions::evaluate(const DrillStep &step, const DrillLiveState &live)
{
    const QString name = regionName(live, step.region);
    switch (step.condition) {
    case DrillCondition::BreakerOpen:
    case DrillCondition::BreakersClosed: {
        QStringList open;
        for (const BreakerStatus &status : live.breakers->statuses()) {
            if (status.regionId == step.region && status.state != BreakerState::Closed)
                open.append(tr("%1 %2").arg(status.subject, toString(status.state)));
        }
        const bool anyOpen = !open.isEmpty();
        return { step.condition == DrillCondition::BreakerOpen ? anyOpen : !anyOpen,
            anyOpen ? tr("breakers of %1: %2").arg(name, open.join(QStringLiteral(", ")))
                    : tr("every breaker of %1 closed").arg(name) };
    }
    case DrillCondition::RegionHealthy:
    case DrillCondition::RegionDegraded:
    case DrillCondition::RegionUnhealthy: {
        const Health health = live.health->regionHealth(step.region);
        const QString reason = live.health->regionReason(step.region);
        const bool met = step.condition == DrillCondition::RegionHealthy ? health == Health::Healthy
            : step.condition == DrillCondition::RegionUnhealthy
            ? health == Health::Unhealthy
            : rank(health) >= rank(Health::Degraded);
        return { met,
            reason.isEmpty() ? tr("%1 %2").arg(name, healthWord(health))
                             : tr("%1 %2: %3").arg(name, healthWord(health), reason) };
    }
    case DrillCondition::PrimaryIs:
    case DrillCondition::PrimaryIsNot:
    case DrillCondition::WritesSucceed: {
        DrillStep asPrimary = step;
        asPrimary.condition = DrillCondition::PrimaryIs;
        return primaryVerdict(
            step.condition == DrillCondition::WritesSucceed ? asPrimary : step, live);
    }
    case DrillCondition::ReplicationCaughtUp: return caughtUp(live);
    case DrillCondition::FailoverState: {
        const QString state = toString(live.failover->state());
        return { state == step.state, tr("the failover engine is %1").arg(state) };
    }
    case DrillCondition::FailbackReady: {
        const QString home = live.failover->homeRegion();
        const GateBoard board = live.failover->board(RunKind::Failback, home);
        if (live.failover->isRunning())
            return { false, tr("a run is in progress") };
        QStringList failed;
        for (const GateKind gate : board.failed()) {
            const Gate *g = board.gate(gate);
            failed.append(g ? tr("%1: %2").arg(gateLabel(gate), g->reason) : gateLabel(gate));
        }
        if (!failed.isEmpty())
            return { false, failed.join(QStringLiteral("; ")) };
        return { true, tr("every failback gate to %1 is open").arg(regionName(live, home)) };
    }
    case DrillCondition::AllHealthy: {
        QStringList notHealthy;
        for (const RegionConfig &region : live.config->regions) {
            const Health health = live.health->regionHealth(region.id);
            if (health != Health::Healthy)
                notHealthy.append(tr("%1 %2").arg(region.name, healthWord(health)));
        }
        const ConditionVerdict primary = primaryVerdict(step, live);
        const bool onePrimary = live.topology->primary().status == PrimaryStatus::One;
        if (!notHealthy.isEmpty())
            return { false, notHealthy.join(QStringLiteral(", ")) };
        return { onePrimary, tr("every region healthy; %1").arg(primary.seen) };
    }
    }
    return {};
}

} // namespace Console
