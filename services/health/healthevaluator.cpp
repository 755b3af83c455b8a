#include "healthevaluator.h"

#include "probetext.h"
#include "quantitytext.h"

#include <algorithm>

namespace Console {

namespace {
HealthEvaluator::Verdict verdict(Health health, const QString &reason, HealthCause cause)
{
    HealthEvaluator::Verdict v;
    v.health = health;
    v.reason = reason;
    v.cause = cause;
    return v;
}
} // namespace

HealthEvaluator::HealthEvaluator(const DetectionThresholds &thresholds, Milliseconds probeInterval)
    : m_thresholds(thresholds)
    , m_windowHorizon(thresholds.errorRateWindow)
{
    // Probes arrive on a grid of probeInterval plus their latency; cutting half an interval
    // short of the window keeps exactly window/interval samples in it, jitter or not.
    if (probeInterval.count() > 0 && probeInterval < thresholds.errorRateWindow)
        m_windowHorizon = thresholds.errorRateWindow - probeInterval / 2;
}

double HealthEvaluator::successRate() const
{
    if (m_window.empty())
        return -1;
    return double(m_okInWindow) / double(m_window.size());
}

void HealthEvaluator::updateWindow(bool ok, Clock::time_point now)
{
    const auto window = m_thresholds.errorRateWindow;
    // A silence as long as the window means nobody watched it: the observation starts afresh.
    if (!m_observedSince || (m_lastAt && now - *m_lastAt >= window))
        m_observedSince = now;
    m_window.push_back({ now, ok });
    m_okInWindow += ok ? 1 : 0;
    while (!m_window.empty()
        && (now - m_window.front().at >= m_windowHorizon
            || int(m_window.size()) > maxWindowSamples)) {
        m_okInWindow -= m_window.front().ok ? 1 : 0;
        m_window.pop_front();
    }
}

void HealthEvaluator::updateLatency(const ProbeResult &result, Clock::time_point now)
{
    // Only answers measure latency; a failure neither starts nor breaks a slow run (the failure
    // rules judge it), while one fast answer proves the slowness was not sustained.
    if (!result.ok() || result.latencyMs < 0)
        return;
    const bool slow = result.latencyMs > double(m_thresholds.latencyThreshold.count());
    m_fastRun = slow ? 0 : m_fastRun + 1;
    if (!slow)
        m_slowSince.reset();
    else if (!m_slowSince)
        m_slowSince = now;
}

HealthEvaluator::Candidate HealthEvaluator::candidate(
    const ProbeResult &result, Clock::time_point now) const
{
    const int needed = std::max(1, m_thresholds.consecutiveFailures);
    if (!result.ok()) {
        const QString failure = describeFailure(result);
        if (m_thresholds.unreachableActsAtOnce && isStrongFailure(result.status))
            return { verdict(Health::Unhealthy, failure, HealthCause::StrongFailure),
                Cause::Failures };
        if (m_failureRun >= needed)
            return { verdict(Health::Unhealthy,
                         tr("%1 consecutive failed probes: %2").arg(m_failureRun).arg(failure),
                         HealthCause::FailureRun),
                Cause::Failures };
        const double rate = successRate();
        const bool fullyObserved
            = m_observedSince && now - *m_observedSince >= m_thresholds.errorRateWindow;
        if (fullyObserved && int(m_window.size()) >= minErrorRateSamples
            && 1.0 - rate > m_thresholds.errorRateThreshold) {
            return { verdict(Health::Unhealthy,
                         tr("%1% of probes failed in the last %2")
                             .arg(qRound((1.0 - rate) * 100))
                             .arg(QuantityText::duration(m_thresholds.errorRateWindow)),
                         HealthCause::ErrorRate),
                Cause::Failures };
        }
        return { verdict(Health::Degraded,
                     tr("%1 of %2 failed probes: %3").arg(m_failureRun).arg(needed).arg(failure),
                     HealthCause::FailureRun),
            Cause::Failures };
    }
    if (m_slowSince && now - *m_slowSince >= m_thresholds.latencySustainedFor) {
        return { verdict(Health::Degraded,
                     tr("latency over %1 ms for %2")
                         .arg(m_thresholds.latencyThreshold.count())
                         .arg(QuantityText::duration(m_thresholds.latencySustainedFor)),
                     HealthCause::Slowness),
            Cause::Slowness };
    }
    return { verdict(Health::Healthy, QString(), HealthCause::None), Cause::None };
}

HealthEvaluator::Verdict HealthEvaluator::add(const ProbeResult &result, Clock::time_point now)
{
    // The clock is monotonic; a caller mixing clocks must not make the window run backwards.
    if (m_lastAt && now < *m_lastAt)
        now = *m_lastAt;

    if (result.ok()) {
        ++m_successRun;
        m_failureRun = 0;
    } else {
        ++m_failureRun;
        m_successRun = 0;
    }
    updateWindow(result.ok(), now);
    updateLatency(result, now);
    m_lastAt = now;

    const Candidate proposed = candidate(result, now);
    Verdict next = proposed.verdict;
    const int recovery = std::max(1, m_thresholds.recoverySuccesses);
    const bool better = m_health != Health::Unknown && rank(next.health) < rank(m_health);
    // Slow answers are successes, but they do not end a verdict that slowness caused.
    const int run = m_cause == Cause::Slowness ? m_fastRun : m_successRun;
    if (better && run < recovery) {
        // Hold the worse verdict until the run of good answers is long enough.
        next.health = m_health;
        next.reason = result.ok() ? tr("recovering %1 of %2").arg(run).arg(recovery)
                                  : tr("not recovered: %1").arg(describeFailure(result));
        next.cause = HealthCause::Recovering;
    } else {
        if (better && next.health == Health::Healthy) {
            next.reason = tr("recovered after %1 good probes in a row").arg(run);
            next.cause = HealthCause::Recovered;
        }
        m_cause = proposed.cause;
    }
    next.lastStatus = result.status;
    next.failureRun = m_failureRun;
    next.failuresNeeded = std::max(1, m_thresholds.consecutiveFailures);
    next.recoveryRun = run;
    next.recoveryNeeded = recovery;

    next.changed = next.health != m_health;
    next.successRate = successRate();
    m_health = next.health;
    m_reason = next.reason;
    return next;
}

} // namespace Console
