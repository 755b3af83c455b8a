#include "eventlogmodel.h"

#include "displaytext.h"
#include "roles.h"

#include <algorithm>

namespace Console {

EventLogModel::EventLogModel(QObject *parent)
    : EventLogModel(defaultMaxRows, parent)
{ }

EventLogModel::EventLogModel(int maxRows, QObject *parent)
    : QAbstractTableModel(parent)
    , m_maxRows(std::max(1, maxRows))
{ }

EventLogModel::~EventLogModel() = default;

void EventLogModel::setMaxRows(int maxRows)
{
    m_maxRows = std::max(1, maxRows);
    trimTo(m_maxRows);
}

void EventLogModel::trimTo(int rows)
{
    const int excess = int(m_events.size()) - rows;
    if (excess <= 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    m_events.remove(0, excess);
    endRemoveRows();
}

void EventLogModel::append(const QDateTime &at, EventSeverity severity, const QString &regionId,
    const QString &endpointId, const QString &message)
{
    trimTo(m_maxRows - 1);
    const int row = int(m_events.size());
    beginInsertRows({}, row, row);
    m_events.append({ at, severity, regionId, endpointId, message });
    endInsertRows();
}

void EventLogModel::clear()
{
    if (m_events.isEmpty())
        return;
    beginResetModel();
    m_events.clear();
    endResetModel();
}

void EventLogModel::onHealthChanged(const Console::HealthChange &change)
{
    const QString subject = change.isRegion() ? change.regionId : change.endpointId;
    QString message
        = tr("%1: %2 → %3").arg(subject, healthLabel(change.from), healthLabel(change.to));
    if (!change.reason.isEmpty())
        message = tr("%1 (%2)").arg(message, change.reason);
    append(change.at.isValid() ? change.at : QDateTime::currentDateTimeUtc(),
        severityFor(change.to), change.regionId, change.endpointId, message);
}

void EventLogModel::onRoleChanged(const Console::RoleChange &change)
{
    const QString role = DisplayText::postgresRole(change.to);
    QString message = change.from
        ? tr("%1: the server is now %2 (was %3)")
              .arg(change.endpointId, role, DisplayText::postgresRole(*change.from))
        : tr("%1: the server reports %2").arg(change.endpointId, role);
    if (change.mismatch)
        message = tr("%1, but the configuration says %2")
                      .arg(message, DisplayText::regionRole(change.configured));
    const EventSeverity severity
        = change.mismatch || change.from ? EventSeverity::Warning : EventSeverity::Info;
    append(change.at, severity, change.regionId, change.endpointId, message);
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Event &e = m_events.at(index.row());
    if (role == TimestampRole)
        return e.at;
    if (role == SeverityRole)
        return int(e.severity);
    if (role == RegionIdRole)
        return e.regionId;
    if (role == EndpointIdRole)
        return e.endpointId;

    switch (index.column()) {
    case TimeColumn:
        if (role == Qt::DisplayRole)
            return DisplayText::clockTime(e.at);
        if (role == Qt::ToolTipRole)
            return e.at.toLocalTime().toString(Qt::ISODateWithMs);
        if (role == SortRole)
            return e.at.toMSecsSinceEpoch();
        break;
    case SeverityColumn:
        if (role == Qt::DisplayRole)
            return DisplayText::severity(e.severity);
        if (role == SortRole)
            return int(e.severity);
        break;
    case RegionColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return e.regionId;
        break;
    case EndpointColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return e.endpointId;
        break;
    case MessageColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == SortRole)
            return e.message;
        break;
    default: break;
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case SeverityColumn: return tr("Severity");
    case RegionColumn: return tr("Region");
    case EndpointColumn: return tr("Endpoint");
    case MessageColumn: return tr("Message");
    default: return {};
    }
}

} // namespace Console
