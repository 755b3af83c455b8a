#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QLineEdit;
class QMenu;
class QTabWidget;
class QWidget;

namespace Console {

// The window's keyboard ways round, all in the Go menu so they can be found: F6 and Shift+F6 move
// between the panes (status table, view tabs, event log), Ctrl+1…Ctrl+9 bring a view tab to the
// front with the focus in it, Ctrl+F goes to the event search. During an incident the mouse is
// not always the fastest hand.
class WindowNavigation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowNavigation)
public:
    // The actions are added to window, so their shortcuts work wherever the focus is in it.
    WindowNavigation(QWidget *window, QTabWidget *tabs);
    ~WindowNavigation() override;

    // In focus order; a pane with no focus of its own passes it to its first item view, else to
    // its first focusable child.
    void setPanes(const QList<QWidget *> &panes);
    void setSearchField(QLineEdit *field);

    QMenu *createMenu(QWidget *parent);
    QList<QAction *> tabActions() const { return m_tabActions; } // Ctrl+1…: one per view tab
    QAction *nextPaneAction() const { return m_nextPane; }
    QAction *previousPaneAction() const { return m_previousPane; }
    QAction *findEventsAction() const { return m_findEvents; }

    // The pane that holds the focus, or -1.
    int paneWithFocus() const;
    void focusPane(int index);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showTab(int index);
    void movePane(int step);
    // Texts and visibility follow the tabs as they are added and renamed ("Breakers (2 open)").
    void refreshTabActions();

    QTabWidget *m_tabs; // not owned
    QList<QPointer<QWidget>> m_panes;
    QPointer<QLineEdit> m_search;
    QList<QAction *> m_tabActions; // children of this object
    QAction *m_nextPane = nullptr;
    QAction *m_previousPane = nullptr;
    QAction *m_findEvents = nullptr;
};

} // namespace Console
