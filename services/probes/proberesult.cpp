#include "proberesult.h"

namespace Console {

QString toString(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::Ok: return QStringLiteral("ok");
    case ProbeStatus::HttpStatus: return QStringLiteral("http-status");
    case ProbeStatus::Timeout: return QStringLiteral("timeout");
    case ProbeStatus::Refused: return QStringLiteral("refused");
    case ProbeStatus::Tls: return QStringLiteral("tls");
    case ProbeStatus::Dns: return QStringLiteral("dns");
    case ProbeStatus::BadBody: return QStringLiteral("bad-body");
    case ProbeStatus::TooLarge: return QStringLiteral("too-large");
    case ProbeStatus::NetworkError: return QStringLiteral("network-error");
    case ProbeStatus::AuthFailed: return QStringLiteral("auth-failed");
    }
    return {};
}

bool isStrongFailure(ProbeStatus status)
{
    return status == ProbeStatus::Refused || status == ProbeStatus::Dns;
}

} // namespace Console
