#include "failoveractions.h"
#include "failovercontroller.h"
#include "failoverdialog.h"
#include "failovertestconsole.h"

#include <QAction>
#include <QMainWindow>
#include <QSignalSpy>
#include <QTest>

using namespace Console;

// The window's failover commands over a real controller: what the tooltips promise, the
// shortcuts, and pausing automation.
class tst_FailoverActions final : public QObject
{
    Q_OBJECT
private slots:
    void tooltipsSayWhatWouldHappen();
    void pauseTogglesTheController();
    void shortcutOpensTheDialog();
};

void tst_FailoverActions::tooltipsSayWhatWouldHappen()
{
    FailoverTestConsole console;
    QVERIFY(console.start());
    QMainWindow window;
    FailoverActions actions(console.controller(), console.engine().overview(), &window);
    QTRY_VERIFY(actions.failover()->isEnabled());
    const QString tip = actions.failover()->toolTip();
    QVERIFY2(tip.startsWith(QStringLiteral("Promote EU West")), qPrintable(tip));
    QVERIFY2(tip.contains(gateLabel(GateKind::OldPrimaryDown)), qPrintable(tip));
    QVERIFY(tip.contains(QStringLiteral("fail")));
    // US East, the home region, is primary: nothing to fail back to, and the reason says so.
    QVERIFY(!actions.failback()->isEnabled());
    QVERIFY(actions.failback()->toolTip().contains(QStringLiteral("home region")));
    QVERIFY(!actions.rejoin()->isEnabled());
    QCOMPARE(actions.failover()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+F")));
    QCOMPARE(actions.failback()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+B")));
    QCOMPARE(actions.pause()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+P")));
}

void tst_FailoverActions::pauseTogglesTheController()
{
    FailoverTestConsole console;
    QVERIFY(console.start());
    QMainWindow window;
    FailoverActions actions(console.controller(), console.engine().overview(), &window);
    QVERIFY(actions.pause()->isCheckable());
    QVERIFY(!console.controller()->paused());
    actions.pause()->trigger();
    QVERIFY(console.controller()->paused());
    QVERIFY(actions.pause()->isChecked());
    QTRY_VERIFY(actions.pause()->toolTip().contains(QStringLiteral("paused")));
    actions.pause()->trigger();
    QVERIFY(!console.controller()->paused());
    // Paused elsewhere (the headless side, another view): the check mark follows.
    console.controller()->setPaused(true, QStringLiteral("tester"));
    QTRY_VERIFY(actions.pause()->isChecked());
}

void tst_FailoverActions::shortcutOpensTheDialog()
{
    FailoverTestConsole console;
    QVERIFY(console.start());
    QMainWindow window;
    FailoverActions actions(console.controller(), console.engine().overview(), &window);
    window.addActions(actions.all());
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTRY_VERIFY(actions.failover()->isEnabled());
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(actions.currentDialog() && actions.currentDialog()->isVisible());
    QVERIFY(actions.currentDialog()->kind() == RunKind::Failover);
    actions.currentDialog()->reject();
    QTRY_VERIFY(!actions.currentDialog());
}

QTEST_MAIN(tst_FailoverActions)
#include "tst_failoveractions.moc"
