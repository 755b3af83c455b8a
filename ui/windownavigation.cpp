#include "windownavigation.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QLineEdit>
#include <QMenu>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>

namespace Console {

namespace {
constexpr int kTabShortcuts = 9;

bool takesTabFocus(const QWidget *widget)
{
    return widget->isVisible() && widget->isEnabled() && (widget->focusPolicy() & Qt::TabFocus);
}

// The widget a pane gives the focus to: itself, its visible item view (the table in the event
// log, not its filter bar), or its first focusable child.
QWidget *focusTarget(QWidget *pane)
{
    if (takesTabFocus(pane))
        return pane;
    for (QAbstractItemView *view : pane->findChildren<QAbstractItemView *>()) {
        if (takesTabFocus(view))
            return view;
    }
    for (QWidget *child : pane->findChildren<QWidget *>()) {
        if (takesTabFocus(child))
            return child;
    }
    return nullptr;
}
} // namespace

WindowNavigation::WindowNavigation(QWidget *window, QTabWidget *tabs)
    : QObject(window)
    , m_tabs(tabs)
{
    for (int i = 0; i < kTabShortcuts; ++i) {
        auto *action = new QAction(this);
        action->setObjectName(QStringLiteral("goToTab%1").arg(i + 1));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        action->setVisible(false);
        connect(action, &QAction::triggered, this, [this, i] { showTab(i); });
        m_tabActions << action;
    }
    m_nextPane = new QAction(tr("&Next pane"), this);
    m_nextPane->setObjectName(QStringLiteral("nextPane"));
    m_nextPane->setShortcut(QKeySequence(Qt::Key_F6));
    connect(m_nextPane, &QAction::triggered, this, [this] { movePane(1); });
    m_previousPane = new QAction(tr("&Previous pane"), this);
    m_previousPane->setObjectName(QStringLiteral("previousPane"));
    m_previousPane->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F6));
    connect(m_previousPane, &QAction::triggered, this, [this] { movePane(-1); });
    m_findEvents = new QAction(tr("&Search events"), this);
    m_findEvents->setObjectName(QStringLiteral("findEvents"));
    m_findEvents->setShortcut(QKeySequence::Find);
    connect(m_findEvents, &QAction::triggered, this, [this] {
        if (!m_search)
            return;
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });

    for (QAction *action : m_tabActions)
        window->addAction(action);
    window->addActions({ m_nextPane, m_previousPane, m_findEvents });
    // QTabWidget says nothing when a tab is added; its page stack is told of the new child.
    if (auto *stack = m_tabs->findChild<QStackedWidget *>())
        stack->installEventFilter(this);
    refreshTabActions();
}

WindowNavigation::~WindowNavigation() = default;

bool WindowNavigation::eventFilter(QObject *watched, QEvent *event)
{
    // The page is a child before the tab bar has its tab: refresh once the insertion is done.
    if (event->type() == QEvent::ChildAdded || event->type() == QEvent::ChildRemoved)
        QMetaObject::invokeMethod(this, &WindowNavigation::refreshTabActions, Qt::QueuedConnection);
    return QObject::eventFilter(watched, event);
}

void WindowNavigation::setPanes(const QList<QWidget *> &panes)
{
    m_panes.clear();
    for (QWidget *pane : panes)
        m_panes << pane;
}

void WindowNavigation::setSearchField(QLineEdit *field)
{
    m_search = field;
}

QMenu *WindowNavigation::createMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("&Go"), parent);
    menu->setObjectName(QStringLiteral("goMenu"));
    menu->addActions({ m_nextPane, m_previousPane, m_findEvents });
    menu->addSeparator();
    menu->addActions(m_tabActions);
    connect(menu, &QMenu::aboutToShow, this, &WindowNavigation::refreshTabActions);
    return menu;
}

void WindowNavigation::refreshTabActions()
{
    for (int i = 0; i < m_tabActions.size(); ++i) {
        QAction *action = m_tabActions.at(i);
        const bool exists = i < m_tabs->count();
        action->setVisible(exists);
        action->setEnabled(exists);
        // "&3 Failover": the digit is the mnemonic as well as Ctrl+3.
        if (exists)
            action->setText(QStringLiteral("&%1 %2").arg(i + 1).arg(
                QString(m_tabs->tabText(i)).remove(QLatin1Char('&'))));
    }
}

void WindowNavigation::showTab(int index)
{
    if (index < 0 || index >= m_tabs->count())
        return;
    m_tabs->setCurrentIndex(index);
    if (QWidget *target = focusTarget(m_tabs->currentWidget()))
        target->setFocus(Qt::ShortcutFocusReason);
    else
        m_tabs->tabBar()->setFocus(Qt::ShortcutFocusReason);
}

int WindowNavigation::paneWithFocus() const
{
    const QWidget *focus = QApplication::focusWidget();
    for (int i = 0; i < m_panes.size() && focus; ++i) {
        const QWidget *pane = m_panes.at(i);
        if (pane && (pane == focus || pane->isAncestorOf(focus)))
            return i;
    }
    return -1;
}

void WindowNavigation::focusPane(int index)
{
    if (index < 0 || index >= m_panes.size() || !m_panes.at(index))
        return;
    if (QWidget *target = focusTarget(m_panes.at(index)))
        target->setFocus(Qt::OtherFocusReason);
}

void WindowNavigation::movePane(int step)
{
    const int count = int(m_panes.size());
    if (count == 0)
        return;
    int index = paneWithFocus();
    if (index < 0)
        index = step > 0 ? -1 : count;
    // Skip panes that cannot take the focus (hidden, or nothing focusable), at most once round.
    for (int tried = 0; tried < count; ++tried) {
        index = (index + step + count) % count;
        QWidget *pane = m_panes.at(index);
        if (QWidget *target = pane ? focusTarget(pane) : nullptr) {
            target->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
}

} // namespace Console
