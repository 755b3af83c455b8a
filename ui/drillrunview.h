#pragma once

#include "drillrecord.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace Console {

class DrillRunner;

// The drill that runs or just ran: each step with its state in words, icon and colour and how
// long it took, the current step's instructions and, for a manual step, the operator's verdict
// and note; an Abort button while the method runs; then the outcome and the results table.
class DrillRunView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrillRunView)
public:
    // The runner is not owned and must outlive the view.
    explicit DrillRunView(DrillRunner *runner, QWidget *parent = nullptr);
    ~DrillRunView() override;

    // Shows the runner's current run from its start (or its last result).
    void refresh();
    // Forgets a finished run's result (the operator went back to the drills).
    void clear();

    QTreeWidget *stepsView() const { return m_steps; }
    QTreeWidget *resultsView() const { return m_results; }
    QPushButton *abortButton() const { return m_abort; }
    QPushButton *passButton() const { return m_pass; }
    QPushButton *failButton() const { return m_fail; }
    QPushButton *saveMarkdownButton() const { return m_saveMarkdown; }
    QPushButton *savePdfButton() const { return m_savePdf; }
    QPushButton *backButton() const { return m_back; }
    QLineEdit *noteEdit() const { return m_note; }
    QString headerText() const;
    QString outcomeText() const;
    QString currentStepText() const;

    // "Passed", "Failed"... with a symbol, so the state never rests on colour alone.
    static QString stateText(DrillStepState state);

signals:
    void saveMarkdownRequested();
    void savePdfRequested();
    void backRequested();

private:
    void onStepChanged(int index);
    void onFinished(const Console::DrillResult &result);
    void tick();
    void fillStep(QTreeWidgetItem *item, const DrillStepRecord &record, bool current) const;
    void showCurrent();
    void complete(bool passed);
    void abort();

    DrillRunner *m_runner; // not owned
    QLabel *m_header = nullptr; // widgets below are owned by the view
    QTreeWidget *m_steps = nullptr;
    QLabel *m_current = nullptr;
    QWidget *m_manualRow = nullptr;
    QLineEdit *m_note = nullptr;
    QPushButton *m_pass = nullptr;
    QPushButton *m_fail = nullptr;
    QPushButton *m_abort = nullptr;
    QWidget *m_resultBox = nullptr;
    QLabel *m_outcome = nullptr;
    QTreeWidget *m_results = nullptr;
    QPushButton *m_saveMarkdown = nullptr;
    QPushButton *m_savePdf = nullptr;
    QPushButton *m_back = nullptr;
    QTimer *m_ticker = nullptr;
    QList<DrillStepRecord> m_shown; // the records the rows show, for the elapsed ticks
    bool m_finished = false;
};

} // namespace Console
