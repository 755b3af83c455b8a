#pragma once

#include "health.h"

#include <QString>

namespace Console {

// How loudly an event-log entry speaks. It lives in the core, not in the models, so that services
// (failover, drills) can classify their own events without knowing about item models.
enum class EventSeverity { Info, Warning, Critical };

QString toString(EventSeverity severity);

// The severity of arriving at a health: unhealthy is critical, degraded a warning, the rest info.
EventSeverity severityFor(Health health);

} // namespace Console
