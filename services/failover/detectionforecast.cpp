#include "detectionforecast.h"

#include "quantitytext.h"

#include <algorithm>

namespace Console {

DetectionForecast DetectionForecast::forEndpoint(
    const DetectionThresholds &detection, const EndpointConfig &endpoint)
{
    DetectionForecast f;
    const int run = std::max(1, detection.consecutiveFailures);
    // A refused connect fails in well under a millisecond on any network the console probes.
    f.refused = detection.unreachableActsAtOnce ? endpoint.interval
                                                : endpoint.interval * run + endpoint.timeout;
    f.silent = endpoint.interval * run + endpoint.timeout;
    f.errorRate = detection.errorRateWindow + endpoint.interval;
    f.slowness = detection.latencySustainedFor + endpoint.interval + endpoint.timeout;
    return f;
}

DetectionForecast DetectionForecast::worstOf(
    const DetectionThresholds &detection, const QList<EndpointConfig> &endpoints)
{
    DetectionForecast worst;
    for (const EndpointConfig &endpoint : endpoints) {
        const DetectionForecast f = forEndpoint(detection, endpoint);
        worst.refused = std::max(worst.refused, f.refused);
        worst.silent = std::max(worst.silent, f.silent);
        worst.errorRate = std::max(worst.errorRate, f.errorRate);
        worst.slowness = std::max(worst.slowness, f.slowness);
    }
    return worst;
}

QString DetectionForecast::summary() const
{
    return tr("a crash within %1, a freeze within %2")
        .arg(QuantityText::duration(refused), QuantityText::duration(silent));
}

} // namespace Console
