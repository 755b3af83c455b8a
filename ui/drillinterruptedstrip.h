#pragma once

#include "drilldefinition.h"
#include "journalrun.h"

#include <QFrame>
#include <QList>

class QPushButton;
class QVBoxLayout;

namespace Console {

class Journal;

// The warning above the Drills tab: each drill that a console stopped in the middle of (journalled
// "interrupted", with no recovery run since), whose rollback has not run, with a button to run it.
class DrillInterruptedStrip final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrillInterruptedStrip)
public:
    // The journal is not owned and must outlive the strip; it may be null (nothing to show).
    explicit DrillInterruptedStrip(Journal *journal, QWidget *parent = nullptr);
    ~DrillInterruptedStrip() override;

    // The journal's interrupted drill runs that no recovery run names, newest first.
    static QList<JournalRun> interruptedRuns(const QList<JournalRun> &runs);
    QList<JournalRun> interruptedRuns() const;
    // Reads the journal again; a run whose drill is not among `drills` cannot be rolled back here.
    void refresh(const QList<DrillDefinition> &drills);
    // While another drill runs, no rollback can start.
    void setRunning(bool running);
    QList<QPushButton *> recoveryButtons() const { return m_buttons; }

signals:
    void recoveryRequested(qint64 runId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyWarningColours();

    Journal *m_journal; // not owned, may be null
    QVBoxLayout *m_layout = nullptr; // owned by the strip
    QList<QWidget *> m_rows; // children of the strip
    QList<QPushButton *> m_buttons; // children of the rows
    QList<bool> m_runnable; // per button: its drill is loaded
    bool m_running = false;
};

} // namespace Console
