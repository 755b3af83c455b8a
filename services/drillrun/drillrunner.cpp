#include "drillrunner.h"

#include "actionrunner.h"
#include "adminsession.h"
#include "clock.h"
#include "consoleengine.h"
#include "drillconditions.h"
#include "drillpreflight.h"
#include "drillreport.h"
#include "eventhub.h"
#include "failovercontroller.h"
#include "faultinjector.h"
#include "journal.h"
#include "journalrecorder.h"
#include "quantitytext.h"
#include "secretmask.h"
#include "topologystate.h"

#include <QNetworkAccessManager>

namespace Console {

namespace {

using std::chrono::milliseconds;

constexpr int PollMs = 250;
// After a run the drill started ends, the regions it acted on get this long to settle (a demoted
// primary restarting as a standby, a verdict recovering) before their failures count again.
constexpr qint64 SettleAfterRunMs = 10000;

// The failover engine's run an automatic run step asks for, and the region it targets.
RunKind runKindOf(const DrillStep &step)
{
    return step.action == DrillActionKind::Failover ? RunKind::Failover
        : step.action == DrillActionKind::Failback  ? RunKind::Failback
                                                    : RunKind::Rejoin;
}

QString runTarget(const DrillStep &step, const FailoverController &failover)
{
    return runKindOf(step) == RunKind::Failback ? failover.homeRegion() : step.region;
}

} // namespace

DrillRunner::DrillRunner(ConsoleEngine *engine, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_network(std::make_unique<QNetworkAccessManager>())
    , m_faults(std::make_unique<FaultInjector>(engine->config(), engine->demo(), m_network.get()))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &DrillRunner::onDeadline);
    m_poll.setInterval(PollMs);
    connect(&m_poll, &QTimer::timeout, this, &DrillRunner::onPoll);
    connect(m_faults.get(), &FaultInjector::finished, this, &DrillRunner::onFaultFinished);
    connect(engine, &ConsoleEngine::probeFinished, this, &DrillRunner::onProbeFinished);
    if (FailoverController *failover = engine->failover())
        connect(failover, &FailoverController::runFinished, this, &DrillRunner::onRunFinished);
}

DrillRunner::~DrillRunner()
{
    if (m_running && m_engine->journal())
        m_engine->journal()->markInterrupted(
            m_runId, tr("The console closed during drill %1.").arg(m_drill.name));
    if (JournalRecorder *recorder = m_engine->journalRecorder())
        recorder->setRunId(0);
}

qint64 DrillRunner::nowMs() const
{
    return monotonicMs(m_engine->clock()->now());
}

QString DrillRunner::regionName(const QString &regionId) const
{
    const RegionConfig *region = m_engine->config().region(regionId);
    return region ? region->name : regionId;
}

QStringList DrillRunner::preflight(const DrillDefinition &drill, bool unattended) const
{
    QStringList problems;
    if (m_running)
        problems << tr("Drill %1 is running.").arg(m_drill.name);
    return problems + DrillPreflight::problems(*m_engine, *m_faults, drill, unattended);
}

bool DrillRunner::start(const DrillDefinition &drill, const DrillStart &how, QString *error)
{
    const QStringList problems = preflight(drill, how.unattended);
    if (!problems.isEmpty()) {
        *error = problems.join(QLatin1Char(' '));
        return false;
    }
    QStringList unticked;
    for (const QString &item : drill.checklist) {
        if (!how.checkedItems.contains(item))
            unticked << item;
    }
    if (!unticked.isEmpty()) {
        *error = tr("The pre-test checklist is not complete: %1.")
                     .arg(unticked.join(QStringLiteral("; ")));
        return false;
    }
    m_values = DrillPreflight::templateValues(*m_engine);
    m_recovery = false;
    return begin(DrillPreflight::resolved(drill, m_values), how.operatorName,
        how.unattended ? QStringLiteral("automatic") : QStringLiteral("manual"),
        { { QStringLiteral("checklist"), how.checkedItems } }, error);
}

