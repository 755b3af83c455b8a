#pragma once

#include "config.h"
#include "failovertypes.h"
#include "health.h"

#include <QCoreApplication>

#include <chrono>
#include <optional>

namespace Console {

// What the gates are judged on, gathered by the controller at one moment.
struct GateInputs
{
    RunKind kind = RunKind::Failover;
    QString targetRegion;
    QString targetName;
    QString fromRegion; // the current (or lost) primary's region
    QString fromName;
    bool targetPromotable = false;
    Health targetHealth = Health::Unknown;
    QString targetHealthReason;
    bool targetIsStandby = false; // it answers as a standby now
    // Failover: what promoting the target now would lose (see ExpectedLoss), or its current lag
    // while the primary is still up. Unset figures are unknown.
    std::optional<qint64> lossBytes;
    bool lossBytesIsLowerBound = false;
    std::optional<double> lossSeconds;
    QString lossUnknownReason;
    // Failover: the primary's failure was confirmed (fast confirmation or the failure count).
    bool oldPrimaryConfirmedDown = false;
    QString oldPrimaryState; // what is known about it, for the reason
    // Failback.
    bool primaryAnswering = false;
    bool targetStreamingFromPrimary = false;
    std::optional<std::chrono::milliseconds> targetHealthyFor; // unset: not healthy now
    // Both.
    bool selfCheckSuspected = false;
    QString selfCheckReason;
    std::optional<std::chrono::milliseconds> sinceLastRun; // unset: no run on record
    QString lockHolder; // empty: the lock is free or ours
};

// The go/no-go board: each gate passes or fails with a reason a person can act on. Pure.
class FailoverGates final
{
    Q_DECLARE_TR_FUNCTIONS(FailoverGates)

public:
    static GateBoard evaluate(const GateInputs &inputs, const FailoverSettings &settings);

    // Applies operator overrides ("reason" per gate) to the failed gates of `board`; overriding
    // a gate that passed changes nothing.
    static void applyOverrides(GateBoard &board, const QMap<GateKind, QString> &overrides);

private:
    static Gate promotable(const GateInputs &in);
    static Gate targetHealthy(const GateInputs &in);
    static Gate targetLag(const GateInputs &in, const FailoverSettings &settings);
    static Gate oldPrimaryDown(const GateInputs &in);
    static Gate primaryHealthy(const GateInputs &in);
    static Gate targetSustained(const GateInputs &in, const FailoverSettings &settings);
    static Gate selfCheck(const GateInputs &in);
    static Gate cooldown(const GateInputs &in, const FailoverSettings &settings);
    static Gate actionLock(const GateInputs &in);
};

} // namespace Console
