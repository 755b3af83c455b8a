#pragma once

#include "config.h"

#include <QCoreApplication>
#include <QString>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace Console {

class ActionReader;
class YamlMapping;
class YamlNodeReader;
struct YamlField;

// Reads the top-level "failover" section: the mode, the gates a target must pass, the timing of
// a run, the lock file and the traffic and notify actions. Internal to console_config.
class FailoverReader final
{
    Q_DECLARE_TR_FUNCTIONS(FailoverReader)
    Q_DISABLE_COPY_MOVE(FailoverReader)

public:
    // `baseDir` resolves a relative lock_file.
    FailoverReader(YamlNodeReader &reader, ActionReader &actions, const QString &baseDir);

    void read(const YamlMapping &top, FailoverSettings &settings);
    // What only the regions can tell: automatic mode needs a region it could promote.
    void finish(const ConsoleConfig &config);

private:
    void readMode(const YamlField &field, FailoverSettings &settings);
    std::optional<Milliseconds> durationBetween(
        const YamlField &field, Milliseconds minimum, Milliseconds maximum);
    void readLockFile(const YamlField &field, FailoverSettings &settings);

    YamlNodeReader &m_reader;
    ActionReader &m_actions;
    QString m_baseDir;
    std::optional<YAML::Mark> m_automaticMark; // where "mode: automatic" was read
};

} // namespace Console
