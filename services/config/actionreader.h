#pragma once

#include "actionconfig.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace Console {

class ConfigValidator;
class YamlMapping;
class YamlNodeReader;
struct ConfigScalar;
struct YamlField;

// Reads one action mapping (a failover step, a traffic switch, a notice) of any kind: its keys
// are checked against its kind, its "{name}" templates against the names a run fills, and the
// values it took from the environment, with its API token, are kept for redaction.
// Internal to console_config.
class ActionReader final
{
    Q_DECLARE_TR_FUNCTIONS(ActionReader)
    Q_DISABLE_COPY_MOVE(ActionReader)

public:
    // `baseDir` resolves relative programs and CA files.
    ActionReader(YamlNodeReader &reader, ConfigValidator &validator, const QString &baseDir);

    // `defaultId` ("eu-west.fence") names the action when the file gives no id. Nullopt when the
    // entry is not a mapping or its kind is unknown; every problem has been reported either way.
    std::optional<ActionConfig> read(const YamlField &field, const QString &defaultId);
    // A list of actions; entry i of `owner` "failover.traffic" is "failover.traffic[i]" by default.
    QList<ActionConfig> readList(const YamlField &field, const QString &owner);

private:
    void readId(const YamlMapping &map, ActionConfig &action, const QString &defaultId);
    std::optional<ActionKind> readKind(const YamlMapping &map, const ActionConfig &action);
    void rejectForeignKeys(const YamlMapping &map, const ActionConfig &action);
    static QString foreignKeyMessage(const QString &key, ActionKind kind);
    void readTimeout(const YamlMapping &map, ActionConfig &action);
    void readCommand(const YamlMapping &map, ActionConfig &action);
    void resolveProgram(const YamlField &field, const ConfigScalar &program, ActionConfig &action);
    void readHttp(const YamlMapping &map, ActionConfig &action);
    void readUrl(const YamlMapping &map, ActionConfig &action);
    void readMethod(const YamlField &field, ActionConfig &action);
    void readHeaders(const YamlField &field, ActionConfig &action);
    void readCaFile(const YamlMapping &map, ActionConfig &action);
    void reportMissing(const YamlMapping &map, const ActionConfig &action, const QString &key);
    static QString label(const ActionConfig &action);

    YamlNodeReader &m_reader;
    ConfigValidator &m_validator;
    QString m_baseDir;
};

} // namespace Console
