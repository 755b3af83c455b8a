#pragma once

#include "configdiagnostic.h"
#include "configlimits.h"
#include "variableexpander.h"

#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <optional>

namespace Console {

// One "key: value" entry of a YAML mapping.
struct YamlField
{
    QString key;
    YAML::Node keyNode;
    YAML::Node value;
};

// A scalar value after ${VAR} expansion.
struct ConfigScalar
{
    QString value;
    QString displayText; // safe to print: text from the environment stays "${NAME}"
    bool secret = false;
};

// Turns YAML nodes into typed values for the configuration readers and records a positioned
// diagnostic for every problem instead of stopping, so one pass reports all of them.
// Internal to console_config (yaml-cpp is a private dependency).
class YamlNodeReader final
{
    Q_DECLARE_TR_FUNCTIONS(YamlNodeReader)
    Q_DISABLE_COPY_MOVE(YamlNodeReader)

public:
    YamlNodeReader(const QString &fileName, const QMap<QString, QString> &extraVariables);

    void error(const YAML::Mark &mark, const QString &message);
    // Parses a whole file's text behind the guards every reader needs: the pre-scan (an open
    // quote, deep nesting), the alias-amplification check, and yaml-cpp's own exceptions, each
    // reported here with its position. A null node when the text cannot be read.
    YAML::Node load(const QByteArray &yaml);
    const QList<ConfigDiagnostic> &diagnostics() const { return m_diagnostics; }
    // Problems past ConfigLimits::MaxDiagnostics: counted, not kept.
    int unlistedDiagnostics() const { return m_unlisted; }
    // False once further problems are only counted: costly wording (a suggestion) can be skipped.
    bool listsMore() const { return m_diagnostics.size() < ConfigLimits::MaxDiagnostics; }
    // Every value substituted from the environment so far.
    const QStringList &secretValues() const { return m_secretValues; }
    // A value that is secret although written in the file (an API token): masked like the others.
    void addSecretValue(const QString &value);

    // Each returns nullopt after reporting why the value is unusable.
    // Values longer than `maxLength` characters are refused without being quoted.
    std::optional<ConfigScalar> scalar(
        const YamlField &field, qsizetype maxLength = ConfigLimits::MaxValueLength);
    std::optional<QString> text(const YamlField &field,
        qsizetype maxLength = ConfigLimits::MaxValueLength); // non-empty
    // An id or a name: text of at most ConfigLimits::MaxNameLength characters, written in the
    // file or taken from the extra variables, never from the environment.
    std::optional<QString> name(const YamlField &field);
    std::optional<int> integer(const YamlField &field, int minimum, int maximum);
    std::optional<double> number(const YamlField &field, double minimum, double maximum);
    std::optional<bool> boolean(const YamlField &field);
    std::optional<std::chrono::milliseconds> duration(const YamlField &field, bool allowZero);
    std::optional<qint64> byteSize(const YamlField &field);
    std::optional<double> fraction(const YamlField &field); // "50%" or 0.5, above 0 and at most 1

    // The value as it may appear in a message, in double quotes.
    static QString quoted(const ConfigScalar &scalar);
    // "a mapping", "a list" or "a single value", for type errors.
    static QString describe(const YAML::Node &node);

private:
    void tooLong(const YamlField &field, qsizetype length, qsizetype maxLength, bool bytes);

    QString m_fileName;
    VariableExpander m_expander;
    QList<ConfigDiagnostic> m_diagnostics;
    int m_unlisted = 0;
    QStringList m_secretValues;
};

} // namespace Console
