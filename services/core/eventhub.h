#pragma once

#include "consoleevent.h"

#include <QObject>

#include <deque>

namespace Console {

class Clock;

// The console's one event stream. Services publish here; the event log, the JSON writer and
// later the journal subscribe to published(). It stamps each event with a sequence number and,
// when the publisher left them empty, the wall and monotonic time of the injected clock. A
// bounded backlog lets a subscriber that arrives late (a window opened after the engine started)
// catch up on what it missed.
class EventHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventHub)
public:
    static constexpr int defaultBacklog = 1000;

    explicit EventHub(Clock *clock, QObject *parent = nullptr); // clock not owned
    ~EventHub() override;

    // Returns the event as published (sequence and times filled in).
    ConsoleEvent publish(ConsoleEvent event);

    // The newest events, oldest first, at most defaultBacklog.
    QList<ConsoleEvent> backlog() const;
    quint64 lastSequence() const { return m_sequence; }

signals:
    void published(const Console::ConsoleEvent &event);

private:
    Clock *m_clock; // not owned
    quint64 m_sequence = 0;
    std::deque<ConsoleEvent> m_backlog;
};

} // namespace Console
