#pragma once

#include "consoleevent.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableView;

namespace Console {

class EventFilterProxy;
class EventLogModel;

// The event log as the operator reads it: a filter bar (region, kind, minimum severity, search),
// the table with severity shown by shape and colour, Ctrl+C to copy the selected rows as
// tab-separated text, and Export… to CSV or JSON of the rows the filter shows.
class EventLogPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogPanel)
public:
    explicit EventLogPanel(EventLogModel *model, QWidget *parent = nullptr); // model not owned
    ~EventLogPanel() override;

    QTableView *view() const { return m_view; }
    EventFilterProxy *proxy() const { return m_proxy; }
    QComboBox *regionCombo() const { return m_region; }
    QComboBox *kindCombo() const { return m_kind; }
    QComboBox *severityCombo() const { return m_severity; }
    QLineEdit *searchEdit() const { return m_search; }

    QList<ConsoleEvent> selectedEvents() const; // in time order
    QList<ConsoleEvent> shownEvents() const; // every row the filter lets through

public slots:
    void copySelection();
    void exportShown();

private:
    void addRegions(int firstRow, int lastRow);
    void applyFilter();

    EventLogModel *m_model; // not owned
    EventFilterProxy *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QComboBox *m_region = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_severity = nullptr;
    QLineEdit *m_search = nullptr;
};

} // namespace Console
