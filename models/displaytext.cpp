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

QString health(Health health)
{
    switch (health) {
    case Health::Unknown: return tr("unknown");
    case Health::Healthy: return tr("healthy");
    case Health::Degraded: return tr("degraded");
    case Health::Unhealthy: return tr("unhealthy");
    }
    return {};
}

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

QString bytes(qint64 bytes)
{
    if (bytes < 1024)
        return tr("%1 B").arg(bytes);
    if (bytes < 1024 * 1024)
        return tr("%1 KiB").arg(double(bytes) / 1024.0, 0, 'f', 1);
    if (bytes < qint64(1024) * 1024 * 1024)
        return tr("%1 MiB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
    return tr("%1 GiB").arg(double(bytes) / (1024.0 * 1024.0 * 1024.0), 0, 'f', 2);
}

QString seconds(double seconds)
{
    if (seconds < 10)
        return tr("%1 s").arg(seconds, 0, 'f', 2);
    if (seconds < 120)
        return tr("%1 s").arg(seconds, 0, 'f', 1);
    const qint64 whole = qint64(seconds);
    return tr("%1 min %2 s").arg(whole / 60).arg(whole % 60);
}

QString postgresRole(PostgresRole role)
{
    return role == PostgresRole::Primary ? tr("primary") : tr("standby");
}

} // namespace Console::DisplayText
