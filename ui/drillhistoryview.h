#pragma once

#include "drilldefinition.h"
#include "journalrun.h"

#include <QWidget>

class QLabel;
class QTextBrowser;
class QTreeWidget;

namespace Console {

class DrillTrendChart;
class Journal;

// Past drill runs from the journal: when, which drill, the outcome and its figures; the selected
// run's journalled report, and the RTO trend of its drill.
class DrillHistoryView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrillHistoryView)
public:
    // The journal is not owned and must outlive the view; it may be null (none kept).
    explicit DrillHistoryView(Journal *journal, QWidget *parent = nullptr);
    ~DrillHistoryView() override;

    // The drills known now, for their RTO targets.
    void setDrills(const QList<DrillDefinition> &drills);
    // Reads the drill runs again, keeping the selected run selected.
    void reload();
    bool selectRun(qint64 runId);
    qint64 selectedRunId() const;

    QTreeWidget *runsView() const { return m_runs; }
    QTextBrowser *reportView() const { return m_report; }
    DrillTrendChart *trendChart() const { return m_trend; }

    enum Column { DateColumn, DrillColumn, OutcomeColumn, RtoColumn, RpoColumn, DetectColumn };

private:
    void showSelected();

    Journal *m_journal; // not owned, may be null
    QList<DrillDefinition> m_drills;
    QList<JournalRun> m_drillRuns; // newest first
    QLabel *m_empty = nullptr; // widgets below are owned by the view
    QTreeWidget *m_runs = nullptr;
    QTextBrowser *m_report = nullptr;
    DrillTrendChart *m_trend = nullptr;
};

} // namespace Console
