#pragma once

#include "config.h"
#include "health.h"
#include "healthcause.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Console {

// How far behind one standby is, as the topology measured it. Each figure may be unknown.
struct LagReading
{
    std::optional<qint64> bytes; // WAL not yet replayed
    std::optional<double> seconds; // the heartbeat's age, or the upstream's replay lag
    bool replayPaused = false;
    // A standby with no WAL stream while a primary is up: its lag figures are stale, and it
    // falls further behind with every write.
    bool notStreaming = false;
    // The endpoint is a primary now (a promoted standby): lag does not apply, and a lag verdict
    // it carried as a standby ends at once.
    bool isPrimary = false;

    bool operator==(const LagReading &) const = default;
};

// Turns a standby's lag readings into a verdict by the warning and critical thresholds, in bytes
// and in seconds; a paused replay is Degraded whatever the figures (WAL piles up unapplied). Pure.
// A worse verdict applies at once; a better one needs `recovery` readings in a row that call for
// it, so a lag hovering around a threshold does not flap. A missing stream counts only once it
// lasted `recovery` readings: at a primary's crash the standbys notice before the console does.
class LagEvaluator final
{
    Q_DECLARE_TR_FUNCTIONS(LagEvaluator)
public:
    struct Verdict
    {
        Health health = Health::Unknown;
        HealthCause cause = HealthCause::None;
        QString reason;
        bool changed = false;
    };

    LagEvaluator(const LagThresholds &thresholds, int recovery);

    Verdict add(const LagReading &reading);
    const Verdict &verdict() const { return m_verdict; }

private:
    Verdict judge(const LagReading &reading) const;
    int m_notStreamingRun = 0;

    LagThresholds m_thresholds;
    int m_recovery = 1;
    int m_betterRun = 0;
    Verdict m_verdict;
    QString m_appliedReason; // the reason of the verdict being held while it recovers
};

} // namespace Console