bool DrillRunner::startRecovery(const JournalRun &interrupted, const DrillDefinition &drill,
    const QString &operatorName, QString *error)
{
    if (m_running) {
        *error = tr("Drill %1 is running.").arg(m_drill.name);
        return false;
    }
    if (drill.rollback.isEmpty()) {
        *error = tr("Drill %1 has no rollback.").arg(drill.id);
        return false;
    }
    m_values.clear();
    m_values.insert(QStringLiteral("{primary}"),
        interrupted.figures.value(QStringLiteral("primary_region")).toString());
    m_values.insert(QStringLiteral("{standby}"),
        interrupted.figures.value(QStringLiteral("standby_region")).toString());
    m_values.insert(QStringLiteral("{home}"),
        interrupted.figures.value(QStringLiteral("home_region")).toString());
    DrillDefinition onlyRollback = DrillPreflight::resolved(drill, m_values);
    onlyRollback.steps.clear();
    onlyRollback.targets = {};
    m_recovery = true;
    return begin(onlyRollback, operatorName, QStringLiteral("recovery"),
        { { QStringLiteral("recovers_run"), interrupted.id } }, error);
}

bool DrillRunner::begin(const DrillDefinition &drill, const QString &operatorName,
    const QString &mode, const QVariantMap &extraFigures, QString *error)
{
    m_drill = drill;
    m_operator = operatorName;
    m_records.clear();
    for (const DrillStep &step : m_drill.steps + m_drill.rollback) {
        DrillStepRecord record;
        record.id = step.id;
        record.title = step.title;
        record.kind = step.kind;
        record.rollback = m_records.size() >= m_drill.steps.size();
        m_records.append(record);
    }
    m_current = -1;
    m_aborted = m_failed = m_inRollback = false;
    m_window = {};
    m_startedMs = nowMs();
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_window.methodStartMs = m_startedMs;
    m_runId = 0;
    if (Journal *journal = m_engine->journal()) {
        JournalRun run;
        run.kind = QStringLiteral("drill");
        run.mode = mode;
        run.fromRegion = m_values.value(QStringLiteral("{primary}"));
        run.toRegion = m_values.value(QStringLiteral("{standby}"));
        run.startedAt = m_startedAt;
        run.figures = extraFigures;
        run.figures.insert(QStringLiteral("drill_id"), m_drill.id);
        run.figures.insert(QStringLiteral("drill_name"), m_drill.name);
        run.figures.insert(QStringLiteral("drill_type"), toString(m_drill.type));
        run.figures.insert(QStringLiteral("primary_region"), run.fromRegion);
        run.figures.insert(QStringLiteral("standby_region"), run.toRegion);
        run.figures.insert(QStringLiteral("home_region"), m_values.value(QStringLiteral("{home}")));
        run.figures.insert(QStringLiteral("operator"), operatorName);
        m_runId = journal->beginRun(run);
        if (m_runId == 0) {
            *error = tr("The journal cannot record the drill: %1").arg(journal->error());
            return false;
        }
        if (JournalRecorder *recorder = m_engine->journalRecorder())
            recorder->setRunId(m_runId);
    }
    m_running = true;
    ConsoleEvent event;
    event.kind = EventKind::DrillStarted;
    event.severity = EventSeverity::Warning;
    event.message = m_recovery
        ? tr("%1 runs the rollback of interrupted drill %2.").arg(operatorName, m_drill.name)
        : tr("%1 started drill %2.").arg(operatorName, m_drill.name);
    event.fields = { { QStringLiteral("run_id"), m_runId }, { QStringLiteral("drill"), m_drill.id },
        { QStringLiteral("drill_type"), toString(m_drill.type) },
        { QStringLiteral("operator"), operatorName },
        { QStringLiteral("primary"), m_values.value(QStringLiteral("{primary}")) },
        { QStringLiteral("standby"), m_values.value(QStringLiteral("{standby}")) },
        { QStringLiteral("home"), m_values.value(QStringLiteral("{home}")) } };
    m_engine->events()->publish(event);
    emit started();
    if (m_recovery)
        enterRollback();
    else
        runStep(0);
    return true;
}

const DrillStep &DrillRunner::stepAt(int index) const
{
    return index < m_drill.steps.size() ? m_drill.steps.at(index)
                                        : m_drill.rollback.at(index - m_drill.steps.size());
}

