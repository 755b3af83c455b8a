#pragma once

#include "configoverview.h"
#include "failoverdialog.h"
#include "failovertypes.h"

#include <QObject>
#include <QPointer>

class QAction;
class QTimer;
class QWidget;

namespace Console {

class FailoverController;

// The window's failover commands: Fail over to…, Fail back, Rejoin old primary… and Pause
// automation. Each tooltip says what the command would do right now and which gates fail; they
// are re-evaluated at most four times a second, since the gates move with every probe.
class FailoverActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailoverActions)
public:
    // `controller` is not owned and must outlive these actions; dialogs open over `window`.
    FailoverActions(FailoverController *controller, const ConfigOverview &config, QWidget *window);
    ~FailoverActions() override;

    QAction *failover() const { return m_failover; }
    QAction *failback() const { return m_failback; }
    QAction *rejoin() const { return m_rejoin; }
    QAction *pause() const { return m_pause; }
    QList<QAction *> all() const { return { m_failover, m_failback, m_rejoin, m_pause }; }

    // Opens the confirmation dialog of `kind` (modal to the window, deleted on close).
    FailoverDialog *openDialog(RunKind kind);
    FailoverDialog *currentDialog() const { return m_dialog; }

    // Re-reads the controller now (the timer does it after bursts of changes).
    void refresh();

private:
    void scheduleRefresh();
    void refreshRun(QAction *action, RunKind kind);
    void refreshPause();
    QString regionName(const QString &regionId) const;

    FailoverController *m_controller; // not owned
    ConfigOverview m_config;
    QWidget *m_window; // not owned: the parent of the dialogs
    QAction *m_failover; // the actions are owned by this object
    QAction *m_failback;
    QAction *m_rejoin;
    QAction *m_pause;
    QTimer *m_refresh;
    QPointer<FailoverDialog> m_dialog; // the open one, if any
};

} // namespace Console
