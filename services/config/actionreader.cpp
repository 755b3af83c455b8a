#include "actionreader.h"

#include "actiontemplate.h"
#include "cloudflareactionreader.h"
#include "configvalidator.h"
#include "yamlmapping.h"
#include "yamlnodereader.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <utility>

namespace Console {

namespace {

using namespace std::chrono_literals;

// An action that may take longer than this is a job, not a failover step.
constexpr std::chrono::milliseconds MaxTimeout = 1h;

const QStringList CommonKeys
    = { QStringLiteral("id"), QStringLiteral("kind"), QStringLiteral("timeout") };
const QStringList CommandKeys = { QStringLiteral("command") };
const QStringList HttpKeys = { QStringLiteral("url"), QStringLiteral("method"),
    QStringLiteral("headers"), QStringLiteral("body"), QStringLiteral("ca_file") };
const QStringList SlackKeys = { QStringLiteral("url"), QStringLiteral("ca_file") };
// Every Cloudflare request may need a CA too (a TLS-inspecting proxy on the way).
const QStringList CloudflareKeys
    = CloudflareActionReader::commonKeys() + QStringList { QStringLiteral("ca_file") };
const QStringList DnsKeys = CloudflareActionReader::dnsKeys();
const QStringList PoolKeys = CloudflareActionReader::poolKeys();
const QStringList Methods = { QStringLiteral("GET"), QStringLiteral("HEAD"), QStringLiteral("POST"),
    QStringLiteral("PUT"), QStringLiteral("PATCH"), QStringLiteral("DELETE") };

QStringList allKeys()
{
    QStringList keys = CommonKeys + CommandKeys + HttpKeys + CloudflareKeys + DnsKeys + PoolKeys;
    keys.removeDuplicates();
    return keys;
}

QStringList keysOf(ActionKind kind)
{
    switch (kind) {
    case ActionKind::Command: return CommandKeys;
    case ActionKind::Http: return HttpKeys;
    case ActionKind::SlackWebhook: return SlackKeys;
    case ActionKind::CloudflareDns: return CloudflareKeys + DnsKeys;
    case ActionKind::CloudflarePool: return CloudflareKeys + PoolKeys;
    }
    return {};
}

// Every known template filled with a harmless word: a URL with "{target_region}" in its host is
// checked as the URL it will be.
ConfigScalar withSampleValues(const ConfigScalar &scalar)
{
    static const QMap<QString, QString> samples = [] {
        QMap<QString, QString> values;
        for (const QString &name : ActionTemplate::knownNames())
            values.insert(name, QStringLiteral("x"));
        return values;
    }();
    return { ActionTemplate::expand(scalar.value, samples), scalar.displayText, scalar.secret };
}

} // namespace

ActionReader::ActionReader(
    YamlNodeReader &reader, ConfigValidator &validator, const QString &baseDir)
    : m_reader(reader)
    , m_validator(validator)
    , m_baseDir(baseDir)
{ }

QList<ActionConfig> ActionReader::readList(const YamlField &field, const QString &owner)
{
    QList<ActionConfig> actions;
    // "traffic:" with nothing after it says "none", like an empty list.
    if (!field.value.IsDefined() || field.value.IsNull())
        return actions;
    if (!field.value.IsSequence()) {
        m_reader.error(field.value.Mark(),
            tr("\"%1\" must be a list of actions, not %2")
                .arg(field.key, YamlNodeReader::describe(field.value)));
        return actions;
    }
    int index = 0;
    for (const YAML::Node &item : field.value) {
        const YamlField entry { field.key, field.keyNode, item };
        const QString defaultId = owner + u'[' + QString::number(index++) + u']';
        if (std::optional<ActionConfig> action = read(entry, defaultId))
            actions.append(*action);
    }
    return actions;
}

std::optional<ActionConfig> ActionReader::read(const YamlField &field, const QString &defaultId)
{
    const YamlMapping map(m_reader, field.value, field.keyNode.Mark(), tr("in action"), allKeys());
    if (!map.isMapping())
        return std::nullopt;
    const qsizetype secretsBefore = m_reader.secretValues().size();
    ActionConfig action;
    readId(map, action, defaultId);
    const std::optional<ActionKind> kind = readKind(map, action);
    if (!kind)
        return std::nullopt;
    action.kind = *kind;
    rejectForeignKeys(map, action);
    readTimeout(map, action);
    switch (action.kind) {
    case ActionKind::Command: readCommand(map, action); break;
    case ActionKind::Http:
    case ActionKind::SlackWebhook: readHttp(map, action); break;
    case ActionKind::CloudflareDns:
    case ActionKind::CloudflarePool:
        CloudflareActionReader(m_reader, m_validator, label(action)).read(map, action);
        readCaFile(map, action);
        break;
    }
    // What this action read from the environment, and its token: the runner masks them all.
    action.secretValues = m_reader.secretValues().mid(secretsBefore);
    if (!action.apiToken.isEmpty())
        action.secretValues += action.apiToken;
    action.secretValues.removeDuplicates();
    return action;
}

void ActionReader::readId(const YamlMapping &map, ActionConfig &action, const QString &defaultId)
{
    const YamlField *id = map.field(u"id");
    if (!id) {
        // Built from ids the validator has seen, so it is unique without being registered.
        action.id = defaultId;
        return;
    }
    if (const std::optional<QString> value = m_reader.name(*id)) {
        action.id = *value;
        if (m_validator.checkId(action.id, id->value.Mark()))
            m_validator.addActionId(action.id, id->value.Mark());
    }
    if (action.id.isEmpty())
        action.id = defaultId;
}

std::optional<ActionKind> ActionReader::readKind(const YamlMapping &map, const ActionConfig &action)
{
    const YamlField *kind = map.field(u"kind");
    if (!kind) {
        reportMissing(map, action, QStringLiteral("kind"));
        return std::nullopt;
    }
    const std::optional<ConfigScalar> value = m_reader.scalar(*kind);
    if (!value)
        return std::nullopt;
    const QString word = value->value.trimmed();
    for (ActionKind candidate : { ActionKind::Command, ActionKind::Http, ActionKind::CloudflareDns,
             ActionKind::CloudflarePool, ActionKind::SlackWebhook }) {
        if (word == toString(candidate))
            return candidate;
    }
    m_reader.error(kind->value.Mark(),
        tr("unknown kind %1; expected command, http, cloudflare-dns, cloudflare-pool or slack")
            .arg(YamlNodeReader::quoted(*value)));
    return std::nullopt;
}

void ActionReader::rejectForeignKeys(const YamlMapping &map, const ActionConfig &action)
{
    const QStringList own = CommonKeys + keysOf(action.kind);
    for (const YamlField &field : map.fields()) {
        if (!own.contains(field.key))
            m_reader.error(field.keyNode.Mark(), foreignKeyMessage(field.key, action.kind));
    }
}

// Whole sentences, so that a translation never has to glue an article to a kind.
QString ActionReader::foreignKeyMessage(const QString &key, ActionKind kind)
{
    switch (kind) {
    case ActionKind::Command: return tr("\"%1\" does not apply to a command action").arg(key);
    case ActionKind::Http: return tr("\"%1\" does not apply to an http action").arg(key);
    case ActionKind::SlackWebhook:
        // The one key people expect to work: say why it does not.
        return key == u"body"
            ? tr("\"body\" does not apply to a slack action: the console writes the message")
            : tr("\"%1\" does not apply to a slack action").arg(key);
    case ActionKind::CloudflareDns:
        return tr("\"%1\" does not apply to a cloudflare-dns action").arg(key);
    case ActionKind::CloudflarePool:
        return tr("\"%1\" does not apply to a cloudflare-pool action").arg(key);
    }
    return {};
}

void ActionReader::readTimeout(const YamlMapping &map, ActionConfig &action)
{
    const YamlField *field = map.field(u"timeout");
    if (!field)
        return;
    const std::optional<std::chrono::milliseconds> timeout = m_reader.duration(*field, false);
    if (!timeout)
        return;
    if (*timeout > MaxTimeout) {
        m_reader.error(field->value.Mark(), tr("\"timeout\" must be at most 1 h"));
        return;
    }
    action.timeout = *timeout;
}

void ActionReader::readCommand(const YamlMapping &map, ActionConfig &action)
{
    const YamlField *field = map.field(u"command");
    if (!field) {
        reportMissing(map, action, QStringLiteral("command"));
        return;
    }
    if (!field->value.IsSequence() || field->value.size() == 0) {
        m_reader.error(field->value.IsSequence() || field->value.IsNull() ? field->keyNode.Mark()
                                                                          : field->value.Mark(),
            tr("\"command\" must be a list of at least one text: the program, then its "
               "arguments"));
        return;
    }
    bool first = true;
    for (const YAML::Node &item : field->value) {
        const YamlField entry { field->key, field->keyNode, item };
        const std::optional<ConfigScalar> value = m_reader.scalar(entry);
        const bool isProgram = std::exchange(first, false);
        if (!value)
            continue;
        if (!m_validator.checkTemplates(entry, *value))
            continue;
        if (isProgram)
            resolveProgram(entry, *value, action);
        else
            action.command += value->value;
    }
}

// Found now rather than when a failover needs it: a missing tool must fail the check, not the
// failover.
void ActionReader::resolveProgram(
    const YamlField &field, const ConfigScalar &program, ActionConfig &action)
{
    const QString name = program.value.trimmed();
    if (name.isEmpty()) {
        m_reader.error(
            field.value.Mark(), tr("the program (the first entry of \"command\") is empty"));
        return;
    }
    if (!ActionTemplate::namesIn(program.displayText).isEmpty()) {
        action.command.append(name); // known only when the action runs
        return;
    }
    if (name.contains(u'/')) {
        // Relative to the configuration file, so a checked-in config and its scripts travel
        // together.
        const QString path = QDir(m_baseDir).absoluteFilePath(name);
        const QFileInfo info(path);
        if (!info.isFile() || !info.isExecutable()) {
            m_reader.error(field.value.Mark(),
                tr("program %1 is not an executable file").arg(YamlNodeReader::quoted(program)));
            return;
        }
        action.command.append(info.absoluteFilePath());
        return;
    }
    const QString found = QStandardPaths::findExecutable(name);
    if (found.isEmpty()) {
        m_reader.error(field.value.Mark(),
            tr("program %1 is not found on PATH").arg(YamlNodeReader::quoted(program)));
        return;
    }
    action.command.append(found);
}

void ActionReader::readHttp(const YamlMapping &map, ActionConfig &action)
{
    readUrl(map, action);
    if (const YamlField *method = map.field(u"method"))
        readMethod(*method, action);
    if (const YamlField *headers = map.field(u"headers"))
        readHeaders(*headers, action);
    if (const YamlField *body = map.field(u"body")) {
        const std::optional<ConfigScalar> value = m_reader.scalar(*body);
        if (value && m_validator.checkTemplates(*body, *value))
            action.body = value->value;
    }
    readCaFile(map, action);
}

void ActionReader::readUrl(const YamlMapping &map, ActionConfig &action)
{
    const YamlField *url = map.field(u"url");
    if (!url) {
        reportMissing(map, action, QStringLiteral("url"));
        return;
    }
    const std::optional<ConfigScalar> value = m_reader.scalar(*url);
    if (!value || !m_validator.checkTemplates(*url, *value))
        return;
    if (m_validator.checkUrl(withSampleValues(*value), url->value.Mark()))
        action.url = value->value.trimmed();
}

void ActionReader::readMethod(const YamlField &field, ActionConfig &action)
{
    const std::optional<ConfigScalar> value = m_reader.scalar(field);
    if (!value)
        return;
    const QString upper = value->value.trimmed().toUpper();
    if (Methods.contains(upper)) {
        action.method = upper.toLatin1();
        return;
    }
    m_reader.error(field.value.Mark(),
        tr("unknown method %1; expected GET, HEAD, POST, PUT, PATCH or DELETE")
            .arg(YamlNodeReader::quoted(*value)));
}

void ActionReader::readHeaders(const YamlField &field, ActionConfig &action)
{
    const YamlMapping headers(m_reader, field.value, field.keyNode.Mark(), tr("in headers"), {});
    for (const YamlField &header : headers.fields()) {
        if (!m_validator.checkHeaderName(header))
            continue;
        const std::optional<ConfigScalar> value = m_reader.scalar(header);
        if (!value || !m_validator.checkHeaderValue(header, *value)
            || !m_validator.checkTemplates(header, *value))
            continue;
        action.headers.append({ header.key.toLatin1(), value->value.toUtf8() });
    }
}

void ActionReader::readCaFile(const YamlMapping &map, ActionConfig &action)
{
    const YamlField *field = map.field(u"ca_file");
    if (!field)
        return;
    const std::optional<ConfigScalar> value = m_reader.scalar(*field);
    if (!value)
        return;
    // Relative to the configuration file, like an endpoint's.
    const QString path = QDir(m_baseDir).absoluteFilePath(value->value.trimmed());
    if (!QFileInfo(path).isFile()) {
        m_reader.error(field->value.Mark(),
            tr("CA file %1 does not exist").arg(YamlNodeReader::quoted(*value)));
        return;
    }
    action.caFile = path;
}

void ActionReader::reportMissing(
    const YamlMapping &map, const ActionConfig &action, const QString &key)
{
    m_reader.error(map.mark(), tr("%1 is missing required key \"%2\"").arg(label(action), key));
}

QString ActionReader::label(const ActionConfig &action)
{
    return tr("action \"%1\"").arg(action.id);
}

} // namespace Console
