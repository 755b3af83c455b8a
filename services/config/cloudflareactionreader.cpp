#include "cloudflareactionreader.h"

#include "actiontemplate.h"
#include "configvalidator.h"
#include "yamlmapping.h"
#include "yamlnodereader.h"

#include <QHostAddress>

namespace Console {

namespace {

const QStringList RecordTypes
    = { QStringLiteral("A"), QStringLiteral("AAAA"), QStringLiteral("CNAME") };

} // namespace

CloudflareActionReader::CloudflareActionReader(
    YamlNodeReader &reader, ConfigValidator &validator, const QString &label)
    : m_reader(reader)
    , m_validator(validator)
    , m_label(label)
{ }

const QStringList &CloudflareActionReader::commonKeys()
{
    static const QStringList keys { QStringLiteral("api_base"), QStringLiteral("api_token") };
    return keys;
}

const QStringList &CloudflareActionReader::dnsKeys()
{
    static const QStringList keys { QStringLiteral("zone_id"), QStringLiteral("record_id"),
        QStringLiteral("record_name"), QStringLiteral("record_type"), QStringLiteral("content"),
        QStringLiteral("ttl"), QStringLiteral("proxied") };
    return keys;
}

const QStringList &CloudflareActionReader::poolKeys()
{
    static const QStringList keys { QStringLiteral("account_id"), QStringLiteral("pool_id"),
        QStringLiteral("enable"), QStringLiteral("disable") };
    return keys;
}

void CloudflareActionReader::read(const YamlMapping &map, ActionConfig &action)
{
    readCommon(map, action);
    if (action.kind == ActionKind::CloudflareDns)
        readDns(map, action);
    else
        readPool(map, action);
}

void CloudflareActionReader::readCommon(const YamlMapping &map, ActionConfig &action)
{
    if (const YamlField *base = map.field(u"api_base")) {
        if (const std::optional<ConfigScalar> value = m_reader.scalar(*base)) {
            if (m_validator.checkUrl(*value, base->value.Mark())) {
                action.apiBase = value->value.trimmed();
                while (action.apiBase.endsWith(u'/'))
                    action.apiBase.chop(1);
            }
        }
    }
    if (const std::optional<ConfigScalar> token = required(map, QStringLiteral("api_token"))) {
        // A token is a secret even when written into the file.
        action.apiToken = token->value.trimmed();
        m_reader.addSecretValue(action.apiToken);
    }
}

void CloudflareActionReader::readDns(const YamlMapping &map, ActionConfig &action)
{
    if (const std::optional<ConfigScalar> zone = required(map, QStringLiteral("zone_id")))
        action.zoneId = zone->value.trimmed();
    if (const std::optional<ConfigScalar> record = required(map, QStringLiteral("record_id")))
        action.recordId = record->value.trimmed();
    if (const std::optional<ConfigScalar> name = required(map, QStringLiteral("record_name"))) {
        if (m_validator.checkTemplates(*map.field(u"record_name"), *name))
            action.recordName = name->value.trimmed();
    }
    bool typeKnown = true;
    if (const YamlField *type = map.field(u"record_type")) {
        typeKnown = false;
        if (const std::optional<ConfigScalar> value = m_reader.scalar(*type)) {
            const QString upper = value->value.trimmed().toUpper();
            if (RecordTypes.contains(upper)) {
                action.recordType = upper;
                typeKnown = true;
            } else {
                m_reader.error(type->value.Mark(),
                    tr("unknown record_type %1; expected A, AAAA or CNAME")
                        .arg(YamlNodeReader::quoted(*value)));
            }
        }
    }
    if (const std::optional<ConfigScalar> content = required(map, QStringLiteral("content"))) {
        const YamlField &field = *map.field(u"content");
        if (m_validator.checkTemplates(field, *content)) {
            action.recordContent = content->value.trimmed();
            if (typeKnown)
                checkRecordContent(field, *content, action);
        }
    }
    if (const YamlField *ttl = map.field(u"ttl"))
        action.recordTtl = m_reader.integer(*ttl, 1, 86400).value_or(action.recordTtl);
    if (const YamlField *proxied = map.field(u"proxied"))
        action.recordProxied = m_reader.boolean(*proxied).value_or(action.recordProxied);
}

// An address record that does not hold an address of its family is refused by Cloudflare only
// when the failover runs; a text with templates is known only then.
void CloudflareActionReader::checkRecordContent(
    const YamlField &field, const ConfigScalar &content, const ActionConfig &action)
{
    if (!ActionTemplate::namesIn(content.displayText).isEmpty() || action.recordType == u"CNAME")
        return;
    const QHostAddress address(content.value.trimmed());
    const bool v4 = action.recordType == u"A";
    const QAbstractSocket::NetworkLayerProtocol wanted
        = v4 ? QAbstractSocket::IPv4Protocol : QAbstractSocket::IPv6Protocol;
    if (address.protocol() == wanted)
        return;
    m_reader.error(field.value.Mark(),
        v4 ? tr("content %1 is not an IPv4 address, as an A record needs")
                 .arg(YamlNodeReader::quoted(content))
           : tr("content %1 is not an IPv6 address, as an AAAA record needs")
                 .arg(YamlNodeReader::quoted(content)));
}

void CloudflareActionReader::readPool(const YamlMapping &map, ActionConfig &action)
{
    if (const std::optional<ConfigScalar> account = required(map, QStringLiteral("account_id")))
        action.accountId = account->value.trimmed();
    if (const std::optional<ConfigScalar> pool = required(map, QStringLiteral("pool_id")))
        action.poolId = pool->value.trimmed();
    const YamlField *enable = map.field(u"enable");
    const YamlField *disable = map.field(u"disable");
    if (enable)
        action.enableOrigins = readNameList(*enable);
    if (disable) {
        const QStringList names = readNameList(*disable);
        for (const QString &name : names) {
            if (action.enableOrigins.contains(name)) {
                m_reader.error(disable->keyNode.Mark(),
                    tr("origin \"%1\" is both in \"enable\" and in \"disable\"").arg(name));
            } else {
                action.disableOrigins += name;
            }
        }
    }
    if (!enable && !disable) {
        m_reader.error(map.mark(),
            tr("%1 names no origins: give \"enable\", \"disable\" or both").arg(m_label));
    }
}

QStringList CloudflareActionReader::readNameList(const YamlField &field)
{
    QStringList names;
    if (!field.value.IsSequence() || field.value.size() == 0) {
        m_reader.error(field.value.IsSequence() || field.value.IsNull() ? field.keyNode.Mark()
                                                                        : field.value.Mark(),
            tr("\"%1\" must be a list of at least one origin name").arg(field.key));
        return names;
    }
    for (const YAML::Node &item : field.value) {
        const YamlField entry { field.key, field.keyNode, item };
        const std::optional<ConfigScalar> value = m_reader.scalar(entry);
        if (!value || !m_validator.checkTemplates(entry, *value))
            continue;
        const QString name = value->value.trimmed();
        if (name.isEmpty())
            m_reader.error(item.Mark(), tr("an origin name in \"%1\" is empty").arg(field.key));
        else if (!names.contains(name))
            names += name;
    }
    return names;
}

std::optional<ConfigScalar> CloudflareActionReader::required(
    const YamlMapping &map, const QString &key)
{
    const YamlField *field = map.field(key);
    if (!field) {
        m_reader.error(map.mark(), tr("%1 is missing required key \"%2\"").arg(m_label, key));
        return std::nullopt;
    }
    const std::optional<ConfigScalar> value = m_reader.scalar(*field);
    if (!value)
        return std::nullopt;
    if (value->value.trimmed().isEmpty()) {
        m_reader.error(field->value.Mark(), tr("\"%1\" is empty").arg(key));
        return std::nullopt;
    }
    return value;
}

} // namespace Console
