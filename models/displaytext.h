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

QString health(Health health); // "healthy"
QString regionRole(RegionRole role); // "primary"
QString endpointKind(EndpointKind kind); // "HTTP", "PostgreSQL"
QString severity(EventSeverity severity); // "warning"
QString latency(double ms); // "42 ms", empty when ms < 0
QString successRate(double rate); // "99.5 %", "100 %", empty when rate < 0
QString clockTime(const QDateTime &at); // "14:02:11", local time
QString bytes(qint64 bytes); // "0 B", "12.0 KiB", "3.4 MiB"
QString seconds(double seconds); // "0.04 s", "12.3 s", "4 min 10 s"
QString postgresRole(PostgresRole role); // "primary", "standby"

} // namespace DisplayText

} // namespace Console
