#include "endpointstatusmodel.h"

#include "displaytext.h"
#include "probetext.h"
#include "quantitytext.h"
#include "roles.h"
#include "topologystate.h"

namespace Console {

namespace {
// The roles whose values can change after setConfig(); the others are fixed per row.
constexpr int kVolatileRoles[] = { Qt::DisplayRole, Qt::ToolTipRole, SortRole, HealthRole,
    LatencyMsRole, SuccessRateRole, TimestampRole, WarningRole, LagBytesRole, LagSecondsRole,
    IsPrimaryRole, CauseRole, SinceRole, LastProbeRole, ObservedRoleRole };

constexpr int kVolatileRoleCount = int(std::size(kVolatileRoles));

// internalId 0 marks a region row; an endpoint row stores its region's row + 1.
constexpr quintptr kRegionId = 0;

QString lagCause(const LagReading &lag, HealthCause cause)
{
    if (cause == HealthCause::LagBytes && lag.bytes)
        return EndpointStatusModel::tr("lag %1").arg(QuantityText::bytes(*lag.bytes));
    if (cause == HealthCause::LagSeconds && lag.seconds)
        return EndpointStatusModel::tr("lag %1").arg(QuantityText::seconds(*lag.seconds));
    return EndpointStatusModel::tr("lag");
}

// The verdict's cause in a word or two, from the result that led to it.
QString causeOf(const EndpointHealthUpdate &update, const QString &previous)
{
    switch (update.cause) {
    case HealthCause::None:
    case HealthCause::Recovered: return {};
    case HealthCause::StrongFailure:
    case HealthCause::FailureRun:
        return update.result.ok() ? previous : shortFailure(update.result);
    case HealthCause::ErrorRate:
        return update.successRate >= 0
            ? EndpointStatusModel::tr("%1 errors")
                  .arg(DisplayText::successRate(1.0 - update.successRate))
            : EndpointStatusModel::tr("errors");
    case HealthCause::Slowness:
        return EndpointStatusModel::tr("slow, %1")
            .arg(DisplayText::latency(update.result.latencyMs));
    case HealthCause::Recovering: return EndpointStatusModel::tr("recovering");
    case HealthCause::LagSeconds:
    case HealthCause::LagBytes:
        return update.lag ? lagCause(*update.lag, update.cause) : EndpointStatusModel::tr("lag");
    case HealthCause::ReplayPaused: return EndpointStatusModel::tr("replay paused");
    case HealthCause::NotStreaming: return EndpointStatusModel::tr("not streaming");
    }
    return {};
}
} // namespace

EndpointStatusModel::EndpointStatusModel(QObject *parent)
    : QAbstractItemModel(parent)
{ }

EndpointStatusModel::~EndpointStatusModel() = default;

void EndpointStatusModel::setConfig(const ConfigOverview &config)
{
    beginResetModel();
    m_regions.clear();
    m_regionRows.clear();
    m_endpointRows.clear();
    m_errorRateWindow = config.errorRateWindow;
    for (const RegionOverview &region : config.regions) {
        RegionRow row { region.id, region.name, region.role, {}, {}, {} };
        for (const EndpointOverview &endpoint : region.endpoints) {
            m_endpointRows.insert(
                endpoint.id, { int(m_regions.size()), int(row.endpoints.size()) });
            row.endpoints.append({ endpoint.id, endpoint.name, endpoint.kind,
                endpoint.displayTarget, endpoint.timeout, {}, {} });
        }
        m_regionRows.insert(region.id, int(m_regions.size()));
        m_regions.append(row);
    }
    endResetModel();
}

QModelIndex EndpointStatusModel::indexForEndpoint(const QString &endpointId, int column) const
{
    const auto it = m_endpointRows.constFind(endpointId);
    if (it == m_endpointRows.cend() || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(it->second, column, quintptr(it->first + 1));
}

QModelIndex EndpointStatusModel::indexForRegion(const QString &regionId, int column) const
{
    const auto it = m_regionRows.constFind(regionId);
    if (it == m_regionRows.cend() || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(*it, column, kRegionId);
}

QList<RecentError> EndpointStatusModel::recentErrors(const QString &endpointId) const
{
    const auto it = m_endpointRows.constFind(endpointId);
    if (it == m_endpointRows.cend())
        return {};
    return m_regions.at(it->first).endpoints.at(it->second).recentErrors;
}

QModelIndex EndpointStatusModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kRegionId);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex EndpointStatusModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kRegionId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kRegionId);
}

int EndpointStatusModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_regions.size());
    if (parent.column() != 0 || parent.internalId() != kRegionId)
        return 0;
    return int(m_regions.at(parent.row()).endpoints.size());
}

int EndpointStatusModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags EndpointStatusModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.internalId() != kRegionId)
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QVariant EndpointStatusModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case StatusColumn:
            return tr("The verdict, why, and for how long it has held; the last probe's age");
        case SuccessRateColumn:
            return tr("Probes that succeeded over the last %1")
                .arg(QuantityText::duration(m_errorRateWindow));
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Name");
    case RoleColumn: return tr("Role");
    case StatusColumn: return tr("Status");
    case LatencyColumn: return tr("Latency");
    case SuccessRateColumn:
        return tr("Success (%1)").arg(QuantityText::duration(m_errorRateWindow));
    case ReplicationColumn: return tr("Replication");
    case LastErrorColumn: return tr("Last error");
    case TargetColumn: return tr("Target");
    default: return {};
    }
}

QVariant EndpointStatusModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kRegionId)
        return cellData(m_regions.at(index.row()), nullptr, index.column(), role);
    const RegionRow &region = m_regions.at(int(index.internalId() - 1));
    return cellData(region, &region.endpoints.at(index.row()), index.column(), role);
}

QVariant EndpointStatusModel::cellData(
    const RegionRow &region, const EndpointRow *endpoint, int column, int role) const
{
    const Status &s = endpoint ? endpoint->status : region.status;
    switch (role) {
    case HealthRole: return int(s.health);
    case RegionIdRole: return region.id;
    case EndpointIdRole: return endpoint ? endpoint->id : QString();
    case IsRegionRole: return endpoint == nullptr;
    case RegionRoleRole: return int(region.role);
    case IsPrimaryRole: return s.isPrimary;
    case ObservedRoleRole: return s.observedRole ? QVariant(int(*s.observedRole)) : QVariant();
    default: break;
    }

    switch (column) {
    case NameColumn: {
        const QString &name = endpoint ? endpoint->name : region.name;
        const QString &id = endpoint ? endpoint->id : region.id;
        if (role == Qt::DisplayRole || role == SortRole)
            return name.isEmpty() ? id : name;
        break;
    }
    case RoleColumn: {
        const QString kind = endpoint ? DisplayText::endpointKind(endpoint->kind) : QString();
        if (!s.observedRole) {
            if (role == WarningRole)
                return false;
            if (role == Qt::DisplayRole || role == SortRole)
                return endpoint ? kind
                                : tr("%1 (configured)").arg(DisplayText::regionRole(region.role));
            break;
        }
        const bool mismatch
            = (region.role == RegionRole::Primary) != (*s.observedRole == PostgresRole::Primary);
        const QString observed = DisplayText::postgresRole(*s.observedRole);
        if (role == WarningRole)
            return mismatch;
        if (role == Qt::DisplayRole || role == SortRole) {
            const QString text = endpoint ? tr("%1 · %2").arg(kind, observed) : observed;
            return mismatch
                ? tr("%1 ≠ configured %2").arg(text, DisplayText::regionRole(region.role))
                : text;
        }
        if (role == Qt::ToolTipRole)
            return mismatch
                ? tr("The servers report %1, but the configuration says the %2. The console "
                     "follows the servers.")
                      .arg(observed, DisplayText::regionRole(region.role))
                : tr("The servers report %1.").arg(observed);
        break;
    }
    case ReplicationColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return s.replication.text;
        if (role == CompactTextRole && !s.replication.compact.isEmpty())
            return s.replication.compact;
        if (role == Qt::ToolTipRole && !s.replication.detail.isEmpty())
            return s.replication.detail;
        if (role == WarningRole)
            return s.replication.warning;
        if (role == LagBytesRole && s.replication.worstLagBytes)
            return *s.replication.worstLagBytes;
        if (role == LagSecondsRole && s.replication.worstLagSeconds)
            return *s.replication.worstLagSeconds;
        break;
    case StatusColumn:
        if (role == Qt::DisplayRole)
            return s.cause.isEmpty() || s.health == Health::Healthy
                ? healthLabel(s.health)
                : tr("%1 · %2").arg(healthLabel(s.health), s.cause);
        if (role == CauseRole)
            return s.cause;
        if (role == SinceRole)
            return s.since;
        if (role == LastProbeRole)
            return s.lastProbeAt;
        if (role == SortRole)
            return int(s.health);
        if (role == Qt::ToolTipRole)
            return s.reason;
        break;
    case LatencyColumn:
        // A timeout has no latency, but it is not blank either: the answer took longer than this.
        if (role == Qt::DisplayRole && s.timedOut && endpoint)
            return tr("> %1").arg(QuantityText::duration(endpoint->timeout));
        if (role == Qt::DisplayRole)
            return DisplayText::latency(s.latencyMs);
        if (role == LatencyMsRole || role == SortRole)
            return s.latencyMs;
        break;
    case SuccessRateColumn:
        if (role == Qt::DisplayRole)
            return DisplayText::successRate(s.successRate);
        if (role == SuccessRateRole || role == SortRole)
            return s.successRate;
        break;
    case LastErrorColumn:
        if (role == Qt::DisplayRole && !s.lastError.isEmpty())
            return tr("%1 (%2)").arg(s.lastError, DisplayText::clockTime(s.lastErrorAt));
        if (role == Qt::ToolTipRole && !s.lastError.isEmpty())
            return tr("%1\nat %2")
                .arg(s.lastError, s.lastErrorAt.toLocalTime().toString(Qt::ISODateWithMs));
        if (role == TimestampRole)
            return s.lastErrorAt;
        if (role == SortRole)
            return s.lastErrorAt.isValid() ? s.lastErrorAt.toMSecsSinceEpoch() : qint64(-1);
        break;
    case TargetColumn:
        if ((role == Qt::DisplayRole || role == SortRole) && endpoint)
            return endpoint->displayTarget;
        break;
    default: break;
    }
    return {};
}

