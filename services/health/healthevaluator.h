#pragma once

#include "config.h"
#include "health.h"
#include "healthcause.h"
#include "proberesult.h"

#include <QCoreApplication>
#include <QString>

#include <chrono>
#include <deque>
#include <optional>

namespace Console {

// Turns one endpoint's stream of probe results into a health verdict, by the detection
// thresholds. Pure: the caller passes the (monotonic) time of each result, so tests can drive
// hours of behaviour without waiting.
//
// Rules, in order of precedence:
//  - a strong failure (refused, DNS) is Unhealthy at once when unreachableActsAtOnce is set;
//  - consecutiveFailures failures in a row are Unhealthy; fewer are Degraded;
//  - more than errorRateThreshold failures in errorRateWindow are Unhealthy, but only once the
//    window holds minErrorRateSamples samples and has been watched for its whole length, and only
//    on a failure (a success never makes a verdict worse);
//  - every answer slower than latencyThreshold for latencySustainedFor is Degraded.
// Leaving Unhealthy or Degraded for something better needs recoverySuccesses successes in a row:
// one good check after an outage proves little, and a lone success between failures must not
// make the verdict flap. So a 50/50 flapping endpoint stays Degraded; one failing two probes in
// three (67 %) becomes Unhealthy by the error rate once the window is full.
class HealthEvaluator final
{
    Q_DECLARE_TR_FUNCTIONS(HealthEvaluator)
public:
    using Clock = std::chrono::steady_clock;

    // The verdict with the facts behind it: the reason says them in a sentence, the fields
    // say them to machines (events, gates).
    struct Verdict
    {
        Health health = Health::Unknown;
        QString reason;
        bool changed = false; // health differs from the verdict before this result
        double successRate = -1; // over the error-rate window, -1 without samples
        HealthCause cause = HealthCause::None;
        ProbeStatus lastStatus = ProbeStatus::Ok; // the status of the result just added
        int failureRun = 0; // failed probes in a row, this one included
        int failuresNeeded = 0; // the run that makes the endpoint unhealthy
        int recoveryRun = 0; // good probes in a row that count towards recovery
        int recoveryNeeded = 0; // the run that ends a bad verdict
    };

    // Fewer samples than this never decide by error rate (2 of 3 failed is not a rate).
    static constexpr int minErrorRateSamples = 4;
    // Hard cap on the window, whatever the probe rate; the oldest samples go first.
    static constexpr int maxWindowSamples = 4096;

    // probeInterval lets the error-rate window hold a steady number of samples whatever the
    // answers' jitter: without it a window of W/I probes holds W/I or W/I + 1 of them at random.
    explicit HealthEvaluator(
        const DetectionThresholds &thresholds, Milliseconds probeInterval = Milliseconds(0));

    Verdict add(const ProbeResult &result, Clock::time_point now);

    Health health() const { return m_health; }
    QString reason() const { return m_reason; }
    double successRate() const;
    int windowSize() const { return int(m_window.size()); }
    int consecutiveFailures() const { return m_failureRun; }
    int consecutiveSuccesses() const { return m_successRun; }

private:
    struct Sample
    {
        Clock::time_point at;
        bool ok = false;
    };

    void updateWindow(bool ok, Clock::time_point now);
    void updateLatency(const ProbeResult &result, Clock::time_point now);
    // What put the endpoint in its current bad verdict: recovering from slowness takes fast
    // answers, recovering from failures takes answers.
    enum class Cause { None, Failures, Slowness };
    struct Candidate
    {
        Verdict verdict;
        Cause cause = Cause::None;
    };
    // The verdict the current data calls for, before recovery hysteresis.
    Candidate candidate(const ProbeResult &result, Clock::time_point now) const;

    DetectionThresholds m_thresholds;
    Clock::duration m_windowHorizon; // samples older than this leave the error-rate window
    Cause m_cause = Cause::None;
    Health m_health = Health::Unknown;
    QString m_reason;
    int m_failureRun = 0;
    int m_successRun = 0;
    int m_fastRun = 0; // successes in a row that were not slow
    std::deque<Sample> m_window;
    int m_okInWindow = 0; // kept with the window so a verdict costs O(1), not O(window)
    std::optional<Clock::time_point> m_observedSince; // start of the current unbroken observation
    std::optional<Clock::time_point> m_lastAt;
    std::optional<Clock::time_point> m_slowSince; // first sample of the current slow run
};

} // namespace Console
