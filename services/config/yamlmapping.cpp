#include "yamlmapping.h"

#include "configlimits.h"
#include "keysuggester.h"

#include <QSet>

namespace Console {

YamlMapping::YamlMapping(YamlNodeReader &reader, const YAML::Node &node, const YAML::Mark &owner,
    const QString &where, const QStringList &allowedKeys, Null null)
    : m_mark(node.Mark().line >= 0 ? node.Mark() : owner)
{
    if (!node.IsDefined() || node.IsNull()) {
        m_isMapping = null == Null::IsEmpty;
        if (!m_isMapping)
            reader.error(
                m_mark, tr("expected a mapping of keys to values %1, found nothing").arg(where));
        return;
    }
    if (!node.IsMap()) {
        reader.error(m_mark,
            tr("expected a mapping of keys to values %1, not %2")
                .arg(where, YamlNodeReader::describe(node)));
        return;
    }
    m_isMapping = true;

    QSet<QString> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const YAML::Node keyNode = it->first;
        if (!keyNode.IsScalar()) {
            reader.error(keyNode.Mark(),
                tr("keys must be plain names, not %1").arg(YamlNodeReader::describe(keyNode)));
            continue;
        }
        const QString key = QString::fromStdString(keyNode.Scalar());
        if (key.size() > ConfigLimits::MaxKeyLength) {
            // Neither compared with the known keys (its length times theirs) nor quoted whole.
            reader.error(keyNode.Mark(),
                tr("unknown key \"%1…\" (%2 characters) %3")
                    .arg(key.left(ConfigLimits::MaxKeyLength))
                    .arg(key.size())
                    .arg(where));
            continue;
        }
        if (!allowedKeys.isEmpty() && !allowedKeys.contains(key)) {
            // A file of junk keys past the listed diagnostics must not cost a suggestion each.
            const QString suggestion
                = reader.listsMore() ? KeySuggester::closest(key, allowedKeys) : QString();
            reader.error(keyNode.Mark(),
                suggestion.isEmpty() ? tr("unknown key \"%1\" %2").arg(key, where)
                                     : tr("unknown key \"%1\" %2; did you mean \"%3\"?")
                                           .arg(key, where, suggestion));
            continue;
        }
        if (seen.contains(key)) {
            reader.error(keyNode.Mark(), tr("key \"%1\" appears twice %2").arg(key, where));
            continue;
        }
        seen.insert(key);
        m_fields.append({ key, keyNode, it->second });
    }
}

const YamlField *YamlMapping::field(QStringView key) const
{
    for (const YamlField &f : m_fields) {
        if (f.key == key)
            return &f;
    }
    return nullptr;
}

} // namespace Console
