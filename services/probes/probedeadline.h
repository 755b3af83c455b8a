#pragma once

#include "config.h"
#include "proberesult.h"

namespace Console {

// The one rule that decides whether an answer came in time, shared by every prober so the
// verdict never depends on which of two queued events a busy thread handled first: an answer
// measured past the endpoint's timeout is a timeout, whatever it said. Under load the deadline
// timer can fire after the reply has already been read; without this a row read "healthy,
// 37,658 ms" against an 800 ms timeout.
// A result already a Timeout, or within the timeout, is returned unchanged.
ProbeResult enforceDeadline(ProbeResult result, Milliseconds timeout);

} // namespace Console
