#include "failovertypes.h"

namespace Console {

bool GateBoard::go() const
{
    return !gates.isEmpty() && failed().isEmpty();
}

QList<GateKind> GateBoard::failed() const
{
    QList<GateKind> kinds;
    for (const Gate &gate : gates) {
        if (!gate.open())
            kinds.append(gate.kind);
    }
    return kinds;
}

const Gate *GateBoard::gate(GateKind kind) const
{
    for (const Gate &gate : gates) {
        if (gate.kind == kind)
            return &gate;
    }
    return nullptr;
}

QString toString(FailoverState state)
{
    switch (state) {
    case FailoverState::Normal: return QStringLiteral("normal");
    case FailoverState::Degraded: return QStringLiteral("degraded");
    case FailoverState::FailingOver: return QStringLiteral("failing-over");
    case FailoverState::FailedOver: return QStringLiteral("failed-over");
    case FailoverState::FailingBack: return QStringLiteral("failing-back");
    }
    return {};
}

QString toString(RunKind kind)
{
    switch (kind) {
    case RunKind::Failover: return QStringLiteral("failover");
    case RunKind::Failback: return QStringLiteral("failback");
    case RunKind::Rejoin: return QStringLiteral("rejoin");
    }
    return {};
}

namespace {

struct GateName
{
    GateKind kind;
    const char *id;
    const char *label;
};

const GateName GateNames[] = {
    { GateKind::TargetPromotable, "target-promotable",
        QT_TRANSLATE_NOOP("Console::Gate", "Target can be promoted") },
    { GateKind::TargetHealthy, "target-healthy",
        QT_TRANSLATE_NOOP("Console::Gate", "Target healthy") },
    { GateKind::TargetLag, "target-lag", QT_TRANSLATE_NOOP("Console::Gate", "Target lag") },
    { GateKind::OldPrimaryDown, "old-primary-down",
        QT_TRANSLATE_NOOP("Console::Gate", "Old primary confirmed down") },
    { GateKind::PrimaryHealthy, "primary-healthy",
        QT_TRANSLATE_NOOP("Console::Gate", "Current primary healthy") },
    { GateKind::TargetSustained, "target-sustained",
        QT_TRANSLATE_NOOP("Console::Gate", "Target healthy long enough") },
    { GateKind::SelfCheck, "self-check", QT_TRANSLATE_NOOP("Console::Gate", "Console self-check") },
    { GateKind::Cooldown, "cooldown", QT_TRANSLATE_NOOP("Console::Gate", "Cool-down") },
    { GateKind::ActionLock, "action-lock", QT_TRANSLATE_NOOP("Console::Gate", "Action lock") },
};

} // namespace

QString toString(GateKind kind)
{
    for (const GateName &name : GateNames) {
        if (name.kind == kind)
            return QString::fromLatin1(name.id);
    }
    return {};
}

std::optional<GateKind> gateKindFromString(const QString &text)
{
    for (const GateName &name : GateNames) {
        if (text == QLatin1String(name.id))
            return name.kind;
    }
    return std::nullopt;
}

QString gateLabel(GateKind kind)
{
    for (const GateName &name : GateNames) {
        if (name.kind == kind)
            return QCoreApplication::translate("Console::Gate", name.label);
    }
    return {};
}

QString toString(StepKind kind)
{
    switch (kind) {
    case StepKind::Rejoin: return QStringLiteral("rejoin");
    case StepKind::Fence: return QStringLiteral("fence");
    case StepKind::CatchUp: return QStringLiteral("catch-up");
    case StepKind::Promote: return QStringLiteral("promote");
    case StepKind::Demote: return QStringLiteral("demote");
    case StepKind::Repoint: return QStringLiteral("repoint");
    case StepKind::Traffic: return QStringLiteral("traffic");
    case StepKind::Notify: return QStringLiteral("notify");
    case StepKind::Verify: return QStringLiteral("verify");
    }
    return {};
}

QString stepLabel(StepKind kind)
{
    switch (kind) {
    case StepKind::Rejoin:
        return QCoreApplication::translate("Console::Step", "Rebuild the target as a standby");
    case StepKind::Fence: return QCoreApplication::translate("Console::Step", "Fence the primary");
    case StepKind::CatchUp:
        return QCoreApplication::translate("Console::Step", "Wait for the exact LSN");
    case StepKind::Promote:
        return QCoreApplication::translate("Console::Step", "Promote the target");
    case StepKind::Demote:
        return QCoreApplication::translate(
            "Console::Step", "Rebuild the former primary as a standby");
    case StepKind::Repoint:
        return QCoreApplication::translate("Console::Step", "Re-point the other standbys");
    case StepKind::Traffic: return QCoreApplication::translate("Console::Step", "Switch traffic");
    case StepKind::Notify: return QCoreApplication::translate("Console::Step", "Notify");
    case StepKind::Verify: return QCoreApplication::translate("Console::Step", "Verify");
    }
    return {};
}

QString toString(StepState state)
{
    switch (state) {
    case StepState::Pending: return QStringLiteral("pending");
    case StepState::Running: return QStringLiteral("running");
    case StepState::Done: return QStringLiteral("done");
    case StepState::Failed: return QStringLiteral("failed");
    case StepState::Skipped: return QStringLiteral("skipped");
    }
    return {};
}

QString stateLabel(FailoverState state)
{
    switch (state) {
    case FailoverState::Normal: return QCoreApplication::translate("Console::Failover", "Normal");
    case FailoverState::Degraded:
        return QCoreApplication::translate("Console::Failover", "Degraded");
    case FailoverState::FailingOver:
        return QCoreApplication::translate("Console::Failover", "Failing over");
    case FailoverState::FailedOver:
        return QCoreApplication::translate("Console::Failover", "Failed over");
    case FailoverState::FailingBack:
        return QCoreApplication::translate("Console::Failover", "Failing back");
    }
    return {};
}

} // namespace Console
