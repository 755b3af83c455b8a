#include "consoleengine.h"
#include "mainwindow.h"
#include "windownavigation.h"
#include "windowshell.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QButtonGroup>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QTreeView>

using namespace Console;

namespace {

// The letter after the single '&' of a menu text, lower-cased; a null QChar if there is none.
QChar mnemonic(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('&')) {
            if (text.at(i + 1) == QLatin1Char('&')) {
                ++i;
                continue;
            }
            return text.at(i + 1).toLower();
        }
    }
    return {};
}

bool inside(const QWidget *widget, const QWidget *container)
{
    return widget && container && (widget == container || container->isAncestorOf(widget));
}

} // namespace

// Every action of the real window on the demo topology reachable without a mouse: menus with
// their mnemonics, the Go menu's shortcuts, and the Tab order through the window.
class tst_Keyboard : public QObject
{
    Q_OBJECT

private:
    ConsoleEngine m_engine;
    std::unique_ptr<WindowShell> m_shell;
    MainWindow *m_window = nullptr;

    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : m_window;
        QTest::keyClick(target, Qt::Key(key), modifiers);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_engine.startDemo(), qPrintable(m_engine.errors().join(QLatin1Char('\n'))));
        m_engine.start();
        m_shell = std::make_unique<WindowShell>(&m_engine);
        m_window = m_shell->window();
        m_window->resize(MainWindow::preferredSize());
        m_window->show();
        QApplication::setActiveWindow(m_window);
        QVERIFY(QTest::qWaitForWindowActive(m_window));
    }

    void cleanupTestCase()
    {
        m_shell.reset();
        m_engine.stop(QStringLiteral("test over"));
    }

    // Alt+letter opens each menu, and within a menu each command has its own letter.
    void everyMenuCommandHasALetter()
    {
        QSet<QChar> barLetters;
        const QList<QAction *> menus = m_window->menuBar()->actions();
        QVERIFY(menus.size() >= 5);
        for (QAction *menuAction : menus) {
            const QChar letter = mnemonic(menuAction->text());
            QVERIFY2(!letter.isNull(), qPrintable(menuAction->text()));
            QVERIFY2(!barLetters.contains(letter), qPrintable(menuAction->text()));
            barLetters.insert(letter);

            QList<QMenu *> pending = { menuAction->menu() };
            while (!pending.isEmpty()) {
                QMenu *menu = pending.takeFirst();
                QVERIFY(menu);
                emit menu->aboutToShow(); // the Go menu names its tabs then
                QSet<QChar> letters;
                for (QAction *action : menu->actions()) {
                    if (action->isSeparator() || !action->isVisible())
                        continue;
                    if (action->menu())
                        pending << action->menu();
                    const QChar own = mnemonic(action->text());
                    QVERIFY2(!own.isNull() || !action->shortcut().isEmpty(),
                        qPrintable(menu->title() + QStringLiteral(" › ") + action->text()));
                    if (own.isNull())
                        continue;
                    QVERIFY2(!letters.contains(own),
                        qPrintable(menu->title() + QStringLiteral(" › ") + action->text()));
                    letters.insert(own);
                }
            }
        }
    }

    void controlDigitBringsEachTabWithTheFocus()
    {
        QTabWidget *tabs = m_window->viewTabs();
        QVERIFY(tabs->count() >= 5);
        m_window->statusView()->setFocus();
        for (int i = tabs->count() - 1; i >= 0; --i) {
            press(Qt::Key_1 + i, Qt::ControlModifier);
            QCOMPARE(tabs->currentIndex(), i);
            QVERIFY2(inside(QApplication::focusWidget(), tabs),
                qPrintable(tabs->tabText(i) + QStringLiteral(": focus is elsewhere")));
        }
        QAction *fifth = m_window->navigation()->tabActions().at(4);
        QVERIFY(fifth->text().contains(QString(tabs->tabText(4)).remove(QLatin1Char('&'))));
        QVERIFY(!m_window->navigation()->tabActions().at(8)->isVisible() || tabs->count() > 8);
    }

    void f6WalksThePanesBothWays()
    {
        QTabWidget *tabs = m_window->viewTabs();
        m_window->statusView()->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), m_window->statusView());
        QList<QWidget *> visited;
        for (int i = 0; i < 4; ++i) {
            press(Qt::Key_F6);
            visited << QApplication::focusWidget();
        }
        // Status table → tabs → event log → back to the status table (the detail pane is text).
        QVERIFY(std::any_of(
            visited.cbegin(), visited.cend(), [tabs](QWidget *w) { return inside(w, tabs); }));
        QVERIFY(std::any_of(visited.cbegin(), visited.cend(), [this](QWidget *w) {
            return qobject_cast<QAbstractItemView *>(w) && w != m_window->statusView()
                && !inside(w, m_window->viewTabs());
        }));
        QCOMPARE(visited.last(), m_window->statusView());
        press(Qt::Key_F6, Qt::ShiftModifier);
        QVERIFY(qobject_cast<QAbstractItemView *>(QApplication::focusWidget()));
        QVERIFY(QApplication::focusWidget() != m_window->statusView());
        press(Qt::Key_F6);
        QCOMPARE(QApplication::focusWidget(), m_window->statusView());
    }

    void controlFGoesToTheEventSearch()
    {
        m_window->statusView()->setFocus();
        press(Qt::Key_F, Qt::ControlModifier);
        auto *search = qobject_cast<QLineEdit *>(QApplication::focusWidget());
        QVERIFY(search);
        QCOMPARE(search->objectName(), QStringLiteral("eventSearch"));
    }

    // Tab from the status table goes round the whole window and comes back: every button on
    // the way takes the focus, and the main views are on the way.
    void tabGoesRoundTheWindow()
    {
        m_window->viewTabs()->setCurrentIndex(0);
        m_window->statusView()->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), m_window->statusView());
        QSet<QWidget *> reached;
        for (int i = 0; i < 300; ++i) {
            press(Qt::Key_Tab);
            QWidget *focus = QApplication::focusWidget();
            if (focus == m_window->statusView())
                break;
            reached.insert(focus);
        }
        QCOMPARE(QApplication::focusWidget(), m_window->statusView());
        QVERIFY(reached.contains(m_window->viewTabs()->tabBar()));
        QVERIFY(std::any_of(reached.cbegin(), reached.cend(),
            [](QWidget *w) { return w->objectName() == QLatin1String("eventSearch"); }));
        for (QAbstractButton *button : m_window->findChildren<QAbstractButton *>()) {
            // A toolbar's buttons repeat its menu's commands, which the menu test covers.
            if (!button->isVisible() || !button->isEnabled() || button->text().isEmpty()
                || qobject_cast<QToolBar *>(button->parentWidget()))
                continue;
            // An exclusive group (the demo's fault choices) is one Tab stop, as radio buttons
            // are: its checked button takes the focus, the arrow keys move within it.
            const QButtonGroup *group = button->group();
            const QList<QAbstractButton *> stops = group && group->exclusive()
                ? group->buttons()
                : QList<QAbstractButton *> { button };
            QVERIFY2(std::any_of(stops.cbegin(), stops.cend(),
                         [](QAbstractButton *b) { return b->focusPolicy() & Qt::TabFocus; }),
                qPrintable(button->text() + QLatin1Char(' ') + button->objectName()));
        }
    }
};

QTEST_MAIN(tst_Keyboard)
#include "tst_keyboard.moc"
