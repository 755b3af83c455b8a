#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <chrono>
#include <optional>

namespace Console {

// Where the deployment stands, as the failover engine sees it.
enum class FailoverState {
    Normal, // the configured primary region is primary and well
    Degraded, // the primary is failing, or a failover did not finish
    FailingOver,
    FailedOver, // another region is primary after a failover; failback may follow
    FailingBack,
};

// A failback needs the old primary streaming from the new one first: rejoining it (pg_rewind
// or a base backup, which discards what it wrote after the split) is a run of its own, since it
// destroys data and must be confirmed apart.
enum class RunKind { Failover, Failback, Rejoin };

// The gates of the go/no-go board, in the order they are shown.
enum class GateKind {
    TargetPromotable, // the target region has a way to be promoted (admin connection or action)
    TargetHealthy,
    TargetLag, // failover: within max_lag_on_failover; failback: caught up
    OldPrimaryDown, // failover: the primary is confirmed down (a failback needs it up)
    PrimaryHealthy, // failback: the current primary answers, so it can hand over cleanly
    TargetSustained, // failback: the target has been healthy for failback_healthy_for
    SelfCheck,
    Cooldown,
    ActionLock,
};

struct Gate
{
    GateKind kind = GateKind::TargetHealthy;
    bool passed = false;
    QString reason; // why it passed or failed, one sentence
    bool overridden = false;
    QString overrideReason; // the operator's typed reason

    bool open() const { return passed || overridden; }
};

// The gates for one prospective run, evaluated at one moment.
struct GateBoard
{
    RunKind kind = RunKind::Failover;
    QString targetRegion;
    QString fromRegion;
    QList<Gate> gates;

    bool go() const;
    QList<GateKind> failed() const; // failed and not overridden
    const Gate *gate(GateKind kind) const;
};

enum class StepKind {
    Rejoin, // failback: rebuild the target (old primary) as a standby first, when needed
    Fence,
    CatchUp, // failback: wait until the target has replayed the fenced primary's last LSN
    Promote,
    Demote, // failback: rebuild the former primary as a standby of the promoted one
    Repoint,
    Traffic,
    Notify,
    Verify,
};

enum class StepState { Pending, Running, Done, Failed, Skipped };

struct StepRecord
{
    StepKind kind = StepKind::Promote;
    StepState state = StepState::Pending;
    QString summary; // secret-free: what it did or why it failed
    qint64 startedMs = 0; // monotonic
    qint64 finishedMs = 0;

    std::chrono::milliseconds duration() const
    {
        return std::chrono::milliseconds(finishedMs > startedMs ? finishedMs - startedMs : 0);
    }
};

QString toString(FailoverState state); // "normal", "degraded", "failing-over", ...
QString toString(RunKind kind); // "failover", "failback", "rejoin"
QString toString(GateKind kind); // "target-promotable", "target-healthy", ...
QString toString(StepKind kind); // "fence", "promote", ...
QString toString(StepState state); // "pending", "running", "done", "failed", "skipped"
std::optional<GateKind> gateKindFromString(const QString &text);
QString gateLabel(GateKind kind); // "Target healthy", for people
QString stepLabel(StepKind kind); // "Fence the old primary"
QString stateLabel(FailoverState state); // "Failed over"

} // namespace Console
