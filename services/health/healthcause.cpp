#include "healthcause.h"

namespace Console {

QString toString(HealthCause cause)
{
    switch (cause) {
    case HealthCause::None: return QStringLiteral("none");
    case HealthCause::StrongFailure: return QStringLiteral("strong-failure");
    case HealthCause::FailureRun: return QStringLiteral("failure-run");
    case HealthCause::ErrorRate: return QStringLiteral("error-rate");
    case HealthCause::Slowness: return QStringLiteral("slowness");
    case HealthCause::Recovering: return QStringLiteral("recovering");
    case HealthCause::Recovered: return QStringLiteral("recovered");
    case HealthCause::LagSeconds: return QStringLiteral("lag-seconds");
    case HealthCause::LagBytes: return QStringLiteral("lag-bytes");
    case HealthCause::ReplayPaused: return QStringLiteral("replay-paused");
    case HealthCause::NotStreaming: return QStringLiteral("not-streaming");
    }
    return {};
}

} // namespace Console
