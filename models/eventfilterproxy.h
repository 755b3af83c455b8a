#pragma once

#include "consoleevent.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace Console {

// Narrows the event log to what the operator is looking for: one region, one kind, a minimum
// severity and a case-insensitive text in the message. Each criterion left empty lets every row
// through. It keeps the source's order (the log is already in strict time order), so it never
// sorts. The source answers RegionIdRole, EventKindRole and SeverityRole, with the message in
// EventLogModel::MessageColumn. Over IncidentTreeModel (same columns) with recursive filtering
// on, an incident shows when it or one of its events matches, with the events that match.
class EventFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventFilterProxy)
public:
    explicit EventFilterProxy(QObject *parent = nullptr);
    ~EventFilterProxy() override;

    QString regionId() const { return m_regionId; }
    void setRegionId(const QString &regionId); // empty: every region
    std::optional<EventKind> kind() const { return m_kind; }
    void setKind(std::optional<EventKind> kind); // nullopt: every kind
    EventSeverity minimumSeverity() const { return m_minimumSeverity; }
    void setMinimumSeverity(EventSeverity severity);
    QString searchText() const { return m_searchText; }
    void setSearchText(const QString &text); // trimmed; empty: every message

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_regionId;
    std::optional<EventKind> m_kind;
    EventSeverity m_minimumSeverity = EventSeverity::Info;
    QString m_searchText;
};

} // namespace Console
