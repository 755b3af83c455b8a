#pragma once

#include "configoverview.h"
#include "topologytypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace Console {

class TopologyState;

// The database members as `patronictl list` shows a cluster: member, region, host, role, state,
// timeline and lag, one row per PostgreSQL node, as the servers report them. Rows follow the
// configuration's order; a topology change updates cells in place so selection survives.
class MembersModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MembersModel)
public:
    enum Column {
        MemberColumn,
        RegionColumn,
        HostColumn,
        RoleColumn,
        StateColumn,
        TimelineColumn,
        LagMbColumn,
        LagSecondsColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit MembersModel(const ConfigOverview &config, QObject *parent = nullptr);

    // Not owned; may be null (then no rows).
    void setTopology(const TopologyState *topology);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "running", "streaming", "fenced", "unreachable", "not streaming", ...
    static QString stateOf(const NodeState &node, const NodeReplication &replication);

private:
    struct Row
    {
        QString endpointId;
        QString member;
        QString regionId;
        QString region;
        QString host;
        NodeState node;
        NodeReplication replication;
    };
    void refresh();
    QVariant cell(const Row &row, int column, int role) const;

    ConfigOverview m_config;
    const TopologyState *m_topology = nullptr; // not owned
    QList<Row> m_rows;
};

} // namespace Console