void DrillRunner::journalStep(const DrillStepRecord &record, const QString &status)
{
    Journal *journal = m_engine->journal();
    if (!journal || m_runId == 0)
        return;
    JournalEntry entry;
    entry.runId = m_runId;
    entry.monotonicMs = record.finishedMs > 0 ? record.finishedMs : record.startedMs;
    entry.category = QStringLiteral("step");
    entry.name = record.id;
    entry.status = status;
    entry.message
        = record.summary.isEmpty() ? record.title : tr("%1: %2").arg(record.title, record.summary);
    entry.fields = { { QStringLiteral("title"), record.title },
        { QStringLiteral("step_kind"), toString(record.kind) },
        { QStringLiteral("phase"),
            record.rollback ? QStringLiteral("rollback") : QStringLiteral("method") } };
    if (!record.note.isEmpty())
        entry.fields.insert(QStringLiteral("note"), record.note);
    if (record.finishedMs > 0)
        entry.fields.insert(QStringLiteral("duration_ms"), qint64(record.duration().count()));
    journal->append(entry);
}

void DrillRunner::publishStep(const DrillStepRecord &record)
{
    ConsoleEvent event;
    event.kind = EventKind::DrillStep;
    event.severity
        = record.state == DrillStepState::Failed ? EventSeverity::Warning : EventSeverity::Info;
    const DrillStep &step = stepAt(m_current);
    event.regionId = step.region;
    event.message = record.summary.isEmpty()
        ? tr("Drill step: %1").arg(record.title)
        : tr("Drill step %1: %2 — %3").arg(toString(record.state), record.title, record.summary);
    event.fields = { { QStringLiteral("run_id"), m_runId }, { QStringLiteral("drill"), m_drill.id },
        { QStringLiteral("step"), record.id },
        { QStringLiteral("step_kind"), toString(record.kind) },
        { QStringLiteral("phase"),
            record.rollback ? QStringLiteral("rollback") : QStringLiteral("method") },
        { QStringLiteral("state"), toString(record.state) },
        { QStringLiteral("summary"), record.summary },
        { QStringLiteral("duration_ms"),
            record.finishedMs > 0 ? QVariant(qint64(record.duration().count())) : QVariant() } };
    m_engine->events()->publish(event);
}

void DrillRunner::runStep(int index)
{
    if (!m_running)
        return;
    if (index >= m_records.size()) {
        finish();
        return;
    }
    if (index == m_drill.steps.size() && !m_inRollback) {
        enterRollback();
        return;
    }
    m_current = index;
    ++m_serial;
    DrillStepRecord &record = m_records[index];
    record.state = DrillStepState::Running;
    record.startedMs = nowMs();
    record.finishedMs = 0;
    journalStep(record, QStringLiteral("running"));
    publishStep(record);
    emit stepChanged(index);
    const DrillStep &step = stepAt(index);
    switch (step.kind) {
    case DrillStepKind::Manual: return; // completeManual() ends it
    case DrillStepKind::Automatic: runAutomatic(step); return;
    case DrillStepKind::WaitFor:
        m_deadline.start(step.timeout);
        m_poll.start();
        pollCondition();
        return;
    case DrillStepKind::Measure: measure(step); return;
    }
}

void DrillRunner::endStep(DrillStepState state, const QString &summary)
{
    if (!m_running || m_current < 0 || m_records[m_current].state != DrillStepState::Running)
        return;
    ++m_serial;
    m_deadline.stop();
    m_poll.stop();
    m_waitingForRun = false;
    m_waitingForGates = false;
    DrillStepRecord &record = m_records[m_current];
    record.state = state;
    // A failed SQL step's error may quote the statement, password and all: masked before the
    // journal, the event stream and the window see it.
    record.summary = m_engine->config().redactSecrets(SecretMask::masked(
        summary, m_drill.secretValues, QStringLiteral("\u2022\u2022\u2022\u2022")));
    record.finishedMs = nowMs();
    journalStep(record, toString(state));
    publishStep(record);
    emit stepChanged(m_current);
    if (state == DrillStepState::Failed && !record.rollback)
        m_failed = true;
    // The next step from the event loop, so that a step ending inside a signal never recurses.
    QTimer::singleShot(0, this, &DrillRunner::next);
}

void DrillRunner::next()
{
    if (!m_running)
        return;
    if (!m_inRollback && (m_failed || m_aborted)) {
        enterRollback();
        return;
    }
    runStep(m_current + 1);
}

