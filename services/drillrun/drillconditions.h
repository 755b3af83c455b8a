#pragma once

#include "drilldefinition.h"

#include <QCoreApplication>
#include <QString>

namespace Console {

class BreakerBoard;
class FailoverController;
class HealthMonitor;
class TopologyState;
struct ConsoleConfig;

// What a wait-for step reads: the live state of the engine. None owned.
struct DrillLiveState
{
    const ConsoleConfig *config = nullptr;
    const TopologyState *topology = nullptr;
    const HealthMonitor *health = nullptr;
    const BreakerBoard *breakers = nullptr;
    const FailoverController *failover = nullptr;
};

// Whether a condition holds now, and what the console sees either way, in one sentence.
struct ConditionVerdict
{
    bool met = false;
    QString seen;
};

// Judges the conditions of wait-for steps on the live state, the way the views show it: the
// topology as the servers report it, the health verdicts, the breakers and the failover engine.
// WritesSucceed needs a write, which is the runner's; here it only reads whether the region is
// the one writable primary.
class DrillConditions final
{
    Q_DECLARE_TR_FUNCTIONS(DrillConditions)

public:
    // `step` has its templates filled in already.
    static ConditionVerdict evaluate(const DrillStep &step, const DrillLiveState &live);
};

} // namespace Console
