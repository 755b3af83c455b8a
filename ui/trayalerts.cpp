#include "trayalerts.h"

#include "eventhub.h"
#include "healthpalette.h"

#include <QAction>
#include <QMenu>
#include <QPainter>
#include <QPixmap>
#include <QSystemTrayIcon>
#include <QWidget>

namespace Console {

namespace {
constexpr int kShortMuteMinutes = 15;
constexpr int kLongMuteMinutes = 60;

// A dot in the state's colour, drawn at several sizes so the tray picks a sharp one at any DPI.
QIcon stateIcon(Health tone)
{
    QIcon icon;
    const HealthStyle style = healthStyle(tone);
    for (int size : { 16, 22, 32, 48, 64 }) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(style.text, std::max(1, size / 16)));
        painter.setBrush(style.fill);
        const int margin = std::max(1, size / 10);
        painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin));
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QSystemTrayIcon::MessageIcon messageIcon(EventSeverity severity)
{
    switch (severity) {
    case EventSeverity::Critical: return QSystemTrayIcon::Critical;
    case EventSeverity::Warning: return QSystemTrayIcon::Warning;
    default: return QSystemTrayIcon::Information;
    }
}
} // namespace

TrayAlerts::TrayAlerts(
    QWidget *window, EventHub *hub, const ConfigOverview &config, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_baseTitle(window->windowTitle())
    , m_muteShort(
          new QAction(tr("&Mute alerts for %n minute(s)", nullptr, kShortMuteMinutes), this))
    , m_muteLong(
          new QAction(tr("Mute alerts for %n &hour(s)", nullptr, kLongMuteMinutes / 60), this))
    , m_unmute(new QAction(tr("&Unmute alerts"), this))
{
    m_policy.setConfig(config);

    m_muteShort->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    connect(m_muteShort, &QAction::triggered, this, [this] { muteFor(kShortMuteMinutes); });
    connect(m_muteLong, &QAction::triggered, this, [this] { muteFor(kLongMuteMinutes); });
    connect(m_unmute, &QAction::triggered, this, [this] {
        m_policy.unmute();
        updateMuteActions();
    });
    updateMuteActions();

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(stateIcon(Health::Unknown), this);
        auto *menu = new QMenu(window);
        menu->addAction(tr("&Show the console"), window, [window] {
            window->showNormal();
            window->raise();
            window->activateWindow();
        });
        menu->addSeparator();
        menu->addActions({ m_muteShort, m_muteLong, m_unmute });
        m_tray->setContextMenu(menu);
        m_tray->show();
    }
    connect(hub, &EventHub::published, this, &TrayAlerts::onEvent);
}

TrayAlerts::~TrayAlerts() = default;

bool TrayAlerts::isMuted() const
{
    return m_policy.isMuted(QDateTime::currentDateTimeUtc());
}

void TrayAlerts::setState(Health tone, const QString &headline)
{
    m_window->setWindowTitle(tr("%1 — %2").arg(healthLabel(tone), m_baseTitle));
    if (m_tray) {
        m_tray->setIcon(stateIcon(tone));
        m_tray->setToolTip(headline);
    }
}

void TrayAlerts::onEvent(const ConsoleEvent &event)
{
    const std::optional<Alert> alert = m_policy.alertFor(event, QDateTime::currentDateTimeUtc());
    updateMuteActions(); // a mute may have just run out
    if (!alert)
        return;
    m_last = alert;
    ++m_count;
    if (m_tray)
        m_tray->showMessage(alert->title, alert->text, messageIcon(alert->severity), 10000);
}

void TrayAlerts::muteFor(int minutes)
{
    m_policy.muteUntil(QDateTime::currentDateTimeUtc().addSecs(qint64(minutes) * 60));
    updateMuteActions();
}

void TrayAlerts::updateMuteActions()
{
    const bool muted = isMuted();
    m_unmute->setEnabled(muted);
    m_unmute->setText(muted
            ? tr("&Unmute alerts (muted until %1)")
                  .arg(m_policy.mutedUntil().toLocalTime().toString(QStringLiteral("HH:mm")))
            : tr("&Unmute alerts"));
}

} // namespace Console