void DrillRunner::enterRollback()
{
    m_inRollback = true;
    for (int i = 0; i < m_drill.steps.size(); ++i) {
        if (m_records[i].state == DrillStepState::Pending) {
            m_records[i].state = DrillStepState::Skipped;
            emit stepChanged(i);
        }
    }
    if (m_drill.rollback.isEmpty()) {
        finish();
        return;
    }
    runStep(int(m_drill.steps.size()));
}

bool DrillRunner::completeManual(bool passed, const QString &note)
{
    if (!m_running || m_current < 0 || m_records[m_current].kind != DrillStepKind::Manual
        || m_records[m_current].state != DrillStepState::Running)
        return false;
    m_records[m_current].note = note;
    endStep(passed ? DrillStepState::Passed : DrillStepState::Failed,
        passed ? tr("ticked by %1").arg(m_operator) : tr("failed by %1").arg(m_operator));
    return true;
}

void DrillRunner::abort(const QString &operatorName)
{
    if (!m_running || m_inRollback)
        return;
    m_aborted = true;
    if (Journal *journal = m_engine->journal()) {
        JournalEntry entry;
        entry.runId = m_runId;
        entry.monotonicMs = nowMs();
        entry.category = QStringLiteral("operator");
        entry.name = QStringLiteral("abort");
        entry.status = QStringLiteral("info");
        entry.message = tr("%1 aborted the drill.").arg(operatorName);
        journal->append(entry);
    }
    if (m_current >= 0 && m_records[m_current].state == DrillStepState::Running) {
        cancelWork();
        endStep(DrillStepState::Failed, tr("aborted by %1").arg(operatorName));
    } else {
        QTimer::singleShot(0, this, &DrillRunner::next);
    }
}

void DrillRunner::cancelWork()
{
    m_faults->abort();
    if (m_action)
        m_action->abort();
    if (m_session)
        m_session->deleteLater();
    m_session = nullptr;
}

void DrillRunner::onDeadline()
{
    if (!m_running || m_current < 0)
        return;
    const DrillStep &step = stepAt(m_current);
    if (step.kind == DrillStepKind::WaitFor) {
        const ConditionVerdict verdict = DrillConditions::evaluate(step,
            { &m_engine->config(), m_engine->topology(), m_engine->health(), m_engine->breakers(),
                m_engine->failover() });
        endStep(DrillStepState::Failed,
            tr("not within %1: %2").arg(QuantityText::duration(step.timeout), verdict.seen));
        return;
    }
    if (step.kind == DrillStepKind::Automatic && step.action == DrillActionKind::Pause) {
        endStep(DrillStepState::Passed, tr("paused %1").arg(QuantityText::duration(step.timeout)));
        return;
    }
    cancelWork();
    if (m_waitingForGates) {
        endStep(DrillStepState::Failed,
            tr("the gates did not open within %1: %2")
                .arg(QuantityText::duration(step.timeout), m_gatesSeen));
        return;
    }
    endStep(DrillStepState::Failed,
        m_waitingForRun ? tr("the run did not end within %1; it goes on in the failover engine")
                              .arg(QuantityText::duration(step.timeout))
                        : tr("no result within %1").arg(QuantityText::duration(step.timeout)));
}

// --- automatic steps -----------------------------------------------------------------------

void DrillRunner::runAutomatic(const DrillStep &step)
{
    m_deadline.start(step.timeout);
    switch (step.action) {
    case DrillActionKind::Fault: runFault(step); return;
    case DrillActionKind::Failover:
    case DrillActionKind::Failback:
    case DrillActionKind::Rejoin: runRun(step); return;
    case DrillActionKind::Sql: runSql(step); return;
    case DrillActionKind::Action: runAction(step); return;
    case DrillActionKind::Pause: return; // the deadline ends it
    }
}

void DrillRunner::runFault(const DrillStep &step)
{
    if (step.fault != QLatin1String("restore")) {
        if (!m_window.faultedRegions.contains(step.region))
            m_window.faultedRegions.append(step.region);
        if (m_window.firstFaultMs == 0)
            m_window.firstFaultMs = m_records[m_current].startedMs;
    }
    m_faults->inject(step.region, step.fault);
}

void DrillRunner::onFaultFinished(
    const QString &regionId, const QString &fault, bool ok, const QString &summary)
{
    if (!m_running || m_current < 0)
        return;
    const DrillStep &step = stepAt(m_current);
    if (step.kind != DrillStepKind::Automatic || step.action != DrillActionKind::Fault
        || step.region != regionId || step.fault != fault)
        return;
    endStep(ok ? DrillStepState::Passed : DrillStepState::Failed, summary);
}

