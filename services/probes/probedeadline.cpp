#include "probedeadline.h"

#include <QCoreApplication>

#include <cmath>

namespace Console {

ProbeResult enforceDeadline(ProbeResult result, Milliseconds timeout)
{
    if (result.status == ProbeStatus::Timeout
        || result.latencyMs <= static_cast<double>(timeout.count()))
        return result;
    // Whatever came late is not evidence of now: no payload survives, only the lateness.
    ProbeResult late;
    late.endpointId = result.endpointId;
    late.status = ProbeStatus::Timeout;
    late.startedAt = result.startedAt;
    late.latencyMs = result.latencyMs;
    late.reason = QCoreApplication::translate(
        "Console::ProbeDeadline", "answered after %1 ms, past the %2 ms timeout")
                      .arg(static_cast<qint64>(std::floor(result.latencyMs)))
                      .arg(timeout.count());
    return late;
}

} // namespace Console
