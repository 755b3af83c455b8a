#include "journalrecorder.h"

#include "eventhub.h"
#include "journal.h"

namespace Console {

JournalRecorder::JournalRecorder(EventHub *hub, Journal *journal, QObject *parent)
    : QObject(parent)
    , m_journal(journal)
{
    connect(hub, &EventHub::published, this, &JournalRecorder::record);
}

JournalRecorder::~JournalRecorder() = default;

bool JournalRecorder::isJournalled(const QString &kind, EventSeverity severity)
{
    // The console's start and stop bracket a run: a start after an open run tells the reader
    // the console that held it is gone.
    static const QStringList always { QStringLiteral("breaker"), QStringLiteral("role-changed"),
        QStringLiteral("primary-state"), QStringLiteral("self-check"),
        QStringLiteral("console-started"), QStringLiteral("console-stopping") };
    static const QStringList prefixes { QStringLiteral("failover"), QStringLiteral("gate"),
        QStringLiteral("step"), QStringLiteral("split-brain") };
    if (always.contains(kind))
        return true;
    for (const QString &prefix : prefixes) {
        if (kind.startsWith(prefix))
            return true;
    }
    return severity != EventSeverity::Info;
}

void JournalRecorder::record(const ConsoleEvent &event)
{
    const QString kind = toString(event.kind);
    if (!m_journal->isOpen() || !isJournalled(kind, event.severity))
        return;
    JournalEntry entry;
    entry.runId = m_runId;
    entry.time = event.wallTime;
    entry.monotonicMs = event.monotonicMs;
    entry.category = QStringLiteral("event");
    entry.name = kind;
    entry.status = toString(event.severity);
    entry.message = event.message;
    entry.fields = event.fields;
    // The envelope last, as in the JSON lines, so a stray field cannot replace it.
    entry.fields.insert(QStringLiteral("seq"), event.sequence);
    if (!event.regionId.isEmpty())
        entry.fields.insert(QStringLiteral("region"), event.regionId);
    if (!event.endpointId.isEmpty())
        entry.fields.insert(QStringLiteral("endpoint"), event.endpointId);
    // A failure is reported through Journal::writeFailed(); an event is no reason to stop.
    m_journal->append(entry);
}

} // namespace Console
