#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringView>

namespace Console {

// A light reading of PostgreSQL connection strings, in both libpq forms: "key=value ..." and
// "postgresql://user:password@host:port/db?param=value". It exists to check a configuration
// early and to show a connection string without its password; libpq remains the real parser.
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

    // Returns an empty string when the text is well formed, else what is wrong (without quoting
    // any value, which may be a password).
    static QString check(QStringView text);

    // The connection string without its password, for people to read.
    static QString redacted(QStringView text);

private:
    static QString oneServerOnly();
    static QString noService();
    static QList<Parameter> parseKeywords(QStringView text, QString *error);
    static QString redactedUri(QStringView text);
};

} // namespace Console
