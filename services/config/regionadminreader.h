#pragma once

#include "config.h"

#include <QCoreApplication>
#include <QString>

namespace Console {

class ActionReader;
class YamlNodeReader;
struct YamlField;

// Reads a region's "admin" mapping: how the console acts on that region's database (its admin
// and replication connection strings, the fence, promote, repoint and rejoin actions, and the
// faults drills inject).
// Internal to console_config.
class RegionAdminReader final
{
    Q_DECLARE_TR_FUNCTIONS(RegionAdminReader)
    Q_DISABLE_COPY_MOVE(RegionAdminReader)

public:
    RegionAdminReader(YamlNodeReader &reader, ActionReader &actions);

    // `region` has its id already: it names the actions that have none ("eu-west.fence").
    void read(const YamlField &field, RegionConfig &region);

private:
    // The connection string as written, or an empty string after reporting why it is unusable.
    QString readConnection(const YamlField &field, QString *displayTarget);
    void readFaults(const YamlField &field, const QString &owner, RegionAdminConfig &admin);
    // The "{name}" templates of a fault action that a drill has no value for, braced.
    static QStringList unfilledInFault(const ActionConfig &action);

    YamlNodeReader &m_reader;
    ActionReader &m_actions;
};

} // namespace Console
