#pragma once

#include "config.h"

#include <QCoreApplication>
#include <QString>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace Console {

class ConfigValidator;
class YamlMapping;
class YamlNodeReader;
struct YamlField;

// Reads one entry of a region's "endpoints" list: HTTP, PostgreSQL or an application's breakers.
// Internal to console_config.
class EndpointReader final
{
    Q_DECLARE_TR_FUNCTIONS(EndpointReader)
    Q_DISABLE_COPY_MOVE(EndpointReader)

public:
    // `defaults` provides the console-wide interval and timeout; `baseDir` resolves relative
    // ca_file paths.
    EndpointReader(YamlNodeReader &reader, ConfigValidator &validator,
        const ConsoleConfig &defaults, const QString &baseDir);

    // Nullopt when the entry is not even a mapping; every problem has been reported either way.
    std::optional<EndpointConfig> read(const YAML::Node &node, const YAML::Mark &owner);

private:
    void readCommon(const YamlMapping &map, EndpointConfig &endpoint);
    void readTiming(const YamlMapping &map, EndpointConfig &endpoint);
    std::optional<EndpointKind> readKind(const YamlMapping &map, const EndpointConfig &endpoint);
    void rejectForeignKeys(const YamlMapping &map, const EndpointConfig &endpoint);
    static QString foreignKeyMessage(
        const QString &key, EndpointKind owner, const EndpointConfig &endpoint);
    void readRequest(const YamlMapping &map, EndpointConfig &endpoint);
    void readMaxBody(const YamlField &field, EndpointConfig &endpoint);
    void readMethod(const YamlField &field, EndpointConfig &endpoint);
    void readHttpAnswer(const YamlMapping &map, EndpointConfig &endpoint);
    void readBreakers(const YamlMapping &map, EndpointConfig &endpoint);
    void readHeaders(const YamlField &field, EndpointConfig &endpoint);
    void readExpectJson(const YamlField &field, EndpointConfig &endpoint);
    void readJsonPath(const YamlField &field, QString &path);
    bool checkJsonPath(const QString &path, const YAML::Mark &mark);
    void readCaFile(const YamlField &field, EndpointConfig &endpoint);
    void readPostgres(const YamlMapping &map, EndpointConfig &endpoint);
    void reportMissing(const YamlMapping &map, const EndpointConfig &endpoint, const QString &key);
    static QString label(const EndpointConfig &endpoint);

    YamlNodeReader &m_reader;
    ConfigValidator &m_validator;
    const ConsoleConfig &m_defaults;
    QString m_baseDir;
};

} // namespace Console
