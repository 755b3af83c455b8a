#include "quantitytext.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace Console::QuantityText {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Console::QuantityText", text);
}
} // namespace

QString duration(std::chrono::milliseconds duration)
{
    const qint64 ms = duration.count();
    if (ms != 0 && ms % 60000 == 0 && ms < 3600000)
        return tr("%1 min").arg(ms / 60000);
    if (ms != 0 && ms % 1000 == 0 && ms < 120000)
        return tr("%1 s").arg(ms / 1000);
    if (std::abs(ms) < 1000)
        return tr("%1 ms").arg(ms);
    return seconds(double(ms) / 1000.0);
}

QString seconds(double seconds)
{
    if (seconds < 10)
        return tr("%1 s").arg(seconds, 0, 'f', 2);
    if (seconds < 120)
        return tr("%1 s").arg(seconds, 0, 'f', 1);
    const qint64 whole = qint64(seconds);
    if (whole < 3600)
        return tr("%1 min %2 s").arg(whole / 60).arg(whole % 60);
    return tr("%1 h %2 min").arg(whole / 3600).arg(whole % 3600 / 60);
}

QString elapsed(std::chrono::milliseconds span)
{
    const qint64 total = std::max<qint64>(0, span.count() / 1000);
    const qint64 days = total / 86400;
    const qint64 hours = total % 86400 / 3600;
    const qint64 minutes = total % 3600 / 60;
    const qint64 secs = total % 60;
    const QString mmss = QStringLiteral("%1:%2")
                             .arg(minutes, hours || days ? 2 : 1, 10, QLatin1Char('0'))
                             .arg(secs, 2, 10, QLatin1Char('0'));
    if (days)
        return tr("%1 d %2:%3").arg(days).arg(hours, 2, 10, QLatin1Char('0')).arg(mmss);
    if (hours)
        return QStringLiteral("%1:%2").arg(hours).arg(mmss);
    return mmss;
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

} // namespace Console::QuantityText
