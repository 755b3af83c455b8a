#include "consoleengine.h"
#include "demotopology.h"
#include "drillreport.h"
#include "drillrunner.h"
#include "failovercontroller.h"
#include "journal.h"
#include "quantitytext.h"
#include "topologystate.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Console;
using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

namespace {

constexpr int ProbeTimeoutMs = 10000; // a few of the demo's 1 s probe intervals
constexpr int DrillTimeoutMs = 90000; // the synthetic drill waits out the demo's 10 s cool-down

DrillStep automatic(const QString &id, DrillActionKind action, const QString &region = {},
    const QString &fault = {})
{
    DrillStep step;
    step.id = id;
    step.title = id;
    step.kind = DrillStepKind::Automatic;
    step.action = action;
    step.region = region;
    step.fault = fault;
    step.timeout = milliseconds(30000);
    return step;
}

DrillStep waitFor(const QString &id, DrillCondition condition, const QString &region = {},
    milliseconds timeout = milliseconds(30000))
{
    DrillStep step;
    step.id = id;
    step.title = id;
    step.kind = DrillStepKind::WaitFor;
    step.condition = condition;
    step.region = region;
    step.timeout = timeout;
    return step;
}

DrillStep measure(DrillFigure figure)
{
    DrillStep step;
    step.id = u"measure-"_s + toString(figure);
    step.title = drillFigureLabel(figure);
    step.kind = DrillStepKind::Measure;
    step.figure = figure;
    return step;
}

DrillStep manual(const QString &id)
{
    DrillStep step;
    step.id = id;
    step.title = id;
    step.kind = DrillStepKind::Manual;
    step.instructions = u"Look at the dashboards"_s;
    return step;
}

// The reference's synthetic failover, on the demo: break the primary, fail over, mend it, rejoin
// it, fail back, and take every figure on the way.
DrillDefinition syntheticFailover()
{
    DrillDefinition drill;
    drill.id = u"synthetic-failover"_s;
    drill.name = u"Synthetic failover"_s;
    drill.type = DrillType::Synthetic;
    drill.every = milliseconds(qint64(30) * 24 * 3600 * 1000);
    drill.targets.rto = milliseconds(300000);
    drill.targets.rpo = milliseconds(60000);
    drill.targets.errorRate = 0.01;
    drill.targets.falsePositives = 0;
    drill.steps = { automatic(u"break"_s, DrillActionKind::Fault, u"{primary}"_s, u"down"_s),
        waitFor(u"detected"_s, DrillCondition::RegionUnhealthy, u"{primary}"_s),
        measure(DrillFigure::TimeToDetect),
        automatic(u"failover"_s, DrillActionKind::Failover, u"{standby}"_s),
        waitFor(u"new-primary"_s, DrillCondition::PrimaryIs, u"{standby}"_s),
        waitFor(u"writes"_s, DrillCondition::WritesSucceed, u"{standby}"_s),
        measure(DrillFigure::FailoverTime), measure(DrillFigure::Rto), measure(DrillFigure::Rpo),
        automatic(u"mend"_s, DrillActionKind::Fault, u"{primary}"_s, u"restore"_s),
        automatic(u"rejoin"_s, DrillActionKind::Rejoin, u"{primary}"_s),
        waitFor(u"failback-ready"_s, DrillCondition::FailbackReady, {}, milliseconds(60000)),
        automatic(u"failback"_s, DrillActionKind::Failback),
        waitFor(u"home-again"_s, DrillCondition::PrimaryIs, u"{primary}"_s),
        measure(DrillFigure::FailbackTime), measure(DrillFigure::ErrorRate),
        measure(DrillFigure::FalsePositives) };
    drill.rollback
        = { automatic(u"restore"_s, DrillActionKind::Fault, u"{primary}"_s, u"restore"_s) };
    return drill;
}

QString describe(const DrillResult &result)
{
    QStringList lines { toString(result.outcome) + u": "_s + result.summary };
    for (const DrillStepRecord &record : result.steps)
        lines.append(
            u"  "_s + record.id + u' ' + toString(record.state) + u": "_s + record.summary);
    return lines.join(u'\n');
}

const DrillStepRecord *record(const DrillResult &result, const QString &id)
{
    for (const DrillStepRecord &step : result.steps) {
        if (step.id == id)
            return &step;
    }
    return nullptr;
}

} // namespace

// Drills run on the built-in demo through the real engine, journal and failover controller: what
// a newcomer rehearses with `failover-console --demo`.
class tst_DrillRunner final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void syntheticFailoverEndToEnd();
    void abortRunsTheRollback();
    void checklistGatesTheStart();
    void preflightNamesWhatIsMissing();
    void manualStepKeepsTheNote();
    void reportMasksTheDrillsSecrets();

