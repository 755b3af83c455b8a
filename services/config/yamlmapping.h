#pragma once

#include "yamlnodereader.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

namespace Console {

// The entries of one YAML mapping, checked against the keys its section allows: a node that is
// not a mapping, an unknown key (with a "did you mean") and a repeated key are each reported.
// Internal to console_config.
class YamlMapping final
{
    Q_DECLARE_TR_FUNCTIONS(YamlMapping)

public:
    enum class Null { IsEmpty, IsError };

    // `where` completes "unknown key "x" ..." ("in endpoint"); an empty allowedKeys accepts any key
    // (header names, JSON paths). `owner` positions the error when the node itself has no mark.
    YamlMapping(YamlNodeReader &reader, const YAML::Node &node, const YAML::Mark &owner,
        const QString &where, const QStringList &allowedKeys, Null null = Null::IsError);

    bool isMapping() const { return m_isMapping; }
    const YamlField *field(QStringView key) const;
    bool has(QStringView key) const { return field(key) != nullptr; }
    const QList<YamlField> &fields() const { return m_fields; }
    YAML::Mark mark() const { return m_mark; }

private:
    QList<YamlField> m_fields;
    YAML::Mark m_mark;
    bool m_isMapping = false;
};

} // namespace Console
