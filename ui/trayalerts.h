#pragma once

#include "alertpolicy.h"
#include "configoverview.h"
#include "health.h"

#include <QObject>
#include <QString>

#include <optional>

class QAction;
class QSystemTrayIcon;
class QWidget;

namespace Console {

class EventHub;

// Alerts outside the window: a tray notification when a region changes state, the primary is
// lost or doubled, or a failover starts (AlertPolicy), with a way to mute them for a while. The
// window title and the tray icon always show the worst current state, muted or not. Without a
// system tray (offscreen, Xvfb) only the title speaks.
class TrayAlerts final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayAlerts)
public:
    // `window` and `hub` are not owned and must outlive this object.
    TrayAlerts(
        QWidget *window, EventHub *hub, const ConfigOverview &config, QObject *parent = nullptr);
    ~TrayAlerts() override;

    // Null without a system tray. Shared with the run notice, so the desktop shows one icon.
    QSystemTrayIcon *tray() const { return m_tray; }
    QAction *muteShortAction() const { return m_muteShort; }
    QAction *muteLongAction() const { return m_muteLong; }
    QAction *unmuteAction() const { return m_unmute; }
    bool isMuted() const;
    // The last alert raised (shown in the tray when there is one), for tests and the status bar.
    std::optional<Alert> lastAlert() const { return m_last; }
    int alertCount() const { return m_count; }

public slots:
    // The worst current state and the banner's headline: title, icon and tooltip follow them.
    void setState(Console::Health tone, const QString &headline);

private:
    void onEvent(const Console::ConsoleEvent &event);
    void muteFor(int minutes);
    void updateMuteActions();

    QWidget *m_window; // not owned
    QString m_baseTitle;
    AlertPolicy m_policy;
    QSystemTrayIcon *m_tray = nullptr; // child of this object
    QAction *m_muteShort;
    QAction *m_muteLong;
    QAction *m_unmute;
    std::optional<Alert> m_last;
    int m_count = 0;
};

} // namespace Console