void DrillRunner::runRun(const DrillStep &step)
{
    FailoverController *failover = m_engine->failover();
    const QString target = runTarget(step, *failover);
    const PrimaryState &primary = m_engine->topology()->primary();
    if (step.action != DrillActionKind::Rejoin && !failover->isRunning()
        && primary.status == PrimaryStatus::One && primary.regionId == target) {
        endStep(DrillStepState::Passed,
            tr("%1 is the primary already (the failover engine acted on its own)")
                .arg(regionName(target)));
        return;
    }
    m_waitingForRun = true;
    if (const FailoverRun *running = failover->currentRun()) {
        // An automatic run is under way: the regions it acts on are its own, not the step's.
        planRun(running->plan().kind, running->plan().fromRegion, running->plan().targetRegion);
    } else {
        QString from = primary.regionId;
        if (from.isEmpty()) {
            // The primary is down (what the drill just did): the run still acts on its region.
            if (const NodeState *last = m_engine->topology()->node(primary.lastPrimaryId))
                from = last->regionId;
        }
        planRun(runKindOf(step), from, target);
    }
    if (failover->isRunning())
        return; // an automatic run is under way: its end ends the step
    m_waitingForGates = true;
    m_poll.start();
    requestRun();
}

void DrillRunner::requestRun()
{
    const DrillStep &step = stepAt(m_current);
    FailoverController *failover = m_engine->failover();
    const RunKind kind = runKindOf(step);
    const QString target = runTarget(step, *failover);
    if (failover->isRunning())
        return;
    const GateBoard board = failover->board(kind, target);
    if (!board.go()) {
        QStringList failed;
        for (const GateKind gate : board.failed()) {
            const Gate *g = board.gate(gate);
            failed.append(g ? tr("%1: %2").arg(gateLabel(gate), g->reason) : gateLabel(gate));
        }
        m_gatesSeen = failed.join(QStringLiteral("; "));
        return;
    }
    m_waitingForGates = false;
    m_poll.stop();
    QString error;
    if (!failover->request(kind, target, {}, m_operator, &error))
        endStep(DrillStepState::Failed, error);
}

void DrillRunner::onPoll()
{
    if (!m_running || m_current < 0 || m_records[m_current].state != DrillStepState::Running)
        return;
    if (m_waitingForGates)
        requestRun();
    else
        pollCondition();
}

void DrillRunner::planRun(RunKind kind, const QString &fromRegion, const QString &targetRegion)
{
    DrillWindow::PlannedRun run;
    run.startMs = nowMs();
    run.disrupted = { fromRegion, targetRegion };
    run.disrupted.removeAll(QString());
    if (kind == RunKind::Rejoin) {
        run.regions = run.disrupted;
    } else {
        // A failover or failback also repoints every other standby: their WAL receivers
        // restart and their lag jumps, so the whole topology moves on purpose. They keep
        // answering, though, so their probes still count towards the error rate.
        for (const RegionConfig &region : m_engine->config().regions)
            run.regions.append(region.id);
        run.regions.removeAll(QString());
    }
    m_window.plannedRuns.append(run);
}

void DrillRunner::onRunFinished(const RunResult &result)
{
    if (!m_running)
        return;
    for (DrillWindow::PlannedRun &run : m_window.plannedRuns) {
        if (run.endMs == 0) {
            run.endMs = nowMs() + SettleAfterRunMs;
        }
    }
    if (!m_waitingForRun || m_current < 0)
        return;
    const bool ok = result.outcome == QLatin1String("verified");
    endStep(ok ? DrillStepState::Passed : DrillStepState::Failed,
        tr("%1 #%2 %3: %4")
            .arg(toString(result.kind))
            .arg(result.runId)
            .arg(result.outcome, result.summary));
}

void DrillRunner::runSql(const DrillStep &step)
{
    const RegionConfig *region = m_engine->config().region(step.region);
    const int serial = m_serial;
    auto *session = new AdminSession(this);
    m_session = session;
    connect(
        session, &AdminSession::finished, this, [this, session, serial](const AdminResult &result) {
            session->deleteLater();
            if (serial != m_serial)
                return;
            endStep(result.ok ? DrillStepState::Passed : DrillStepState::Failed,
                result.ok ? tr("SQL ran in %1").arg(QuantityText::duration(result.elapsed))
                          : tr("SQL failed: %1").arg(result.error));
        });
    session->run(region->admin.connection, { step.sql.toUtf8() }, step.timeout);
}

