#include "eventlogmodel.h"

#include "displaytext.h"
#include "eventhub.h"
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

void EventLogModel::attach(EventHub *hub)
{
    for (const ConsoleEvent &event : hub->backlog())
        append(event);
    connect(hub, &EventHub::published, this, &EventLogModel::append);
}

// Strict time order even when an event arrives late (a probe's verdict is stamped with the
// probe's start time, older than events published meanwhile): ordered by wall time, then by the
// hub's sequence. Nearly every event belongs at the end, so the search walks back from there.
static bool before(const ConsoleEvent &a, const ConsoleEvent &b)
{
    if (a.wallTime != b.wallTime)
        return a.wallTime < b.wallTime;
    return a.sequence < b.sequence;
}

void EventLogModel::append(const ConsoleEvent &event)
{
    trimTo(m_maxRows - 1);
    int row = int(m_events.size());
    while (row > 0 && before(event, m_events.at(row - 1)))
        --row;
    beginInsertRows({}, row, row);
    m_events.insert(row, event);
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

// The sentence, then the same facts as the machines get them: what a JSON line would carry.
QString EventLogModel::detail(const ConsoleEvent &event)
{
    QStringList lines { event.message, QString() };
    lines << tr("kind: %1").arg(toString(event.kind));
    for (auto it = event.fields.cbegin(); it != event.fields.cend(); ++it) {
        if (it.value().isNull())
            continue;
        // A list (the writable primaries) has no toString(): join it, or it would read empty.
        const QString value = it.value().typeId() == QMetaType::QStringList
            ? it.value().toStringList().join(QStringLiteral(", "))
            : it.value().toString();
        lines << tr("%1: %2").arg(it.key(), value);
    }
    return lines.join(QLatin1Char('\n'));
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
    const ConsoleEvent &e = m_events.at(index.row());
    if (role == TimestampRole)
        return e.wallTime;
    if (role == EventKindRole)
        return int(e.kind);
    if (role == EventFieldsRole)
        return e.fields;
    if (role == SeverityRole)
        return int(e.severity);
    if (role == RegionIdRole)
        return e.regionId;
    if (role == EndpointIdRole)
        return e.endpointId;

    switch (index.column()) {
    case TimeColumn:
        if (role == Qt::DisplayRole)
            return DisplayText::clockTime(e.wallTime);
        if (role == Qt::ToolTipRole)
            return e.wallTime.toLocalTime().toString(Qt::ISODateWithMs);
        if (role == SortRole)
            return e.wallTime.toMSecsSinceEpoch();
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
        if (role == Qt::DisplayRole || role == SortRole)
            return e.message;
        if (role == Qt::ToolTipRole)
            return detail(e);
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
