#include "headlessshell.h"

#include "consoleengine.h"
#include "drillreport.h"
#include "drillrunner.h"
#include "eventlinewriter.h"
#include "failovercontroller.h"
#include "failovergates.h"
#include "journal.h"
#include "signalwatcher.h"
#include "topologystate.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

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

void HeadlessShell::runAction(RunKind kind, const QString &target,
    const QMap<GateKind, QString> &overrides, std::chrono::milliseconds patience)
{
    FailoverController *failover = m_engine->failover();
    m_kind = kind;
    m_target = target.isEmpty() ? failover->homeRegion() : target;
    m_overrides = overrides;
    if (!m_engine->config().region(m_target)) {
        end(2, tr("unknown region \"%1\"").arg(m_target));
        return;
    }
    m_actionPending = true;
    connect(m_engine->topology(), &TopologyState::changed, this, &HeadlessShell::tryAction);
    connect(failover, &FailoverController::gatesMayHaveChanged, this, &HeadlessShell::tryAction);
    connect(failover, &FailoverController::runFinished, this, [this](const RunResult &result) {
        end(result.outcome == QLatin1String("verified") ? 0 : 1,
            tr("%1 %2: %3").arg(toString(result.kind), result.outcome, result.summary));
    });
    m_patience.setSingleShot(true);
    connect(&m_patience, &QTimer::timeout, this, [this] {
        if (m_actionPending)
            end(1, tr("the servers' roles did not become known in time; nothing was done"));
    });
    m_patience.start(patience);
}

// The roles known, the gates get a short while to settle (a primary that died before the
// console started still has to be confirmed down): a board that stays closed past it fails.
void HeadlessShell::tryAction()
{
    FailoverController *failover = m_engine->failover();
    if (!m_actionPending || !failover->rolesKnown())
        return;
    if (!m_settle.isValid())
        m_settle.start();
    GateBoard board = failover->board(m_kind, m_target);
    FailoverGates::applyOverrides(board, m_overrides);
    if (!board.go() && m_settle.elapsed() < SettleMs) {
        QTimer::singleShot(SettleMs - m_settle.elapsed() + 10, this, &HeadlessShell::tryAction);
        return;
    }
    m_actionPending = false;
    m_patience.stop();
    QString error;
    if (!failover->request(m_kind, m_target, m_overrides, Journal::osUser(), &error))
        end(1, error);
}

void HeadlessShell::runDrill(
    const DrillDefinition &drill, const QString &reportPath, std::chrono::milliseconds patience)
{
    m_drill = drill;
    m_reportPath = reportPath;
    if (!drill.allAutomatic()) {
        end(2,
            tr("drill %1 has a checklist or manual steps: run it in the window's Drills tab")
                .arg(drill.id));
        return;
    }
    m_drillRunner = std::make_unique<DrillRunner>(m_engine);
    connect(m_drillRunner.get(), &DrillRunner::finished, this, &HeadlessShell::onDrillFinished);
    m_drillPending = true;
    connect(m_engine->topology(), &TopologyState::changed, this, &HeadlessShell::tryDrill);
    m_patience.setSingleShot(true);
    connect(&m_patience, &QTimer::timeout, this, [this] {
        if (m_drillPending)
            end(1, tr("no primary was reported in time; the drill did not start"));
    });
    m_patience.start(patience);
    QTimer::singleShot(0, this, &HeadlessShell::tryDrill);
}

// Like an operator, the drill waits for the roles and a settled board before it starts: a
// console that has just started has not confirmed anything yet.
void HeadlessShell::tryDrill()
{
    FailoverController *failover = m_engine->failover();
    if (!m_drillPending || !failover->rolesKnown()
        || m_engine->topology()->primary().status != PrimaryStatus::One)
        return;
    if (!m_settle.isValid()) {
        m_settle.start();
        QTimer::singleShot(SettleMs, this, &HeadlessShell::tryDrill);
        return;
    }
    if (m_settle.elapsed() < SettleMs)
        return;
    m_drillPending = false;
    m_patience.stop();
    if (failover->isRunning()) {
        end(1, tr("a failover, failback or rejoin is in progress; the drill did not start"));
        return;
    }
    QString error;
    if (!m_drillRunner->start(m_drill, { Journal::osUser(), {}, true }, &error))
        end(2, tr("drill %1 cannot run here: %2").arg(m_drill.id, error));
}

void HeadlessShell::onDrillFinished(const DrillResult &result)
{
    int code = result.outcome == DrillOutcome::Passed ? 0 : 1;
    QString why = tr("drill %1: %2").arg(m_drill.id, result.summary);
    if (!m_reportPath.isEmpty()) {
        const QString markdown
            = DrillReport::journalled(m_engine->journal()->entries(result.runId));
        QString error;
        bool written = false;
        if (m_reportPath.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) {
            written = DrillReport::writePdf(markdown, m_drill.name, m_reportPath, &error);
        } else {
            QSaveFile file(m_reportPath);
            written = file.open(QIODevice::WriteOnly) && file.write(markdown.toUtf8()) >= 0
                && file.commit();
            if (!written)
                error = file.errorString();
        }
        if (written) {
            JournalEntry entry;
            entry.runId = result.runId;
            entry.category = QStringLiteral("report");
            entry.name = QStringLiteral("file");
            entry.status = QStringLiteral("info");
            entry.message = tr("Report written to %1").arg(m_reportPath);
            entry.fields = { { QStringLiteral("path"), m_reportPath } };
            m_engine->journal()->append(entry);
        } else {
            why += tr("; the report could not be written to %1: %2").arg(m_reportPath, error);
            code = 2;
        }
    }
    end(code, why);
}

void HeadlessShell::end(int code, const QString &why)
{
    std::fprintf(stderr, "failover-console: %s\n", qPrintable(why));
    // After the current signal: the run object that reported is still on the stack.
    QTimer::singleShot(0, this, [this, code, why] {
        m_engine->stop(why);
        QCoreApplication::exit(code);
    });
}

} // namespace Console
