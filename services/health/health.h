#pragma once

#include <QString>

namespace Console {

// The verdict on an endpoint or a region, from the detection thresholds.
enum class Health { Unknown, Healthy, Degraded, Unhealthy };

QString toString(Health health);

} // namespace Console
