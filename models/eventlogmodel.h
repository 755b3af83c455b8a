#pragma once

#include "consoleevent.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace Console {

class EventHub;

// The console's event log in strict time order (wall time, then sequence), newest row last.
// Bounded: past maxRows the oldest rows are removed (with beginRemoveRows), so a week-long session
// holds the same memory as an hour-long one. TimestampRole, SeverityRole, EventKindRole and
// EventFieldsRole answer on every column; SortRole sorts Time and Severity by value.
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

    static constexpr int defaultMaxRows = 5000;

    explicit EventLogModel(QObject *parent = nullptr);
    explicit EventLogModel(int maxRows, QObject *parent = nullptr);
    ~EventLogModel() override;

    int maxRows() const { return m_maxRows; }
    void setMaxRows(int maxRows); // at least 1; drops the oldest rows beyond it

    // Shows the hub's backlog, then every event it publishes (not owned; must outlive this).
    void attach(EventHub *hub);
    void append(const Console::ConsoleEvent &event);
    const ConsoleEvent &event(int row) const { return m_events.at(row); }
    void clear();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static QString detail(const ConsoleEvent &event);
    void trimTo(int rows);

    QList<ConsoleEvent> m_events;
    int m_maxRows = defaultMaxRows;
};

} // namespace Console
