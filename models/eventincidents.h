#pragma once

#include "consoleevent.h"

#include <QHash>
#include <QList>

namespace Console {

// One outage of one region: from the region turning degraded or unhealthy to its turning healthy
// again, with every event of that region in between (the 4 rows one outage used to be).
struct EventIncident
{
    QString regionId;
    QDateTime start; // the opening event's wall time
    QDateTime end; // the closing event's wall time; invalid while the incident is open
    EventSeverity worst = EventSeverity::Info;
    quint64 openingSequence = 0; // the event that opened it
    // The incident's events still in the log, oldest first (forget() drops those that left).
    QList<quint64> sequences;
    bool acknowledged = false;
    QString acknowledgedBy; // the operator's login name; empty when not known
    QDateTime acknowledgedAt; // UTC; invalid when not known

    bool isOpen() const { return !end.isValid(); }
    // Until the end, or until `now` while open.
    qint64 durationMs(const QDateTime &now) const;
};

// Groups the event stream into incidents, fed in time order. Headless, so the grouping rules are
// tested without a window; a view shows each incident as one expandable row.
class EventIncidents final
{
public:
    void add(const ConsoleEvent &event);
    const QList<EventIncident> &incidents() const { return m_incidents; }
    // The incident holding the event with this sequence, or -1.
    int incidentOf(quint64 sequence) const { return m_bySequence.value(sequence, -1); }
    // The event left the log: its sequence is dropped, so the grouping holds what the log holds
    // (plus one small record per incident), not every event of a week-long session.
    void forget(quint64 sequence);
    // Marks the incident as seen by an operator, who and when if known. False if there is no
    // such incident or it was already acknowledged: the first acknowledgement is the one kept.
    bool acknowledge(int incident, const QString &by = {}, const QDateTime &at = {});
    void clear();

private:
    QList<EventIncident> m_incidents;
    QHash<QString, int> m_open; // region id → index of its open incident
    QHash<quint64, int> m_bySequence;
};

} // namespace Console
