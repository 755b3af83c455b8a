#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Console {

// One PGresult copied out of libpq (text format), so parsing is pure and the PGresult is freed
// at once. A multi-statement query yields one of these per statement that ran.
struct PgResultSet
{
    using Row = QList<std::optional<QString>>; // nullopt is SQL NULL

    bool ok = false; // PGRES_TUPLES_OK or PGRES_COMMAND_OK
    QString error; // the primary message when !ok
    QByteArray sqlState; // five characters when the server sent one
    int columnCount = 0;
    QList<Row> rows;
};

// A failure that ended the session: during connect, or the connection was lost.
struct PgFailure
{
    QString message; // libpq's text, not yet scrubbed of secrets
    // Where libpq was connecting ("127.0.0.1:5432", "socket /run/postgresql/.s.PGSQL.5432"):
    // its text names the server only for some failures.
    QString target;
    bool duringConnect = false;
};

} // namespace Console
