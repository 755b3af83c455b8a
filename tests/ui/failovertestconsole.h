#pragma once

#include "consoleengine.h"
#include "demotopology.h"

#include <QTemporaryDir>

#include <memory>

namespace Console {

// A real engine over the demo's simulated regions (their /api/health answers say who is primary)
// with a config of its own: EU West has an admin connection to a loopback port nobody listens
// on, so it counts as promotable and a run to it really starts, then fails at the promotion.
class FailoverTestConsole final
{
public:
    FailoverTestConsole();
    ~FailoverTestConsole();

    // Starts the regions and the engine and waits until every role is known; false with a
    // warning on failure.
    bool start();
    ConsoleEngine &engine() { return *m_engine; }
    FailoverController *controller() const;
    // The action lock the config names, for a test that plays another console holding it.
    QString lockPath() const;

private:
    QTemporaryDir m_dir;
    DemoTopology m_demo;
    std::unique_ptr<ConsoleEngine> m_engine;
};

} // namespace Console
