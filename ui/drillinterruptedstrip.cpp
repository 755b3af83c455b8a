#include "drillinterruptedstrip.h"

#include "journal.h"
#include "themecolours.h"

#include <QApplication>
#include <QBoxLayout>
#include <QEvent>
#include <QLabel>
#include <QPushButton>
#include <QSet>

namespace Console {

namespace {

constexpr int RunsRead = 1000; // runs of every kind read from the journal

} // namespace

DrillInterruptedStrip::DrillInterruptedStrip(Journal *journal, QWidget *parent)
    : QFrame(parent)
    , m_journal(journal)
{
    setObjectName(QStringLiteral("drillInterrupted"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    applyWarningColours();
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(8, 6, 8, 6);
    hide();
}

DrillInterruptedStrip::~DrillInterruptedStrip() = default;

void DrillInterruptedStrip::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::ApplicationPaletteChange)
        applyWarningColours();
}

// Amber in either look: pale with dark text on a light desktop, deep with light text on a dark one.
void DrillInterruptedStrip::applyWarningColours()
{
    const bool dark = ThemeColours::isDark(QApplication::palette());
    const QColor pale(0xfe, 0xf3, 0xc7);
    const QColor deep(0x45, 0x1a, 0x03);
    QPalette warning = palette();
    warning.setColor(QPalette::Window, dark ? deep : pale);
    warning.setColor(QPalette::WindowText, dark ? pale : deep);
    warning.setColor(QPalette::ButtonText, palette().color(QPalette::ButtonText));
    setPalette(warning);
}

QList<JournalRun> DrillInterruptedStrip::interruptedRuns(const QList<JournalRun> &runs)
{
    QSet<qint64> recovered;
    for (const JournalRun &run : runs) {
        const QVariant recovers = run.figures.value(QStringLiteral("recovers_run"));
        if (run.kind == QLatin1String("drill") && recovers.isValid())
            recovered.insert(recovers.toLongLong());
    }
    QList<JournalRun> interrupted;
    for (const JournalRun &run : runs) {
        if (run.kind == QLatin1String("drill") && run.outcome == QLatin1String("interrupted")
            && !recovered.contains(run.id))
            interrupted.append(run);
    }
    return interrupted;
}

QList<JournalRun> DrillInterruptedStrip::interruptedRuns() const
{
    return m_journal ? interruptedRuns(m_journal->runs(RunsRead)) : QList<JournalRun>();
}

void DrillInterruptedStrip::setRunning(bool running)
{
    m_running = running;
    for (int i = 0; i < m_buttons.size(); ++i)
        m_buttons.at(i)->setEnabled(m_runnable.at(i) && !running);
}

void DrillInterruptedStrip::refresh(const QList<DrillDefinition> &drills)
{
    // Deleted later: this may run from a row's own button.
    for (QWidget *row : std::as_const(m_rows)) {
        m_layout->removeWidget(row);
        row->hide();
        row->deleteLater();
    }
    m_rows.clear();
    m_buttons.clear();
    m_runnable.clear();
    const QList<JournalRun> runs = interruptedRuns();
    for (const JournalRun &run : runs) {
        // The last thing the stopped console journalled, before the next one marked the run.
        QDateTime at = run.startedAt;
        for (const JournalEntry &entry : m_journal->entries(run.id)) {
            if (entry.name != QLatin1String("interrupted") && entry.time.isValid())
                at = entry.time;
        }
        const QString drillId = run.figures.value(QStringLiteral("drill_id")).toString();
        const DrillDefinition *drill = nullptr;
        for (const DrillDefinition &candidate : drills) {
            if (candidate.id == drillId)
                drill = &candidate;
        }
        QString name = run.figures.value(QStringLiteral("drill_name")).toString();
        if (name.isEmpty())
            name = drill ? drill->name : drillId;
        auto *row = new QWidget(this);
        auto *rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        QString text = tr("⚠ Drill %1 was interrupted at %2 by a console that stopped — its "
                          "rollback has not run.")
                           .arg(name, at.toLocalTime().toString(QStringLiteral("HH:mm")));
        if (!drill)
            text += QLatin1Char(' ')
                + tr("Its drill file is not loaded, so undo its faults by hand.");
        auto *label = new QLabel(text, row);
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText);
        auto *button = new QPushButton(tr("Run &rollback"), row);
        button->setObjectName(QStringLiteral("drillRecover-%1").arg(run.id));
        button->setEnabled(drill && !m_running);
        const qint64 id = run.id;
        connect(button, &QPushButton::clicked, this, [this, id] { emit recoveryRequested(id); });
        rowLayout->addWidget(label, 1);
        rowLayout->addWidget(button, 0, Qt::AlignVCenter);
        m_layout->addWidget(row);
        m_rows.append(row);
        m_buttons.append(button);
        m_runnable.append(drill != nullptr);
    }
    setVisible(!runs.isEmpty());
}

} // namespace Console
