#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringView>

#include <chrono>
#include <optional>

namespace Console {

// Parses the human durations of the configuration file ("30s", "500ms", "1m30s", "1.5s").
// A bare number is refused on purpose: "5000" could mean seconds as easily as milliseconds.
class DurationParser final
{
    Q_DECLARE_TR_FUNCTIONS(DurationParser)

public:
    // Qt timers take an int of milliseconds (at most 596h31m23.647s), so longer durations could
    // not be honoured; the limit is the whole hours below that, so it reads plainly.
    static constexpr qint64 MaximumMilliseconds = 596LL * 3600 * 1000;

    // Returns the duration, or nullopt with *error set to what is wrong. The error never
    // quotes the input (it may have come from a secret), the caller quotes what it may show.
    static std::optional<std::chrono::milliseconds> parse(
        QStringView text, QString *error = nullptr);

    // The shortest text parse() reads back as the same duration, e.g. "1m30s" or "800ms".
    static QString format(std::chrono::milliseconds duration);
};

} // namespace Console
