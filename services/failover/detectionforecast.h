#pragma once

#include "config.h"

#include <QCoreApplication>
#include <QString>

#include <chrono>

namespace Console {

// The worst-case time from a fault on an endpoint to the console calling it, derived from the
// settings alone, so an operator knows before an incident what the console can promise:
//  - refused (a crash, a closed port): the fault may land just after a probe, so up to one
//    interval passes before the next probe meets it, which fails at once;
//  - silent (a freeze, a partition): the failure run needs consecutive_failures probes, the
//    first up to an interval after the fault and each taking the full timeout to fail;
//  - error rate: a flapping endpoint is called once the error-rate window has filled;
//  - slowness: the sustained-latency time plus the probe that completes it.
struct DetectionForecast
{
    Q_DECLARE_TR_FUNCTIONS(DetectionForecast)

public:
    std::chrono::milliseconds refused {};
    std::chrono::milliseconds silent {};
    std::chrono::milliseconds errorRate {};
    std::chrono::milliseconds slowness {};

    static DetectionForecast forEndpoint(
        const DetectionThresholds &detection, const EndpointConfig &endpoint);
    // The slowest of the endpoints given: the console is only as quick as its slowest probe.
    static DetectionForecast worstOf(
        const DetectionThresholds &detection, const QList<EndpointConfig> &endpoints);

    // "a crash within 1 s, a freeze within 3.80 s"
    QString summary() const;
};

} // namespace Console