private:
    // A demo engine with a journal in a temporary folder, once its roles are known.
    bool startDemo(ConsoleEngine &engine);
    std::optional<DrillResult> runToEnd(DrillRunner &runner, int timeoutMs);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_DrillRunner::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

bool tst_DrillRunner::startDemo(ConsoleEngine &engine)
{
    if (!engine.startDemo() || !engine.setJournalPath(m_dir->filePath(u"journal.sqlite"_s)))
        return false;
    engine.start();
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < ProbeTimeoutMs
        && !(engine.failover()->rolesKnown()
            && engine.topology()->primary().status == PrimaryStatus::One
            && !engine.failover()->defaultTarget(RunKind::Failover).isEmpty()))
        QTest::qWait(50);
    return engine.failover()->rolesKnown();
}

std::optional<DrillResult> tst_DrillRunner::runToEnd(DrillRunner &runner, int timeoutMs)
{
    QSignalSpy finished(&runner, &DrillRunner::finished);
    if (!runner.isRunning() || !finished.wait(timeoutMs))
        return std::nullopt;
    return runner.lastResult();
}

void tst_DrillRunner::syntheticFailoverEndToEnd()
{
    ConsoleEngine engine;
    QVERIFY(startDemo(engine));
    DrillRunner runner(&engine);
    QString error;
    QVERIFY2(
        runner.start(syntheticFailover(), { u"tester"_s, {}, true }, &error), qPrintable(error));
    QCOMPARE(runner.templateValues().value(u"{primary}"_s), u"us-east"_s);
    QCOMPARE(runner.templateValues().value(u"{standby}"_s), u"eu-west"_s);
    const std::optional<DrillResult> result = runToEnd(runner, DrillTimeoutMs);
    QVERIFY(result);
    // The demo has no database heartbeat: its RPO is EU West's own lag report at the loss, a
    // second basis that says so. Every step passes.
    QVERIFY2(result->outcome == DrillOutcome::Passed, qPrintable(describe(*result)));
    for (const DrillStepRecord &step : result->steps)
        QVERIFY2(toString(step.state) == u"passed"_s, qPrintable(describe(*result)));
    QVERIFY2(record(*result, u"measure-rpo"_s)->summary.contains(u"standby's reported lag"_s),
        qPrintable(describe(*result)));
    QCOMPARE(engine.topology()->primary().regionId, u"us-east"_s);
    QCOMPARE(toString(engine.demo()->fault(u"us-east"_s)), toString(DemoFault::None));

    // The figures are the journal's, and each is plausible for a demo on loopback.
    Journal *journal = engine.journal();
    const std::optional<JournalRun> run = journal->run(result->runId);
    QVERIFY(run);
    QCOMPARE(run->kind, u"drill"_s);
    QCOMPARE(run->outcome, u"passed"_s);
    QCOMPARE(result->figures, run->figures);
    for (const char *key : { "time_to_detect_ms", "failover_ms", "rto_ms", "rpo_ms", "failback_ms",
             "error_rate", "false_positives" })
        QVERIFY2(run->figures.contains(QLatin1String(key)), key);
    const qint64 detect = run->figures.value(u"time_to_detect_ms"_s).toLongLong();
    const qint64 rto = run->figures.value(u"rto_ms"_s).toLongLong();
    QVERIFY2(detect >= 0 && detect < 10000, qPrintable(QString::number(detect)));
    QVERIFY2(rto > detect && rto < 60000, qPrintable(QString::number(rto)));
    // EU West reports 80 ms ± 30 % of lag, probed each second: a report under two probe
    // intervals old, and no row count (nothing counted rows).
    QCOMPARE(run->figures.value(u"rpo_basis"_s).toString(), u"reported-lag"_s);
    QVERIFY(!run->figures.contains(u"rpo_rows"_s));
    const qint64 rpo = run->figures.value(u"rpo_ms"_s).toLongLong();
    const qint64 reportAge = run->figures.value(u"rpo_report_age_ms"_s).toLongLong();
    QVERIFY2(rpo >= 0 && rpo <= 3000, qPrintable(QString::number(rpo)));
    QVERIFY2(reportAge >= 0 && reportAge <= 2000, qPrintable(QString::number(reportAge)));
    // The drill's RPO is its failover run's.
    const std::optional<JournalRun> failoverRun
        = journal->run(run->figures.value(u"failover_run_id"_s).toLongLong());
    QVERIFY(failoverRun);
    QCOMPARE(failoverRun->figures.value(u"rpo_ms"_s).toLongLong(), rpo);
    QCOMPARE(failoverRun->figures.value(u"rpo_basis"_s).toString(), u"reported-lag"_s);
    QCOMPARE(run->figures.value(u"false_positives"_s).toInt(), 0);
    QCOMPARE(run->figures.value(u"error_rate"_s).toDouble(), 0.0);
    QCOMPARE(result->verdicts.size(), 4);
    for (const DrillTargetVerdict &verdict : result->verdicts)
        QVERIFY2(verdict.measured && verdict.passed, qPrintable(verdict.actual));

    // The rollback ran although the method had mended the region itself.
    const DrillStepRecord *restore = record(*result, u"restore"_s);
    QVERIFY(restore && restore->rollback);
    QCOMPARE(toString(restore->state), u"passed"_s);

    // The report is journalled, and it carries the journal's figures.
    const QString report = DrillReport::journalled(journal->entries(result->runId));
    QVERIFY(report.startsWith(u"# Failover Test Report: Synthetic failover"_s));
    QVERIFY2(report.contains(u"| RTO | ≤ 5 min | "_s + QuantityText::duration(milliseconds(rto))
                 + u" | Pass |"_s),
        qPrintable(report));
    const QString rpoText = QuantityText::duration(milliseconds(rpo))
        + u" (standby's reported lag, "_s + QuantityText::duration(milliseconds(reportAge))
        + u" old)"_s;
    QVERIFY2(
        report.contains(u"| RPO | ≤ 1 min | "_s + rpoText + u" | Pass |"_s), qPrintable(report));
    QVERIFY2(report.contains(u"**RPO basis**: the promoted standby's replication lag"_s),
        qPrintable(report));
    QVERIFY(report.contains(u"## Timeline"_s));
    QVERIFY(report.contains(u"## Next Test Scheduled"_s));
    QVERIFY2(report.contains(
                 u"Date: "_s + run->startedAt.addDays(30).toUTC().date().toString(Qt::ISODate)),
        qPrintable(report));
}

