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

signals:
    // The operator wants the run's steps.
    void detailsRequested();

private:
    ConfigOverview m_config;
    QLabel *m_text; // owned by this frame
    QSystemTrayIcon *m_tray = nullptr; // owned by this frame; null until a run ends with a tray
};

} // namespace Console
