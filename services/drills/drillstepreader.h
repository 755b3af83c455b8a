#pragma once

#include "drilldefinition.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <optional>

namespace Console {

class ActionReader;
class YamlMapping;
class YamlNodeReader;
struct YamlField;

// Reads the "steps" and "rollback" lists of a drill: exactly one kind key a step, the keys that
// kind takes, the names of conditions, figures and states, region values, bounded timeouts, and
// step ids unique across both lists. Internal to console_drills (it exposes yaml-cpp types).
class DrillStepReader final
{
    Q_DECLARE_TR_FUNCTIONS(DrillStepReader)
    Q_DISABLE_COPY_MOVE(DrillStepReader)

public:
    DrillStepReader(YamlNodeReader &reader, ActionReader &actions);

    // `prefix` ("step" or "rollback") names the steps the file gives no id: "step-3".
    QList<DrillStep> readList(const YamlField &field, const QString &prefix);

    // The region values a step may name besides a region id.
    static QStringList regionTemplates();

private:
    std::optional<DrillStep> readStep(
        const YAML::Node &node, const YAML::Mark &owner, const QString &defaultId, bool rollback);
    bool readKind(const YamlMapping &map, const YamlField &kind, DrillStep &step);
    bool readWaitFor(const YamlMapping &map, const YamlField &kind, DrillStep &step);
    void readId(const YamlMapping &map, DrillStep &step, const QString &defaultId);
    void readTimeout(const YamlMapping &map, DrillStep &step);
    void rejectForeignKeys(const YamlMapping &map, const QString &kindKey);
    // The step's "region", checked; reports a missing one when `required`.
    std::optional<QString> readRegion(const YamlField &field);
    bool requireRegion(const YamlMapping &map, DrillStep &step, const QString &missingMessage);
    std::optional<std::chrono::milliseconds> boundedDuration(const YamlField &field);
    // A word from a fixed list, with a "did you mean" and the list when it is not one of them.
    std::optional<QString> word(
        const YamlField &field, const QString &what, const QStringList &candidates);

    YamlNodeReader &m_reader;
    ActionReader &m_actions;
    QHash<QString, int> m_idLines; // step id -> 1-based line of the step that first used it
};

} // namespace Console
