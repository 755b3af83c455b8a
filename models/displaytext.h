#pragma once

#include "config.h"
#include "eventseverity.h"
#include "health.h"
#include "postgresobservation.h"

#include <QDateTime>
#include <QString>

namespace Console {

// The words and numbers the models show (DisplayRole), translated, in one place so that the
// table, the map tooltips and the log say the same thing the same way.
namespace DisplayText {

QString regionRole(RegionRole role); // "primary"
QString endpointKind(EndpointKind kind); // "HTTP", "PostgreSQL"
QString severity(EventSeverity severity); // "warning"
QString latency(double ms); // "42 ms", empty when ms < 0
QString successRate(double rate); // "99.5 %", "100 %", empty when rate < 0
QString clockTime(const QDateTime &at); // "14:02:11", local time
QString postgresRole(PostgresRole role); // "primary", "standby"

} // namespace DisplayText

} // namespace Console
