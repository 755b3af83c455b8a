#include "runnotice.h"

#include "healthpalette.h"
#include "runtext.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSystemTrayIcon>

namespace Console {

RunNotice::RunNotice(const ConfigOverview &config, QWidget *parent)
    : QFrame(parent)
    , m_config(config)
    , m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("runNotice"));
    m_text->setObjectName(QStringLiteral("runNoticeText"));
    m_text->setWordWrap(true);
    auto *details = new QPushButton(tr("Show steps"), this);
    details->setObjectName(QStringLiteral("runNoticeDetails"));
    auto *dismiss = new QPushButton(tr("Dismiss"), this);
    dismiss->setObjectName(QStringLiteral("runNoticeDismiss"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 4, 10, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(details);
    layout->addWidget(dismiss);
    connect(details, &QPushButton::clicked, this, &RunNotice::detailsRequested);
    connect(dismiss, &QPushButton::clicked, this, &RunNotice::hide);
    hide();
}

RunNotice::~RunNotice() = default;

QString RunNotice::text() const
{
    return m_text->text();
}

void RunNotice::showResult(const RunResult &result)
{
    const QString name = m_config.regionName(result.targetRegion);
    const QString title = RunText::title(result.kind, name.isEmpty() ? result.targetRegion : name);
    const QString figures = RunText::figures(result.figures);
    m_text->setText(figures.isEmpty()
            ? tr("%1: %2 — %3")
                  .arg(title, RunText::outcome(result.outcome), result.summary.simplified())
            : tr("%1: %2 — %3 (%4)")
                  .arg(title, RunText::outcome(result.outcome), result.summary.simplified(),
                      figures));
    const HealthStyle style = healthStyle(RunText::outcomeHealth(result.outcome));
    setStyleSheet(QStringLiteral("QFrame#runNotice { background: %1; } QLabel { color: %2; "
                                 "font-weight: bold; }")
                      .arg(style.fill.name(), style.text.name()));
    show();
    // The tray icon appears with the first finished run, not for a console that only watches.
    if (!m_tray && QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(tr("Failover Console"));
        m_tray->show();
    }
    if (m_tray) {
        const bool ok = result.outcome == QLatin1String("verified");
        m_tray->showMessage(title, m_text->text(),
            ok ? QSystemTrayIcon::Information : QSystemTrayIcon::Critical, 15000);
    }
}

} // namespace Console
