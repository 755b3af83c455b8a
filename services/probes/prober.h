#pragma once

#include "proberesult.h"

#include <QObject>

namespace Console {

// One endpoint's probe driver. The scheduler calls start() and waits for finished() before it
// calls start() again, so probes of one endpoint never overlap.
class Prober : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Prober() override = default;

    // Starts one probe; finished() follows exactly once, asynchronously, never from inside start().
    virtual void start() = 0;

signals:
    void finished(const Console::ProbeResult &result);
    // Something seen between probes deserves a probe now, not at the next tick: a kept session
    // the server dropped (a crash closes every socket at once). At most once per session.
    void probeWanted();
};

} // namespace Console
