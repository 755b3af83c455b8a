#include "actionlock.h"
#include "failovercontroller.h"
#include "failoverdialog.h"
#include "failovertestconsole.h"
#include "gateboardview.h"
#include "quantitytext.h"

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Console;

// The confirmation of a failover against a real controller: EU West can be promoted (its admin
// connection refuses, which these tests never reach), US East is up, so at least "old primary
// down" fails and must be overridden with a typed reason before the run button comes on.
class tst_FailoverDialog final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void showsTargetBoardRtoAndLoss();
    void runButtonWaitsForTheExactRegionId();
    void failedGateKeepsTheRunFromStarting();
    void overrideNeedsATypedReason();
    void refusalStaysInTheDialog();

private:
    static void overrideAll(FailoverDialog &dialog, const QString &reason);

    std::unique_ptr<FailoverTestConsole> m_console;
};

void tst_FailoverDialog::init()
{
    m_console = std::make_unique<FailoverTestConsole>();
    QVERIFY(m_console->start());
}

void tst_FailoverDialog::cleanup()
{
    m_console.reset();
}

void tst_FailoverDialog::overrideAll(FailoverDialog &dialog, const QString &reason)
{
    for (GateKind kind : dialog.boardView()->blocking()) {
        dialog.boardView()->overrideBox(kind)->setChecked(true);
        QTest::keyClicks(dialog.boardView()->overrideReason(kind), reason);
    }
}

void tst_FailoverDialog::showsTargetBoardRtoAndLoss()
{
    FailoverDialog dialog(
        m_console->controller(), m_console->engine().overview(), RunKind::Failover);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.targetRegion(), m_console->controller()->defaultTarget(RunKind::Failover));
    QCOMPARE(dialog.targetRegion(), QStringLiteral("eu-west"));
    QVERIFY(!dialog.boardView()->board().gates.isEmpty());
    QVERIFY(dialog.predictedRto().contains(
        QuantityText::duration(m_console->controller()->predictedRto())));
    const Gate *lag = dialog.boardView()->board().gate(GateKind::TargetLag);
    QVERIFY(lag);
    QCOMPARE(dialog.expectedLoss(), lag->reason);
    QVERIFY(!dialog.runButton()->isEnabled());
    const QString path = QDir::home().filePath(QStringLiteral("failover-dialog.png"));
    QVERIFY(dialog.grab().save(path));
    qInfo("the dialog: %s", qPrintable(path));
}

void tst_FailoverDialog::runButtonWaitsForTheExactRegionId()
{
    FailoverDialog dialog(
        m_console->controller(), m_console->engine().overview(), RunKind::Failover);
    dialog.show();
    overrideAll(dialog, QStringLiteral("drill"));
    QVERIFY(dialog.boardView()->blocking().isEmpty());
    QLineEdit *confirm = dialog.confirmEdit();
    for (const QString &typed : { QStringLiteral("eu-wes"), QStringLiteral("EU-WEST"),
             QStringLiteral("eu-west "), QStringLiteral("EU West") }) {
        confirm->clear();
        QTest::keyClicks(confirm, typed);
        QVERIFY2(!dialog.runButton()->isEnabled(), qPrintable(typed));
        QVERIFY(dialog.hint().contains(QStringLiteral("eu-west")));
    }
    confirm->clear();
    QTest::keyClicks(confirm, QStringLiteral("eu-west"));
    QVERIFY(dialog.runButton()->isEnabled());
    QCOMPARE(dialog.runButton()->text(), QStringLiteral("Fail over"));
}

void tst_FailoverDialog::failedGateKeepsTheRunFromStarting()
{
    FailoverDialog dialog(
        m_console->controller(), m_console->engine().overview(), RunKind::Failover);
    dialog.show();
    const Gate *down = dialog.boardView()->board().gate(GateKind::OldPrimaryDown);
    QVERIFY(down);
    QVERIFY(!down->passed);
    QLabel *reason = dialog.boardView()->reasonLabel(GateKind::OldPrimaryDown);
    QVERIFY(reason && reason->isVisible());
    QCOMPARE(reason->text(), down->reason);
    QVERIFY(reason->text().contains(QStringLiteral("not confirmed down")));
    QVERIFY(dialog.boardView()->overrideBox(GateKind::OldPrimaryDown)->isVisible());

    QTest::keyClicks(dialog.confirmEdit(), QStringLiteral("eu-west"));
    QVERIFY(!dialog.runButton()->isEnabled());
    QVERIFY(dialog.hint().contains(gateLabel(GateKind::OldPrimaryDown)));
    QSignalSpy started(m_console->controller(), &FailoverController::runStarted);
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(started.size(), 0);
    QVERIFY(!m_console->controller()->isRunning());
}

void tst_FailoverDialog::overrideNeedsATypedReason()
{
    FailoverDialog dialog(
        m_console->controller(), m_console->engine().overview(), RunKind::Failover);
    dialog.show();
    QTest::keyClicks(dialog.confirmEdit(), QStringLiteral("eu-west"));
    const QList<GateKind> failed = dialog.boardView()->blocking();
    QVERIFY(!failed.isEmpty());
    for (GateKind kind : failed)
        dialog.boardView()->overrideBox(kind)->setChecked(true);
    QVERIFY(!dialog.runButton()->isEnabled());
    QVERIFY(dialog.hint().contains(QStringLiteral("type a reason")));
    QVERIFY(dialog.boardView()->overrides().isEmpty());
    // Blanks are no reason.
    for (GateKind kind : failed)
        QTest::keyClicks(dialog.boardView()->overrideReason(kind), QStringLiteral("   "));
    QVERIFY(!dialog.runButton()->isEnabled());
    for (GateKind kind : failed)
        QTest::keyClicks(dialog.boardView()->overrideReason(kind), QStringLiteral("drill"));
    QVERIFY(dialog.runButton()->isEnabled());
    QCOMPARE(dialog.boardView()->overrides().size(), failed.size());
    QCOMPARE(dialog.boardView()->overrides().value(failed.first()), QStringLiteral("drill"));
}

void tst_FailoverDialog::refusalStaysInTheDialog()
{
    // Another console holds the machine-wide lock: overriding its gate gets past the board, and
    // the controller's refusal is shown where the operator is looking.
    ActionLock other(m_console->lockPath(), QString(), QStringLiteral("someone else"));
    QVERIFY(other.tryLock());
    FailoverDialog dialog(
        m_console->controller(), m_console->engine().overview(), RunKind::Failover);
    dialog.show();
    QVERIFY(dialog.boardView()->blocking().contains(GateKind::ActionLock));
    overrideAll(dialog, QStringLiteral("drill"));
    QTest::keyClicks(dialog.confirmEdit(), QStringLiteral("eu-west"));
    QVERIFY(dialog.runButton()->isEnabled());
    QTest::mouseClick(dialog.runButton(), Qt::LeftButton);
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.error().contains(QStringLiteral("lock")), qPrintable(dialog.error()));
    QVERIFY(!m_console->controller()->isRunning());
}

QTEST_MAIN(tst_FailoverDialog)
#include "tst_failoverdialog.moc"
