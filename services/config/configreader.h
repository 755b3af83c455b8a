#pragma once

#include "config.h"

#include <QCoreApplication>
#include <QString>

#include <yaml-cpp/yaml.h>

namespace Console {

class ActionReader;
class ConfigValidator;
class YamlMapping;
class YamlNodeReader;

// Walks a parsed YAML document into a ConsoleConfig: the top level, the console, detection and
// circuit_breaker and replication sections and the regions (endpoints go to EndpointReader, the
// failover section to FailoverReader, a region's admin to RegionAdminReader).
// Internal to console_config.
class ConfigReader final
{
    Q_DECLARE_TR_FUNCTIONS(ConfigReader)
    Q_DISABLE_COPY_MOVE(ConfigReader)

public:
    // `baseDir` is the configuration file's folder, for relative paths inside it.
    ConfigReader(YamlNodeReader &reader, const QString &baseDir);

    // Always returns what could be read; it is only meaningful when the reader has no diagnostics.
    ConsoleConfig read(const YAML::Node &root);

private:
    void readConsole(const YamlMapping &top, ConsoleConfig &config);
    void readDetection(const YamlMapping &top, DetectionThresholds &detection);
    void readBreaker(const YamlMapping &top, BreakerSettings &breaker);
    void readReplication(const YamlMapping &top, LagThresholds &lag);
    // False when there is no list of regions to read.
    bool readRegions(const YamlMapping &top, ConsoleConfig &config, ConfigValidator &validator,
        ActionReader &actions);
    void readRegion(const YAML::Node &node, const YAML::Mark &owner, ConsoleConfig &config,
        ConfigValidator &validator, ActionReader &actions, bool &rolesKnown);

    void reportTooManyEndpoints(const YAML::Mark &mark);
    void checkProbeRate(const ConsoleConfig &config, const YAML::Mark &mark);

    YamlNodeReader &m_reader;
    QString m_baseDir;
    qint64 m_endpointsTotal = 0; // in the whole file, read or not
    qint64 m_endpointsLeft = 0; // below zero once the limit was passed
};

} // namespace Console
