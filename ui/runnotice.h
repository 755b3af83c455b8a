#pragma once

#include "configoverview.h"
#include "failoverrun.h"

#include <QFrame>

class QLabel;
class QSystemTrayIcon;

namespace Console {

// Says that a failover run finished, where the operator will see it: a line across the window
// that stays until dismissed, and a tray message too when the desktop has a tray (offscreen and
// Xvfb have none, so the window line is never optional).
class RunNotice final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunNotice)
public:
    explicit RunNotice(const ConfigOverview &config, QWidget *parent = nullptr);
    ~RunNotice() override;

    void showResult(const Console::RunResult &result);
    QString text() const;
    bool usesTray() const { return m_tray != nullptr; }
    // The console's one tray icon, shared with the alerts (not owned; may be null).
    void setTray(QSystemTrayIcon *tray) { m_tray = tray; }

signals:
    // The operator wants the run's steps.
    void detailsRequested();

private:
    ConfigOverview m_config;
    QLabel *m_text; // owned by this frame
    // Shared with the alerts, or created (owned by this frame) when a run ends with a tray.
    QSystemTrayIcon *m_tray = nullptr;
};

} // namespace Console
