#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <yaml-cpp/mark.h>

#include <optional>

namespace Console {

// A problem with the aliases of a document: where, and what.
struct YamlAliasProblem
{
    YAML::Mark mark;
    QString message;
};

// Counts what YAML aliases (*name) add to a document before any reader walks it. yaml-cpp shares
// an aliased node instead of copying it, but the readers visit it once per use: a 44 KiB file
// whose 5,000 endpoints alias one endpoint whose headers alias 3,000 headers kept --check-config
// busy for over a minute, and each level of nesting multiplies ("billion laughs"). An alias
// inside the node it names would even repeat without end. Internal to console_config.
class YamlAliasCheck final
{
    Q_DECLARE_TR_FUNCTIONS(YamlAliasCheck)

public:
    // Checks the first document, the one YAML::Load reads. Throws YAML::ParserException on a
    // syntax error, as YAML::Load would.
    static std::optional<YamlAliasProblem> check(const QByteArray &yaml);
};

} // namespace Console
