#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace Console {

// PostgreSQL's pg_lsn text form, "16/B374D848": the high and low 32 bits in hexadecimal, each
// one to eight digits, as pg_lsn_in accepts them. Unset for anything else (empty, a sign, spaces,
// a ninth digit), so a NULL or unreadable column never turns into position 0.
std::optional<quint64> parseLsn(QStringView text);

// The form PostgreSQL prints: upper case, no leading zeros ("0/0", "16/B374D848").
QString formatLsn(quint64 lsn);

// a - b in bytes, as pg_wal_lsn_diff(a, b); unset when either does not parse or the difference
// does not fit.
std::optional<qint64> lsnDiff(const QString &a, const QString &b);

} // namespace Console
