#include "eventlinewriter.h"

#include "eventhub.h"
#include "eventjson.h"

namespace Console {

EventLineWriter::EventLineWriter(
    EventHub *hub, std::FILE *stream, bool replayBacklog, QObject *parent)
    : QObject(parent)
    , m_stream(stream)
{
    if (replayBacklog) {
        for (const ConsoleEvent &event : hub->backlog())
            write(event);
    }
    connect(hub, &EventHub::published, this, &EventLineWriter::write);
}

void EventLineWriter::write(const ConsoleEvent &event)
{
    const QByteArray line = eventToJsonLine(event);
    std::fwrite(line.constData(), 1, size_t(line.size()), m_stream);
    std::fflush(m_stream);
}

} // namespace Console