void tst_DrillRunner::abortRunsTheRollback()
{
    ConsoleEngine engine;
    QVERIFY(startDemo(engine));
    DrillDefinition drill;
    drill.id = u"freeze"_s;
    drill.name = u"Freeze"_s;
    drill.type = DrillType::Chaos;
    drill.hypothesis = u"The console sees it"_s;
    // A wait that cannot end by itself: only the abort ends it.
    drill.steps = { automatic(u"freeze"_s, DrillActionKind::Fault, u"{standby}"_s, u"freeze"_s),
        waitFor(u"never"_s, DrillCondition::FailoverState, {}, milliseconds(600000)),
        measure(DrillFigure::FalsePositives) };
    drill.steps[1].state = u"failing-back"_s;
    drill.rollback
        = { automatic(u"restore"_s, DrillActionKind::Fault, u"{standby}"_s, u"restore"_s) };
    DrillRunner runner(&engine);
    QString error;
    QVERIFY2(runner.start(drill, { u"tester"_s, {}, true }, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(runner.currentIndex(), 1, 5000);
    QCOMPARE(toString(engine.demo()->fault(u"eu-west"_s)), toString(DemoFault::Hang));
    QSignalSpy finished(&runner, &DrillRunner::finished);
    runner.abort(u"tester"_s);
    QVERIFY(finished.wait(10000));
    const DrillResult result = *runner.lastResult();
    QCOMPARE(toString(result.outcome), u"aborted"_s);
    QCOMPARE(toString(record(result, u"never"_s)->state), u"failed"_s);
    QCOMPARE(toString(record(result, u"measure-false-positives"_s)->state), u"skipped"_s);
    QCOMPARE(toString(record(result, u"restore"_s)->state), u"passed"_s);
    QCOMPARE(toString(engine.demo()->fault(u"eu-west"_s)), toString(DemoFault::None));
    const std::optional<JournalRun> run = engine.journal()->run(result.runId);
    QCOMPARE(run->outcome, u"aborted"_s);
    bool abortJournalled = false;
    for (const JournalEntry &entry : engine.journal()->entries(result.runId))
        abortJournalled |= entry.category == u"operator" && entry.name == u"abort";
    QVERIFY(abortJournalled);
}

void tst_DrillRunner::checklistGatesTheStart()
{
    ConsoleEngine engine;
    QVERIFY(startDemo(engine));
    DrillDefinition drill;
    drill.id = u"checked"_s;
    drill.name = u"Checked"_s;
    drill.checklist = { u"A backup is recent"_s, u"The team is notified"_s };
    drill.steps = { waitFor(u"healthy"_s, DrillCondition::AllHealthy) };
    DrillRunner runner(&engine);
    QString error;
    QVERIFY(!runner.start(drill, { u"tester"_s, { u"A backup is recent"_s }, false }, &error));
    QVERIFY2(error.contains(u"The team is notified"_s), qPrintable(error));
    QVERIFY(!runner.isRunning());
    QVERIFY(runner.start(drill, { u"tester"_s, drill.checklist, false }, &error));
    const std::optional<DrillResult> result = runToEnd(runner, 40000);
    QVERIFY(result);
    QVERIFY2(result->outcome == DrillOutcome::Passed, qPrintable(describe(*result)));
    const std::optional<JournalRun> run = engine.journal()->run(result->runId);
    QCOMPARE(run->figures.value(u"checklist"_s).toStringList(), drill.checklist);
}

void tst_DrillRunner::preflightNamesWhatIsMissing()
{
    ConsoleEngine engine;
    QVERIFY(startDemo(engine));
    DrillDefinition drill;
    drill.id = u"odd"_s;
    drill.name = u"Odd"_s;
    drill.steps = { manual(u"look"_s),
        automatic(u"dns"_s, DrillActionKind::Fault, u"{primary}"_s, u"dns-failure"_s),
        automatic(u"elsewhere"_s, DrillActionKind::Fault, u"mars-north"_s, u"down"_s) };
    DrillRunner runner(&engine);
    const QStringList problems = runner.preflight(drill, true);
    const QString all = problems.join(u'\n');
    QVERIFY2(all.contains(u"needs an operator"_s), qPrintable(all));
    QVERIFY2(all.contains(u"dns-failure"_s), qPrintable(all));
    QVERIFY2(all.contains(u"mars-north"_s), qPrintable(all));
    QString error;
    QVERIFY(!runner.start(drill, { u"tester"_s, {}, true }, &error));
    QVERIFY(!runner.isRunning());
}

// A failed SQL step's error quotes the statement back; the report masks what the drill file
// took from the environment, wherever it appears.
void tst_DrillRunner::reportMasksTheDrillsSecrets()
{
    const QString secret = u"hunter2-drill-secret"_s;
    DrillReportInput input;
    input.drill.id = u"rotate"_s;
    input.drill.name = u"Rotate the app password"_s;
    input.drill.secretValues = { secret };
    input.run.id = 7;
    input.run.kind = u"drill"_s;
    input.run.outcome = u"failed"_s;
    input.run.startedAt = QDateTime::currentDateTimeUtc();
    DrillStepRecord step;
    step.id = u"rotate"_s;
    step.title = u"Run SQL on eu-west"_s;
    step.kind = DrillStepKind::Automatic;
    step.state = DrillStepState::Failed;
    step.summary = u"SQL failed: syntax error at or near \"%1\""_s.arg(secret);
    input.steps = { step };
    const QString md = DrillReport::markdown(input);
    QVERIFY2(md.contains(u"SQL failed: syntax error at or near"_s), qPrintable(md));
    QVERIFY2(!md.contains(secret), qPrintable(md));
    QVERIFY(md.contains(u"\u2022\u2022\u2022\u2022"_s));
}

void tst_DrillRunner::manualStepKeepsTheNote()
{
    ConsoleEngine engine;
    QVERIFY(startDemo(engine));
    DrillDefinition drill;
    drill.id = u"assessment"_s;
    drill.name = u"Assessment"_s;
    drill.type = DrillType::Assessment;
    drill.steps = { manual(u"traffic"_s), manual(u"sla"_s) };
    DrillRunner runner(&engine);
    QString error;
    QVERIFY(runner.start(drill, { u"tester"_s, {}, false }, &error));
    QCOMPARE(runner.currentIndex(), 0);
    QVERIFY(runner.completeManual(true, {}));
    QTRY_COMPARE(runner.currentIndex(), 1);
    QSignalSpy finished(&runner, &DrillRunner::finished);
    QVERIFY(runner.completeManual(true, u"99.9 %, written in the contract"_s));
    QVERIFY(finished.wait(5000));
    const DrillResult result = *runner.lastResult();
    QCOMPARE(toString(result.outcome), u"passed"_s);
    QCOMPARE(record(result, u"sla"_s)->note, u"99.9 %, written in the contract"_s);
    const QString report = DrillReport::journalled(engine.journal()->entries(result.runId));
    QVERIFY2(report.contains(u"Note: 99.9 %, written in the contract"_s), qPrintable(report));
}

QTEST_GUILESS_MAIN(tst_DrillRunner)
#include "tst_drillrunner.moc"
