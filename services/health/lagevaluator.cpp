#include "lagevaluator.h"

#include "quantitytext.h"

#include <algorithm>

namespace Console {

LagEvaluator::LagEvaluator(const LagThresholds &thresholds, int recovery)
    : m_thresholds(thresholds)
    , m_recovery(std::max(1, recovery))
{ }

LagEvaluator::Verdict LagEvaluator::judge(const LagReading &reading) const
{
    const double warningS = double(m_thresholds.warning.count()) / 1000.0;
    const double criticalS = double(m_thresholds.critical.count()) / 1000.0;
    const auto seconds = [](double s) { return QuantityText::seconds(s); };
    const auto bytes = [](qint64 b) { return QuantityText::bytes(b); };

    if (reading.seconds && *reading.seconds >= criticalS) {
        return { Health::Unhealthy, HealthCause::LagSeconds,
            tr("replication lag %1, over the critical %2")
                .arg(seconds(*reading.seconds), QuantityText::duration(m_thresholds.critical)) };
    }
    if (reading.bytes && *reading.bytes >= m_thresholds.criticalBytes) {
        return { Health::Unhealthy, HealthCause::LagBytes,
            tr("%1 of WAL not replayed, over the critical %2")
                .arg(bytes(*reading.bytes), bytes(m_thresholds.criticalBytes)) };
    }
    if (reading.notStreaming && m_notStreamingRun >= m_recovery) {
        return { Health::Degraded, HealthCause::NotStreaming,
            tr("not streaming from any upstream while a primary is up") };
    }
    if (reading.replayPaused) {
        return { Health::Degraded, HealthCause::ReplayPaused,
            reading.bytes && *reading.bytes > 0
                ? tr("replay paused with %1 of WAL waiting").arg(bytes(*reading.bytes))
                : tr("replay paused") };
    }
    if (reading.seconds && *reading.seconds >= warningS) {
        return { Health::Degraded, HealthCause::LagSeconds,
            tr("replication lag %1, over the warning %2")
                .arg(seconds(*reading.seconds), QuantityText::duration(m_thresholds.warning)) };
    }
    if (reading.bytes && *reading.bytes >= m_thresholds.warningBytes) {
        return { Health::Degraded, HealthCause::LagBytes,
            tr("%1 of WAL not replayed, over the warning %2")
                .arg(bytes(*reading.bytes), bytes(m_thresholds.warningBytes)) };
    }
    return { Health::Healthy, HealthCause::None, QString() };
}

LagEvaluator::Verdict LagEvaluator::add(const LagReading &reading)
{
    m_notStreamingRun = reading.notStreaming ? m_notStreamingRun + 1 : 0;
    if (reading.isPrimary) {
        const Verdict primary { Health::Healthy, HealthCause::None, QString(),
            m_verdict.health != Health::Healthy };
        m_betterRun = 0;
        m_verdict = primary;
        m_appliedReason.clear();
        return primary;
    }
    Verdict next = judge(reading);
    const bool better
        = m_verdict.health != Health::Unknown && rank(next.health) < rank(m_verdict.health);
    if (better) {
        ++m_betterRun;
        if (m_betterRun < m_recovery) {
            // Hold the worse verdict; the reason tells how far the recovery has come.
            Verdict held = m_verdict;
            held.reason = tr("%1 (recovering %2 of %3)")
                              .arg(m_appliedReason)
                              .arg(m_betterRun)
                              .arg(m_recovery);
            held.changed = false;
            m_verdict = held;
            return held;
        }
    }
    m_betterRun = 0;
    next.changed = next.health != m_verdict.health;
    m_verdict = next;
    m_appliedReason = next.reason;
    return next;
}

} // namespace Console
