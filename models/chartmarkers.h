#pragma once

#include "consoleevent.h"

#include <QList>
#include <QObject>
#include <QString>

#include <deque>

namespace Console {

class EventHub;

// The events a chart marks on its time axis: failovers, breakers, faults and drills. Kept apart
// from the event log so the charts read a short, bounded list, not every probe's verdict.
struct ChartMarker
{
    qint64 tMs = 0; // wall time, milliseconds since the epoch, like the samples
    EventKind kind = EventKind::FailoverStarted;
    QString regionId; // empty for the whole console
    QString text; // the event's message, for a tooltip
};

class ChartMarkers final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartMarkers)
public:
    explicit ChartMarkers(int capacity = 500, QObject *parent = nullptr); // capacity at least 1

    static bool isMarked(EventKind kind);

    // Reads the hub's backlog, then follows it; hub not owned and must outlive this.
    void attach(EventHub *hub);
    // Keeps the event when its kind is marked, dropping the oldest beyond capacity.
    void add(const Console::ConsoleEvent &event);

    // Markers with fromMs <= tMs < toMs, oldest first; with a region, that region's and the
    // console-wide ones.
    QList<ChartMarker> markers(qint64 fromMs, qint64 toMs, const QString &regionId = {}) const;
    int size() const { return int(m_markers.size()); }

signals:
    void added();

private:
    int m_capacity;
    std::deque<ChartMarker> m_markers;
};

} // namespace Console
