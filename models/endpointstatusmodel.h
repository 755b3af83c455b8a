#pragma once

#include "configoverview.h"
#include "health.h"
#include "healthevents.h"
#include "nodedetails.h"
#include "replicationsummary.h"
#include "topologytypes.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>
#include <QList>

namespace Console {

class TopologyState;

// The status table as a tree: one top-level row per region (config order), its endpoints as
// children. Only setConfig() resets it; results and health changes emit dataChanged for exactly
// the cells and roles whose values moved, so views keep selection, scroll and expansion.
//
// Roles: HealthRole, RegionIdRole, EndpointIdRole, IsRegionRole and RegionRoleRole (an endpoint
// row carries its region's role) answer on every column. Per column: DisplayRole and SortRole;
// StatusColumn also ToolTipRole (the verdict's reason); LatencyColumn LatencyMsRole;
// StatusColumn CauseRole, SinceRole, LastProbeRole (endpoints); SuccessRateColumn SuccessRateRole;
// LastErrorColumn TimestampRole and ToolTipRole; RoleColumn WarningRole; ReplicationColumn
// WarningRole, CompactTextRole, LagBytesRole, LagSecondsRole, ToolTipRole.
class EndpointStatusModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointStatusModel)
public:
    enum Column {
        NameColumn,
        RoleColumn, // configured role for regions, kind for endpoints
        StatusColumn,
        LatencyColumn,
        SuccessRateColumn,
        ReplicationColumn, // PostgreSQL: standbys and worst lag on a primary, own lag on a standby
        LastErrorColumn, // the last failure, kept after recovery, with its time
        TargetColumn, // EndpointConfig::displayTarget
        ColumnCount
    };
    Q_ENUM(Column)

    explicit EndpointStatusModel(QObject *parent = nullptr);
    ~EndpointStatusModel() override;

    void setConfig(const ConfigOverview &config);
    // Roles and replication come from here, as the servers report them (not owned; may be null).
    void setTopology(const TopologyState *topology);

    QModelIndex indexForEndpoint(const QString &endpointId, int column = 0) const;
    QModelIndex indexForRegion(const QString &regionId, int column = 0) const;
    // The endpoint's last failed probes, newest first (at most kRecentErrors).
    QList<RecentError> recentErrors(const QString &endpointId) const;
    static constexpr int kRecentErrors = 5;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

public slots:
    void onEndpointEvaluated(const Console::EndpointHealthUpdate &update);
    void onHealthChanged(const Console::HealthChange &change);
    void onRegionReasonChanged(const QString &regionId, const QString &reason);
    void onTopologyChanged();

private:
    struct Status
    {
        Health health = Health::Unknown;
        QString reason;
        QString cause; // pill-sized, see CauseRole
        QDateTime since; // the current verdict's start
        QDateTime lastProbeAt;
        bool timedOut = false; // the last probe found no answer within the timeout
        double latencyMs = -1;
        double successRate = -1;
        QString lastError;
        QDateTime lastErrorAt;
        // As the servers report: an endpoint's own role, a region's role from its servers.
        std::optional<PostgresRole> observedRole;
        bool isPrimary = false; // the topology's one primary is this endpoint / in this region
        ReplicationSummary replication;
    };
    struct EndpointRow
    {
        QString id;
        QString name;
        EndpointKind kind = EndpointKind::Http;
        QString displayTarget;
        Milliseconds timeout { 800 };
        Status status;
        QList<RecentError> recentErrors; // newest first
    };
    struct RegionRow
    {
        QString id;
        QString name;
        RegionRole role = RegionRole::Replica;
        Status status;
        QString culpritId; // the endpoint whose verdict made the region's, while not healthy
        QList<EndpointRow> endpoints;
    };

    QVariant cellData(
        const RegionRow &region, const EndpointRow *endpoint, int column, int role) const;
    // Replaces a row's status and emits dataChanged for what that changed.
    void updateStatus(const QModelIndex &row, Status &status, const Status &next);
    QList<QVariant> snapshot(const QModelIndex &row) const;

    QList<RegionRow> m_regions;
    QHash<QString, int> m_regionRows;
    QHash<QString, QPair<int, int>> m_endpointRows; // region row, endpoint row
    const TopologyState *m_topology = nullptr; // not owned
    Milliseconds m_errorRateWindow { 30000 };
};

} // namespace Console
