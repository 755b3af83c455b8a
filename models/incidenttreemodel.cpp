#include "incidenttreemodel.h"

#include "clock.h"
#include "displaytext.h"
#include "eventlogmodel.h"
#include "quantitytext.h"
#include "roles.h"

#include <algorithm>
#include <chrono>

namespace Console {

IncidentTreeModel::IncidentTreeModel(EventLogModel *source, Clock *clock, QObject *parent)
    : QAbstractItemModel(parent)
    , m_source(source)
    , m_clock(clock ? clock : Clock::system())
{
    for (int row = 0; row < m_source->rowCount(); ++row)
        addEvent(m_source->event(row));
    connect(m_source, &QAbstractItemModel::rowsInserted, this, &IncidentTreeModel::onRowsInserted);
    connect(m_source, &QAbstractItemModel::rowsAboutToBeRemoved, this,
        &IncidentTreeModel::onRowsAboutToBeRemoved);
    connect(m_source, &QAbstractItemModel::modelAboutToBeReset, this,
        &IncidentTreeModel::onModelAboutToBeReset);
    connect(m_source, &QAbstractItemModel::modelReset, this, &IncidentTreeModel::onModelReset);
}

IncidentTreeModel::~IncidentTreeModel() = default;

bool IncidentTreeModel::before(const Key &a, const Key &b)
{
    if (a.time != b.time)
        return a.time < b.time;
    return a.sequence < b.sequence;
}

QDateTime IncidentTreeModel::now() const
{
    return m_clock->wallNow();
}

void IncidentTreeModel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    for (int row = first; row <= last; ++row)
        addEvent(m_source->event(row));
}

// The log drops its oldest rows one by one: each leaves the tree before it leaves the log, while
// the log can still say which event it is.
void IncidentTreeModel::onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    for (int row = first; row <= last; ++row)
        removeEvent(m_source->event(row));
}

void IncidentTreeModel::onModelAboutToBeReset()
{
    beginResetModel();
    m_resetting = true;
}

void IncidentTreeModel::onModelReset()
{
    m_rows.clear();
    m_incidentRows.clear();
    m_openings.clear();
    m_incidents.clear();
    for (int row = 0; row < m_source->rowCount(); ++row)
        addEvent(m_source->event(row));
    m_resetting = false;
    endResetModel();
}

void IncidentTreeModel::addEvent(const ConsoleEvent &event)
{
    m_incidents.add(event);
    const Key key = keyOf(event);
    const int incident = m_incidents.incidentOf(event.sequence);
    if (incident < 0) {
        auto row = std::make_unique<TopRow>();
        row->key = key;
        insertTop(std::move(row));
        return;
    }
    if (!m_openings.contains(incident))
        m_openings.insert(incident, { event.message, event.kind });
    TopRow *top = m_incidentRows.value(incident);
    if (!top) {
        // A new incident, or one whose earlier events have all left the log: it keeps its place
        // by the opening event.
        const EventIncident &info = m_incidents.incidents().at(incident);
        auto row = std::make_unique<TopRow>();
        row->key = { info.start, info.openingSequence };
        row->incident = incident;
        row->children.append(key);
        insertTop(std::move(row));
        return;
    }
    int at = int(top->children.size());
    while (at > 0 && before(key, top->children.at(at - 1)))
        --at;
    const int topRow = topRowOf(top->key);
    if (!m_resetting)
        beginInsertRows(index(topRow, 0), at, at);
    top->children.insert(at, key);
    if (!m_resetting) {
        endInsertRows();
        // Its worst severity, duration and state may have moved with the new event.
        emit dataChanged(index(topRow, 0), index(topRow, ColumnCount - 1));
    }
}

void IncidentTreeModel::removeEvent(const ConsoleEvent &event)
{
    const Key key = keyOf(event);
    const int incident = m_incidents.incidentOf(event.sequence);
    m_incidents.forget(event.sequence);
    if (TopRow *top = m_incidentRows.value(incident)) {
        const int at = int(top->children.indexOf(key));
        if (at < 0)
            return;
        const int topRow = topRowOf(top->key);
        if (top->children.size() == 1) {
            removeTop(topRow);
            return;
        }
        beginRemoveRows(index(topRow, 0), at, at);
        top->children.remove(at);
        endRemoveRows();
        return;
    }
    const int row = topRowOf(key);
    if (row >= 0 && m_rows.at(row)->incident < 0)
        removeTop(row);
}

// Nearly every row belongs at the end, so the search walks back from there.
void IncidentTreeModel::insertTop(std::unique_ptr<TopRow> row)
{
    int at = int(m_rows.size());
    while (at > 0 && before(row->key, m_rows.at(at - 1)->key))
        --at;
    if (!m_resetting)
        beginInsertRows({}, at, at);
    if (row->incident >= 0)
        m_incidentRows.insert(row->incident, row.get());
    m_rows.insert(m_rows.begin() + at, std::move(row));
    if (!m_resetting)
        endInsertRows();
}

void IncidentTreeModel::removeTop(int row)
{
    beginRemoveRows({}, row, row);
    if (m_rows.at(row)->incident >= 0)
        m_incidentRows.remove(m_rows.at(row)->incident);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
}

