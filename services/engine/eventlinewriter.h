#pragma once

#include "consoleevent.h"

#include <QObject>

#include <cstdio>

namespace Console {

class EventHub;

// Writes every event of a hub as one JSON line to a stdio stream (the headless mode's stdout),
// flushed per line so a pipe reader sees each event when it happens.
class EventLineWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLineWriter)
public:
    // `hub` and `stream` are not owned. With `replayBacklog`, events published before this
    // writer existed are written first.
    EventLineWriter(
        EventHub *hub, std::FILE *stream, bool replayBacklog, QObject *parent = nullptr);

    void write(const Console::ConsoleEvent &event);

private:
    std::FILE *m_stream; // not owned
};

} // namespace Console
