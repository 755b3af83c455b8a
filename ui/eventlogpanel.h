#pragma once

#include "consoleevent.h"
#include "eventexport.h"

#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTimer;
class QTreeView;

namespace Console {

class EventFilterProxy;
class EventLogModel;
class IncidentTreeModel;

// The event log as the operator reads it: a filter bar (region, kind, minimum severity, search),
// then either the incidents (the default: one expandable row per outage, with its duration and
// who acknowledged it, and the other events between them) or the flat table, toggled by "Group
// by incident". Severity is shown by shape and colour. Acknowledge (Ctrl+Shift+A, the button or
// the context menu) marks the selected incidents as seen by the operator; Ctrl+C copies the
// selected rows as tab-separated text (an incident: its events), and Export… writes the events
// the filter shows to CSV or JSON. Acknowledgements live as long as the log: the log is not
// rebuilt from the journal when the console restarts.
class EventLogPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogPanel)
public:
    explicit EventLogPanel(EventLogModel *model, QWidget *parent = nullptr); // model not owned
    ~EventLogPanel() override;

    QTableView *view() const { return m_view; } // the flat table
    QTreeView *treeView() const { return m_tree; } // the incidents
    EventFilterProxy *proxy() const { return m_proxy; } // the flat table's filter
    EventFilterProxy *treeProxy() const { return m_treeProxy; } // the same filter, recursive
    IncidentTreeModel *treeModel() const { return m_treeModel; }
    QComboBox *regionCombo() const { return m_region; }
    QComboBox *kindCombo() const { return m_kind; }
    QComboBox *severityCombo() const { return m_severity; }
    QLineEdit *searchEdit() const { return m_search; }
    QCheckBox *groupToggle() const { return m_group; }
    QAction *acknowledgeAction() const { return m_acknowledge; }
    QPushButton *acknowledgeButton() const { return m_acknowledgeButton; }

    bool isGrouped() const;
    void setGrouped(bool grouped);
    // Who acknowledges: the OS login name (Journal::osUser()) unless set.
    QString operatorName() const { return m_operator; }
    void setOperatorName(const QString &name) { m_operator = name; }

    // In time order. Grouped, a selected incident stands for its events that the filter shows.
    QList<ConsoleEvent> selectedEvents() const;
    QList<ConsoleEvent> shownEvents() const; // every event the filter lets through
    // The incidents (IncidentTreeModel / EventIncidents indexes) the selected rows are or
    // belong to, in the grouped view; empty in the flat table.
    QList<int> selectedIncidents() const;

    bool exportTo(const QString &path, EventExport::Format format, QString *error = nullptr) const;

public slots:
    void copySelection();
    void exportShown();
    void acknowledgeSelected();

signals:
    // The operator acknowledged an incident (for a journal or an audit trail to record).
    void incidentAcknowledged(
        const QString &regionId, const QDateTime &start, const QString &by, const QDateTime &at);

private:
    void buildTree();
    void addRegions(int firstRow, int lastRow);
    void applyFilter();
    void updateActions();
    void followTree(const QModelIndex &parent);
    QList<ConsoleEvent> shownChildren(const QModelIndex &proxyIncident) const;

    EventLogModel *m_model; // not owned
    EventFilterProxy *m_proxy = nullptr;
    IncidentTreeModel *m_treeModel = nullptr;
    EventFilterProxy *m_treeProxy = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_view = nullptr;
    QTreeView *m_tree = nullptr;
    QComboBox *m_region = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_severity = nullptr;
    QLineEdit *m_search = nullptr;
    QCheckBox *m_group = nullptr;
    QAction *m_acknowledge = nullptr;
    QPushButton *m_acknowledgeButton = nullptr;
    QTimer *m_durations = nullptr;
    QString m_operator;
};

} // namespace Console
