#pragma once

#include "consoleevent.h"

#include <QByteArray>
#include <QJsonObject>

namespace Console {

// One event as one JSON object: the envelope (seq, time, mono_ms, kind, severity, region,
// endpoint, message) and the event's fields at the same level, so `jq 'select(.kind ==
// "endpoint-health") | .to'` reads naturally. Field keys never shadow the envelope.
QJsonObject eventToJson(const ConsoleEvent &event);
// The same, compact, ending in a newline: one line per event.
QByteArray eventToJsonLine(const ConsoleEvent &event);

} // namespace Console
