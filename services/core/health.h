#pragma once

#include <QString>

namespace Console {

// The verdict on an endpoint or a region, from the detection thresholds.
enum class Health { Unknown, Healthy, Degraded, Unhealthy };

// How bad a health is, for "the worst of": Unknown ranks below Healthy, because any verdict is
// news after no verdict.
int rank(Health health);
// The worse of two verdicts by rank().
Health worse(Health a, Health b);

// A stable machine name for JSON and logs: "unknown", "healthy", "degraded", "unhealthy".
QString toString(Health health);
// The translated word people read: "Healthy".
QString healthLabel(Health health);

} // namespace Console
