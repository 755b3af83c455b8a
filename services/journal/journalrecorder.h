#pragma once

#include "consoleevent.h"

#include <QObject>

namespace Console {

class EventHub;
class Journal;

// Copies the events that explain a failover from the console's event stream into the journal,
// as entries of category "event" named after the kind: breaker transitions, role changes, the
// primary state, the self-check, every failover/gate/step/split-brain kind, and any other event
// loud enough to be a warning. Routine health flaps stay in the event log only.
class JournalRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JournalRecorder)
public:
    // Neither is owned; both must outlive the recorder.
    JournalRecorder(EventHub *hub, Journal *journal, QObject *parent = nullptr);
    ~JournalRecorder() override;

    // Whether an event of this kind (its toString() name) and severity belongs in the journal.
    // It takes the name, not the enum, so kinds added later ("failover-…", "gate-…") are covered.
    static bool isJournalled(const QString &kind, EventSeverity severity);

    // Events recorded from now on belong to this run (0: to none), so that a run's entries
    // interleave its steps with what the console saw meanwhile.
    void setRunId(qint64 runId) { m_runId = runId; }
    qint64 runId() const { return m_runId; }

private:
    void record(const ConsoleEvent &event);

    Journal *m_journal; // not owned
    qint64 m_runId = 0;
};

} // namespace Console