int IncidentTreeModel::topRowOf(const Key &key) const
{
    const auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), key,
        [](const std::unique_ptr<TopRow> &row, const Key &k) { return before(row->key, k); });
    if (it == m_rows.cend() || !((*it)->key == key))
        return -1;
    return int(it - m_rows.cbegin());
}

// The log is in the same order, so a binary search finds an event's row in it.
int IncidentTreeModel::sourceRowOf(const Key &key) const
{
    int low = 0;
    int high = m_source->rowCount();
    while (low < high) {
        const int middle = low + (high - low) / 2;
        if (before(keyOf(m_source->event(middle)), key))
            low = middle + 1;
        else
            high = middle;
    }
    if (low >= m_source->rowCount() || !(keyOf(m_source->event(low)) == key))
        return -1;
    return low;
}

int IncidentTreeModel::incidentOf(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return -1;
    if (const auto *parentRow = static_cast<const TopRow *>(index.internalPointer()))
        return parentRow->incident;
    return m_rows.at(index.row())->incident;
}

QModelIndex IncidentTreeModel::indexOfIncident(int incident, int column) const
{
    const TopRow *top = m_incidentRows.value(incident);
    return top ? index(topRowOf(top->key), column) : QModelIndex();
}

bool IncidentTreeModel::isIncident(const QModelIndex &index) const
{
    return checkIndex(index, CheckIndexOption::IndexIsValid) && !index.internalPointer()
        && m_rows.at(index.row())->incident >= 0;
}

std::optional<ConsoleEvent> IncidentTreeModel::event(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || isIncident(index))
        return std::nullopt;
    const auto *parentRow = static_cast<const TopRow *>(index.internalPointer());
    const Key &key = parentRow ? parentRow->children.at(index.row()) : m_rows.at(index.row())->key;
    const int row = sourceRowOf(key);
    if (row < 0)
        return std::nullopt;
    return m_source->event(row);
}

QList<ConsoleEvent> IncidentTreeModel::events(const QModelIndex &index) const
{
    if (!isIncident(index)) {
        const std::optional<ConsoleEvent> one = event(index);
        return one ? QList<ConsoleEvent> { *one } : QList<ConsoleEvent> {};
    }
    QList<ConsoleEvent> out;
    for (const Key &key : m_rows.at(index.row())->children) {
        const int row = sourceRowOf(key);
        if (row >= 0)
            out << m_source->event(row);
    }
    return out;
}

bool IncidentTreeModel::acknowledge(int incident, const QString &by)
{
    if (!m_incidents.acknowledge(incident, by, now()))
        return false;
    const QModelIndex row = indexOfIncident(incident);
    if (row.isValid()) {
        // The whole row reads differently, and so do its events.
        emit dataChanged(row, row.siblingAtColumn(ColumnCount - 1));
        const int children = rowCount(row);
        if (children > 0)
            emit dataChanged(index(0, 0, row), index(children - 1, ColumnCount - 1, row));
    }
    emit acknowledged(incident);
    return true;
}

void IncidentTreeModel::refreshDurations()
{
    const QList<int> roles { Qt::DisplayRole, Qt::ToolTipRole, SortRole, DurationMsRole };
    for (auto it = m_incidentRows.cbegin(); it != m_incidentRows.cend(); ++it) {
        if (!m_incidents.incidents().at(it.key()).isOpen())
            continue;
        const QModelIndex cell = index(topRowOf(it.value()->key), DurationColumn);
        emit dataChanged(cell, cell, roles);
    }
}

QModelIndex IncidentTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, nullptr);
    // A child's internal pointer is its incident's row, so parent() finds it again.
    return createIndex(row, column, m_rows.at(parent.row()).get());
}

QModelIndex IncidentTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    const auto *parentRow = static_cast<const TopRow *>(child.internalPointer());
    return createIndex(topRowOf(parentRow->key), 0, nullptr);
}

int IncidentTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.internalPointer() || parent.column() != 0)
        return 0;
    return int(m_rows.at(parent.row())->children.size());
}

int IncidentTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant IncidentTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (const auto *parentRow = static_cast<const TopRow *>(index.internalPointer()))
        return eventData(parentRow->children.at(index.row()), parentRow, index.column(), role);
    const TopRow &row = *m_rows.at(index.row());
    if (row.incident < 0)
        return eventData(row.key, nullptr, index.column(), role);
    return incidentData(row, index.column(), role);
}

QString IncidentTreeModel::stateText(const EventIncident &incident) const
{
    const QString state = incident.isOpen() ? tr("ongoing") : tr("resolved");
    if (!incident.acknowledged)
        return state;
    const QString at = incident.acknowledgedAt.isValid()
        ? DisplayText::clockTime(incident.acknowledgedAt)
        : QString();
    if (incident.acknowledgedBy.isEmpty())
        return at.isEmpty() ? tr("✓ %1 · acknowledged").arg(state)
                            : tr("✓ %1 · ack %2").arg(state, at);
    return at.isEmpty() ? tr("✓ %1 · ack %2").arg(state, incident.acknowledgedBy)
                        : tr("✓ %1 · ack %2 %3").arg(state, incident.acknowledgedBy, at);
}

