#include "bytesizeparser.h"

#include <array>

namespace Console {

namespace {

struct SizeUnit
{
    QStringView name;
    qint64 bytes;
};

constexpr std::array<SizeUnit, 9> SizeUnits { {
    { u"", 1 },
    { u"B", 1 },
    { u"KiB", qint64(1) << 10 },
    { u"MiB", qint64(1) << 20 },
    { u"GiB", qint64(1) << 30 },
    { u"kB", 1000 },
    { u"KB", 1000 },
    { u"MB", 1000 * 1000 },
    { u"GB", 1000 * 1000 * 1000 },
} };

std::optional<qint64> failed(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

std::optional<qint64> ByteSizeParser::parse(QStringView text, QString *error)
{
    const QStringView s = text.trimmed();
    if (s.isEmpty())
        return failed(error, tr("the size is empty"));
    if (s.front() == u'-')
        return failed(error, tr("a size cannot be negative"));

    qsizetype pos = 0;
    while (pos < s.size() && (s[pos].isDigit() || s[pos] == u'.'))
        ++pos;
    const QStringView number = s.first(pos);
    const QStringView unitName = s.sliced(pos).trimmed();

    bool numberOk = false;
    const double value = number.toDouble(&numberOk);
    if (number.isEmpty() || !numberOk)
        return failed(
            error, tr("expected a number of bytes, optionally followed by KiB, MiB or GiB"));

    const SizeUnit *unit = nullptr;
    for (const SizeUnit &candidate : SizeUnits) {
        if (candidate.name == unitName)
            unit = &candidate;
    }
    if (!unit)
        return failed(error, tr("unknown unit (use B, KiB, MiB, GiB, kB, MB or GB)"));

    const double bytes = value * double(unit->bytes);
    if (bytes > double(MaximumBytes))
        return failed(error, tr("the size is too large (at most 1 TiB)"));
    if (bytes != double(qint64(bytes)))
        return failed(error, tr("the size is not a whole number of bytes"));
    return qint64(bytes);
}

} // namespace Console
