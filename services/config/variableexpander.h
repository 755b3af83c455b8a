#pragma once

#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace Console {

// The result of expanding the ${VAR} references of one scalar.
struct ExpandedText
{
    QString value;
    // What may be shown: text taken from the process environment stays as "${NAME}".
    QString displayText;
    // Values substituted from the process environment; they are secrets.
    QStringList secretValues;
    QStringList errors; // one per problem, never quoting a secret
    bool isSecret() const { return !secretValues.isEmpty(); }
    bool ok() const { return errors.isEmpty(); }
};

// Expands "${NAME}" and "${NAME:-default}" in configuration values ("$${" writes a literal "${").
// Names are looked up in the extra variables first, then in the process environment. Extra
// variables are supplied by the program itself (the demo's port numbers) and are not secrets;
// anything read from the environment is treated as one (API keys and passwords arrive that way).
class VariableExpander final
{
    Q_DECLARE_TR_FUNCTIONS(VariableExpander)

public:
    explicit VariableExpander(const QMap<QString, QString> &extraVariables = {});

    ExpandedText expand(QStringView text) const;

private:
    void substitute(QStringView reference, ExpandedText &out) const;

    QMap<QString, QString> m_extraVariables;
};

} // namespace Console
