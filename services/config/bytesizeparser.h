#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringView>

#include <optional>

namespace Console {

// Parses byte sizes such as "65536", "64KiB", "1MiB" or "2MB" (KiB/MiB/GiB are powers of 1024,
// kB/MB/GB powers of 1000, a bare number is bytes).
class ByteSizeParser final
{
    Q_DECLARE_TR_FUNCTIONS(ByteSizeParser)

public:
    // A body limit above this is a typo, and it keeps every product far from overflow.
    static constexpr qint64 MaximumBytes = qint64(1) << 40;

    // Returns the size in bytes, or nullopt with *error saying what is wrong (without quoting the
    // input).
    static std::optional<qint64> parse(QStringView text, QString *error = nullptr);
};

} // namespace Console
