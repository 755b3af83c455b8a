#pragma once

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace Console {

class BreakerTableModel;
class Clock;

// The Breakers tab: every breaker, the console's and the remote ones, open first, with a one-line
// count on top, time in state and the time to the next trial ticking every second.
class BreakersPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BreakersPanel)
public:
    // Neither is owned; both must outlive the panel.
    BreakersPanel(BreakerTableModel *model, Clock *clock, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QString summary() const;

private:
    void refreshSummary();
    void tick();

    BreakerTableModel *m_model; // not owned
    Clock *m_clock; // not owned
    QLabel *m_summary; // the widgets below are owned by this panel
    QSortFilterProxyModel *m_sorted;
    QTableView *m_view;
    QTimer *m_ticker;
};

} // namespace Console
