#include "chartmarkers.h"

#include "eventhub.h"

#include <algorithm>

namespace Console {

ChartMarkers::ChartMarkers(int capacity, QObject *parent)
    : QObject(parent)
    , m_capacity(std::max(1, capacity))
{ }

bool ChartMarkers::isMarked(EventKind kind)
{
    switch (kind) {
    case EventKind::FailoverStarted:
    case EventKind::FailoverFinished:
    case EventKind::BreakerTransition:
    case EventKind::DemoFault:
    case EventKind::SplitBrain:
    case EventKind::OperatorAction:
    case EventKind::DrillStarted:
    case EventKind::DrillStep:
    case EventKind::DrillFinished:
    case EventKind::RoleChanged: return true;
    default: return false;
    }
}

void ChartMarkers::attach(EventHub *hub)
{
    for (const ConsoleEvent &event : hub->backlog())
        add(event);
    connect(hub, &EventHub::published, this, &ChartMarkers::add);
}

void ChartMarkers::add(const Console::ConsoleEvent &event)
{
    if (!isMarked(event.kind) || !event.wallTime.isValid())
        return;
    m_markers.push_back(
        { event.wallTime.toMSecsSinceEpoch(), event.kind, event.regionId, event.message });
    while (int(m_markers.size()) > m_capacity)
        m_markers.pop_front();
    emit added();
}

QList<ChartMarker> ChartMarkers::markers(qint64 fromMs, qint64 toMs, const QString &regionId) const
{
    QList<ChartMarker> result;
    for (const ChartMarker &marker : m_markers) {
        if (marker.tMs < fromMs || marker.tMs >= toMs)
            continue;
        if (!regionId.isEmpty() && !marker.regionId.isEmpty() && marker.regionId != regionId)
            continue;
        result.append(marker);
    }
    return result;
}

} // namespace Console
