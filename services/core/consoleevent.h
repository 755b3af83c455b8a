#pragma once

#include "eventseverity.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QVariantMap>

namespace Console {

// What happened, as a stable name for JSON ("endpoint-health") and for subscribers that react to
// one kind. The failover, journal and drill work add their kinds here.
enum class EventKind {
    ConsoleStarted, // the engine started probing: endpoint and region counts
    ConsoleStopping, // the engine is stopping: why
    EndpointHealth, // an endpoint's verdict moved: from, to, cause, runs and thresholds
    RegionHealth, // a region's verdict moved: from, to, the endpoint that explains it
    RoleObserved, // a PostgreSQL server reported its role for the first time
    RoleChanged, // a server's role moved (a promotion, a demotion)
    PrimaryState, // who is primary as the servers report it: one, none reachable, two writable
    ReplicationLink, // a standby started or stopped streaming from an upstream
    ReplayPaused, // a standby's replay was paused or resumed
    PromotionCandidate, // the best standby to promote, while no primary is reachable
    DemoFault, // the demo's fault on a region was set or cleared
    BreakerTransition, // one of the console's circuit breakers changed state
    SelfCheck, // the console suspects its own network or a shared cause, or stops doing so
    FailoverState, // the failover engine's state moved: normal, degraded, failing over...
    PrimaryConfirmation, // confirmation probes of a failing primary started, confirmed, refuted
    Gates, // a go/no-go board was evaluated: each gate, passed or failed, and why
    FailoverStarted, // a failover, failback or rejoin run started: target, mode, who
    FailoverStep, // one step of a run started, finished or failed
    FailoverFinished, // a run ended: outcome, detection_ms, promotion_ms, rto_ms, rpo_rows...
    SplitBrain, // two writable primaries: which one returned, and how it was fenced
    OperatorAction, // an operator paused or resumed automation, or overrode a gate
    DrillStarted, // a drill started: which, who, the regions it acts on
    DrillStep, // a drill step started, passed, failed or was skipped
    DrillFinished, // a drill ended: outcome and figures
};

// One thing that happened in the console, for every subscriber at once: the event log, the JSON
// lines of the headless mode, later the journal and the alerts. The emitting service decides the
// severity and writes the message as one whole sentence; `fields` carry the same facts for
// machines (snake_case keys; values are strings, numbers, booleans or null).
struct ConsoleEvent
{
    quint64 sequence = 0; // set by the hub: 1, 2, 3... per run
    QDateTime wallTime; // UTC; set by the hub when empty
    qint64 monotonicMs = -1; // the console's monotonic clock; set by the hub when negative
    EventKind kind = EventKind::ConsoleStarted;
    EventSeverity severity = EventSeverity::Info;
    QString regionId;
    QString endpointId;
    QString message;
    QVariantMap fields;

    QVariant field(const QString &key) const { return fields.value(key); }
};

// "endpoint-health", "primary-state", ...
QString toString(EventKind kind);
QList<EventKind> allEventKinds();

} // namespace Console

Q_DECLARE_METATYPE(Console::ConsoleEvent)
