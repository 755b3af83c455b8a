#pragma once

#include "proberesult.h"

#include <QString>

namespace Console {

// Text and facts about one probe outcome, shared by the health verdicts and the models so that
// the same failure reads the same everywhere.

// "timeout: no answer within 800 ms"; the status label is not repeated when the reason already
// starts with it. Empty for a successful probe.
QString describeFailure(const ProbeResult &result);
// A pill-sized word for a failed probe: "timeout", "refused", "HTTP 503", "TLS", "DNS",
// "bad body", "too large", "network", "auth failed". Empty for a successful probe.
QString shortFailure(const ProbeResult &result);

// A short human label for a status ("connection refused", "timeout", ...).
QString statusLabel(ProbeStatus status);

// True when the target answered (even wrongly), so latencyMs measures a round trip; a refused,
// timed-out or unresolved probe has a latency that says nothing about the service.
bool hasAnswer(const ProbeResult &result);

} // namespace Console
