#include "durationparser.h"

#include <array>

namespace Console {

namespace {

struct Unit
{
    QStringView name;
    qint64 milliseconds;
};

// Largest first: the components of a compound duration must appear in this order.
constexpr std::array<Unit, 4> Units { {
    { u"h", 3600000 },
    { u"m", 60000 },
    { u"s", 1000 },
    { u"ms", 1 },
} };

// Ten digits times an hour stay far below 2^63, and cover every duration that fits an int.
constexpr qsizetype MaximumDigits = 10;

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

qint64 digitsValue(QStringView digits)
{
    qint64 value = 0;
    for (QChar c : digits)
        value = value * 10 + (c.unicode() - u'0');
    return value;
}

qint64 powerOfTen(qsizetype exponent)
{
    qint64 value = 1;
    for (qsizetype i = 0; i < exponent; ++i)
        value *= 10;
    return value;
}

std::optional<std::chrono::milliseconds> failed(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

std::optional<std::chrono::milliseconds> DurationParser::parse(QStringView text, QString *error)
{
    const QStringView s = text.trimmed();
    if (s.isEmpty())
        return failed(error, tr("the duration is empty"));
    if (s.front() == u'-')
        return failed(error, tr("a duration cannot be negative"));

    qint64 total = 0;
    qsizetype pos = 0;
    qsizetype previousUnit = -1;
    while (pos < s.size()) {
        const qsizetype intStart = pos;
        while (pos < s.size() && isDigit(s[pos]))
            ++pos;
        const QStringView intDigits = s.mid(intStart, pos - intStart);
        QStringView fracDigits;
        if (pos < s.size() && s[pos] == u'.') {
            const qsizetype fracStart = ++pos;
            while (pos < s.size() && isDigit(s[pos]))
                ++pos;
            fracDigits = s.mid(fracStart, pos - fracStart);
            if (fracDigits.isEmpty())
                return failed(error, tr("expected digits after the decimal point"));
        }
        if (intDigits.isEmpty() && fracDigits.isEmpty()) {
            return failed(error,
                intStart == 0 ? tr("expected a number followed by a unit (ms, s, m or h)")
                              : tr("unexpected character (use forms like 30s, 500ms or 1m30s)"));
        }
        if (intDigits.size() > MaximumDigits || fracDigits.size() > MaximumDigits)
            return failed(error, tr("the number has too many digits"));

        const qsizetype unitStart = pos;
        while (pos < s.size() && s[pos].isLetter())
            ++pos;
        const QStringView unitName = s.mid(unitStart, pos - unitStart);
        if (unitName.isEmpty()) {
            return failed(error,
                pos == s.size() ? tr("missing unit after the number (use ms, s, m or h)")
                                : tr("unexpected character (use forms like 30s, 500ms or 1m30s)"));
        }
        qsizetype unitIndex = -1;
        for (qsizetype i = 0; i < qsizetype(Units.size()); ++i) {
            if (Units[i].name == unitName)
                unitIndex = i;
        }
        if (unitIndex < 0)
            return failed(error, tr("unknown unit (use ms, s, m or h)"));
        if (unitIndex <= previousUnit)
            return failed(error,
                tr("units must go from largest to smallest, each at most once (like 1h30m or "
                   "1m30s)"));
        previousUnit = unitIndex;

        const qint64 factor = Units[unitIndex].milliseconds;
        const qint64 scale = powerOfTen(fracDigits.size());
        const qint64 fractionPart = digitsValue(fracDigits) * factor;
        if (fractionPart % scale != 0)
            return failed(error, tr("the duration is finer than a millisecond"));
        total += digitsValue(intDigits) * factor + fractionPart / scale;
        if (total > MaximumMilliseconds)
            return failed(error,
                tr("the duration is too long (at most %1)")
                    .arg(format(std::chrono::milliseconds(MaximumMilliseconds))));
    }
    return std::chrono::milliseconds(total);
}

QString DurationParser::format(std::chrono::milliseconds duration)
{
    qint64 rest = duration.count();
    if (rest == 0)
        return QStringLiteral("0s");
    QString text;
    if (rest < 0) {
        text += u'-';
        rest = -rest;
    }
    for (const Unit &unit : Units) {
        if (rest >= unit.milliseconds) {
            text += QString::number(rest / unit.milliseconds) + unit.name;
            rest %= unit.milliseconds;
        }
    }
    return text;
}

} // namespace Console