QString IncidentTreeModel::acknowledgementText(const EventIncident &incident) const
{
    if (!incident.acknowledged)
        return tr("Not acknowledged yet.");
    const QString at = incident.acknowledgedAt.isValid()
        ? incident.acknowledgedAt.toLocalTime().toString(Qt::ISODate)
        : QString();
    if (incident.acknowledgedBy.isEmpty())
        return at.isEmpty() ? tr("Acknowledged.") : tr("Acknowledged at %1.").arg(at);
    return at.isEmpty() ? tr("Acknowledged by %1.").arg(incident.acknowledgedBy)
                        : tr("Acknowledged by %1 at %2.").arg(incident.acknowledgedBy, at);
}

QVariant IncidentTreeModel::incidentData(const TopRow &row, int column, int role) const
{
    const EventIncident &incident = m_incidents.incidents().at(row.incident);
    const Opening opening = m_openings.value(row.incident);
    switch (role) {
    case IsIncidentRole: return true;
    case OngoingRole: return incident.isOpen();
    case AcknowledgedRole: return incident.acknowledged;
    case AcknowledgedByRole: return incident.acknowledgedBy;
    case AcknowledgedAtRole: return incident.acknowledgedAt;
    case DurationMsRole: return incident.durationMs(now());
    case TimestampRole: return incident.start;
    case SeverityRole: return int(incident.worst);
    case RegionIdRole: return incident.regionId;
    case EndpointIdRole: return QString();
    case EventKindRole: return int(opening.kind);
    default: break;
    }
    switch (column) {
    case TimeColumn:
        if (role == Qt::DisplayRole)
            return DisplayText::clockTime(incident.start);
        if (role == Qt::ToolTipRole)
            return incident.start.toLocalTime().toString(Qt::ISODateWithMs);
        if (role == SortRole)
            return incident.start.toMSecsSinceEpoch();
        break;
    case SeverityColumn:
        if (role == Qt::DisplayRole)
            return DisplayText::severity(incident.worst);
        if (role == SortRole)
            return int(incident.worst);
        break;
    case RegionColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return incident.regionId;
        break;
    case MessageColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return opening.message;
        if (role == Qt::ToolTipRole)
            return tr("%1\n\n%n event(s) in the log belong to this incident.", nullptr,
                int(row.children.size()))
                .arg(opening.message);
        break;
    case DurationColumn: {
        const qint64 ms = incident.durationMs(now());
        if (role == Qt::DisplayRole)
            return QuantityText::elapsed(std::chrono::milliseconds(ms));
        if (role == SortRole)
            return ms;
        if (role == Qt::ToolTipRole) {
            const QString lasted = QuantityText::duration(std::chrono::milliseconds(ms));
            return incident.isOpen()
                ? tr("Ongoing for %1.").arg(lasted)
                : tr("Lasted %1, until %2.").arg(lasted, DisplayText::clockTime(incident.end));
        }
        break;
    }
    case StateColumn:
        if (role == Qt::DisplayRole)
            return stateText(incident);
        if (role == Qt::ToolTipRole)
            return acknowledgementText(incident);
        if (role == SortRole)
            return int(incident.isOpen()) * 2 + int(!incident.acknowledged);
        break;
    default: break;
    }
    return {};
}

QVariant IncidentTreeModel::eventData(
    const Key &key, const TopRow *incidentRow, int column, int role) const
{
    const EventIncident *incident
        = incidentRow ? &m_incidents.incidents().at(incidentRow->incident) : nullptr;
    switch (role) {
    case IsIncidentRole: return false;
    case SequenceRole: return key.sequence;
    case OngoingRole: return incident && incident->isOpen();
    case AcknowledgedRole: return incident && incident->acknowledged;
    default: break;
    }
    const int row = sourceRowOf(key);
    if (row < 0)
        return {};
    if (column < DurationColumn)
        return m_source->data(m_source->index(row, column), role);
    const bool display = role == Qt::DisplayRole || role == Qt::ToolTipRole || role == SortRole;
    if (!display) // the event's own roles answer on every column, as in the log
        return m_source->data(m_source->index(row, EventLogModel::MessageColumn), role);
    if (column == DurationColumn && incident) {
        const qint64 offset = incident->start.msecsTo(key.time);
        if (role == SortRole)
            return offset;
        if (role == Qt::ToolTipRole)
            return tr("%1 after the incident began.")
                .arg(QuantityText::duration(std::chrono::milliseconds(offset)));
        return tr("+%1").arg(QuantityText::elapsed(std::chrono::milliseconds(offset)));
    }
    return {};
}

QVariant IncidentTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Time");
    case SeverityColumn: return tr("Severity");
    case RegionColumn: return tr("Region");
    case EndpointColumn: return tr("Endpoint");
    case MessageColumn: return tr("Message");
    case DurationColumn: return tr("Duration");
    case StateColumn: return tr("State");
    default: return {};
    }
}

} // namespace Console
