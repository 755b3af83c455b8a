#include "configvalidator.h"

#include "actiontemplate.h"
#include "displaytarget.h"
#include "durationparser.h"

#include <QRegularExpression>

namespace Console {

ConfigValidator::ConfigValidator(YamlNodeReader &reader)
    : m_reader(reader)
{ }

bool ConfigValidator::checkId(const QString &id, const YAML::Mark &mark)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9_-]*$"));
    if (pattern.match(id).hasMatch())
        return true;
    m_reader.error(mark,
        tr("invalid id \"%1\": use lowercase letters, digits, \"-\" and \"_\", "
           "starting with a letter or digit")
            .arg(id));
    return false;
}

void ConfigValidator::addRegionId(const QString &id, const YAML::Mark &mark)
{
    if (const auto first = m_regionLines.constFind(id); first != m_regionLines.cend()) {
        m_reader.error(
            mark, tr("duplicate region id \"%1\" (first used on line %2)").arg(id).arg(*first));
        return;
    }
    m_regionLines.insert(id, mark.line + 1);
}

void ConfigValidator::addEndpointId(const QString &id, const YAML::Mark &mark)
{
    if (const auto first = m_endpointLines.constFind(id); first != m_endpointLines.cend()) {
        m_reader.error(mark,
            tr("duplicate endpoint id \"%1\" (first used on line %2); endpoint ids must be "
               "unique across the file")
                .arg(id)
                .arg(*first));
        return;
    }
    m_endpointLines.insert(id, mark.line + 1);
}

void ConfigValidator::addActionId(const QString &id, const YAML::Mark &mark)
{
    if (const auto first = m_actionLines.constFind(id); first != m_actionLines.cend()) {
        m_reader.error(mark,
            tr("duplicate action id \"%1\" (first used on line %2); action ids must be unique "
               "across the file")
                .arg(id)
                .arg(*first));
        return;
    }
    m_actionLines.insert(id, mark.line + 1);
}

void ConfigValidator::addRole(const QString &regionId, RegionRole role, const YAML::Mark &mark)
{
    if (role != RegionRole::Primary)
        return;
    if (m_primaryLine > 0) {
        m_reader.error(mark,
            tr("region \"%1\" is a second primary (region \"%2\" on line %3 is primary); "
               "exactly one region must be primary")
                .arg(regionId, m_primary)
                .arg(m_primaryLine));
        return;
    }
    m_primary = regionId;
    m_primaryLine = mark.line + 1;
}

void ConfigValidator::checkTiming(Milliseconds interval, Milliseconds timeout,
    const YAML::Mark &mark, const QString &intervalKey, const QString &timeoutKey)
{
    if (timeout < interval)
        return;
    m_reader.error(mark,
        tr("\"%1\" (%2) must be shorter than \"%3\" (%4): probes would overlap")
            .arg(timeoutKey, DurationParser::format(timeout), intervalKey,
                DurationParser::format(interval)));
}

std::optional<QUrl> ConfigValidator::checkUrl(const ConfigScalar &url, const YAML::Mark &mark)
{
    const QUrl parsed(url.value.trimmed(), QUrl::StrictMode);
    QString problem;
    if (!parsed.isValid())
        problem = tr("not a valid URL");
    else if (parsed.scheme() != u"http" && parsed.scheme() != u"https")
        problem = tr("the scheme must be http or https");
    else if (parsed.host().isEmpty())
        problem = tr("the host is missing");
    if (problem.isEmpty())
        return parsed;
    // Shown without user info and query: a URL written inline may carry a password or token.
    m_reader.error(
        mark, tr("malformed URL \"%1\": %2").arg(DisplayTarget::forUrl(url.displayText), problem));
    return std::nullopt;
}

bool ConfigValidator::checkHeaderName(const YamlField &header)
{
    // RFC 9110 token characters; anything else would let a name smuggle in another header.
    static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
    if (token.match(header.key).hasMatch())
        return true;
    m_reader.error(header.keyNode.Mark(), tr("invalid header name \"%1\"").arg(header.key));
    return false;
}

bool ConfigValidator::checkHeaderValue(const YamlField &header, const ConfigScalar &value)
{
    if (value.value.contains(u'\r') || value.value.contains(u'\n')) {
        m_reader.error(
            header.value.Mark(), tr("header \"%1\" must be on one line").arg(header.key));
        return false;
    }
    return true;
}

bool ConfigValidator::checkTemplates(const YamlField &field, const ConfigScalar &value)
{
    // The display text: a value from the environment is never quoted, nor taken for a template.
    bool ok = true;
    const QStringList names = ActionTemplate::namesIn(value.displayText);
    for (const QString &name : names) {
        if (ActionTemplate::knownNames().contains(name))
            continue;
        ok = false;
        m_reader.error(field.value.Mark(),
            tr("unknown template \"{%1}\" in \"%2\"; known templates are %3")
                .arg(name, field.key, ActionTemplate::knownNamesText()));
    }
    return ok;
}

void ConfigValidator::finish(const YAML::Mark &regionsMark)
{
    if (m_primaryLine == 0 && !m_regionLines.isEmpty())
        m_reader.error(
            regionsMark, tr("no region has role \"primary\"; exactly one region must be primary"));
}

} // namespace Console
