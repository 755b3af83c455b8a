#pragma once

#include "eventseverity.h"
#include "healthevents.h"
#include "roletracker.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace Console {

// The console's event log, newest row last. Bounded: past maxRows the oldest rows are removed
// (with beginRemoveRows), so a week-long session holds the same memory as an hour-long one.
// TimestampRole and SeverityRole answer on every column; SortRole sorts Time and Severity by value.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)
public:
    enum Column {
        TimeColumn,
        SeverityColumn,
        RegionColumn,
        EndpointColumn,
        MessageColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    struct Event
    {
        QDateTime at;
        EventSeverity severity = EventSeverity::Info;
        QString regionId;
        QString endpointId;
        QString message;
    };

    static constexpr int defaultMaxRows = 5000;

    explicit EventLogModel(QObject *parent = nullptr);
    explicit EventLogModel(int maxRows, QObject *parent = nullptr);
    ~EventLogModel() override;

    int maxRows() const { return m_maxRows; }
    void setMaxRows(int maxRows); // at least 1; drops the oldest rows beyond it

    void append(const QDateTime &at, EventSeverity severity, const QString &regionId,
        const QString &endpointId, const QString &message);
    const Event &event(int row) const { return m_events.at(row); }
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public slots:
    // "us-east-rest: healthy → unhealthy (connection refused …)", severity from the new health.
    void onHealthChanged(const Console::HealthChange &change);
    void onRoleChanged(const Console::RoleChange &change);

private:
    void trimTo(int rows);

    QList<Event> m_events;
    int m_maxRows = defaultMaxRows;
};

} // namespace Console
