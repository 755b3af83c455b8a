#include "failovercontroller.h"

#include "actionlock.h"
#include "actionrunner.h"
#include "adminsession.h"
#include "breakerboard.h"
#include "clock.h"
#include "detectionforecast.h"
#include "eventhub.h"
#include "failovergates.h"
#include "healthmonitor.h"
#include "journal.h"
#include "quantitytext.h"
#include "rpotext.h"
#include "selfcheck.h"
#include "topologystate.h"

namespace Console {

namespace {

// Two consoles watching the same servers share a lock whatever their config files are called;
// two labs with the same region names on different ports do not.
QString deploymentKey(const ConsoleConfig &config)
{
    QStringList ids;
    for (const RegionConfig &region : config.regions) {
        for (const EndpointConfig &endpoint : region.endpoints)
            ids.append(region.id + u'/' + endpoint.displayTarget);
    }
    ids.sort();
    return ids.join(u',');
}

} // namespace

FailoverController::FailoverController(const ConsoleConfig &config,
    const FailoverServices &services, ProbeScheduler::ProberFactory confirmationProbers,
    const QString &whoAmI, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_services(services)
    , m_lock(std::make_unique<ActionLock>(config.failover.lockFile, deploymentKey(config), whoAmI))
    , m_automatic(config.failover.mode == FailoverMode::Automatic)
{
    if (!m_services.clock)
        m_services.clock = Clock::system();
    m_confirmation
        = std::make_unique<PrimaryConfirmation>(std::move(confirmationProbers), m_services.clock);
    connect(m_confirmation.get(), &PrimaryConfirmation::finished, this,
        &FailoverController::onConfirmed);
    connect(
        m_confirmation.get(), &PrimaryConfirmation::probed, this, &FailoverController::probeResult);
    if (const RegionConfig *home = config.primaryRegion())
        m_homeRegion = home->id;
    connect(
        m_services.topology, &TopologyState::changed, this, &FailoverController::onTopologyChanged);
    if (m_services.selfCheck) {
        connect(m_services.selfCheck, &SelfCheck::changed, this, [this] {
            emit gatesMayHaveChanged();
            maybeAutomate();
        });
    }
    recoverInterruptedRuns();
}

FailoverController::~FailoverController() = default;

qint64 FailoverController::nowMs() const
{
    return monotonicMs(m_services.clock->now());
}

void FailoverController::setAutomatic(bool automatic)
{
    m_automatic = automatic;
    emit gatesMayHaveChanged();
}

void FailoverController::setPaused(bool paused, const QString &operatorName)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    const QString message = paused ? tr("%1 paused automatic failover.").arg(operatorName)
                                   : tr("%1 resumed automatic failover.").arg(operatorName);
    if (m_services.journal) {
        JournalEntry entry;
        entry.category = QStringLiteral("operator");
        entry.name = paused ? QStringLiteral("pause") : QStringLiteral("resume");
        entry.status = QStringLiteral("info");
        entry.message = message;
        m_services.journal->append(entry);
    }
    if (m_services.hub) {
        ConsoleEvent event;
        event.kind = EventKind::OperatorAction;
        event.severity = EventSeverity::Warning;
        event.message = message;
        event.fields = { { QStringLiteral("action"),
                             paused ? QStringLiteral("pause") : QStringLiteral("resume") },
            { QStringLiteral("operator"), operatorName } };
        m_services.hub->publish(event);
    }
    emit gatesMayHaveChanged();
    maybeAutomate();
}

bool FailoverController::rolesKnown() const
{
    return m_services.topology->primary().status != PrimaryStatus::Unknown;
}

std::chrono::milliseconds FailoverController::predictedRto() const
{
    // Detection of a crash, the confirmation probes, then a promotion and the first write:
    // about 0.2 s measured here for pg_promote() and a commit (the floor of bench-failover).
    QList<EndpointConfig> endpoints;
    if (const RegionConfig *home = m_config.region(m_homeRegion))
        endpoints = home->endpoints;
    const DetectionForecast forecast = DetectionForecast::worstOf(m_config.detection, endpoints);
    const auto confirmation
        = m_config.failover.confirmationSpacing * (m_config.failover.confirmationProbes - 1);
    return forecast.refused + confirmation + std::chrono::milliseconds(200);
}

QString FailoverController::regionName(const QString &regionId) const
{
    const RegionConfig *region = m_config.region(regionId);
    return region ? region->name : regionId;
}

QString FailoverController::endpointOf(const QString &regionId) const
{
    QString fallback;
    for (const NodeState &node : m_services.topology->nodes()) {
        if (node.regionId != regionId)
            continue;
        if (!node.viaHttp)
            return node.endpointId;
        if (fallback.isEmpty())
            fallback = node.endpointId;
    }
    return fallback;
}

QString FailoverController::watchedPrimary() const
{
    const PrimaryState &primary = m_services.topology->primary();
    if (primary.status == PrimaryStatus::One)
        return primary.endpointId;
    if (!primary.lastPrimaryId.isEmpty())
        return primary.lastPrimaryId;
    // A console started after the primary died never saw it: the configured one is the one
    // to confirm down.
    return endpointOf(m_homeRegion);
}

// --- detection --------------------------------------------------------------------------------

void FailoverController::onProbeFinished(const ProbeResult &result)
{
    if (m_run || result.endpointId.isEmpty() || result.endpointId != watchedPrimary())
        return;
    m_watched = result.endpointId;
    if (result.status == ProbeStatus::Ok) {
        if (m_firstFailureMs != 0 || m_confirmedDown) {
            m_firstFailureMs = 0;
            m_confirmedDown = false;
            updateState();
            emit gatesMayHaveChanged();
        }
        return;
    }
    if (m_firstFailureMs == 0) {
        // The fault was there when this probe started.
        m_firstFailureMs = nowMs() - qMax<qint64>(0, qint64(result.latencyMs));
    }
    // A refused connection or a dropped session is a strong signal: confirm it at once. A
    // timeout waits for the failure count (onHealthChanged).
    if (isStrongFailure(result.status) || result.status == ProbeStatus::NetworkError)
        startConfirmation(tr("strong failure: %1").arg(result.reason));
}

void FailoverController::onHealthChanged(const HealthChange &change)
{
    if (change.isRegion())
        return;
    if (change.to == Health::Healthy)
        m_healthySinceMs.insert(change.endpointId, nowMs());
    else
        m_healthySinceMs.remove(change.endpointId);
    if (!m_run && change.endpointId == watchedPrimary() && change.to == Health::Unhealthy)
        startConfirmation(tr("failure verdict: %1").arg(change.reason));
    emit gatesMayHaveChanged();
}

void FailoverController::onBreakerTransition(const BreakerStatus &status)
{
    const QString primary = watchedPrimary();
    if (m_run || primary.isEmpty() || status.scope != BreakerScope::Region
        || status.state != BreakerState::Open)
        return;
    const NodeState *node = m_services.topology->node(primary);
    if (node && node->regionId == status.regionId)
        startConfirmation(tr("the region's circuit breaker opened"));
}

void FailoverController::startConfirmation(const QString &trigger)
{
    const QString primary = watchedPrimary();
    const EndpointConfig *endpoint = m_config.endpoint(primary);
    if (!endpoint || m_confirmedDown || m_confirmation->isRunning())
        return;
    // Unhealthy, yet its last probe was answered on the kept session: the server runs and takes
    // writes there, but refuses new sessions (pg_hba.conf, max_connections). An outage for
    // clients that connect anew, not a dead primary: fresh confirmation probes would be refused
    // as well and "confirm" it down, opening the way to a second writable primary.
    const NodeState *node = m_services.topology->node(primary);
    if (node && node->answering && !node->viaHttp && node->health == Health::Unhealthy)
        return;
    if (m_firstFailureMs == 0)
        m_firstFailureMs = nowMs();
    if (m_services.hub) {
        ConsoleEvent event;
        event.kind = EventKind::PrimaryConfirmation;
        event.severity = EventSeverity::Warning;
        event.endpointId = primary;
        event.regionId = m_services.topology->node(primary)
            ? m_services.topology->node(primary)->regionId
            : QString();
        event.message
            = tr("Confirming that the primary %1 is down (%2 probes, %3 apart): %4.")
                  .arg(endpoint->name)
                  .arg(m_config.failover.confirmationProbes)
                  .arg(QuantityText::duration(m_config.failover.confirmationSpacing), trigger);
        event.fields = { { QStringLiteral("state"), QStringLiteral("started") },
            { QStringLiteral("trigger"), trigger } };
        m_services.hub->publish(event);
    }
    m_confirmation->confirm(*endpoint, m_config.failover.confirmationProbes,
        m_config.failover.confirmationSpacing, trigger);
}

void FailoverController::onConfirmed(const PrimaryConfirmation::Outcome &outcome)
{
    if (outcome.endpointId != watchedPrimary())
        return;
    m_confirmedDown = outcome.confirmed;
    m_confirmedWhy = outcome.confirmed ? tr("%1 of %2 confirmation probes failed (%3)")
                                             .arg(outcome.failures)
                                             .arg(outcome.probes)
                                             .arg(outcome.reasons.value(outcome.reasons.size() - 1))
                                       : tr("a confirmation probe was answered");
    const EndpointConfig *endpoint = m_config.endpoint(outcome.endpointId);
    if (m_services.hub) {
        ConsoleEvent event;
        event.kind = EventKind::PrimaryConfirmation;
        event.severity = outcome.confirmed ? EventSeverity::Critical : EventSeverity::Info;
        event.endpointId = outcome.endpointId;
        if (const NodeState *node = m_services.topology->node(outcome.endpointId))
            event.regionId = node->regionId;
        const QString name = endpoint ? endpoint->name : outcome.endpointId;
        event.message = outcome.confirmed
            ? tr("The primary %1 is confirmed down: %2.").arg(name, m_confirmedWhy)
            : tr("The primary %1 answered a confirmation probe: not down.").arg(name);
        event.fields
            = { { QStringLiteral("state"),
                    outcome.confirmed ? QStringLiteral("confirmed") : QStringLiteral("refuted") },
                  { QStringLiteral("probes"), outcome.probes },
                  { QStringLiteral("failures"), outcome.failures },
                  { QStringLiteral("confirmation_ms"), outcome.finishedMs - outcome.startedMs },
                  { QStringLiteral("since_first_failure_ms"),
                      m_firstFailureMs > 0 ? QVariant(outcome.finishedMs - m_firstFailureMs)
                                           : QVariant() } };
        m_services.hub->publish(event);
    }
    updateState();
    emit gatesMayHaveChanged();
    maybeAutomate();
}

// --- state ------------------------------------------------------------------------------------

void FailoverController::onTopologyChanged()
{
    const PrimaryState &primary = m_services.topology->primary();
    if (primary.status == PrimaryStatus::One && primary.endpointId != m_watched) {
        // A new primary (a promotion, ours or not): its failure history starts afresh.
        m_watched = primary.endpointId;
        m_firstFailureMs = 0;
        m_confirmedDown = false;
        m_confirmation->cancel();
    }
    checkSplitBrain();
    updateState();
    emit gatesMayHaveChanged();
    maybeAutomate();
}

void FailoverController::updateState()
{
    FailoverState state = FailoverState::Normal;
    const PrimaryState &primary = m_services.topology->primary();
    if (m_run) {
        state = m_run->plan().kind == RunKind::Failback ? FailoverState::FailingBack
            : m_run->plan().kind == RunKind::Failover   ? FailoverState::FailingOver
                                                        : FailoverState::FailedOver;
    } else if (primary.status == PrimaryStatus::Unknown) {
        state = m_state;
    } else if (primary.status != PrimaryStatus::One || m_confirmedDown
        || (m_services.health
            && m_services.health->endpointHealth(primary.endpointId) == Health::Unhealthy)) {
        state = FailoverState::Degraded;
    } else if (!m_homeRegion.isEmpty() && primary.regionId != m_homeRegion) {
        state = FailoverState::FailedOver;
    }
    if (state == m_state)
        return;
    const FailoverState before = m_state;
    m_state = state;
    if (m_services.hub) {
        ConsoleEvent event;
        event.kind = EventKind::FailoverState;
        event.severity = state == FailoverState::Degraded ? EventSeverity::Critical
            : state == FailoverState::Normal              ? EventSeverity::Info
                                                          : EventSeverity::Warning;
        event.regionId = primary.regionId;
        event.message
            = tr("Failover state: %1 (was %2).").arg(stateLabel(state), stateLabel(before));
        event.fields = { { QStringLiteral("from"), toString(before) },
            { QStringLiteral("to"), toString(state) } };
        m_services.hub->publish(event);
    }
    emit stateChanged(state);
}

// --- gates ------------------------------------------------------------------------------------

QString FailoverController::defaultTarget(RunKind kind) const
{
    const PrimaryState &primary = m_services.topology->primary();
    switch (kind) {
    case RunKind::Failover:
        for (const PromotionCandidate &candidate : m_services.topology->candidates()) {
            if (candidate.regionId != primary.regionId)
                return candidate.regionId;
        }
        // With the primary up there are no loss-ranked candidates: any standby, best first.
        for (const RegionConfig &region : m_config.regions) {
            const NodeState *node = m_services.topology->node(endpointOf(region.id));
            if (node && node->role == PostgresRole::Standby && node->reachable())
                return region.id;
        }
        return {};
    case RunKind::Failback:
    case RunKind::Rejoin:
        return primary.status == PrimaryStatus::One && primary.regionId != m_homeRegion
            ? m_homeRegion
            : QString();
    }
    return {};
}

GateInputs FailoverController::inputs(RunKind kind, const QString &targetRegion) const
{
    GateInputs in;
    in.kind = kind;
    in.targetRegion = targetRegion;
    in.targetName = regionName(targetRegion);
    const PrimaryState &primary = m_services.topology->primary();
    const QString fromEndpoint = watchedPrimary();
    const NodeState *from = m_services.topology->node(fromEndpoint);
    in.fromRegion = from ? from->regionId : QString();
    in.fromName = regionName(in.fromRegion);
    const RegionConfig *target = m_config.region(targetRegion);
    in.targetPromotable = target && target->admin.canPromote();
    const QString targetEndpoint = endpointOf(targetRegion);
    const NodeState *node = m_services.topology->node(targetEndpoint);
    in.targetIsStandby = node && node->role == PostgresRole::Standby && node->reachable();
    if (m_services.health) {
        in.targetHealth = m_services.health->endpointHealth(targetEndpoint);
        in.targetHealthReason = m_services.health->endpointReason(targetEndpoint);
    }
    if (primary.status == PrimaryStatus::One) {
        const std::optional<ReplicationLink> link = m_services.topology->linkFor(targetEndpoint);
        if (link && link->upstreamId == primary.endpointId) {
            in.lossBytes = link->lagBytes;
            in.lossSeconds = link->lagSeconds;
            in.targetStreamingFromPrimary = link->streaming();
        } else {
            in.lossUnknownReason = tr("%1 does not stream from the primary").arg(in.targetName);
        }
    } else {
        const ExpectedLoss loss = m_services.topology->expectedLoss(targetEndpoint);
        in.lossBytes = loss.bytes ? loss.bytes : loss.bytesBehindBestStandby;
        in.lossBytesIsLowerBound = loss.bytesIsLowerBound;
        in.lossSeconds = loss.seconds;
        in.lossUnknownReason = loss.unknownReason;
    }
    if (node && node->viaHttp) {
        // A region seen only through its health endpoint reports its lag in seconds, and that
        // it is a standby; it names no upstream and no WAL position. Its report (as it stood
        // when the primary was lost) is the best figure there is, and an answering standby is
        // taken as following the primary.
        in.lossBytes.reset();
        in.lossBytesIsLowerBound = false;
        const std::optional<LagReading> lag = m_services.topology->lagReading(targetEndpoint);
        in.lossSeconds = lag && lag->seconds
            ? lag->seconds
            : m_services.topology->replicationOf(targetEndpoint).reportedLagSeconds;
        if (!in.lossSeconds)
            in.lossUnknownReason = tr("%1 reports no replication lag").arg(in.targetName);
        in.targetStreamingFromPrimary = node->answering && node->role == PostgresRole::Standby
            && primary.status == PrimaryStatus::One;
    }
    in.oldPrimaryConfirmedDown = m_confirmedDown && primary.status != PrimaryStatus::One;
    if (primary.status == PrimaryStatus::One)
        in.oldPrimaryState = tr("it is the one writable primary and answers");
    else if (m_confirmedDown)
        in.oldPrimaryState = m_confirmedWhy;
    else if (m_confirmation->isRunning())
        in.oldPrimaryState = tr("confirmation probes are running");
    else
        in.oldPrimaryState = tr("no confirmation yet");
    in.primaryAnswering = from && from->answering && primary.status == PrimaryStatus::One;
    if (node && m_healthySinceMs.contains(targetEndpoint))
        in.targetHealthyFor
            = std::chrono::milliseconds(nowMs() - m_healthySinceMs.value(targetEndpoint));
    if (m_services.selfCheck) {
        in.selfCheckSuspected = m_services.selfCheck->suspected();
        in.selfCheckReason = m_services.selfCheck->reason();
    }
    if (m_lastRunEndMs > 0) {
        in.sinceLastRun = std::chrono::milliseconds(nowMs() - m_lastRunEndMs);
    } else if (m_services.journal) {
        // A console restarted after a failover still honours the cool-down.
        for (const JournalRun &run : m_services.journal->runs(20)) {
            if (run.kind == QLatin1String("rejoin") || run.finishedAt.isNull())
                continue;
            const qint64 ms = run.finishedAt.msecsTo(m_services.clock->wallNow());
            in.sinceLastRun = std::chrono::milliseconds(qMax<qint64>(0, ms));
            break;
        }
    }
    in.lockHolder = m_lock->holder();
    return in;
}

GateBoard FailoverController::board(RunKind kind, const QString &targetRegion) const
{
    return FailoverGates::evaluate(inputs(kind, targetRegion), m_config.failover);
}

void FailoverController::publishBoard(const GateBoard &board, bool automatic)
{
    if (m_services.journal) {
        for (const Gate &gate : board.gates) {
            JournalEntry entry;
            entry.category = QStringLiteral("gate");
            entry.name = toString(gate.kind);
            entry.status = gate.passed ? QStringLiteral("passed")
                : gate.overridden      ? QStringLiteral("overridden")
                                       : QStringLiteral("blocked");
            entry.message = gate.overridden
                ? tr("%1 (overridden: %2)").arg(gate.reason, gate.overrideReason)
                : gate.reason;
            m_services.journal->append(entry);
        }
    }
    if (!m_services.hub)
        return;
    ConsoleEvent event;
    event.kind = EventKind::Gates;
    event.regionId = board.targetRegion;
    QStringList failed;
    QVariantList gates;
    for (const Gate &gate : board.gates) {
        if (!gate.open())
            failed.append(tr("%1: %2").arg(gateLabel(gate.kind), gate.reason));
        gates.append(QVariantMap { { QStringLiteral("gate"), toString(gate.kind) },
            { QStringLiteral("passed"), gate.passed },
            { QStringLiteral("overridden"), gate.overridden },
            { QStringLiteral("reason"), gate.reason } });
    }
    const bool go = board.go();
    event.severity = go ? EventSeverity::Info : EventSeverity::Critical;
    event.message = go
        ? tr("Go for %1 to %2: every gate is open.")
              .arg(toString(board.kind), regionName(board.targetRegion))
        : tr("No go for %1 to %2%3: %4.")
              .arg(toString(board.kind), regionName(board.targetRegion),
                  automatic ? tr(" (automatic)") : QString(), failed.join(QStringLiteral("; ")));
    QStringList failedIds;
    for (GateKind kind : board.failed())
        failedIds.append(toString(kind));
    event.fields = { { QStringLiteral("run_kind"), toString(board.kind) },
        { QStringLiteral("target"), board.targetRegion }, { QStringLiteral("go"), go },
        { QStringLiteral("failed"), failedIds }, { QStringLiteral("gates"), gates },
        { QStringLiteral("automatic"), automatic } };
    m_services.hub->publish(event);
}

// --- acting -----------------------------------------------------------------------------------

void FailoverController::maybeAutomate()
{
    if (!m_automatic || m_paused || m_run || !m_confirmedDown || !rolesKnown())
        return;
    if (m_services.topology->primary().status == PrimaryStatus::One)
        return;
    const QString target = defaultTarget(RunKind::Failover);
    GateBoard gates = board(RunKind::Failover, target);
    if (!gates.go()) {
        // Say so once per distinct set of reasons, not on every probe.
        QStringList signature { target };
        for (GateKind kind : gates.failed())
            signature.append(toString(kind));
        const QString joined = signature.join(u',');
        if (joined != m_lastBoardSignature) {
            m_lastBoardSignature = joined;
            publishBoard(gates, true);
        }
        return;
    }
    QString error;
    request(RunKind::Failover, target, {}, QStringLiteral("automation"), &error);
}

bool FailoverController::request(RunKind kind, const QString &targetRegion,
    const QMap<GateKind, QString> &overrides, const QString &operatorName, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (m_run)
        return fail(tr("a %1 is already running").arg(toString(m_run->plan().kind)));
    if (!rolesKnown())
        return fail(tr("the servers' roles are not known yet: wait for every first probe"));
    if (!m_config.region(targetRegion))
        return fail(tr("unknown region \"%1\"").arg(targetRegion));
    GateBoard gates = board(kind, targetRegion);
    FailoverGates::applyOverrides(gates, overrides);
    const bool automatic = operatorName == QLatin1String("automation");
    if (!gates.go()) {
        publishBoard(gates, automatic);
        QStringList failed;
        for (const Gate &gate : gates.gates) {
            if (!gate.open())
                failed.append(tr("%1 (%2)").arg(toString(gate.kind), gate.reason));
        }
        return fail(tr("gates failed: %1").arg(failed.join(QStringLiteral("; "))));
    }
    if (!m_lock->tryLock()) {
        // Between the board and now another console took it.
        return fail(tr("the action lock is held by %1").arg(m_lock->holder()));
    }
    RunPlan plan;
    plan.kind = kind;
    plan.automatic = automatic;
    plan.operatorName = operatorName;
    plan.targetRegion = targetRegion;
    plan.targetEndpoint = endpointOf(targetRegion);
    plan.fromEndpoint = watchedPrimary();
    if (const NodeState *from = m_services.topology->node(plan.fromEndpoint))
        plan.fromRegion = from->regionId;
    plan.steps = FailoverRun::stepsFor(kind);
    plan.decisionMs = nowMs();
    plan.firstFailureMs = kind == RunKind::Failover ? m_firstFailureMs : 0;
    plan.board = gates;
    if (m_services.journal) {
        JournalRun run;
        run.kind = toString(kind);
        run.mode = automatic ? QStringLiteral("automatic") : QStringLiteral("manual");
        run.fromRegion = plan.fromRegion;
        run.toRegion = plan.targetRegion;
        plan.runId = m_services.journal->beginRun(run);
        JournalEntry decision;
        decision.runId = plan.runId;
        decision.category = QStringLiteral("decision");
        decision.name = toString(kind);
        decision.status = QStringLiteral("go");
        decision.message
            = tr("%1 from %2 to %3, %4")
                  .arg(toString(kind), regionName(plan.fromRegion), regionName(plan.targetRegion),
                      automatic ? tr("automatic") : tr("by %1").arg(operatorName));
        m_services.journal->append(decision);
        for (const Gate &gate : std::as_const(gates.gates)) {
            if (!gate.overridden)
                continue;
            JournalEntry entry;
            entry.runId = plan.runId;
            entry.category = QStringLiteral("operator");
            entry.name = QStringLiteral("override");
            entry.status = toString(gate.kind);
            entry.message
                = tr("%1 overrode \"%2\" (%3): %4")
                      .arg(operatorName, gateLabel(gate.kind), gate.reason, gate.overrideReason);
            m_services.journal->append(entry);
        }
    }
    publishBoard(gates, automatic);
    if (m_services.hub) {
        ConsoleEvent event;
        event.kind = EventKind::FailoverStarted;
        event.severity = EventSeverity::Critical;
        event.regionId = plan.targetRegion;
        event.message
            = tr("%1 started: %2 to %3 (%4).")
                  .arg(toString(kind), regionName(plan.fromRegion), regionName(plan.targetRegion),
                      automatic ? tr("automatic") : tr("by %1").arg(operatorName));
        QStringList overridden;
        for (const Gate &gate : std::as_const(gates.gates)) {
            if (gate.overridden)
                overridden.append(toString(gate.kind));
        }
        event.fields = { { QStringLiteral("run_id"), plan.runId },
            { QStringLiteral("run_kind"), toString(kind) },
            { QStringLiteral("from"), plan.fromRegion },
            { QStringLiteral("target"), plan.targetRegion },
            { QStringLiteral("automatic"), automatic },
            { QStringLiteral("operator"), operatorName },
            { QStringLiteral("overridden"), overridden } };
        m_services.hub->publish(event);
    }
    m_run = new FailoverRun(m_config, plan, m_services, this);
    connect(m_run, &FailoverRun::stepChanged, this, &FailoverController::stepChanged);
    connect(m_run, &FailoverRun::finished, this, &FailoverController::onRunFinished);
    m_confirmation->cancel();
    updateState();
    emit runStarted(plan);
    m_run->start();
    return true;
}

void FailoverController::onRunFinished(const RunResult &result)
{
    FailoverRun *run = m_run;
    m_run = nullptr;
    run->deleteLater();
    m_lock->unlock();
    m_lastResult = result;
    if (result.kind != RunKind::Rejoin)
        m_lastRunEndMs = nowMs();
    if (result.outcome == QLatin1String("verified") && result.kind != RunKind::Rejoin)
        m_legitimatePrimary = run->plan().targetEndpoint;
    m_lastBoardSignature.clear();
    if (m_services.journal)
        m_services.journal->finishRun(result.runId, result.outcome, result.figures);
    if (m_services.hub) {
        ConsoleEvent event;
        event.kind = EventKind::FailoverFinished;
        event.severity = result.outcome == QLatin1String("verified") ? EventSeverity::Info
                                                                     : EventSeverity::Critical;
        event.regionId = result.targetRegion;
        QStringList figures;
        if (result.figures.contains(QStringLiteral("rto_ms")))
            figures.append(tr("RTO %1").arg(QuantityText::duration(std::chrono::milliseconds(
                result.figures.value(QStringLiteral("rto_ms")).toLongLong()))));
        if (const QString rpo = RpoText::measured(result.figures); !rpo.isEmpty())
            figures.append(tr("RPO %1").arg(rpo));
        event.message = tr("%1 %2: %3%4")
                            .arg(toString(result.kind), result.outcome, result.summary,
                                figures.isEmpty() ? QStringLiteral(".")
                                                  : tr(" (%1).").arg(figures.join(tr(", "))));
        event.fields = result.figures;
        event.fields.insert(QStringLiteral("run_id"), result.runId);
        event.fields.insert(QStringLiteral("run_kind"), toString(result.kind));
        event.fields.insert(QStringLiteral("outcome"), result.outcome);
        event.fields.insert(QStringLiteral("from"), result.fromRegion);
        event.fields.insert(QStringLiteral("target"), result.targetRegion);
        event.fields.insert(QStringLiteral("summary"), result.summary);
        m_services.hub->publish(event);
    }
    m_firstFailureMs = 0;
    m_confirmedDown = false;
    updateState();
    emit runFinished(result);
    emit gatesMayHaveChanged();
}

void FailoverController::abandon(const QString &why)
{
    if (!m_run)
        return;
    FailoverRun *run = m_run;
    m_run = nullptr;
    if (m_services.journal && run->plan().runId > 0)
        m_services.journal->markInterrupted(
            run->plan().runId, tr("The console stopped during this run: %1.").arg(why));
    delete run;
    m_lock->unlock();
}

// --- split brain ------------------------------------------------------------------------------

void FailoverController::checkSplitBrain()
{
    const PrimaryState &primary = m_services.topology->primary();
    if (primary.status != PrimaryStatus::Several || m_run)
        return;
    // Which one is legitimate: the one this console promoted, else the one on the newest
    // timeline (a promotion starts a new one). A tie cannot be decided by a machine.
    QString legitimate;
    if (primary.writableIds.contains(m_legitimatePrimary)) {
        legitimate = m_legitimatePrimary;
    } else {
        int best = -1;
        bool tie = false;
        for (const QString &id : primary.writableIds) {
            const NodeState *node = m_services.topology->node(id);
            const int timeline = node && node->observation && node->observation->timeline
                ? *node->observation->timeline
                : -1;
            if (timeline > best) {
                best = timeline;
                legitimate = id;
                tie = false;
            } else if (timeline == best) {
                tie = true;
            }
        }
        if (tie || best < 0)
            legitimate.clear();
    }
    for (const QString &id : primary.writableIds) {
        if (id == legitimate || m_fencedAtMs.contains(id))
            continue;
        if (legitimate.isEmpty()) {
            m_fencedAtMs.insert(id, nowMs());
            if (m_services.hub) {
                ConsoleEvent event;
                event.kind = EventKind::SplitBrain;
                event.severity = EventSeverity::Critical;
                event.endpointId = id;
                event.message = tr("Split brain: %1 writable primaries on the same timeline; the "
                                   "console cannot tell which is legitimate and fences neither.")
                                    .arg(primary.writableIds.size());
                event.fields = { { QStringLiteral("writable"), primary.writableIds },
                    { QStringLiteral("fenced"), false } };
                m_services.hub->publish(event);
            }
            continue;
        }
        fenceReturning(id, legitimate);
    }
}

void FailoverController::fenceReturning(const QString &endpointId, const QString &legitimateId)
{
    m_fencedAtMs.insert(endpointId, nowMs());
    const NodeState *node = m_services.topology->node(endpointId);
    const QString regionId = node ? node->regionId : QString();
    const RegionConfig *region = m_config.region(regionId);
    const NodeState *legit = m_services.topology->node(legitimateId);
    const QString message
        = tr("Split brain: %1 came back writable while %2 is primary; fencing it.")
              .arg(regionName(regionId), regionName(legit ? legit->regionId : QString()));
    const auto report = [this, endpointId, regionId](bool fenced, const QString &how) {
        if (m_services.journal) {
            JournalEntry entry;
            entry.category = QStringLiteral("split-brain");
            entry.name = QStringLiteral("fence");
            entry.status = fenced ? QStringLiteral("done") : QStringLiteral("failed");
            entry.message = how;
            m_services.journal->append(entry);
        }
        if (m_services.hub) {
            ConsoleEvent event;
            event.kind = EventKind::SplitBrain;
            event.severity = EventSeverity::Critical;
            event.endpointId = endpointId;
            event.regionId = regionId;
            event.message = fenced
                ? tr("%1 is fenced: %2.").arg(regionName(regionId), how)
                : tr("%1 could NOT be fenced: %2.").arg(regionName(regionId), how);
            event.fields = { { QStringLiteral("fenced"), fenced }, { QStringLiteral("how"), how } };
            m_services.hub->publish(event);
        }
        if (!fenced)
            m_fencedAtMs.remove(endpointId); // try again on the next change
    };
    if (m_services.hub) {
        ConsoleEvent event;
        event.kind = EventKind::SplitBrain;
        event.severity = EventSeverity::Critical;
        event.endpointId = endpointId;
        event.regionId = regionId;
        event.message = message;
        event.fields = { { QStringLiteral("returning"), endpointId },
            { QStringLiteral("legitimate"), legitimateId } };
        m_services.hub->publish(event);
    }
    if (region && region->admin.connection.isEmpty() && region->admin.fence) {
        // No SQL way in: the fence action (STONITH) is the way.
        auto *runner = new ActionRunner(m_services.network, this);
        connect(
            runner, &ActionRunner::finished, this, [runner, report](const ActionOutcome &outcome) {
                runner->deleteLater();
                report(outcome.ok, tr("fence action: %1").arg(outcome.summary));
            });
        ActionContext context;
        context.values = { { QStringLiteral("region"), regionId },
            { QStringLiteral("target_region"), legit ? legit->regionId : QString() },
            { QStringLiteral("target_name"), regionName(legit ? legit->regionId : QString()) },
            { QStringLiteral("old_primary_region"), regionId },
            { QStringLiteral("old_primary_name"), regionName(regionId) },
            { QStringLiteral("source_region"), legit ? legit->regionId : QString() },
            { QStringLiteral("run_id"), QStringLiteral("0") },
            { QStringLiteral("run_kind"), QStringLiteral("split-brain") } };
        context.message = message;
        runner->run(*region->admin.fence, context);
        return;
    }
    if (region && !region->admin.connection.isEmpty()) {
        auto *session = new AdminSession(this);
        connect(
            session, &AdminSession::finished, this, [session, report](const AdminResult &result) {
                session->deleteLater();
                report(result.ok,
                    result.ok ? tr("set read-only and its sessions ended") : result.error);
            });
        session->run(
            region->admin.connection, AdminSession::fenceBatches(), m_config.failover.stepTimeout);
        return;
    }
    report(false, tr("it has no admin connection"));
}

// --- restart after a crash --------------------------------------------------------------------

void FailoverController::recoverInterruptedRuns()
{
    if (!m_services.journal)
        return;
    const QList<JournalRun> open = m_services.journal->openRuns();
    if (open.isEmpty())
        return;
    // A run is only open while its console holds the lock: a free lock means that console died.
    if (!m_lock->tryLock())
        return;
    for (const JournalRun &run : open) {
        const QString note
            = tr("The console stopped during this %1 (to %2, started %3); the roles shown now are "
                 "read from the servers, not from this run.")
                  .arg(run.kind, regionName(run.toRegion), run.startedAt.toString(Qt::ISODate));
        m_services.journal->markInterrupted(run.id, note);
        if (m_services.hub) {
            ConsoleEvent event;
            event.kind = EventKind::FailoverFinished;
            event.severity = EventSeverity::Critical;
            event.regionId = run.toRegion;
            event.message = tr("Interrupted %1 #%2 found: %3").arg(run.kind).arg(run.id).arg(note);
            event.fields
                = { { QStringLiteral("run_id"), run.id }, { QStringLiteral("run_kind"), run.kind },
                      { QStringLiteral("outcome"), QStringLiteral("interrupted") },
                      { QStringLiteral("target"), run.toRegion } };
            m_services.hub->publish(event);
        }
    }
    m_lock->unlock();
}

} // namespace Console
