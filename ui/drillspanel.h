#pragma once

#include "drillcatalog.h"
#include "drilldefinition.h"
#include "journalrun.h"

#include <QList>
#include <QWidget>

class QCheckBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTimer;
class QTreeWidget;
class QVBoxLayout;

namespace Console {

class DrillHistoryView;
class DrillInterruptedStrip;
class DrillRunView;
class DrillRunner;
class Journal;

// The Drills tab: the drills to run with their last result, the files that failed to load, the
// selected drill's purpose, targets and pre-test checklist that gates its start; the run as it
// goes and its result and report; drills a stopped console interrupted, with their rollback; and
// the history of past runs.
class DrillsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrillsPanel)
public:
    // The runner and journal are not owned and must outlive the panel; the journal may be null.
    DrillsPanel(DrillRunner *runner, Journal *journal, QWidget *parent = nullptr);
    ~DrillsPanel() override;

    void setDrills(const QList<DrillDefinition> &drills, const QList<DrillFileProblems> &problems);
    bool selectDrill(const QString &id);
    QString selectedDrillId() const;

    // The report of the run that finished last, as Markdown or PDF; the PDF's path is journalled.
    bool saveReportMarkdown(const QString &path, QString *error);
    bool saveReportPdf(const QString &path, QString *error);
    QString lastReport() const;

    // Reads the journal's interrupted drills again into the warning strip.
    void refreshInterrupted();

    QTreeWidget *drillList() const { return m_list; }
    QLabel *problemsLabel() const { return m_problems; }
    QList<QCheckBox *> checklistBoxes() const { return m_checks; }
    QPushButton *startButton() const { return m_start; }
    QString startBlockedText() const;
    DrillRunView *runView() const { return m_runView; }
    DrillHistoryView *historyView() const { return m_history; }
    DrillInterruptedStrip *interruptedStrip() const { return m_interrupted; }
    QTabWidget *pages() const { return m_pages; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyProblemColour();
    void showSelectedDrill();
    void updateStart();
    void start();
    void recover(qint64 runId);
    void onStarted();
    void onFinished();
    void backToDrills();
    void saveMarkdownDialog();
    void savePdfDialog();
    void refreshLastResults();
    const DrillDefinition *drillById(const QString &id) const;

    DrillRunner *m_runner; // not owned
    Journal *m_journal; // not owned, may be null
    QList<DrillDefinition> m_drills;
    DrillInterruptedStrip *m_interrupted = nullptr; // widgets below are owned by the panel
    QTabWidget *m_pages = nullptr;
    QTreeWidget *m_list = nullptr;
    QLabel *m_problems = nullptr;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_about = nullptr;
    QGroupBox *m_checklistBox = nullptr;
    QVBoxLayout *m_checklistLayout = nullptr;
    QList<QCheckBox *> m_checks;
    QPushButton *m_start = nullptr;
    QLabel *m_blocked = nullptr;
    DrillRunView *m_runView = nullptr;
    DrillHistoryView *m_history = nullptr;
    QTimer *m_preflightTimer = nullptr; // the live state changes what preflight says
};

} // namespace Console
