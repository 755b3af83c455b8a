#pragma once

#include "config.h"
#include "yamlnodereader.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QUrl>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace Console {

// The checks that look beyond one value: id syntax and uniqueness, exactly one primary region,
// probe timing, URLs. The readers feed it as they go so each problem keeps its position.
// Internal to console_config.
class ConfigValidator final
{
    Q_DECLARE_TR_FUNCTIONS(ConfigValidator)
    Q_DISABLE_COPY_MOVE(ConfigValidator)

public:
    explicit ConfigValidator(YamlNodeReader &reader);

    bool checkId(const QString &id, const YAML::Mark &mark);
    void addRegionId(const QString &id, const YAML::Mark &mark);
    // Endpoint ids are unique across the file: journals and the UI name an endpoint by id alone.
    void addEndpointId(const QString &id, const YAML::Mark &mark);
    // Action ids are unique across the file too: the journal names a step by its action's id.
    void addActionId(const QString &id, const YAML::Mark &mark);
    void addRole(const QString &regionId, RegionRole role, const YAML::Mark &mark);
    // A timeout as long as the interval lets probes of one endpoint overlap.
    void checkTiming(Milliseconds interval, Milliseconds timeout, const YAML::Mark &mark,
        const QString &intervalKey, const QString &timeoutKey);
    std::optional<QUrl> checkUrl(const ConfigScalar &url, const YAML::Mark &mark);
    // An HTTP header entry: a token name, then a value on one line.
    bool checkHeaderName(const YamlField &header);
    bool checkHeaderValue(const YamlField &header, const ConfigScalar &value);
    // Reports every "{name}" an action text uses that no run fills; false when there was one.
    bool checkTemplates(const YamlField &field, const ConfigScalar &value);
    // Reports what only the whole file can tell (no primary region).
    void finish(const YAML::Mark &regionsMark);

private:
    YamlNodeReader &m_reader;
    QHash<QString, int> m_regionLines; // id -> 1-based line of its first definition
    QHash<QString, int> m_endpointLines; // id -> 1-based line of its first definition
    QHash<QString, int> m_actionLines; // id -> 1-based line of its first definition
    QString m_primary;
    int m_primaryLine = 0;
};

} // namespace Console
