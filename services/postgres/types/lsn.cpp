#include "lsn.h"

#include <limits>

namespace Console {

namespace {

int hexDigit(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

std::optional<quint32> parseHalf(QStringView digits)
{
    // toUInt would also take "+1", " 1" and "0x1"; pg_lsn_in takes hex digits only.
    if (digits.isEmpty() || digits.size() > 8)
        return std::nullopt;
    quint32 value = 0;
    for (const QChar c : digits) {
        const int digit = hexDigit(c);
        if (digit < 0)
            return std::nullopt;
        value = (value << 4) | static_cast<quint32>(digit);
    }
    return value;
}

} // namespace

std::optional<quint64> parseLsn(QStringView text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash < 0)
        return std::nullopt;
    const std::optional<quint32> high = parseHalf(text.left(slash));
    const std::optional<quint32> low = parseHalf(text.mid(slash + 1));
    if (!high || !low)
        return std::nullopt;
    return (static_cast<quint64>(*high) << 32) | *low;
}

QString formatLsn(quint64 lsn)
{
    return QString::number(lsn >> 32, 16).toUpper() + u'/'
        + QString::number(lsn & 0xFFFFFFFFu, 16).toUpper();
}

std::optional<qint64> lsnDiff(const QString &a, const QString &b)
{
    const std::optional<quint64> from = parseLsn(a);
    const std::optional<quint64> to = parseLsn(b);
    if (!from || !to)
        return std::nullopt;
    constexpr quint64 maxDiff = std::numeric_limits<qint64>::max();
    if (*from >= *to) {
        const quint64 diff = *from - *to;
        return diff <= maxDiff ? std::optional<qint64>(static_cast<qint64>(diff)) : std::nullopt;
    }
    const quint64 diff = *to - *from;
    return diff <= maxDiff ? std::optional<qint64>(-static_cast<qint64>(diff)) : std::nullopt;
}

} // namespace Console