QList<QVariant> EndpointStatusModel::snapshot(const QModelIndex &row) const
{
    QList<QVariant> values;
    values.reserve(ColumnCount * kVolatileRoleCount);
    for (int column = 0; column < ColumnCount; ++column) {
        const QModelIndex cell = row.siblingAtColumn(column);
        for (int role : kVolatileRoles)
            values.append(data(cell, role));
    }
    return values;
}

void EndpointStatusModel::updateStatus(const QModelIndex &row, Status &status, const Status &next)
{
    // Comparing what data() answers before and after, rather than the fields, keeps the signal
    // exact by construction: a latency that still rounds to "42 ms" changes LatencyMsRole only.
    const QList<QVariant> before = snapshot(row);
    status = next;
    const QList<QVariant> after = snapshot(row);

    QList<int> pendingRoles;
    int rangeStart = -1;
    auto flush = [&](int endColumn) {
        if (rangeStart >= 0)
            emit dataChanged(
                row.siblingAtColumn(rangeStart), row.siblingAtColumn(endColumn), pendingRoles);
        rangeStart = -1;
        pendingRoles.clear();
    };
    for (int column = 0; column < ColumnCount; ++column) {
        QList<int> roles;
        for (int i = 0; i < kVolatileRoleCount; ++i) {
            const int at = column * kVolatileRoleCount + i;
            if (before.at(at) != after.at(at))
                roles.append(kVolatileRoles[i]);
        }
        // Adjacent columns with the same changed roles share one signal.
        if (rangeStart >= 0 && roles != pendingRoles)
            flush(column - 1);
        if (!roles.isEmpty() && rangeStart < 0) {
            rangeStart = column;
            pendingRoles = roles;
        }
    }
    flush(ColumnCount - 1);
}

void EndpointStatusModel::onEndpointEvaluated(const Console::EndpointHealthUpdate &update)
{
    const QModelIndex row = indexForEndpoint(update.endpointId);
    if (!row.isValid())
        return;
    const auto [regionRow, endpointRow] = m_endpointRows.value(update.endpointId);
    Status &status = m_regions[regionRow].endpoints[endpointRow].status;
    Status next = status;
    const QDateTime at = update.result.startedAt.isValid() ? update.result.startedAt
                                                           : QDateTime::currentDateTimeUtc();
    if (update.health != status.health)
        next.since = at;
    next.health = update.health;
    next.reason = update.reason;
    next.cause = causeOf(update, status.cause);
    next.lastProbeAt = at;
    next.timedOut = update.result.status == ProbeStatus::Timeout;
    next.latencyMs = hasAnswer(update.result) ? update.result.latencyMs : -1;
    next.successRate = update.successRate;
    if (!update.result.ok()) {
        next.lastError = describeFailure(update.result);
        next.lastErrorAt = update.result.startedAt.isValid() ? update.result.startedAt
                                                             : QDateTime::currentDateTimeUtc();
        QList<RecentError> &recent = m_regions[regionRow].endpoints[endpointRow].recentErrors;
        recent.prepend({ next.lastErrorAt, next.lastError });
        if (recent.size() > kRecentErrors)
            recent.resize(kRecentErrors);
    }
    updateStatus(row, status, next);

    // The region's pill and the banner quote its culprit's cause: as current as the culprit's
    // own ("lag 64.1 s", not the "lag 46.0 s" of when the region turned).
    RegionRow &region = m_regions[regionRow];
    if (region.culpritId == update.endpointId && region.status.health != Health::Healthy
        && next.health != Health::Healthy && !next.cause.isEmpty()
        && region.status.cause != next.cause) {
        Status regionNext = region.status;
        regionNext.cause = next.cause;
        updateStatus(indexForRegion(region.id), region.status, regionNext);
    }
}

