#pragma once

#include "consoleevent.h"
#include "eventincidents.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>

#include <memory>
#include <optional>
#include <vector>

namespace Console {

class Clock;
class EventLogModel;

// The event log grouped the way an operator reads it during an outage: each incident (see
// EventIncidents) is one top-level row, with its start, its duration (running while it is open),
// its worst severity, whether it is ongoing, who acknowledged it and its opening event's message,
// and its events as children; every other event is a top-level row of its own. Top rows are in
// strict time order (an incident by its opening event), and so are children. It follows the log
// row by row, inserting and removing rows, never resetting per event, so a view keeps what is
// expanded and selected. Columns 0-4 are EventLogModel's, so EventFilterProxy (recursive)
// filters it and SeverityDelegate draws it unchanged. Events need distinct sequences, as the
// EventHub gives them.
class IncidentTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentTreeModel)
public:
    enum Column {
        TimeColumn,
        SeverityColumn,
        RegionColumn,
        EndpointColumn,
        MessageColumn,
        DurationColumn, // an incident's duration; an event's offset from its incident's start
        StateColumn, // an incident: ongoing or resolved, and who acknowledged it
        ColumnCount
    };
    Q_ENUM(Column)

    // This model's own roles, after those of roles.h (which it answers too).
    enum Role {
        IsIncidentRole = Qt::UserRole + 100, // bool: the row is an incident, not an event
        OngoingRole, // bool: the row's incident is still open (its events answer too)
        AcknowledgedRole, // bool: the row's incident was acknowledged (its events answer too)
        AcknowledgedByRole, // QString: who acknowledged it; empty when not known
        AcknowledgedAtRole, // QDateTime (UTC): when
        DurationMsRole, // qint64: an incident's duration so far
        SequenceRole, // quint64: an event's hub sequence
    };
    Q_ENUM(Role)

    // Follows `source` (not owned; must outlive this). Open incidents last until
    // clock->wallNow() (not owned; nullptr: the system clock).
    explicit IncidentTreeModel(
        EventLogModel *source, Clock *clock = nullptr, QObject *parent = nullptr);
    ~IncidentTreeModel() override;

    const EventIncidents &incidents() const { return m_incidents; }
    // The EventIncidents index of the incident the row is, or belongs to; -1 for an event that
    // stands alone (or an invalid index).
    int incidentOf(const QModelIndex &index) const;
    // The incident's top-level row; invalid when none of its events is in the log any more.
    QModelIndex indexOfIncident(int incident, int column = 0) const;
    bool isIncident(const QModelIndex &index) const;
    // The event of an event row (standalone or child); nullopt for an incident row.
    std::optional<ConsoleEvent> event(const QModelIndex &index) const;
    // An incident row: its events still in the log, oldest first; an event row: that event.
    QList<ConsoleEvent> events(const QModelIndex &index) const;

    // Acknowledges the incident as `by` at the clock's wall time; false if there is no such
    // incident or it was acknowledged already (the first acknowledgement stays).
    bool acknowledge(int incident, const QString &by);
    // Open incidents' durations moved with the clock: dataChanged for their Duration cells only.
    void refreshDurations();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void acknowledged(int incident);

private:
    // Where an event sits in the log's order: wall time, then sequence.
    struct Key
    {
        QDateTime time;
        quint64 sequence = 0;
        bool operator==(const Key &other) const = default;
    };
    static bool before(const Key &a, const Key &b);
    static Key keyOf(const ConsoleEvent &event) { return { event.wallTime, event.sequence }; }

    struct TopRow
    {
        Key key; // a standalone event's, or the incident's opening event's
        int incident = -1; // index in m_incidents; -1 for a standalone event
        QList<Key> children; // an incident's events still in the log, in order
    };
    // What an incident row says of how it began, kept after its opening event leaves the log.
    struct Opening
    {
        QString message;
        EventKind kind = EventKind::RegionHealth;
    };

    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onModelAboutToBeReset();
    void onModelReset();
    void addEvent(const ConsoleEvent &event);
    void removeEvent(const ConsoleEvent &event);
    void insertTop(std::unique_ptr<TopRow> row);
    void removeTop(int row);
    int topRowOf(const Key &key) const; // -1 when absent
    int sourceRowOf(const Key &key) const; // -1 when absent
    QDateTime now() const;
    QVariant incidentData(const TopRow &row, int column, int role) const;
    QVariant eventData(const Key &key, const TopRow *incidentRow, int column, int role) const;
    QString stateText(const EventIncident &incident) const;
    QString acknowledgementText(const EventIncident &incident) const;

    EventLogModel *m_source; // not owned
    Clock *m_clock; // not owned
    EventIncidents m_incidents;
    QHash<int, Opening> m_openings; // incident index -> how it began
    std::vector<std::unique_ptr<TopRow>> m_rows; // in time order
    QHash<int, TopRow *> m_incidentRows; // incident index -> its row in m_rows (not owned)
    bool m_resetting = false; // rebuilding inside begin/endResetModel: no row signals
};

} // namespace Console
