#include "failovergates.h"

#include "quantitytext.h"

namespace Console {

namespace {

Gate make(GateKind kind, bool passed, const QString &reason)
{
    Gate gate;
    gate.kind = kind;
    gate.passed = passed;
    gate.reason = reason;
    return gate;
}

} // namespace

GateBoard FailoverGates::evaluate(const GateInputs &in, const FailoverSettings &settings)
{
    GateBoard board;
    board.kind = in.kind;
    board.targetRegion = in.targetRegion;
    board.fromRegion = in.fromRegion;
    switch (in.kind) {
    case RunKind::Failover:
        board.gates.append(promotable(in));
        board.gates.append(targetHealthy(in));
        board.gates.append(targetLag(in, settings));
        board.gates.append(oldPrimaryDown(in));
        board.gates.append(selfCheck(in));
        board.gates.append(cooldown(in, settings));
        break;
    case RunKind::Failback:
        board.gates.append(promotable(in));
        board.gates.append(targetSustained(in, settings));
        board.gates.append(primaryHealthy(in));
        board.gates.append(selfCheck(in));
        board.gates.append(cooldown(in, settings));
        break;
    case RunKind::Rejoin:
        // Rebuilding a node promotes nothing: it needs only a primary to copy from.
        board.gates.append(primaryHealthy(in));
        break;
    }
    board.gates.append(actionLock(in));
    return board;
}

void FailoverGates::applyOverrides(GateBoard &board, const QMap<GateKind, QString> &overrides)
{
    for (Gate &gate : board.gates) {
        const auto it = overrides.constFind(gate.kind);
        // Another console acting at the same time is never a risk worth a typed reason.
        if (it == overrides.constEnd() || gate.passed || it->trimmed().isEmpty()
            || gate.kind == GateKind::ActionLock)
            continue;
        gate.overridden = true;
        gate.overrideReason = it->trimmed();
    }
}

Gate FailoverGates::promotable(const GateInputs &in)
{
    if (in.targetRegion.isEmpty())
        return make(GateKind::TargetPromotable, false, tr("no standby to promote"));
    return in.targetPromotable
        ? make(GateKind::TargetPromotable, true,
            tr("%1 has an admin connection or a promote action").arg(in.targetName))
        : make(GateKind::TargetPromotable, false,
            tr("%1 has neither an admin connection nor a promote action").arg(in.targetName));
}

Gate FailoverGates::targetHealthy(const GateInputs &in)
{
    if (!in.targetIsStandby)
        return make(GateKind::TargetHealthy, false,
            tr("%1 does not answer as a standby").arg(in.targetName));
    // Degraded passes: after a primary is lost every standby is degraded for not streaming.
    const bool ok = in.targetHealth == Health::Healthy || in.targetHealth == Health::Degraded;
    return make(GateKind::TargetHealthy, ok,
        ok ? tr("%1 answers as a standby (%2)").arg(in.targetName, healthLabel(in.targetHealth))
           : tr("%1 is %2: %3")
                 .arg(in.targetName, healthLabel(in.targetHealth), in.targetHealthReason));
}

Gate FailoverGates::targetLag(const GateInputs &in, const FailoverSettings &settings)
{
    if (!in.lossBytes && !in.lossSeconds) {
        return make(GateKind::TargetLag, false,
            tr("expected data loss unknown: %1")
                .arg(in.lossUnknownReason.isEmpty() ? tr("no replication figures")
                                                    : in.lossUnknownReason));
    }
    QStringList over;
    QStringList figures;
    if (in.lossBytes) {
        const QString bytes = (in.lossBytesIsLowerBound ? QStringLiteral("\u2265 ") : QString())
            + QuantityText::bytes(*in.lossBytes);
        figures.append(bytes);
        if (*in.lossBytes > settings.maxLagBytes)
            over.append(tr("%1 behind, over the %2 limit")
                            .arg(bytes, QuantityText::bytes(settings.maxLagBytes)));
    }
    if (in.lossSeconds) {
        const auto ms = std::chrono::milliseconds(qint64(*in.lossSeconds * 1000));
        figures.append(QuantityText::duration(ms));
        if (ms > settings.maxLagSeconds)
            over.append(tr("%1 of writes behind, over the %2 limit")
                            .arg(QuantityText::duration(ms),
                                QuantityText::duration(settings.maxLagSeconds)));
    }
    if (!over.isEmpty())
        return make(
            GateKind::TargetLag, false, tr("%1 is %2").arg(in.targetName, over.join(tr(", "))));
    return make(GateKind::TargetLag, true,
        tr("%1 is %2 behind, within max_lag_on_failover")
            .arg(in.targetName, figures.join(tr(", "))));
}

Gate FailoverGates::oldPrimaryDown(const GateInputs &in)
{
    return in.oldPrimaryConfirmedDown
        ? make(GateKind::OldPrimaryDown, true,
            tr("%1 is confirmed down: %2").arg(in.fromName, in.oldPrimaryState))
        : make(GateKind::OldPrimaryDown, false,
            tr("%1 is not confirmed down: %2").arg(in.fromName, in.oldPrimaryState));
}

Gate FailoverGates::primaryHealthy(const GateInputs &in)
{
    return in.primaryAnswering
        ? make(GateKind::PrimaryHealthy, true,
            tr("%1 answers, so it can hand over without losing a row").arg(in.fromName))
        : make(GateKind::PrimaryHealthy, false,
            tr("%1 does not answer: a failback needs a clean hand-over").arg(in.fromName));
}

Gate FailoverGates::targetSustained(const GateInputs &in, const FailoverSettings &settings)
{
    if (!in.targetStreamingFromPrimary)
        return make(GateKind::TargetSustained, false,
            tr("%1 does not stream from %2 yet: rejoin it first").arg(in.targetName, in.fromName));
    if (!in.targetHealthyFor)
        return make(
            GateKind::TargetSustained, false, tr("%1 is not healthy now").arg(in.targetName));
    const bool ok = *in.targetHealthyFor >= settings.failbackHealthyFor;
    return make(GateKind::TargetSustained, ok,
        ok ? tr("%1 has been healthy for %2")
                 .arg(in.targetName, QuantityText::duration(*in.targetHealthyFor))
           : tr("%1 has been healthy for %2 of the %3 a failback needs")
                 .arg(in.targetName, QuantityText::duration(*in.targetHealthyFor),
                     QuantityText::duration(settings.failbackHealthyFor)));
}

Gate FailoverGates::selfCheck(const GateInputs &in)
{
    return in.selfCheckSuspected
        ? make(GateKind::SelfCheck, false,
            tr("the console suspects itself: %1").arg(in.selfCheckReason))
        : make(GateKind::SelfCheck, true, tr("the console's own network looks fine"));
}

Gate FailoverGates::cooldown(const GateInputs &in, const FailoverSettings &settings)
{
    if (!in.sinceLastRun)
        return make(GateKind::Cooldown, true, tr("no earlier failover on record"));
    const bool ok = *in.sinceLastRun >= settings.cooldown;
    return make(GateKind::Cooldown, ok,
        ok ? tr("the last run was %1 ago").arg(QuantityText::duration(*in.sinceLastRun))
           : tr("the last run was %1 ago; the cool-down is %2")
                 .arg(QuantityText::duration(*in.sinceLastRun),
                     QuantityText::duration(settings.cooldown)));
}

Gate FailoverGates::actionLock(const GateInputs &in)
{
    return in.lockHolder.isEmpty()
        ? make(GateKind::ActionLock, true, tr("no other console is acting"))
        : make(GateKind::ActionLock, false, tr("held by %1").arg(in.lockHolder));
}

} // namespace Console
