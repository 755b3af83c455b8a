#include "consoleengine.h"
#include "demotopology.h"
#include "drillhistoryview.h"
#include "drillinterruptedstrip.h"
#include "drillrunner.h"
#include "drillrunview.h"
#include "drillspanel.h"
#include "drilltrendchart.h"
#include "failovercontroller.h"
#include "journal.h"
#include "topologystate.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeWidget>

using namespace Console;
using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

namespace {

DrillStep step(const QString &id, DrillStepKind kind)
{
    DrillStep step;
    step.id = id;
    step.title = id;
    step.kind = kind;
    step.timeout = milliseconds(30000);
    return step;
}

DrillStep fault(const QString &id, const QString &name)
{
    DrillStep result = step(id, DrillStepKind::Automatic);
    result.action = DrillActionKind::Fault;
    result.region = u"{standby}"_s;
    result.fault = name;
    return result;
}

// A checklist, a manual step, a wait for all healthy, a fault on the standby and a wait that only
// an abort ends; the rollback restores the standby.
DrillDefinition freezeDrill()
{
    DrillDefinition drill;
    drill.id = u"ui-freeze"_s;
    drill.name = u"Freeze the standby"_s;
    drill.type = DrillType::Chaos;
    drill.purpose = u"See that the console notices a frozen standby"_s;
    drill.hypothesis = u"The primary keeps serving"_s;
    drill.targets.rto = milliseconds(300000);
    drill.checklist = { u"The team is notified"_s, u"A backup is recent"_s };
    DrillStep look = step(u"look"_s, DrillStepKind::Manual);
    look.instructions = u"Open the dashboards"_s;
    DrillStep healthy = step(u"healthy"_s, DrillStepKind::WaitFor);
    healthy.condition = DrillCondition::AllHealthy;
    DrillStep never = step(u"never"_s, DrillStepKind::WaitFor);
    never.condition = DrillCondition::FailoverState;
    never.state = u"failing-back"_s;
    never.timeout = milliseconds(600000);
    drill.steps = { look, healthy, fault(u"freeze"_s, u"freeze"_s), never };
    drill.rollback = { fault(u"restore"_s, u"restore"_s) };
    return drill;
}

int rowOf(const QTreeWidget *view, const QString &text, int column)
{
    for (int i = 0; i < view->topLevelItemCount(); ++i) {
        if (view->topLevelItem(i)->text(column).contains(text))
            return i;
    }
    return -1;
}

} // namespace

// The Drills tab over a real demo engine and journal: the checklist gates the start, the steps
// show as they run, a manual step takes its verdict and note, Abort runs the rollback, the
// history and report follow, the PDF is written and journalled, an interrupted drill is offered
// its rollback.
class tst_DrillsPanel final : public QObject
{
    Q_OBJECT
private slots:
    void runAbortHistoryAndReport();
};

