#include "displaytext.h"

#include <QCoreApplication>

#include <cmath>

namespace Console::DisplayText {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Console::DisplayText", text);
}
} // namespace

QString regionRole(RegionRole role)
{
    switch (role) {
    case RegionRole::Primary: return tr("primary");
    case RegionRole::Replica: return tr("replica");
    case RegionRole::Standby: return tr("standby");
    }
    return {};
}

QString endpointKind(EndpointKind kind)
{
    switch (kind) {
    case EndpointKind::Http: return tr("HTTP");
    case EndpointKind::Postgres: return tr("PostgreSQL");
    case EndpointKind::Breakers: return tr("Breakers");
    }
    return {};
}

QString severity(EventSeverity severity)
{
    switch (severity) {
    case EventSeverity::Info: return tr("info");
    case EventSeverity::Warning: return tr("warning");
    case EventSeverity::Critical: return tr("critical");
    }
    return {};
}

QString latency(double ms)
{
    if (ms < 0)
        return {};
    // Sub-millisecond answers (loopback) would all read "0 ms"; one decimal keeps them apart.
    if (ms < 10)
        return tr("%1 ms").arg(ms, 0, 'f', 1);
    return tr("%1 ms").arg(qRound64(ms));
}

QString successRate(double rate)
{
    if (rate < 0)
        return {};
    const double percent = rate * 100;
    if (std::abs(percent - std::round(percent)) < 0.05)
        return tr("%1 %").arg(qRound(percent));
    return tr("%1 %").arg(percent, 0, 'f', 1);
}

QString clockTime(const QDateTime &at)
{
    return at.isValid() ? at.toLocalTime().toString(QStringLiteral("HH:mm:ss")) : QString();
}

QString postgresRole(PostgresRole role)
{
    return role == PostgresRole::Primary ? tr("primary") : tr("standby");
}

} // namespace Console::DisplayText
