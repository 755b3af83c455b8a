#include "failoveractions.h"

#include "failovercontroller.h"
#include "failoverdialog.h"
#include "journal.h"

#include <QAction>
#include <QTimer>
#include <QWidget>

namespace Console {

FailoverActions::FailoverActions(
    FailoverController *controller, const ConfigOverview &config, QWidget *window)
    : QObject(window)
    , m_controller(controller)
    , m_config(config)
    , m_window(window)
    , m_failover(new QAction(tr("Fail &over to…"), this))
    , m_failback(new QAction(tr("Fail &back…"), this))
    , m_rejoin(new QAction(tr("&Rejoin old primary…"), this))
    , m_pause(new QAction(tr("&Pause automation"), this))
    , m_refresh(new QTimer(this))
{
    m_failover->setObjectName(QStringLiteral("failoverAction"));
    m_failover->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_failback->setObjectName(QStringLiteral("failbackAction"));
    m_failback->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    m_rejoin->setObjectName(QStringLiteral("rejoinAction"));
    m_pause->setObjectName(QStringLiteral("pauseAction"));
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_pause->setCheckable(true);
    for (QAction *action : all())
        action->setShortcutContext(Qt::WindowShortcut);

    connect(m_failover, &QAction::triggered, this, [this] { openDialog(RunKind::Failover); });
    connect(m_failback, &QAction::triggered, this, [this] { openDialog(RunKind::Failback); });
    connect(m_rejoin, &QAction::triggered, this, [this] { openDialog(RunKind::Rejoin); });
    connect(m_pause, &QAction::toggled, this,
        [this](bool paused) { m_controller->setPaused(paused, Journal::osUser()); });

    // The gates read the health, the topology and the journal: at most four evaluations a
    // second, whatever the probe rate, so the window never stalls on them.
    m_refresh->setSingleShot(true);
    m_refresh->setInterval(250);
    connect(m_refresh, &QTimer::timeout, this, &FailoverActions::refresh);
    connect(m_controller, &FailoverController::gatesMayHaveChanged, this,
        &FailoverActions::scheduleRefresh);
    connect(
        m_controller, &FailoverController::stateChanged, this, &FailoverActions::scheduleRefresh);
    // Starting and ending a run switch the commands off and on at once: no gate is read then.
    connect(m_controller, &FailoverController::runStarted, this, &FailoverActions::refresh);
    connect(m_controller, &FailoverController::runFinished, this, &FailoverActions::refresh);
    refresh();
}

FailoverActions::~FailoverActions() = default;

void FailoverActions::scheduleRefresh()
{
    if (!m_refresh->isActive())
        m_refresh->start();
}

QString FailoverActions::regionName(const QString &regionId) const
{
    const QString name = m_config.regionName(regionId);
    return name.isEmpty() ? regionId : name;
}

void FailoverActions::refresh()
{
    m_refresh->stop();
    refreshRun(m_failover, RunKind::Failover);
    refreshRun(m_failback, RunKind::Failback);
    refreshRun(m_rejoin, RunKind::Rejoin);
    refreshPause();
}

void FailoverActions::refreshRun(QAction *action, RunKind kind)
{
    QString tip;
    bool enabled = false;
    const QString target = m_controller->defaultTarget(kind);
    if (m_controller->isRunning()) {
        const RunPlan &plan = m_controller->currentRun()->plan();
        tip = tr("Off while the %1 to %2 runs.")
                  .arg(toString(plan.kind), regionName(plan.targetRegion));
    } else if (!m_controller->rolesKnown()) {
        tip = tr("Off until every server has answered a first probe: the roles are not known "
                 "yet.");
    } else if (target.isEmpty()) {
        tip = kind == RunKind::Failover
            ? tr("Off: no standby answers, so there is nothing to promote.")
            : tr("Off: the home region is primary (or no single primary answers), so there is "
                 "nothing to %1.")
                  .arg(kind == RunKind::Failback ? tr("fail back") : tr("rejoin"));
    } else {
        enabled = true;
        const GateBoard board = m_controller->board(kind, target);
        QStringList failed;
        for (const Gate &gate : board.gates) {
            if (!gate.open())
                failed.append(tr("%1: %2").arg(gateLabel(gate.kind), gate.reason));
        }
        const QString name = regionName(target);
        const QString what = kind == RunKind::Failover ? tr("Promote %1").arg(name)
            : kind == RunKind::Failback ? tr("Hand the primary role back to %1").arg(name)
                                        : tr("Rebuild %1 as a standby (destructive)").arg(name);
        tip = failed.isEmpty() ? tr("%1; every gate is open.").arg(what)
                               : tr("%1; %n gate(s) fail: %2.", nullptr, int(failed.size()))
                                     .arg(what, failed.join(QStringLiteral("; ")));
    }
    action->setEnabled(enabled);
    action->setToolTip(tip);
    action->setStatusTip(tip);
}

void FailoverActions::refreshPause()
{
    {
        // Mirrors the controller: pausing from the headless side or a test must not re-enter.
        const QSignalBlocker blocker(m_pause);
        m_pause->setChecked(m_controller->paused());
    }
    QString tip;
    if (m_controller->paused())
        tip = tr("Automatic failover is paused: the console only watches. Uncheck to resume.");
    else if (m_controller->automatic())
        tip = tr("Pause automatic failover: the console stops failing over on its own until "
                 "resumed.");
    else
        tip = tr("Automation is off (manual mode); pausing also holds it if it is turned on.");
    m_pause->setToolTip(tip);
    m_pause->setStatusTip(tip);
}

FailoverDialog *FailoverActions::openDialog(RunKind kind)
{
    if (m_dialog)
        m_dialog->close();
    auto *dialog = new FailoverDialog(m_controller, m_config, kind, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    dialog->open();
    return dialog;
}

} // namespace Console
