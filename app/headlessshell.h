#pragma once

#include <QObject>

#include <cstdio>
#include <memory>

namespace Console {

class ConsoleEngine;
class EventLineWriter;
class SignalWatcher;

// The console with no display: every event of the engine as one JSON line on a stream (stdout),
// until SIGINT, SIGTERM or SIGHUP, which stop the engine cleanly and end the event loop with 0.
class HeadlessShell final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessShell)
public:
    // Neither is owned; the engine must outlive the shell.
    HeadlessShell(ConsoleEngine *engine, std::FILE *out, QObject *parent = nullptr);
    ~HeadlessShell() override;

private:
    ConsoleEngine *m_engine; // not owned
    std::unique_ptr<EventLineWriter> m_writer;
    std::unique_ptr<SignalWatcher> m_signals;
};

} // namespace Console
