#include "membersmodel.h"

#include "displaytext.h"
#include "roles.h"
#include "topologystate.h"

namespace Console {

MembersModel::MembersModel(const ConfigOverview &config, QObject *parent)
    : QAbstractTableModel(parent)
    , m_config(config)
{ }

void MembersModel::setTopology(const TopologyState *topology)
{
    if (m_topology)
        disconnect(m_topology, nullptr, this, nullptr);
    m_topology = topology;
    if (m_topology)
        connect(m_topology, &TopologyState::changed, this, &MembersModel::refresh);
    refresh();
}

QString MembersModel::stateOf(const NodeState &node, const NodeReplication &replication)
{
    if (!node.probed)
        return tr("unknown");
    if (!node.answering)
        return tr("unreachable");
    if (node.fenced())
        return tr("fenced");
    if (node.role == PostgresRole::Primary)
        return tr("running");
    if (replication.link && !replication.link->state.isEmpty())
        return replication.replayPaused ? tr("%1, replay paused").arg(replication.link->state)
                                        : replication.link->state;
    if (node.observation && !node.observation->receiverStatus.isEmpty())
        return node.observation->receiverStatus;
    return tr("not streaming");
}

void MembersModel::refresh()
{
    QList<Row> rows;
    if (m_topology) {
        for (const NodeState &node : m_topology->nodes()) {
            if (node.viaHttp)
                continue;
            Row row;
            row.endpointId = node.endpointId;
            row.member = m_config.endpointName(node.endpointId);
            row.regionId = node.regionId;
            row.region = m_config.regionName(node.regionId);
            if (const RegionOverview *region = m_config.region(node.regionId)) {
                for (const EndpointOverview &endpoint : region->endpoints) {
                    if (endpoint.id == node.endpointId)
                        row.host = endpoint.displayTarget;
                }
            }
            row.node = node;
            row.replication = m_topology->replicationOf(node.endpointId);
            rows.append(row);
        }
    }
    const bool sameRows = rows.size() == m_rows.size()
        && std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin(),
            [](const Row &a, const Row &b) { return a.endpointId == b.endpointId; });
    if (!sameRows) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    m_rows = rows;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int MembersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MembersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MembersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MemberColumn: return tr("Member");
    case RegionColumn: return tr("Region");
    case HostColumn: return tr("Host");
    case RoleColumn: return tr("Role");
    case StateColumn: return tr("State");
    case TimelineColumn: return tr("TL");
    case LagMbColumn: return tr("Lag in MB");
    case LagSecondsColumn: return tr("Lag (s)");
    default: return {};
    }
}

QVariant MembersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case RegionIdRole: return row.regionId;
    case EndpointIdRole: return row.endpointId;
    case HealthRole: return int(row.node.health);
    case IsPrimaryRole: return row.node.role == PostgresRole::Primary && row.node.answering;
    default: return cell(row, index.column(), role);
    }
}

QVariant MembersModel::cell(const Row &row, int column, int role) const
{
    if (role != Qt::DisplayRole && role != SortRole && role != Qt::TextAlignmentRole)
        return {};
    const bool numeric
        = column == TimelineColumn || column == LagMbColumn || column == LagSecondsColumn;
    if (role == Qt::TextAlignmentRole)
        return numeric ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    const NodeState &node = row.node;
    const bool standby = node.role == PostgresRole::Standby;
    const std::optional<ReplicationLink> &link = row.replication.link;
    switch (column) {
    case MemberColumn: return row.member;
    case RegionColumn: return row.region;
    case HostColumn: return row.host;
    case RoleColumn:
        // patronictl's words: the writable one leads, the others replicate.
        if (!node.role)
            return QString();
        return node.role == PostgresRole::Primary ? tr("Leader") : tr("Replica");
    case StateColumn: return stateOf(node, row.replication);
    case TimelineColumn:
        if (node.observation && node.observation->timeline)
            return *node.observation->timeline;
        return QString();
    case LagMbColumn:
        if (!standby)
            return QString();
        if (!link || !link->lagBytes)
            return role == SortRole ? QVariant(-1.0) : QVariant(tr("unknown"));
        if (role == SortRole)
            return double(*link->lagBytes);
        return QString::number(double(*link->lagBytes) / (1024.0 * 1024.0), 'f', 1);
    case LagSecondsColumn:
        if (!standby)
            return QString();
        if (!link || !link->lagSeconds)
            return role == SortRole ? QVariant(-1.0) : QVariant(tr("unknown"));
        if (role == SortRole)
            return *link->lagSeconds;
        return QString::number(*link->lagSeconds, 'f', 1);
    default: return {};
    }
}

} // namespace Console