void tst_DrillsPanel::runAbortHistoryAndReport()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ConsoleEngine engine;
    QVERIFY(engine.startDemo());
    QVERIFY(engine.setJournalPath(dir.filePath(u"journal.sqlite"_s)));
    engine.start();
    QTRY_VERIFY_WITH_TIMEOUT(engine.failover()->rolesKnown()
            && engine.topology()->primary().status == PrimaryStatus::One
            && !engine.failover()->defaultTarget(RunKind::Failover).isEmpty(),
        10000);
    Journal *journal = engine.journal();
    QVERIFY(journal);

    DrillRunner runner(&engine);
    DrillsPanel panel(&runner, journal);
    const DrillDefinition drill = freezeDrill();
    DrillFileProblems broken;
    broken.file = u"broken.yaml"_s;
    broken.diagnostics = { { u"broken.yaml"_s, 3, 5, u"unknown key \"stpes\""_s } };
    panel.setDrills({ drill }, { broken });
    panel.resize(900, 760);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    // The list: the drill, never run; the broken file with its position.
    QCOMPARE(panel.drillList()->topLevelItemCount(), 1);
    QCOMPARE(panel.drillList()->topLevelItem(0)->text(0), drill.name);
    QCOMPARE(panel.drillList()->topLevelItem(0)->text(2), u"Never run"_s);
    QVERIFY2(panel.problemsLabel()->isVisible()
            && panel.problemsLabel()->text().contains(u"broken.yaml:3:5: unknown key"_s),
        qPrintable(panel.problemsLabel()->text()));
    QVERIFY(!panel.interruptedStrip()->isVisible());

    // Start only once every checklist item is ticked, and the reason said in words.
    QCOMPARE(panel.checklistBoxes().size(), 2);
    QVERIFY(!panel.startButton()->isEnabled());
    QVERIFY2(
        panel.startBlockedText().contains(u"2 remaining"_s), qPrintable(panel.startBlockedText()));
    panel.checklistBoxes().at(0)->setChecked(true);
    QVERIFY(!panel.startButton()->isEnabled());
    QVERIFY2(
        panel.startBlockedText().contains(u"1 remaining"_s), qPrintable(panel.startBlockedText()));
    panel.checklistBoxes().at(1)->setChecked(true);
    QTRY_VERIFY2(panel.startButton()->isEnabled(), qPrintable(panel.startBlockedText()));

    QTest::mouseClick(panel.startButton(), Qt::LeftButton);
    QVERIFY(runner.isRunning());
    DrillRunView *run = panel.runView();
    QVERIFY(run->isVisible());
    QTreeWidget *steps = run->stepsView();
    QCOMPARE(steps->topLevelItemCount(), drill.steps.size() + drill.rollback.size());
    QVERIFY2(steps->topLevelItem(0)->text(0).contains(u"Running"_s),
        qPrintable(steps->topLevelItem(0)->text(0)));
    QVERIFY(steps->topLevelItem(0)->font(1).bold());
    QVERIFY2(run->currentStepText().contains(u"Open the dashboards"_s),
        qPrintable(run->currentStepText()));
    QVERIFY(run->abortButton()->isVisible() && run->abortButton()->isEnabled());
    QVERIFY(run->passButton()->isVisible() && run->passButton()->isEnabled());
    QVERIFY2(run->headerText().contains(u"elapsed"_s), qPrintable(run->headerText()));
    const QString before = run->headerText();
    QTRY_VERIFY_WITH_TIMEOUT(run->headerText() != before, 3000); // ticks each second

    // The manual step passes with the operator's note.
    QTest::keyClicks(run->noteEdit(), u"Dashboards green"_s);
    QTest::mouseClick(run->passButton(), Qt::LeftButton);
    QTRY_VERIFY(runner.currentIndex() >= 1);
    QCOMPARE(runner.steps().at(0).note, u"Dashboards green"_s);
    QVERIFY(steps->topLevelItem(0)->text(0).contains(u"Passed"_s));
    QVERIFY(steps->topLevelItem(0)->text(1).contains(u"Dashboards green"_s));
    QVERIFY(!run->passButton()->isVisible());

    // Abort in the middle of the endless wait: the rollback restores the standby.
    QTRY_COMPARE_WITH_TIMEOUT(runner.currentIndex(), 3, 20000);
    const QString standby = runner.templateValues().value(u"{standby}"_s);
    QCOMPARE(toString(engine.demo()->fault(standby)), toString(DemoFault::Hang));
    QVERIFY(run->currentStepText().contains(u"never"_s));
    panel.grab().save(u"/tmp/drillspanel-running.png"_s);
    QSignalSpy finished(&runner, &DrillRunner::finished);
    QTest::mouseClick(run->abortButton(), Qt::LeftButton);
    QVERIFY(finished.wait(15000));
    QVERIFY2(run->outcomeText().startsWith(u"Aborted"_s), qPrintable(run->outcomeText()));
    const int restore = rowOf(steps, u"restore"_s, 1);
    QVERIFY(restore >= 0);
    QVERIFY2(steps->topLevelItem(restore)->text(0).contains(u"Passed"_s),
        qPrintable(steps->topLevelItem(restore)->text(0)));
    QVERIFY(steps->topLevelItem(rowOf(steps, u"never"_s, 1))->text(0).contains(u"Failed"_s));
    QCOMPARE(toString(engine.demo()->fault(standby)), toString(DemoFault::None));
    QVERIFY(!run->abortButton()->isVisible());
    QVERIFY(run->resultsView()->topLevelItemCount() >= 1);
    QVERIFY(run->savePdfButton()->isVisible() && run->saveMarkdownButton()->isVisible());
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    QCOMPARE(panel.drillList()->topLevelItem(0)->text(2), u"Aborted · "_s + today);

    // History: the run, its outcome, its journalled report and the RTO trend.
    DrillHistoryView *history = panel.historyView();
    QCOMPARE(history->runsView()->topLevelItemCount(), 1);
    QCOMPARE(
        history->runsView()->topLevelItem(0)->text(DrillHistoryView::OutcomeColumn), u"Aborted"_s);
    QCOMPARE(history->runsView()->topLevelItem(0)->text(DrillHistoryView::DrillColumn), drill.name);
    QCOMPARE(history->selectedRunId(), runner.lastResult()->runId);
    QVERIFY2(history->reportView()->toMarkdown().contains(u"# Failover Test Report"_s),
        qPrintable(history->reportView()->toMarkdown().left(200)));
    QVERIFY(history->reportView()->isReadOnly());
    QCOMPARE(history->trendChart()->pointCount(), 0); // an aborted drill measured no RTO

    // The reports: Markdown and PDF, the PDF's path journalled with the run.
    QString error;
    const QString markdown = dir.filePath(u"report.md"_s);
    QVERIFY2(panel.saveReportMarkdown(markdown, &error), qPrintable(error));
    QVERIFY(QFileInfo(markdown).size() > 0);
    const QString pdf = dir.filePath(u"report.pdf"_s);
    QVERIFY2(panel.saveReportPdf(pdf, &error), qPrintable(error));
    QVERIFY(QFileInfo(pdf).size() > 0);
    bool pdfJournalled = false;
    for (const JournalEntry &entry : journal->entries(runner.lastResult()->runId))
        pdfJournalled |= entry.category == u"report"_s && entry.name == u"pdf"_s
            && entry.fields.value(u"path"_s).toString() == pdf;
    QVERIFY(pdfJournalled);

    // A drill a stopped console left open: the strip offers its rollback.
    JournalRun open;
    open.kind = u"drill"_s;
    open.mode = u"manual"_s;
    open.figures = { { u"drill_id"_s, drill.id }, { u"drill_name"_s, drill.name },
        { u"primary_region"_s, u"us-east"_s }, { u"standby_region"_s, standby },
        { u"home_region"_s, u"us-east"_s } };
    const qint64 openId = journal->beginRun(open);
    QVERIFY(openId > 0);
    QVERIFY(journal->markInterrupted(openId, u"the console stopped"_s));
    panel.refreshInterrupted();
    QVERIFY(panel.interruptedStrip()->isVisible());
    QCOMPARE(panel.interruptedStrip()->interruptedRuns().size(), 1);
    QCOMPARE(panel.interruptedStrip()->recoveryButtons().size(), 1);
    QPushButton *recover = panel.interruptedStrip()->recoveryButtons().first();
    QVERIFY(recover->isEnabled());
    QVERIFY(recover->text().contains(u"rollback"_s));
    bool worded = false;
    for (const QLabel *label : panel.interruptedStrip()->findChildren<QLabel *>())
        worded |= label->text().contains(u"Drill Freeze the standby was interrupted at "_s)
            && label->text().contains(u"its rollback has not run"_s);
    QVERIFY(worded);
    panel.grab().save(u"/tmp/drillspanel.png"_s);
    panel.pages()->setCurrentIndex(1);
    panel.grab().save(u"/tmp/drillspanel-history.png"_s);
    panel.pages()->setCurrentIndex(0);

    // Run rollback: a recovery run of its own, after which the strip is gone.
    QTest::mouseClick(recover, Qt::LeftButton);
    QVERIFY(runner.isRunning() || finished.count() == 2);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 15000);
    QCOMPARE(toString(runner.lastResult()->outcome), u"rolled-back"_s);
    QVERIFY(panel.interruptedStrip()->interruptedRuns().isEmpty());
    QTRY_VERIFY(!panel.interruptedStrip()->isVisible());
    QCOMPARE(history->runsView()->topLevelItemCount(), 3);
}

QTEST_MAIN(tst_DrillsPanel)
#include "tst_drillspanel.moc"
