#include "demoregionspec.h"

namespace Console {

QList<DemoRegionSpec> defaultDemoRegions()
{
    using namespace std::chrono_literals;
    // Latencies are a scaled-down version of the reference's distances from US East, so the
    // latency chart shows three distinct bands without slowing the demo down.
    return {
        { QStringLiteral("us-east"), QStringLiteral("US East (N. Virginia)"), 38.9, -77.4,
            RegionRole::Primary, 5ms, 0ms, QString() },
        { QStringLiteral("eu-west"), QStringLiteral("EU West (Ireland)"), 53.3, -6.3,
            RegionRole::Standby, 15ms, 80ms, QStringLiteral("us-east") },
        { QStringLiteral("ap-southeast"), QStringLiteral("APAC (Singapore)"), 1.35, 103.8,
            RegionRole::Replica, 40ms, 180ms, QStringLiteral("us-east") },
    };
}

} // namespace Console