void EndpointStatusModel::setTopology(const TopologyState *topology)
{
    if (m_topology)
        disconnect(m_topology, nullptr, this, nullptr);
    m_topology = topology;
    if (m_topology) {
        connect(m_topology, &TopologyState::changed, this, &EndpointStatusModel::onTopologyChanged);
    }
    onTopologyChanged();
}

// Only the rows the topology knows move: a topology change costs its nodes, not the whole table.
void EndpointStatusModel::onTopologyChanged()
{
    if (!m_topology)
        return;
    const PrimaryState &primary = m_topology->primary();
    for (int r = 0; r < m_regions.size(); ++r) {
        RegionRow &region = m_regions[r];
        std::optional<PostgresRole> regionRole;
        for (int e = 0; e < region.endpoints.size(); ++e) {
            EndpointRow &endpoint = region.endpoints[e];
            const NodeState *node = m_topology->node(endpoint.id);
            const NodeReplication replication = m_topology->replicationOf(endpoint.id);
            if (!node && replication.side == NodeReplication::Side::None)
                continue;
            Status next = endpoint.status;
            next.observedRole = node ? node->role : std::nullopt;
            next.isPrimary
                = primary.status == PrimaryStatus::One && primary.endpointId == endpoint.id;
            next.replication = summarizeReplication(replication, node);
            updateStatus(createIndex(e, 0, quintptr(r + 1)), endpoint.status, next);
            if (node && node->role && node->reachable()
                && (!regionRole || *node->role == PostgresRole::Primary))
                regionRole = node->role;
        }
        Status next = region.status;
        next.observedRole = regionRole;
        // The region row shows its database's replication (the primary's standbys, or the
        // standby's own lag), so lag reads without expanding the region.
        next.replication = {};
        for (const EndpointRow &endpoint : region.endpoints) {
            if (!endpoint.status.replication.text.isEmpty()) {
                next.replication = endpoint.status.replication;
                break;
            }
        }
        next.isPrimary = primary.status == PrimaryStatus::One && primary.regionId == region.id;
        updateStatus(createIndex(r, 0, kRegionId), region.status, next);
    }
}

void EndpointStatusModel::onRegionReasonChanged(const QString &regionId, const QString &reason)
{
    const QModelIndex row = indexForRegion(regionId);
    if (!row.isValid())
        return;
    Status &status = m_regions[row.row()].status;
    Status next = status;
    next.reason = reason;
    updateStatus(row, status, next);
}

void EndpointStatusModel::onHealthChanged(const Console::HealthChange &change)
{
    if (!change.isRegion()) {
        // Endpoint rows follow endpointEvaluated; a change only confirms health and reason.
        const QModelIndex row = indexForEndpoint(change.endpointId);
        if (!row.isValid())
            return;
        const auto [regionRow, endpointRow] = m_endpointRows.value(change.endpointId);
        Status &status = m_regions[regionRow].endpoints[endpointRow].status;
        Status next = status;
        if (change.to != status.health)
            next.since = change.at;
        next.health = change.to;
        next.reason = change.reason;
        updateStatus(row, status, next);
        return;
    }
    const QModelIndex row = indexForRegion(change.regionId);
    if (!row.isValid())
        return;
    RegionRow &region = m_regions[row.row()];
    Status &status = region.status;
    Status next = status;
    if (change.to != status.health || !status.since.isValid())
        next.since = change.at;
    next.health = change.to;
    next.reason = change.reason;
    next.cause.clear();
    region.culpritId = change.to != Health::Healthy ? change.culpritId : QString();
    for (const EndpointRow &endpoint : region.endpoints) {
        if (!region.culpritId.isEmpty() && endpoint.id == region.culpritId)
            next.cause = endpoint.status.cause;
    }
    if (change.to == Health::Degraded || change.to == Health::Unhealthy) {
        next.lastError = change.reason;
        next.lastErrorAt = change.at.isValid() ? change.at : QDateTime::currentDateTimeUtc();
    }
    updateStatus(row, status, next);
}

} // namespace Console
