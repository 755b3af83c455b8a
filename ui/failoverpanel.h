#pragma once

#include "configoverview.h"
#include "failoverrun.h"

#include <QWidget>

class QLabel;
class QTableView;
class QTimer;

namespace Console {

class Clock;
class FailoverController;
class StepListModel;

// The Failover tab: the engine's state and whether automation is on or paused, then the current
// run step by step (state, time, what happened) as it goes; after a run its outcome and measured
// figures stay until the next one starts.
class FailoverPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailoverPanel)
public:
    // Neither is owned; both must outlive the panel.
    FailoverPanel(FailoverController *controller, const ConfigOverview &config, Clock *clock,
        QWidget *parent = nullptr);
    ~FailoverPanel() override;

    // "Normal · automation off (manual mode)"
    QString stateText() const;
    QString runText() const;
    QString outcomeText() const;
    QString figuresText() const;
    StepListModel *steps() const { return m_steps; }
    QTableView *stepView() const { return m_view; }

signals:
    void stateTextChanged(const QString &text);

private:
    void onRunStarted(const RunPlan &plan);
    void onStepChanged(const StepRecord &step);
    void onRunFinished(const RunResult &result);
    void showResult(const RunResult &result);
    void refreshState();
    void tick();
    QString regionName(const QString &regionId) const;

    FailoverController *m_controller; // not owned
    ConfigOverview m_config;
    Clock *m_clock; // not owned
    StepListModel *m_steps; // the objects below are owned by this panel
    QLabel *m_state;
    QLabel *m_run;
    QTableView *m_view;
    QLabel *m_outcome;
    QLabel *m_figures;
    QTimer *m_ticker; // a running step's time counts up while a run goes
    QString m_stateText;
};

} // namespace Console
