#include "configreader.h"

#include "actionreader.h"
#include "configlimits.h"
#include "configvalidator.h"
#include "endpointreader.h"
#include "failoverreader.h"
#include "probetiming.h"
#include "quantitytext.h"
#include "regionadminreader.h"
#include "yamlmapping.h"
#include "yamlnodereader.h"

namespace Console {

namespace {

constexpr int MaxCount = ConfigLimits::MaxProbeCount;

const QStringList TopKeys
    = { QStringLiteral("console"), QStringLiteral("detection"), QStringLiteral("circuit_breaker"),
          QStringLiteral("replication"), QStringLiteral("failover"), QStringLiteral("regions") };
const QStringList ConsoleKeys
    = { QStringLiteral("probe_interval"), QStringLiteral("probe_timeout") };
const QStringList DetectionKeys = { QStringLiteral("consecutive_failures"),
    QStringLiteral("latency_threshold"), QStringLiteral("latency_sustained_for"),
    QStringLiteral("error_rate_threshold"), QStringLiteral("error_rate_window"),
    QStringLiteral("unreachable_acts_at_once"), QStringLiteral("recovery_successes") };
const QStringList BreakerKeys = { QStringLiteral("failure_threshold"),
    QStringLiteral("reset_timeout"), QStringLiteral("half_open_requests") };
const QStringList ReplicationKeys = { QStringLiteral("lag_warning"), QStringLiteral("lag_critical"),
    QStringLiteral("lag_warning_bytes"), QStringLiteral("lag_critical_bytes") };
const QStringList RegionKeys = { QStringLiteral("id"), QStringLiteral("name"),
    QStringLiteral("latitude"), QStringLiteral("longitude"), QStringLiteral("role"),
    QStringLiteral("failover_priority"), QStringLiteral("endpoints"), QStringLiteral("admin") };

YAML::Mark markOf(const YamlField *field)
{
    return field->keyNode.Mark();
}

} // namespace

ConfigReader::ConfigReader(YamlNodeReader &reader, const QString &baseDir)
    : m_reader(reader)
    , m_baseDir(baseDir)
{ }

ConsoleConfig ConfigReader::read(const YAML::Node &root)
{
    ConsoleConfig config;
    if (!root.IsDefined() || root.IsNull()) {
        m_reader.error(YAML::Mark(), tr("the file is empty; it needs at least a \"regions\" list"));
        return config;
    }
    const YamlMapping top(m_reader, root, root.Mark(), tr("at the top level"), TopKeys);
    if (!top.isMapping())
        return config;
    readConsole(top, config);
    readDetection(top, config.detection);
    readBreaker(top, config.breaker);
    readReplication(top, config.lag);
    ConfigValidator validator(m_reader);
    ActionReader actions(m_reader, validator, m_baseDir);
    // Before the regions: a repeated action id is then reported where it repeats, the file's
    // order.
    FailoverReader failover(m_reader, actions, m_baseDir);
    failover.read(top, config.failover);
    if (readRegions(top, config, validator, actions))
        failover.finish(config);
    return config;
}

void ConfigReader::readConsole(const YamlMapping &top, ConsoleConfig &config)
{
    const YamlField *section = top.field(u"console");
    if (!section)
        return;
    const YamlMapping map(m_reader, section->value, markOf(section), tr("in console"), ConsoleKeys,
        YamlMapping::Null::IsEmpty);
    // The defaults are not inherited from anywhere: a diagnostic names the console's own keys.
    static const ProbeTimingKeys keys { QStringLiteral("probe_interval"),
        QStringLiteral("probe_timeout"), QStringLiteral("probe_interval"),
        QStringLiteral("probe_timeout") };
    ConfigValidator validator(m_reader);
    readProbeTiming(m_reader, validator, map, keys, config.probeInterval, config.probeTimeout);
}

void ConfigReader::readDetection(const YamlMapping &top, DetectionThresholds &d)
{
    const YamlField *section = top.field(u"detection");
    if (!section)
        return;
    const YamlMapping map(m_reader, section->value, markOf(section), tr("in detection"),
        DetectionKeys, YamlMapping::Null::IsEmpty);
    if (const YamlField *f = map.field(u"consecutive_failures"))
        d.consecutiveFailures = m_reader.integer(*f, 1, MaxCount).value_or(d.consecutiveFailures);
    if (const YamlField *f = map.field(u"latency_threshold"))
        d.latencyThreshold = m_reader.duration(*f, false).value_or(d.latencyThreshold);
    if (const YamlField *f = map.field(u"latency_sustained_for"))
        d.latencySustainedFor = m_reader.duration(*f, true).value_or(d.latencySustainedFor);
    if (const YamlField *f = map.field(u"error_rate_threshold"))
        d.errorRateThreshold = m_reader.fraction(*f).value_or(d.errorRateThreshold);
    if (const YamlField *f = map.field(u"error_rate_window"))
        d.errorRateWindow = m_reader.duration(*f, false).value_or(d.errorRateWindow);
    if (const YamlField *f = map.field(u"unreachable_acts_at_once"))
        d.unreachableActsAtOnce = m_reader.boolean(*f).value_or(d.unreachableActsAtOnce);
    if (const YamlField *f = map.field(u"recovery_successes"))
        d.recoverySuccesses = m_reader.integer(*f, 1, MaxCount).value_or(d.recoverySuccesses);
}

void ConfigReader::readBreaker(const YamlMapping &top, BreakerSettings &b)
{
    const YamlField *section = top.field(u"circuit_breaker");
    if (!section)
        return;
    const YamlMapping map(m_reader, section->value, markOf(section), tr("in circuit_breaker"),
        BreakerKeys, YamlMapping::Null::IsEmpty);
    if (const YamlField *f = map.field(u"failure_threshold"))
        b.failureThreshold = m_reader.integer(*f, 1, MaxCount).value_or(b.failureThreshold);
    if (const YamlField *f = map.field(u"reset_timeout"))
        b.resetTimeout = m_reader.duration(*f, false).value_or(b.resetTimeout);
    if (const YamlField *f = map.field(u"half_open_requests"))
        b.halfOpenRequests = m_reader.integer(*f, 1, MaxCount).value_or(b.halfOpenRequests);
}

void ConfigReader::readReplication(const YamlMapping &top, LagThresholds &lag)
{
    const YamlField *section = top.field(u"replication");
    if (!section)
        return;
    const YamlMapping map(m_reader, section->value, markOf(section), tr("in replication"),
        ReplicationKeys, YamlMapping::Null::IsEmpty);
    if (const YamlField *f = map.field(u"lag_warning"))
        lag.warning = m_reader.duration(*f, false).value_or(lag.warning);
    if (const YamlField *f = map.field(u"lag_warning_bytes"))
        lag.warningBytes = m_reader.byteSize(*f).value_or(lag.warningBytes);
    // A critical level at or under the warning would skip Degraded and confuse everyone.
    if (const YamlField *f = map.field(u"lag_critical")) {
        if (const std::optional<Milliseconds> critical = m_reader.duration(*f, false)) {
            if (*critical <= lag.warning)
                m_reader.error(f->value.Mark(),
                    tr("lag_critical must be longer than lag_warning (%1)")
                        .arg(QuantityText::duration(lag.warning)));
            else
                lag.critical = *critical;
        }
    } else if (lag.critical <= lag.warning) {
        m_reader.error(markOf(section),
            tr("lag_warning must be shorter than the default lag_critical (%1); set lag_critical "
               "too")
                .arg(QuantityText::duration(lag.critical)));
    }
    if (const YamlField *f = map.field(u"lag_critical_bytes")) {
        if (const std::optional<qint64> critical = m_reader.byteSize(*f)) {
            if (*critical <= lag.warningBytes)
                m_reader.error(f->value.Mark(),
                    tr("lag_critical_bytes must be larger than lag_warning_bytes (%1)")
                        .arg(QuantityText::bytes(lag.warningBytes)));
            else
                lag.criticalBytes = *critical;
        }
    } else if (lag.criticalBytes <= lag.warningBytes) {
        m_reader.error(markOf(section),
            tr("lag_warning_bytes must be smaller than the default lag_critical_bytes (%1); set "
               "lag_critical_bytes too")
                .arg(QuantityText::bytes(lag.criticalBytes)));
    }
}

bool ConfigReader::readRegions(const YamlMapping &top, ConsoleConfig &config,
    ConfigValidator &validator, ActionReader &actions)
{
    const YamlField *regions = top.field(u"regions");
    if (!regions) {
        m_reader.error(top.mark(), tr("missing required key \"regions\""));
        return false;
    }
    if (!regions->value.IsSequence() || regions->value.size() == 0) {
        m_reader.error(regions->value.IsSequence() || regions->value.IsNull()
                ? markOf(regions)
                : regions->value.Mark(),
            tr("\"regions\" must be a list of at least one region"));
        return false;
    }
    // Counted before reading, so one diagnostic says how many there are and the endpoints past
    // the limit are not read at all (600,000 endpoints once passed the checker).
    m_endpointsTotal = 0;
    for (const YAML::Node &region : regions->value) {
        if (!region.IsMap())
            continue;
        // A missing key gives an invalid node, whose type yaml-cpp reports by throwing; only
        // IsDefined() may be asked of it (fuzzing found --check-config aborting here).
        const YAML::Node endpoints = region["endpoints"];
        if (endpoints.IsDefined() && endpoints.IsSequence())
            m_endpointsTotal += qint64(endpoints.size());
    }
    m_endpointsLeft = ConfigLimits::MaxEndpoints;
    bool rolesKnown = true;
    for (const YAML::Node &region : regions->value)
        readRegion(region, markOf(regions), config, validator, actions, rolesKnown);
    if (m_endpointsTotal <= ConfigLimits::MaxEndpoints)
        checkProbeRate(config, markOf(regions));
    // An unreadable role may be the primary one: "no primary" would then only add noise.
    if (rolesKnown)
        validator.finish(markOf(regions));
    return true;
}

void ConfigReader::reportTooManyEndpoints(const YAML::Mark &mark)
{
    m_reader.error(mark,
        tr("too many endpoints: the file has %1, at most %2 can be probed (this is number %3)")
            .arg(m_endpointsTotal)
            .arg(ConfigLimits::MaxEndpoints)
            .arg(ConfigLimits::MaxEndpoints + 1));
}

// The endpoint limit assumes probes once a second; short intervals spend the same budget sooner.
void ConfigReader::checkProbeRate(const ConsoleConfig &config, const YAML::Mark &mark)
{
    double perSecond = 0;
    for (const RegionConfig &region : config.regions) {
        for (const EndpointConfig &endpoint : region.endpoints)
            perSecond += 1000.0 / double(qMax<qint64>(1, endpoint.interval.count()));
    }
    if (perSecond <= ConfigLimits::MaxProbesPerSecond)
        return;
    m_reader.error(mark,
        tr("the endpoints would be probed %1 times a second, at most %2 can be; lengthen their "
           "intervals")
            .arg(qRound64(perSecond))
            .arg(ConfigLimits::MaxProbesPerSecond));
}

void ConfigReader::readRegion(const YAML::Node &node, const YAML::Mark &owner,
    ConsoleConfig &config, ConfigValidator &validator, ActionReader &actions, bool &rolesKnown)
{
    const YamlMapping map(m_reader, node, owner, tr("in region"), RegionKeys);
    if (!map.isMapping())
        return;
    RegionConfig region;
    const auto missing = [&](const QString &key) {
        const QString who = region.id.isEmpty() ? tr("region") : tr("region \"%1\"").arg(region.id);
        m_reader.error(map.mark(), tr("%1 is missing required key \"%2\"").arg(who, key));
    };

    if (const YamlField *id = map.field(u"id")) {
        if (const std::optional<QString> value = m_reader.name(*id)) {
            region.id = *value;
            if (validator.checkId(region.id, id->value.Mark()))
                validator.addRegionId(region.id, id->value.Mark());
        }
    } else {
        missing(QStringLiteral("id"));
    }
    region.name = region.id;
    if (const YamlField *name = map.field(u"name"))
        region.name = m_reader.name(*name).value_or(region.name);
    if (const YamlField *f = map.field(u"latitude"))
        region.latitude = m_reader.number(*f, -90, 90).value_or(0);
    else
        missing(QStringLiteral("latitude"));
    if (const YamlField *f = map.field(u"longitude"))
        region.longitude = m_reader.number(*f, -180, 180).value_or(0);
    else
        missing(QStringLiteral("longitude"));

    // Ties between equally good standbys go to the earlier region unless the file says otherwise.
    region.failoverPriority = int(config.regions.size());
    if (const YamlField *f = map.field(u"failover_priority"))
        region.failoverPriority
            = m_reader.integer(*f, -1000, 1000).value_or(region.failoverPriority);

    if (const YamlField *role = map.field(u"role")) {
        const std::optional<ConfigScalar> value = m_reader.scalar(*role);
        const QString text = value ? value->value : QString();
        if (text == u"primary" || text == u"replica" || text == u"standby") {
            region.role = text == u"primary" ? RegionRole::Primary
                : text == u"replica"         ? RegionRole::Replica
                                             : RegionRole::Standby;
            validator.addRole(region.id, region.role, role->value.Mark());
        } else {
            rolesKnown = false;
            if (value) {
                m_reader.error(role->value.Mark(),
                    tr("unknown role %1; expected primary, replica or standby")
                        .arg(YamlNodeReader::quoted(*value)));
            }
        }
    } else {
        rolesKnown = false;
        missing(QStringLiteral("role"));
    }

    if (const YamlField *endpoints = map.field(u"endpoints")) {
        if (!endpoints->value.IsSequence() || endpoints->value.size() == 0) {
            m_reader.error(endpoints->value.IsSequence() || endpoints->value.IsNull()
                    ? markOf(endpoints)
                    : endpoints->value.Mark(),
                tr("\"endpoints\" must be a list of at least one endpoint"));
        } else {
            EndpointReader reader(m_reader, validator, config, m_baseDir);
            for (const YAML::Node &endpoint : endpoints->value) {
                if (m_endpointsLeft-- <= 0) {
                    if (m_endpointsLeft == -1)
                        reportTooManyEndpoints(endpoint.Mark());
                    break;
                }
                if (std::optional<EndpointConfig> read = reader.read(endpoint, markOf(endpoints)))
                    region.endpoints.append(*read);
            }
        }
    } else {
        missing(QStringLiteral("endpoints"));
    }
    if (const YamlField *admin = map.field(u"admin"))
        RegionAdminReader(m_reader, actions).read(*admin, region);
    config.regions.append(region);
}

} // namespace Console
