#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringView>

namespace Console {

// A reading of PostgreSQL connection strings, in both libpq forms: "key=value ..." and
// "postgresql://user:password@host:port/db?param=value", to check a configuration when it is
// loaded and to show a connection string without its password. check() ends with libpq's own
// parser (PQconninfoParse), so --check-config refuses what the running console would.
class ConnInfo final
{
    Q_DECLARE_TR_FUNCTIONS(ConnInfo)

public:
    struct Parameter
    {
        QString key;
        QString rawValue; // as written, quotes included
    };

    static bool isUri(QStringView text);

    // Returns an empty string when the text is well formed, names one server and sets only
    // options libpq knows to values it accepts; else what is wrong (without quoting any value
    // that may be a password). `shown` is the text as the file shows it, "${NAME}" unexpanded:
    // an option's name or value is quoted only when it appears there, so a part that came from
    // the environment never is (empty: `text` is all as written).
    static QString check(QStringView text, QStringView shown = {});

    // The connection string without its password, for people to read.
    static QString redacted(QStringView text);

private:
    static QString oneServerOnly();
    static QString noService();
    static QString checkWithLibpq(QStringView text, QStringView shown);
    static QList<Parameter> parseKeywords(QStringView text, QString *error);
    static QString redactedUri(QStringView text);
};

} // namespace Console
