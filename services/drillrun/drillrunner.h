#pragma once

#include "drilldefinition.h"
#include "drillfigures.h"
#include "drillrecord.h"
#include "failovertypes.h"
#include "journalrun.h"

#include <QMap>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;

namespace Console {

class AdminSession;
class ActionRunner;
class ConsoleEngine;
class FaultInjector;
struct ProbeResult;
struct RunResult;

// How a drill is started.
struct DrillStart
{
    QString operatorName;
    QStringList checkedItems; // the pre-test checklist items the operator ticked: all of them
    bool unattended = false; // headless: a step that needs the operator fails the start
};

// Runs one drill against the live console: manual steps wait for the operator, automatic ones
// break, fail over, fail back or restore through the failover engine and its gates, wait-for
// steps watch the live state, and measure steps take figures from the journal. The run, each
// step (before it runs) and each figure are journalled, and the events the console journals
// meanwhile belong to the drill's run. Once the method has started the rollback always runs to
// its end, whether the method passed, failed or was aborted (Chaos Toolkit's rule), and a drill
// that a dead console left open can have its rollback run later.
class DrillRunner final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrillRunner)
public:
    // The engine is not owned and must outlive the runner; it must have been started.
    explicit DrillRunner(ConsoleEngine *engine, QObject *parent = nullptr);
    ~DrillRunner() override;

    // Why the drill cannot start now (one sentence each), or nothing: unknown regions, faults
    // the regions lack, roles not known, another run in progress, manual steps when unattended.
    QStringList preflight(const DrillDefinition &drill, bool unattended) const;
    bool start(const DrillDefinition &drill, const DrillStart &how, QString *error);
    // Ends the current manual step as passed or failed, with the operator's note.
    bool completeManual(bool passed, const QString &note);
    // Stops the method at once (the running step fails as aborted, the rest are skipped) and
    // runs the rollback. During the rollback it does nothing: the rollback always finishes.
    void abort(const QString &operatorName);
    // Runs the rollback of a drill that a console stopped in the middle of (an "interrupted"
    // run of kind "drill"), with the regions that run recorded, as a run of its own.
    bool startRecovery(const JournalRun &interrupted, const DrillDefinition &drill,
        const QString &operatorName, QString *error);

    bool isRunning() const { return m_running; }
    bool inRollback() const { return m_inRollback; }
    const DrillDefinition &drill() const { return m_drill; }
    QList<DrillStepRecord> steps() const { return m_records; }
    int currentIndex() const { return m_current; }
    qint64 runId() const { return m_runId; }
    qint64 startedMs() const { return m_startedMs; } // monotonic
    qint64 nowMs() const;
    // "{primary}" -> region id, as resolved when the drill started.
    QMap<QString, QString> templateValues() const { return m_values; }
    std::optional<DrillResult> lastResult() const { return m_lastResult; }

signals:
    void started();
    void stepChanged(int index);
    void finished(const Console::DrillResult &result);

private:
    bool begin(const DrillDefinition &drill, const QString &operatorName, const QString &mode,
        const QVariantMap &extraFigures, QString *error);
    void runStep(int index);
    void endStep(DrillStepState state, const QString &summary);
    void next();
    void enterRollback();
    void finish();
    void runAutomatic(const DrillStep &step);
    void runFault(const DrillStep &step);
    void runRun(const DrillStep &step);
    // Asks the failover engine for the step's run once its gates say go; until the deadline the
    // poll asks again, as an operator watching the board would.
    void requestRun();
    // Marks the regions a run acts on as planned from now until it has settled: their failures
    // are the drill's doing, neither errors nor false positives.
    void planRun(RunKind kind, const QString &fromRegion, const QString &targetRegion);
    void onPoll();
    void runSql(const DrillStep &step);
    void runAction(const DrillStep &step);
    void pollCondition();
    void tryWrite(const DrillStep &step);
    void measure(const DrillStep &step);
    void onProbeFinished(const Console::ProbeResult &result);
    void onRunFinished(const Console::RunResult &result);
    void onFaultFinished(
        const QString &regionId, const QString &fault, bool ok, const QString &summary);
    void onDeadline();
    const DrillStep &stepAt(int index) const;
    QString regionName(const QString &regionId) const;
    void journalStep(const DrillStepRecord &record, const QString &status);
    void publishStep(const DrillStepRecord &record);
    void cancelWork();

    ConsoleEngine *m_engine; // not owned
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FaultInjector> m_faults;
    QPointer<AdminSession> m_session; // owned (child) while a statement runs
    QPointer<ActionRunner> m_action; // owned (child) while an action runs
    DrillDefinition m_drill; // resolved
    QMap<QString, QString> m_values;
    QString m_operator;
    QList<DrillStepRecord> m_records; // method steps, then rollback steps
    int m_current = -1;
    int m_serial = 0; // bumped per step: late answers of an ended step are ignored
    bool m_running = false;
    bool m_inRollback = false;
    bool m_aborted = false;
    bool m_failed = false;
    bool m_recovery = false;
    bool m_waitingForRun = false;
    bool m_waitingForGates = false;
    QString m_gatesSeen; // the failed gates the last time the board was read
    qint64 m_runId = 0;
    qint64 m_startedMs = 0;
    QDateTime m_startedAt;
    DrillWindow m_window;
    QTimer m_deadline;
    QTimer m_poll;
    std::optional<DrillResult> m_lastResult;
};

} // namespace Console
