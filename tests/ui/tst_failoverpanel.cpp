#include "failoveractions.h"
#include "failovercontroller.h"
#include "failoverdialog.h"
#include "failoverpanel.h"
#include "failovertestconsole.h"
#include "gateboardview.h"
#include "mainwindow.h"
#include "runnotice.h"
#include "steplistmodel.h"
#include "windowshell.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTest>

using namespace Console;

// A failover driven from the window through the real controller, as an operator would: the
// dialog, the overrides, the run button; EU West's admin connection refuses, so the run aborts
// at the promotion, and the panel, the notice and the status bar must say so.
class tst_FailoverPanel final : public QObject
{
    Q_OBJECT
private slots:
    void abortedRunIsShownStepByStep();
};

void tst_FailoverPanel::abortedRunIsShownStepByStep()
{
    FailoverTestConsole console;
    QVERIFY(console.start());
    WindowShell shell(&console.engine());
    MainWindow *window = shell.window();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    FailoverPanel *panel = window->failoverPanel();
    QVERIFY(panel);
    QAbstractItemModelTester tester(
        panel->steps(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(panel->stateText().contains(stateLabel(FailoverState::Normal)));
    QVERIFY(window->statusBar()->findChild<QLabel *>(QStringLiteral("failoverStatus")));
    QTRY_VERIFY(window->failoverActions()->failover()->isEnabled());

    window->failoverActions()->failover()->trigger();
    QPointer<FailoverDialog> dialog = window->failoverActions()->currentDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QVERIFY(dialog->isModal());
    for (GateKind kind : dialog->boardView()->blocking()) {
        dialog->boardView()->overrideBox(kind)->setChecked(true);
        QTest::keyClicks(dialog->boardView()->overrideReason(kind), QStringLiteral("UI test"));
    }
    QTest::keyClicks(dialog->confirmEdit(), QStringLiteral("eu-west"));
    QVERIFY(dialog->runButton()->isEnabled());

    QSignalSpy finished(console.controller(), &FailoverController::runFinished);
    QTest::mouseClick(dialog->runButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog.isNull()); // accepted and deleted on close
    QVERIFY(console.controller()->isRunning());
    QCOMPARE(window->viewTabs()->currentWidget(), panel);
    QVERIFY(!window->failoverActions()->failover()->isEnabled());
    QVERIFY(window->failoverActions()->failover()->toolTip().contains(QStringLiteral("runs")));
    QVERIFY(panel->runText().contains(QStringLiteral("EU West")));

    QVERIFY(finished.wait(20000));
    const RunResult result = finished.first().first().value<RunResult>();
    QCOMPARE(result.outcome, QStringLiteral("aborted"));
    QVERIFY(panel->outcomeText().contains(QStringLiteral("aborted")));
    const int promote = panel->steps()->rowOf(StepKind::Promote);
    QVERIFY(promote >= 0);
    const QModelIndex state = panel->steps()->index(promote, StepListModel::StateColumn);
    QCOMPARE(state.data(StepListModel::StepStateRole).toInt(), int(StepState::Failed));
    QVERIFY(state.data().toString().contains(QStringLiteral("failed")));
    const QString summary
        = panel->steps()->index(promote, StepListModel::SummaryColumn).data().toString();
    QVERIFY(!summary.isEmpty());
    QCOMPARE(summary, result.steps.at(promote).summary.simplified());
    QVERIFY(window->runNotice()->isVisible());
    QVERIFY(window->runNotice()->text().contains(QStringLiteral("aborted")));
    // Offscreen has no tray: the line across the window is the notice.
    QCOMPARE(window->runNotice()->usesTray(), QSystemTrayIcon::isSystemTrayAvailable());
    window->viewTabs()->setCurrentIndex(0);
    QTest::mouseClick(
        window->runNotice()->findChild<QPushButton *>(QStringLiteral("runNoticeDetails")),
        Qt::LeftButton);
    QCOMPARE(window->viewTabs()->currentWidget(), panel);
    QTRY_VERIFY(window->failoverActions()->failover()->isEnabled());

    // The figures and the outcome stay after the run; the picture is what an operator sees.
    const QImage image = window->grab().toImage();
    QVERIFY(!image.isNull());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    }
    QVERIFY2(colours.size() > 20, "the window rendered blank");
    const QString path = QDir::home().filePath(QStringLiteral("failover-panel.png"));
    QVERIFY(image.save(path));
    qInfo("window with the failover panel: %s", qPrintable(path));
}

QTEST_MAIN(tst_FailoverPanel)
#include "tst_failoverpanel.moc"
