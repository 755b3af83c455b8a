#include "probetext.h"

#include <QCoreApplication>

namespace Console {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Console::ProbeText", text);
}
} // namespace

QString statusLabel(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::Ok: return tr("ok");
    case ProbeStatus::HttpStatus: return tr("unexpected HTTP status");
    case ProbeStatus::Timeout: return tr("timeout");
    case ProbeStatus::Refused: return tr("connection refused");
    case ProbeStatus::Tls: return tr("TLS error");
    case ProbeStatus::Dns: return tr("DNS lookup failed");
    case ProbeStatus::BadBody: return tr("unexpected body");
    case ProbeStatus::TooLarge: return tr("body too large");
    case ProbeStatus::NetworkError: return tr("network error");
    case ProbeStatus::AuthFailed: return tr("authentication failed");
    }
    return {};
}

QString describeFailure(const ProbeResult &result)
{
    if (result.ok())
        return {};
    const QString label = statusLabel(result.status);
    const QString reason = result.reason.trimmed();
    // Probers often phrase the reason themselves ("connection refused by 10.0.0.1:5432",
    // "TLS: certificate expired"): no prefix then, or it reads "TLS error: TLS: ...".
    const bool phrased = reason.startsWith(label, Qt::CaseInsensitive)
        || (result.status == ProbeStatus::Tls
            && reason.startsWith(QLatin1String("TLS"), Qt::CaseInsensitive));
    if (reason.isEmpty() || phrased)
        return reason.isEmpty() ? label : reason;
    return QCoreApplication::translate("Console::ProbeText", "%1: %2").arg(label, reason);
}

QString shortFailure(const ProbeResult &result)
{
    switch (result.status) {
    case ProbeStatus::Ok: return {};
    case ProbeStatus::HttpStatus:
        return result.httpStatus > 0 ? tr("HTTP %1").arg(result.httpStatus) : tr("HTTP status");
    case ProbeStatus::Timeout: return tr("timeout");
    case ProbeStatus::Refused: return tr("refused");
    case ProbeStatus::Tls: return tr("TLS");
    case ProbeStatus::Dns: return tr("DNS");
    case ProbeStatus::BadBody: return tr("bad body");
    case ProbeStatus::TooLarge: return tr("too large");
    case ProbeStatus::NetworkError: return tr("network");
    case ProbeStatus::AuthFailed: return tr("auth failed");
    }
    return {};
}

bool hasAnswer(const ProbeResult &result)
{
    if (result.latencyMs < 0)
        return false;
    switch (result.status) {
    case ProbeStatus::Ok:
    case ProbeStatus::HttpStatus:
    case ProbeStatus::BadBody:
    case ProbeStatus::TooLarge:
    case ProbeStatus::AuthFailed: return true;
    case ProbeStatus::Timeout:
    case ProbeStatus::Refused:
    case ProbeStatus::Tls:
    case ProbeStatus::Dns:
    case ProbeStatus::NetworkError: return false;
    }
    return false;
}

} // namespace Console
