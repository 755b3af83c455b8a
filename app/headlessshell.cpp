#include "headlessshell.h"

#include "consoleengine.h"
#include "eventlinewriter.h"
#include "signalwatcher.h"

#include <QCoreApplication>

#include <csignal>

namespace Console {

HeadlessShell::HeadlessShell(ConsoleEngine *engine, std::FILE *out, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_writer(std::make_unique<EventLineWriter>(engine->events(), out, true))
    , m_signals(std::make_unique<SignalWatcher>(QList<int> { SIGINT, SIGTERM, SIGHUP }))
{
    connect(m_signals.get(), &SignalWatcher::signalReceived, this, [this](int signalNumber) {
        // Stopping publishes console-stopping, which the writer still prints.
        m_engine->stop(tr("%1 received").arg(SignalWatcher::signalName(signalNumber)));
        QCoreApplication::exit(0);
    });
}

HeadlessShell::~HeadlessShell() = default;

} // namespace Console
