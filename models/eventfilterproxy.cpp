#include "eventfilterproxy.h"

#include "eventlogmodel.h"
#include "roles.h"

namespace Console {

EventFilterProxy::EventFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{ }

EventFilterProxy::~EventFilterProxy() = default;

void EventFilterProxy::setRegionId(const QString &regionId)
{
    if (regionId == m_regionId)
        return;
    m_regionId = regionId;
    invalidateRowsFilter();
}

void EventFilterProxy::setKind(std::optional<EventKind> kind)
{
    if (kind == m_kind)
        return;
    m_kind = kind;
    invalidateRowsFilter();
}

void EventFilterProxy::setMinimumSeverity(EventSeverity severity)
{
    if (severity == m_minimumSeverity)
        return;
    m_minimumSeverity = severity;
    invalidateRowsFilter();
}

void EventFilterProxy::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_searchText)
        return;
    m_searchText = trimmed;
    invalidateRowsFilter();
}

bool EventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *source = sourceModel();
    const QModelIndex message
        = source->index(sourceRow, EventLogModel::MessageColumn, sourceParent);
    if (!m_regionId.isEmpty() && message.data(RegionIdRole).toString() != m_regionId)
        return false;
    if (m_kind && message.data(EventKindRole).toInt() != int(*m_kind))
        return false;
    if (message.data(SeverityRole).toInt() < int(m_minimumSeverity))
        return false;
    return m_searchText.isEmpty()
        || message.data().toString().contains(m_searchText, Qt::CaseInsensitive);
}

} // namespace Console
