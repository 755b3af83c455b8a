#pragma once

#include "drilldefinition.h"
#include "failovertypes.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace Console {

class ConsoleEngine;
class DrillRunner;
class EventLineWriter;
struct DrillResult;
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

    // After start(): runs one action as soon as every server's role is known, then ends the
    // event loop with 0 (verified), 1 (a gate or a step failed, or the roles never became known
    // within `patience`) or 2 (an unknown region).
    void runAction(RunKind kind, const QString &target, const QMap<GateKind, QString> &overrides,
        std::chrono::milliseconds patience);

    // After start(): runs one drill, unattended, as soon as the servers' roles are known and a
    // primary is reported, writes its report to `reportPath` (when given) and ends the event loop
    // with 0 (every target met), 1 (a step failed or a target was missed, or the roles never
    // became known within `patience`) or 2 (the drill does not fit this console: manual steps,
    // unknown regions, faults the regions lack).
    void runDrill(const DrillDefinition &drill, const QString &reportPath,
        std::chrono::milliseconds patience);

private:
    void tryAction();
    void tryDrill();
    void onDrillFinished(const DrillResult &result);
    void end(int code, const QString &why);

    bool m_actionPending = false;
    RunKind m_kind = RunKind::Failover;
    QString m_target;
    QMap<GateKind, QString> m_overrides;
    QTimer m_patience;
    bool m_drillPending = false;
    DrillDefinition m_drill;
    QString m_reportPath;
    std::unique_ptr<DrillRunner> m_drillRunner;
    QElapsedTimer m_settle; // since the roles became known
    static constexpr qint64 SettleMs = 5000;
    ConsoleEngine *m_engine; // not owned
    std::unique_ptr<EventLineWriter> m_writer;
    std::unique_ptr<SignalWatcher> m_signals;
};

} // namespace Console