void DrillRunner::runAction(const DrillStep &step)
{
    const int serial = m_serial;
    auto *runner = new ActionRunner(m_network.get(), this);
    m_action = runner;
    connect(runner, &ActionRunner::finished, this,
        [this, runner, serial](const ActionOutcome &outcome) {
            runner->deleteLater();
            if (serial != m_serial)
                return;
            endStep(outcome.ok ? DrillStepState::Passed : DrillStepState::Failed, outcome.summary);
        });
    ActionContext context;
    const QString region = step.region;
    if (!region.isEmpty()) {
        context.values.insert(QStringLiteral("region"), region);
        context.values.insert(QStringLiteral("target_region"), region);
    }
    context.message = step.title;
    runner->run(*step.actionConfig, context);
}

// --- wait-for and measure ------------------------------------------------------------------

void DrillRunner::pollCondition()
{
    if (!m_running || m_current < 0)
        return;
    const DrillStep &step = stepAt(m_current);
    if (step.kind != DrillStepKind::WaitFor
        || m_records[m_current].state != DrillStepState::Running)
        return;
    const ConditionVerdict verdict = DrillConditions::evaluate(step,
        { &m_engine->config(), m_engine->topology(), m_engine->health(), m_engine->breakers(),
            m_engine->failover() });
    if (!verdict.met)
        return;
    if (step.condition == DrillCondition::WritesSucceed) {
        tryWrite(step);
        return;
    }
    endStep(DrillStepState::Passed,
        tr("%1 (after %2)")
            .arg(verdict.seen,
                QuantityText::duration(milliseconds(nowMs() - m_records[m_current].startedMs))));
}

void DrillRunner::tryWrite(const DrillStep &step)
{
    const RegionConfig *region = m_engine->config().region(step.region);
    const qint64 waited = nowMs() - m_records[m_current].startedMs;
    if (!region || region->admin.connection.isEmpty()) {
        endStep(DrillStepState::Passed,
            tr("%1 answers as the one primary (no admin connection, so no test write) after %2")
                .arg(regionName(step.region), QuantityText::duration(milliseconds(waited))));
        return;
    }
    if (m_session)
        return; // one write at a time; the poll tries again
    const int serial = m_serial;
    auto *session = new AdminSession(this);
    m_session = session;
    connect(session, &AdminSession::finished, this,
        [this, session, serial, name = region->name](const AdminResult &result) {
            session->deleteLater();
            m_session = nullptr;
            if (serial != m_serial || !result.ok)
                return; // the poll tries again until the deadline
            endStep(DrillStepState::Passed,
                tr("a test write committed on %1 in %2")
                    .arg(name, QuantityText::duration(result.elapsed)));
        });
    session->run(region->admin.connection,
        { "create schema if not exists failover_console;\n"
          "create table if not exists failover_console.drill_write (\n"
          "  run_id bigint not null, written_at timestamptz not null default now());\n"
          "insert into failover_console.drill_write (run_id) values ("
            + QByteArray::number(m_runId) + ")" },
        milliseconds(qMin<qint64>(5000, step.timeout.count())));
}

void DrillRunner::measure(const DrillStep &step)
{
    Journal *journal = m_engine->journal();
    if (!journal || m_runId == 0) {
        endStep(DrillStepState::Failed, tr("no journal to take figures from"));
        return;
    }
    QList<JournalRun> during;
    for (const JournalRun &run : journal->runs(50)) {
        if (run.kind != QLatin1String("drill") && run.startedAt >= m_startedAt)
            during.append(run);
    }
    const DrillMeasurement m
        = DrillFigures::measure(step.figure, m_window, journal->entries(m_runId), during);
    if (!m.known) {
        // A figure the deployment cannot give is no failed step: the drill goes on, and a target
        // on it is judged "not measured", which misses it.
        endStep(DrillStepState::Skipped, tr("not measured: %1").arg(m.why));
        return;
    }
    journal->setFigures(m_runId, m.figures);
    JournalEntry entry;
    entry.runId = m_runId;
    entry.monotonicMs = nowMs();
    entry.category = QStringLiteral("figure");
    entry.name = drillFigureKey(step.figure);
    entry.status = QStringLiteral("info");
    entry.message = tr("%1: %2").arg(drillFigureLabel(step.figure), m.text);
    entry.fields = m.figures;
    journal->append(entry);
    endStep(DrillStepState::Passed, m.text);
}

