#pragma once

#include "failovertypes.h"
#include "health.h"

#include <QCoreApplication>
#include <QVariantMap>

namespace Console {

// How the window words a failover run, so the panel, the notice and the actions say the same
// thing the same way.
class RunText final
{
    Q_DECLARE_TR_FUNCTIONS(RunText)
public:
    // "Failover to EU West", "Failback to US East", "Rejoin of US East"
    static QString title(RunKind kind, const QString &targetName);
    // "✔ verified", "✖ aborted": a glyph, so an outcome never rests on colour alone.
    static QString outcome(const QString &outcome);
    static Health outcomeHealth(const QString &outcome);
    // "Detection 1.2 s · Promotion 0.31 s · RTO 1.6 s · RPO 0 ms (0 heartbeat rows)": the
    // figures the run measured, in that order, each only when known. An RPO on the standby's
    // reported lag says so ("RPO 80 ms (standby's reported lag, 0.40 s old)"), and one that
    // could not be measured says why.
    static QString figures(const QVariantMap &figures);
};

} // namespace Console
