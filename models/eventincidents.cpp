#include "eventincidents.h"

#include <algorithm>

namespace Console {

qint64 EventIncident::durationMs(const QDateTime &now) const
{
    return start.msecsTo(isOpen() ? now : end);
}

void EventIncidents::add(const ConsoleEvent &event)
{
    if (event.regionId.isEmpty())
        return;
    const bool regionVerdict = event.kind == EventKind::RegionHealth;
    const QString to = event.field(QStringLiteral("to")).toString();
    const bool turnsBad
        = regionVerdict && (to == QLatin1String("degraded") || to == QLatin1String("unhealthy"));
    const bool turnsHealthy = regionVerdict && to == QLatin1String("healthy");

    auto open = m_open.constFind(event.regionId);
    if (open == m_open.cend()) {
        if (!turnsBad)
            return; // a region that is fine: its events stand alone
        EventIncident incident;
        incident.regionId = event.regionId;
        incident.start = event.wallTime;
        incident.openingSequence = event.sequence;
        m_incidents.append(incident);
        open = m_open.insert(event.regionId, int(m_incidents.size()) - 1);
    }
    const int index = open.value();
    EventIncident &incident = m_incidents[index];
    incident.sequences.append(event.sequence);
    incident.worst = std::max(incident.worst, event.severity);
    m_bySequence.insert(event.sequence, index);
    if (turnsHealthy) {
        incident.end = event.wallTime;
        m_open.remove(event.regionId);
    }
}

bool EventIncidents::acknowledge(int incident, const QString &by, const QDateTime &at)
{
    if (incident < 0 || incident >= m_incidents.size() || m_incidents.at(incident).acknowledged)
        return false;
    EventIncident &acknowledged = m_incidents[incident];
    acknowledged.acknowledged = true;
    acknowledged.acknowledgedBy = by;
    acknowledged.acknowledgedAt = at;
    return true;
}

void EventIncidents::forget(quint64 sequence)
{
    const auto found = m_bySequence.constFind(sequence);
    if (found == m_bySequence.cend())
        return;
    // The log drops its oldest events first: the sequence is at the front of its incident's.
    m_incidents[found.value()].sequences.removeOne(sequence);
    m_bySequence.erase(found);
}

void EventIncidents::clear()
{
    m_incidents.clear();
    m_open.clear();
    m_bySequence.clear();
}

} // namespace Console