void DrillRunner::onProbeFinished(const ProbeResult &result)
{
    if (!m_running || m_inRollback)
        return;
    const NodeState *node
        = m_engine->topology() ? m_engine->topology()->node(result.endpointId) : nullptr;
    QString regionId = node ? node->regionId : QString();
    if (regionId.isEmpty()) {
        if (const RegionConfig *region = m_engine->config().regionOfEndpoint(result.endpointId))
            regionId = region->id;
    }
    if (regionId.isEmpty() || m_window.faultedRegions.contains(regionId)
        || m_window.disrupted(regionId, nowMs()))
        return;
    ++m_window.probes;
    if (!result.ok())
        ++m_window.failedProbes;
}

// --- the end -------------------------------------------------------------------------------

void DrillRunner::finish()
{
    if (!m_running)
        return;
    m_running = false;
    m_deadline.stop();
    m_poll.stop();
    Journal *journal = m_engine->journal();
    DrillResult result;
    result.runId = m_runId;
    result.drillId = m_drill.id;
    result.steps = m_records;
    std::optional<JournalRun> run = journal && m_runId ? journal->run(m_runId) : std::nullopt;
    result.figures = run ? run->figures : QVariantMap();
    result.verdicts = DrillFigures::judge(m_drill.targets, result.figures);
    bool rollbackFailed = false;
    for (const DrillStepRecord &record : std::as_const(m_records))
        rollbackFailed |= record.rollback && record.state == DrillStepState::Failed;
    const bool allMet = std::all_of(result.verdicts.cbegin(), result.verdicts.cend(),
        [](const DrillTargetVerdict &v) { return v.passed; });
    if (m_aborted)
        result.outcome = DrillOutcome::Aborted;
    else if (m_failed || rollbackFailed)
        result.outcome = DrillOutcome::Failed;
    else if (m_recovery)
        result.outcome = DrillOutcome::RolledBack;
    else
        result.outcome = allMet ? DrillOutcome::Passed : DrillOutcome::Missed;
    int passed = 0;
    for (const DrillStepRecord &record : std::as_const(m_records))
        passed += record.state == DrillStepState::Passed;
    result.summary = tr("%1: %2 of %n step(s) passed", nullptr, int(m_records.size()))
                         .arg(drillOutcomeLabel(toString(result.outcome)))
                         .arg(passed);
    if (rollbackFailed)
        result.summary += tr("; the rollback did not finish cleanly, check the system");
    if (journal && m_runId) {
        journal->finishRun(m_runId, toString(result.outcome), {});
        if (std::optional<JournalRun> done = journal->run(m_runId)) {
            DrillReportInput input;
            input.drill = m_drill;
            input.run = *done;
            input.entries = journal->entries(m_runId);
            input.config = m_engine->overview();
            input.verdicts = result.verdicts;
            input.steps = m_records;
            JournalEntry report;
            report.runId = m_runId;
            report.monotonicMs = nowMs();
            report.category = QStringLiteral("report");
            report.name = QStringLiteral("markdown");
            report.status = QStringLiteral("info");
            report.message = DrillReport::markdown(input);
            journal->append(report);
        }
    }
    if (JournalRecorder *recorder = m_engine->journalRecorder())
        recorder->setRunId(0);
    ConsoleEvent event;
    event.kind = EventKind::DrillFinished;
    event.severity
        = result.outcome == DrillOutcome::Passed || result.outcome == DrillOutcome::RolledBack
        ? EventSeverity::Info
        : EventSeverity::Warning;
    event.message = tr("Drill %1 %2").arg(m_drill.name, result.summary);
    event.fields = result.figures;
    event.fields.insert(QStringLiteral("run_id"), m_runId);
    event.fields.insert(QStringLiteral("drill"), m_drill.id);
    event.fields.insert(QStringLiteral("outcome"), toString(result.outcome));
    event.fields.insert(QStringLiteral("summary"), result.summary);
    m_engine->events()->publish(event);
    m_lastResult = result;
    emit finished(result);
}

} // namespace Console
