#include "endpointreader.h"

#include "configvalidator.h"
#include "conninfo.h"
#include "displaytarget.h"
#include "probetiming.h"
#include "quantitytext.h"
#include "yamlmapping.h"
#include "yamlnodereader.h"

#include <QDir>
#include <QFileInfo>

namespace Console {

namespace {

const QStringList CommonKeys
    = { QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("kind"),
          QStringLiteral("interval"), QStringLiteral("timeout"), QStringLiteral("control") };
// The request: kinds http and breakers both send one.
const QStringList RequestKeys = { QStringLiteral("url"), QStringLiteral("method"),
    QStringLiteral("headers"), QStringLiteral("follow_redirects"), QStringLiteral("max_body"),
    QStringLiteral("ca_file") };
// How an http answer is judged; a breakers answer is read by its format instead.
const QStringList HttpAnswerKeys = { QStringLiteral("expected_status"),
    QStringLiteral("expect_json"), QStringLiteral("lag_json_ms"), QStringLiteral("role_json") };
const QStringList PostgresKeys = { QStringLiteral("connection"), QStringLiteral("heartbeat") };
const QStringList BreakersKeys = { QStringLiteral("format"), QStringLiteral("breakers_path"),
    QStringLiteral("name_key"), QStringLiteral("state_key") };
// The keys that only format json reads.
const QStringList JsonFormatKeys
    = { QStringLiteral("breakers_path"), QStringLiteral("name_key"), QStringLiteral("state_key") };
const QStringList Methods = { QStringLiteral("GET"), QStringLiteral("HEAD"), QStringLiteral("POST"),
    QStringLiteral("OPTIONS") };

// The kind a key belongs to, for "is an http setting, but ..."; nullopt for common keys.
std::optional<EndpointKind> ownerOf(const QString &key, EndpointKind reading)
{
    // A request key is foreign only to postgres, and then it reads as an http setting.
    if (RequestKeys.contains(key))
        return reading == EndpointKind::Breakers ? EndpointKind::Breakers : EndpointKind::Http;
    if (HttpAnswerKeys.contains(key))
        return EndpointKind::Http;
    if (PostgresKeys.contains(key))
        return EndpointKind::Postgres;
    if (BreakersKeys.contains(key))
        return EndpointKind::Breakers;
    return std::nullopt;
}

} // namespace

EndpointReader::EndpointReader(YamlNodeReader &reader, ConfigValidator &validator,
    const ConsoleConfig &defaults, const QString &baseDir)
    : m_reader(reader)
    , m_validator(validator)
    , m_defaults(defaults)
    , m_baseDir(baseDir)
{ }

std::optional<EndpointConfig> EndpointReader::read(const YAML::Node &node, const YAML::Mark &owner)
{
    const YamlMapping map(m_reader, node, owner, tr("in endpoint"),
        CommonKeys + RequestKeys + HttpAnswerKeys + PostgresKeys + BreakersKeys);
    if (!map.isMapping())
        return std::nullopt;
    EndpointConfig endpoint;
    readCommon(map, endpoint);
    if (const std::optional<EndpointKind> kind = readKind(map, endpoint)) {
        endpoint.kind = *kind;
        rejectForeignKeys(map, endpoint);
        switch (endpoint.kind) {
        case EndpointKind::Http:
            readRequest(map, endpoint);
            readHttpAnswer(map, endpoint);
            break;
        case EndpointKind::Postgres: readPostgres(map, endpoint); break;
        case EndpointKind::Breakers:
            readRequest(map, endpoint);
            readBreakers(map, endpoint);
            break;
        }
    }
    return endpoint;
}

void EndpointReader::readCommon(const YamlMapping &map, EndpointConfig &endpoint)
{
    if (const YamlField *id = map.field(u"id")) {
        if (const std::optional<QString> value = m_reader.name(*id)) {
            endpoint.id = *value;
            if (m_validator.checkId(endpoint.id, id->value.Mark()))
                m_validator.addEndpointId(endpoint.id, id->value.Mark());
        }
    } else {
        reportMissing(map, endpoint, QStringLiteral("id"));
    }
    endpoint.name = endpoint.id;
    if (const YamlField *name = map.field(u"name")) {
        if (const std::optional<QString> value = m_reader.name(*name))
            endpoint.name = *value;
    }
    if (const YamlField *control = map.field(u"control"))
        endpoint.control = m_reader.boolean(*control).value_or(false);
    readTiming(map, endpoint);
}

void EndpointReader::readTiming(const YamlMapping &map, EndpointConfig &endpoint)
{
    static const ProbeTimingKeys keys { QStringLiteral("interval"), QStringLiteral("timeout"),
        QStringLiteral("console.probe_interval"), QStringLiteral("console.probe_timeout") };
    endpoint.interval = m_defaults.probeInterval;
    endpoint.timeout = m_defaults.probeTimeout;
    readProbeTiming(m_reader, m_validator, map, keys, endpoint.interval, endpoint.timeout);
}

std::optional<EndpointKind> EndpointReader::readKind(
    const YamlMapping &map, const EndpointConfig &endpoint)
{
    const YamlField *kind = map.field(u"kind");
    if (!kind) {
        reportMissing(map, endpoint, QStringLiteral("kind"));
        return std::nullopt;
    }
    const std::optional<ConfigScalar> value = m_reader.scalar(*kind);
    if (!value)
        return std::nullopt;
    if (value->value == u"http")
        return EndpointKind::Http;
    if (value->value == u"postgres")
        return EndpointKind::Postgres;
    if (value->value == u"breakers")
        return EndpointKind::Breakers;
    m_reader.error(kind->value.Mark(),
        tr("unknown kind %1; expected http, postgres or breakers")
            .arg(YamlNodeReader::quoted(*value)));
    return std::nullopt;
}

void EndpointReader::rejectForeignKeys(const YamlMapping &map, const EndpointConfig &endpoint)
{
    for (const YamlField &field : map.fields()) {
        const std::optional<EndpointKind> owner = ownerOf(field.key, endpoint.kind);
        if (owner && *owner != endpoint.kind) {
            m_reader.error(field.keyNode.Mark(), foreignKeyMessage(field.key, *owner, endpoint));
        }
    }
}

// Whole sentences, so that a translation never has to glue an article to a kind.
QString EndpointReader::foreignKeyMessage(
    const QString &key, EndpointKind owner, const EndpointConfig &endpoint)
{
    const QString who = label(endpoint);
    switch (owner) {
    case EndpointKind::Http:
        return endpoint.kind == EndpointKind::Postgres
            ? tr("\"%1\" is an http setting, but %2 is a postgres endpoint").arg(key, who)
            : tr("\"%1\" is an http setting, but %2 is a breakers endpoint").arg(key, who);
    case EndpointKind::Postgres:
        return endpoint.kind == EndpointKind::Http
            ? tr("\"%1\" is a postgres setting, but %2 is an http endpoint").arg(key, who)
            : tr("\"%1\" is a postgres setting, but %2 is a breakers endpoint").arg(key, who);
    case EndpointKind::Breakers:
        return endpoint.kind == EndpointKind::Http
            ? tr("\"%1\" is a breakers setting, but %2 is an http endpoint").arg(key, who)
            : tr("\"%1\" is a breakers setting, but %2 is a postgres endpoint").arg(key, who);
    }
    return {};
}

void EndpointReader::readRequest(const YamlMapping &map, EndpointConfig &endpoint)
{
    HttpEndpointConfig &http = endpoint.http;
    if (const YamlField *url = map.field(u"url")) {
        if (const std::optional<ConfigScalar> value = m_reader.scalar(*url)) {
            if (const std::optional<QUrl> parsed = m_validator.checkUrl(*value, url->value.Mark()))
                http.url = *parsed;
            endpoint.displayTarget = DisplayTarget::forUrl(value->displayText);
            if (value->secret)
                endpoint.secretFields += url->key;
        }
    } else {
        reportMissing(map, endpoint, QStringLiteral("url"));
    }
    if (const YamlField *method = map.field(u"method"))
        readMethod(*method, endpoint);
    if (const YamlField *headers = map.field(u"headers"))
        readHeaders(*headers, endpoint);
    if (const YamlField *follow = map.field(u"follow_redirects"))
        http.followRedirects = m_reader.boolean(*follow).value_or(http.followRedirects);
    if (const YamlField *maxBody = map.field(u"max_body"))
        readMaxBody(*maxBody, endpoint);
    if (const YamlField *caFile = map.field(u"ca_file"))
        readCaFile(*caFile, endpoint);
}

void EndpointReader::readMaxBody(const YamlField &field, EndpointConfig &endpoint)
{
    const std::optional<qint64> bytes = m_reader.byteSize(field);
    if (!bytes)
        return;
    if (*bytes > ConfigLimits::MaxBodyBytes) {
        m_reader.error(field.value.Mark(),
            tr("\"%1\" must be at most %2")
                .arg(field.key, QuantityText::bytes(ConfigLimits::MaxBodyBytes)));
        return;
    }
    endpoint.http.maxBodyBytes = *bytes;
}

void EndpointReader::readMethod(const YamlField &field, EndpointConfig &endpoint)
{
    const std::optional<ConfigScalar> value = m_reader.scalar(field);
    if (!value)
        return;
    const QString upper = value->value.trimmed().toUpper();
    if (endpoint.kind == EndpointKind::Breakers) {
        // The breakers are in the body: HEAD has none, and nothing else is a plain read.
        if (upper == u"GET")
            endpoint.http.method = "GET";
        else
            m_reader.error(field.value.Mark(),
                tr("method %1 cannot read breakers; a breakers endpoint uses GET")
                    .arg(YamlNodeReader::quoted(*value)));
        return;
    }
    if (Methods.contains(upper)) {
        endpoint.http.method = upper.toLatin1();
    } else {
        m_reader.error(field.value.Mark(),
            tr("unknown method %1; expected GET, HEAD, POST or OPTIONS")
                .arg(YamlNodeReader::quoted(*value)));
    }
}

void EndpointReader::readHttpAnswer(const YamlMapping &map, EndpointConfig &endpoint)
{
    HttpEndpointConfig &http = endpoint.http;
    if (const YamlField *status = map.field(u"expected_status"))
        http.expectedStatus = m_reader.integer(*status, 100, 599).value_or(http.expectedStatus);
    if (const YamlField *expectJson = map.field(u"expect_json"))
        readExpectJson(*expectJson, endpoint);
    if (const YamlField *lag = map.field(u"lag_json_ms"))
        readJsonPath(*lag, endpoint.http.lagJsonMs);
    if (const YamlField *role = map.field(u"role_json"))
        readJsonPath(*role, endpoint.http.roleJson);
}

void EndpointReader::readBreakers(const YamlMapping &map, EndpointConfig &endpoint)
{
    BreakersEndpointConfig &breakers = endpoint.breakers;
    const YamlField *format = map.field(u"format");
    if (!format) {
        reportMissing(map, endpoint, QStringLiteral("format"));
        return;
    }
    const std::optional<ConfigScalar> value = m_reader.scalar(*format);
    if (!value)
        return;
    const QString word = value->value.trimmed();
    if (word == u"actuator") {
        breakers.format = BreakersFormat::Actuator;
    } else if (word == u"actuator-health") {
        breakers.format = BreakersFormat::ActuatorHealth;
    } else if (word == u"json") {
        breakers.format = BreakersFormat::Json;
    } else {
        m_reader.error(format->value.Mark(),
            tr("unknown format %1; expected actuator, actuator-health or json")
                .arg(YamlNodeReader::quoted(*value)));
        return;
    }
    if (breakers.format != BreakersFormat::Json) {
        // The actuator formats have a fixed layout: a path given with them would be ignored.
        for (const YamlField &field : map.fields()) {
            if (JsonFormatKeys.contains(field.key)) {
                m_reader.error(field.keyNode.Mark(),
                    tr("\"%1\" is read only with format json, but %2 has format %3")
                        .arg(field.key, label(endpoint), word));
            }
        }
        return;
    }
    if (const YamlField *path = map.field(u"breakers_path")) {
        readJsonPath(*path, breakers.breakersPath);
    } else {
        m_reader.error(map.mark(),
            tr("%1 has format json but no \"breakers_path\" (the dotted path to its list of "
               "breakers)")
                .arg(label(endpoint)));
    }
    if (const YamlField *name = map.field(u"name_key"))
        readJsonPath(*name, breakers.nameKey);
    if (const YamlField *state = map.field(u"state_key"))
        readJsonPath(*state, breakers.stateKey);
}

void EndpointReader::readHeaders(const YamlField &field, EndpointConfig &endpoint)
{
    const YamlMapping headers(m_reader, field.value, field.keyNode.Mark(), tr("in headers"), {});
    for (const YamlField &header : headers.fields()) {
        if (!m_validator.checkHeaderName(header))
            continue;
        const std::optional<ConfigScalar> value = m_reader.scalar(header);
        if (!value || !m_validator.checkHeaderValue(header, *value))
            continue;
        endpoint.http.headers.append({ header.key.toLatin1(), value->value.toUtf8() });
        if (value->secret)
            endpoint.secretFields += u"headers." + header.key;
    }
}

bool EndpointReader::checkJsonPath(const QString &path, const YAML::Mark &mark)
{
    if (!path.split(u'.').contains(QString()))
        return true;
    m_reader.error(mark,
        tr("invalid JSON path \"%1\": use names separated by single dots, like data.status")
            .arg(path));
    return false;
}

void EndpointReader::readJsonPath(const YamlField &field, QString &path)
{
    const std::optional<ConfigScalar> value = m_reader.scalar(field);
    if (value && checkJsonPath(value->value.trimmed(), field.value.Mark()))
        path = value->value.trimmed();
}

void EndpointReader::readExpectJson(const YamlField &field, EndpointConfig &endpoint)
{
    const YamlMapping conditions(
        m_reader, field.value, field.keyNode.Mark(), tr("in expect_json"), {});
    for (const YamlField &condition : conditions.fields()) {
        if (!checkJsonPath(condition.key, condition.keyNode.Mark()))
            continue;
        if (const std::optional<ConfigScalar> value = m_reader.scalar(condition))
            endpoint.http.expectJson.insert(condition.key, value->value);
    }
}

void EndpointReader::readCaFile(const YamlField &field, EndpointConfig &endpoint)
{
    const std::optional<ConfigScalar> value = m_reader.scalar(field);
    if (!value)
        return;
    // Relative to the configuration file, so a checked-in config and its CA travel together.
    const QString path = QDir(m_baseDir).absoluteFilePath(value->value.trimmed());
    if (!QFileInfo(path).isFile()) {
        m_reader.error(field.value.Mark(),
            tr("CA file %1 does not exist").arg(YamlNodeReader::quoted(*value)));
        return;
    }
    endpoint.http.caFile = path;
}

void EndpointReader::readPostgres(const YamlMapping &map, EndpointConfig &endpoint)
{
    if (const YamlField *heartbeat = map.field(u"heartbeat"))
        endpoint.postgres.heartbeat = m_reader.boolean(*heartbeat).value_or(false);
    const YamlField *connection = map.field(u"connection");
    if (!connection) {
        reportMissing(map, endpoint, QStringLiteral("connection"));
        return;
    }
    const std::optional<ConfigScalar> value = m_reader.scalar(*connection);
    if (!value)
        return;
    if (const QString problem = ConnInfo::check(value->value, value->displayText);
        !problem.isEmpty())
        m_reader.error(
            connection->value.Mark(), tr("malformed connection string: %1").arg(problem));
    endpoint.postgres.connectionString = value->value;
    endpoint.displayTarget = DisplayTarget::forConnectionString(value->displayText);
    if (value->secret)
        endpoint.secretFields += connection->key;
}

void EndpointReader::reportMissing(
    const YamlMapping &map, const EndpointConfig &endpoint, const QString &key)
{
    m_reader.error(map.mark(), tr("%1 is missing required key \"%2\"").arg(label(endpoint), key));
}

QString EndpointReader::label(const EndpointConfig &endpoint)
{
    return endpoint.id.isEmpty() ? tr("endpoint") : tr("endpoint \"%1\"").arg(endpoint.id);
}

} // namespace Console
