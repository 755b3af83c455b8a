#include "eventhub.h"

#include "clock.h"

namespace Console {

EventHub::EventHub(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock ? clock : Clock::system())
{
    qRegisterMetaType<Console::ConsoleEvent>();
}

EventHub::~EventHub() = default;

ConsoleEvent EventHub::publish(ConsoleEvent event)
{
    event.sequence = ++m_sequence;
    if (!event.wallTime.isValid())
        event.wallTime = m_clock->wallNow();
    if (event.monotonicMs < 0)
        event.monotonicMs = monotonicMs(m_clock->now());
    m_backlog.push_back(event);
    if (m_backlog.size() > size_t(defaultBacklog))
        m_backlog.pop_front();
    emit published(event);
    return event;
}

QList<ConsoleEvent> EventHub::backlog() const
{
    return QList<ConsoleEvent>(m_backlog.cbegin(), m_backlog.cend());
}

} // namespace Console
