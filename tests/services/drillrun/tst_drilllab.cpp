#include "consoleengine.h"
#include "drillcatalog.h"
#include "drillfigures.h"
#include "drillreport.h"
#include "drillrunner.h"
#include "failovercontroller.h"
#include "healthmonitor.h"
#include "heartbeatledger.h"
#include "journal.h"
#include "pglab.h"
#include "topologystate.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace Console;
using namespace Qt::StringLiterals;

namespace {

constexpr int StartTimeoutMs = 30000; // roles known, a heartbeat acknowledged, all healthy
// The synthetic drill waits out the lab's 60 s failback_healthy_for and 30 s cool-down; its own
// step timeouts add up to more, so this only catches a runner that never finishes.
constexpr int SyntheticTimeoutMs = 480000;
// The chaos rollback: restore (150 s at most) and the primary healthy again (120 s at most).
constexpr int RollbackTimeoutMs = 300000;
constexpr int HealthyAgainMs = 60000;
constexpr int PdftoppmTimeoutMs = 60000;

QString describe(const DrillResult &result)
{
    QStringList lines { toString(result.outcome) + u": "_s + result.summary };
    for (const DrillStepRecord &record : result.steps)
        lines.append(u"  "_s + (record.rollback ? u"[rollback] "_s : QString()) + record.id + u' '
            + toString(record.state) + u" ("_s + QString::number(record.duration().count())
            + u" ms): "_s + record.summary);
    for (const DrillTargetVerdict &verdict : result.verdicts)
        lines.append(u"  target "_s + drillFigureLabel(verdict.figure) + u' ' + verdict.target
            + u", actual "_s + verdict.actual + (verdict.passed ? u": pass"_s : u": FAIL"_s));
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

QString stateOf(const DrillResult &result, const QString &id)
{
    const DrillStepRecord *step = record(result, id);
    return step ? toString(step->state) : u"missing"_s;
}

// The Markdown results table: metric label -> the Actual cell, unescaped.
QMap<QString, QString> resultRows(const QString &report)
{
    QMap<QString, QString> rows;
    const qsizetype begin = report.indexOf(u"## Results Summary"_s);
    if (begin < 0)
        return rows;
    const qsizetype end = report.indexOf(u"\n## "_s, begin + 1);
    const QStringList lines = report.mid(begin, end < 0 ? -1 : end - begin).split(u'\n');
    static const QRegularExpression unescapedPipe(uR"((?<!\\)\|)"_s);
    for (const QString &line : lines) {
        if (!line.startsWith(u"| "_s))
            continue;
        QStringList cells = line.split(unescapedPipe);
        // "| a | b | c | d |" splits into "", a, b, c, d, "".
        if (cells.size() < 6)
            continue;
        for (QString &cell : cells)
            cell = cell.trimmed().replace(u"\\|"_s, u"|"_s);
        if (cells.at(1) == u"Metric"_s)
            continue;
        rows.insert(cells.at(1), cells.at(3));
    }
    return rows;
}

QString oneLine(QString text)
{
    return text.replace(u'\n', u' ').trimmed();
}

} // namespace

// The built-in drills on a real PostgreSQL lab (scripts/lab) through the real engine, journal and
// failover controller: the synthetic failover round trip with its report figures, an aborted
// chaos experiment whose rollback leaves the lab healthy, and the report as a PDF that renders.
// Each test brings up its own lab; every wait is bounded.
class tst_DrillLab final : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void syntheticFailoverEndToEnd();
    void abortedChaosLeavesTheLabHealthy();
    void reportRendersAsPdf();

private:
    bool bringUp();
    // A manual-mode engine on the lab, once it knows every role, has a heartbeat acknowledged
    // and sees every region healthy: the baseline a drill starts from.
    bool startEngine();
    std::optional<DrillDefinition> builtIn(const QString &id);
    // Empty when the lab's primary node is primary and every standby streams from it, else
    // what is wrong and `lab status`.
    QString labProblems() const;
    QString unhealthyRegions() const;

    std::unique_ptr<PgLab> m_lab;
    std::unique_ptr<ConsoleEngine> m_engine;
    QTemporaryDir m_dir;
    QString m_report; // the synthetic drill's journalled report, for the PDF test
};

void tst_DrillLab::cleanup()
{
    if (m_engine)
        m_engine->stop(u"test done"_s);
    m_engine.reset();
    m_lab.reset(); // tears the lab down
}

bool tst_DrillLab::bringUp()
{
    m_lab = std::make_unique<PgLab>();
    QString error;
    if (!m_lab->up(2, &error)) {
        qWarning("lab up: %s", qPrintable(error));
        return false;
    }
    return true;
}

bool tst_DrillLab::startEngine()
{
    m_engine = std::make_unique<ConsoleEngine>();
    if (!m_engine->loadConfig(m_lab->configPath())
        || !m_engine->setJournalPath(m_dir.filePath(
            u"journal-%1.sqlite"_s.arg(QLatin1String(QTest::currentTestFunction()))))) {
        qWarning("%s", qPrintable(m_engine->errors().join(u'\n')));
        return false;
    }
    m_engine->setConsoleRole(u"test"_s);
    m_engine->setAutomaticFailover(false); // the drill fails over, not the engine by itself
    m_engine->start();
    const bool ready = QTest::qWaitFor(
        [this] {
            return m_engine->failover()->rolesKnown()
                && m_engine->topology()->primary().status == PrimaryStatus::One
                && m_engine->heartbeatLedger()
                       ->lastAcknowledged(u"lab-primary-postgres"_s)
                       .has_value()
                && unhealthyRegions().isEmpty();
        },
        StartTimeoutMs);
    if (!ready)
        qWarning("engine not ready: %s", qPrintable(unhealthyRegions()));
    return ready;
}

std::optional<DrillDefinition> tst_DrillLab::builtIn(const QString &id)
{
    DrillCatalog catalog;
    catalog.setUserFolders({});
    catalog.load();
    const DrillDefinition *drill = catalog.drill(id);
    if (!drill)
        return std::nullopt;
    return *drill;
}

QString tst_DrillLab::labProblems() const
{
    QString error;
    const QString status = m_lab->status(&error);
    if (status.isEmpty())
        return u"lab status: "_s + error;
    QStringList problems;
    QMap<QString, QString> roles;
    QMap<QString, QString> replication;
    const QStringList lines = status.split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines.mid(1)) {
        // NODE PORT PID STATE ROLE TL REPLICATION...
        const QStringList words = line.simplified().split(u' ');
        if (words.size() < 7)
            continue;
        roles.insert(words.at(0), words.at(4));
        replication.insert(words.at(0), words.mid(6).join(u' '));
    }
    if (roles.value(u"primary"_s) != u"primary"_s)
        problems.append(u"node primary is "_s + roles.value(u"primary"_s, u"missing"_s));
    for (const QString &standby : { u"standby1"_s, u"standby2"_s }) {
        if (roles.value(standby) != u"standby"_s)
            problems.append(standby + u" is "_s + roles.value(standby, u"missing"_s));
        const QString repl = replication.value(standby);
        if (!repl.startsWith(u"streaming"_s) || !repl.endsWith(u"(from primary)"_s))
            problems.append(standby + u" replication: "_s + repl);
    }
    if (problems.isEmpty())
        return {};
    return problems.join(u"; "_s) + u"\n"_s + status;
}

QString tst_DrillLab::unhealthyRegions() const
{
    QStringList unhealthy;
    for (const RegionConfig &region : m_engine->config().regions) {
        const Health health = m_engine->health()->regionHealth(region.id);
        if (health != Health::Healthy)
            unhealthy.append(region.id + u' ' + toString(health) + u": "_s
                + m_engine->health()->regionReason(region.id));
    }
    return unhealthy.join(u"; "_s);
}

void tst_DrillLab::syntheticFailoverEndToEnd()
{
    QVERIFY(bringUp());
    QVERIFY(startEngine());
    const std::optional<DrillDefinition> drill = builtIn(u"synthetic-failover"_s);
    QVERIFY(drill);
    QVERIFY2(drill->checklist.isEmpty(), qPrintable(drill->checklist.join(u", "_s)));

    DrillRunner runner(m_engine.get());
    QSignalSpy finished(&runner, &DrillRunner::finished);
    QString error;
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(runner.start(*drill, { u"tester"_s, {}, true }, &error), qPrintable(error));
    QCOMPARE(runner.templateValues().value(u"{primary}"_s), u"lab-primary"_s);
    QCOMPARE(runner.templateValues().value(u"{standby}"_s), u"lab-standby1"_s);
    QVERIFY2(finished.wait(SyntheticTimeoutMs),
        qPrintable(
            u"still at step %1 after %2 ms"_s.arg(runner.currentIndex()).arg(clock.elapsed())));
    const DrillResult result = *runner.lastResult();
    const QString steps = describe(result);
    qInfo("synthetic-failover took %lld ms\n%s", clock.elapsed(), qPrintable(steps));

    // The journalled report: every figure it shows is the journal run's.
    Journal *journal = m_engine->journal();
    const std::optional<JournalRun> run = journal->run(result.runId);
    QVERIFY(run);
    QCOMPARE(run->kind, u"drill"_s);
    QCOMPARE(run->outcome, toString(result.outcome));
    QCOMPARE(result.figures, run->figures);
    m_report = DrillReport::journalled(journal->entries(result.runId));
    QVERIFY2(
        m_report.startsWith(u"# Failover Test Report: Synthetic failover"_s), qPrintable(m_report));
    const QMap<QString, QString> rows = resultRows(m_report);
    for (const char *label : { "RTO", "RPO", "Error rate", "False positives" })
        QVERIFY2(rows.contains(QLatin1String(label)), label);
    for (const DrillFigure figure : allDrillFigures()) {
        const QString label = drillFigureLabel(figure);
        if (!rows.contains(label))
            continue;
        QVERIFY2(run->figures.contains(drillFigureKey(figure)), qPrintable(label));
        QCOMPARE(rows.value(label), oneLine(DrillFigures::figureText(figure, run->figures)));
    }
    QVERIFY2(run->figures.contains(u"rpo_rows"_s), qPrintable(steps));
    QCOMPARE(run->figures.value(u"rpo_rows"_s).toLongLong(), 0); // no acknowledged row lost

    // The rollback ran, although the method had mended the primary itself.
    const DrillStepRecord *restore = record(result, u"restore-primary"_s);
    QVERIFY2(restore && restore->rollback, qPrintable(steps));
    QVERIFY2(restore->state == DrillStepState::Passed, qPrintable(steps));

    // The lab is home again: the original primary node primary, both standbys streaming from it,
    // and the engine agrees.
    QTRY_COMPARE_WITH_TIMEOUT(labProblems(), QString(), 30000);
    QCOMPARE(m_lab->monitorQuery(u"primary"_s, u"select pg_is_in_recovery()"_s), u"f"_s);
    QCOMPARE(m_engine->topology()->primary().regionId, u"lab-primary"_s);
    QTRY_COMPARE_WITH_TIMEOUT(unhealthyRegions(), QString(), HealthyAgainMs);
    QTRY_COMPARE_WITH_TIMEOUT(
        toString(m_engine->failover()->state()), toString(FailoverState::Normal), 10000);

    // Last, so that a missed target still shows every other check: the drill passed.
    QVERIFY2(result.outcome == DrillOutcome::Passed, qPrintable(steps));
    for (const DrillStepRecord &step : result.steps)
        QVERIFY2(step.state == DrillStepState::Passed, qPrintable(step.id));
}

void tst_DrillLab::abortedChaosLeavesTheLabHealthy()
{
    QVERIFY(bringUp());
    QVERIFY(startEngine());
    const std::optional<DrillDefinition> drill = builtIn(u"chaos-connection-refusal"_s);
    QVERIFY(drill);
    DrillRunner runner(m_engine.get());
    // Unattended unless it has a checklist: then every item ticked, as an operator would.
    const bool unattended = drill->checklist.isEmpty();
    QString error;
    QVERIFY2(runner.start(*drill, { u"tester"_s, drill->checklist, unattended }, &error),
        qPrintable(error));
    QCOMPARE(runner.templateValues().value(u"{primary}"_s), u"lab-primary"_s);

    // Abort in the pause, the refusal in force: the fault step passed and a new monitor login
    // is turned away.
    const auto currentId = [&runner] {
        const QList<DrillStepRecord> steps = runner.steps();
        const int index = runner.currentIndex();
        return index >= 0 && index < steps.size() ? steps.at(index).id : QString();
    };
    QTRY_COMPARE_WITH_TIMEOUT(currentId(), u"let-it-react"_s, 60000);
    QCOMPARE(toString(runner.steps().constFirst().state), u"passed"_s);
    QString refused;
    QVERIFY(m_lab->monitorQuery(u"primary"_s, u"select 1"_s, &refused).isEmpty());
    QVERIFY2(!refused.isEmpty(), "the primary still accepts monitor logins");
    QSignalSpy finished(&runner, &DrillRunner::finished);
    QElapsedTimer clock;
    clock.start();
    runner.abort(u"tester"_s);
    QVERIFY2(finished.wait(RollbackTimeoutMs), qPrintable(currentId()));
    const DrillResult result = *runner.lastResult();
    const QString steps = describe(result);
    qInfo("abort to finished: %lld ms\n%s", clock.elapsed(), qPrintable(steps));

    QCOMPARE(toString(result.outcome), u"aborted"_s);
    QCOMPARE(m_engine->journal()->run(result.runId)->outcome, u"aborted"_s);
    QVERIFY2(stateOf(result, u"refuse-connections"_s) == u"passed"_s, qPrintable(steps));
    QVERIFY2(stateOf(result, u"let-it-react"_s) == u"failed"_s, qPrintable(steps));
    QVERIFY2(stateOf(result, u"no-failover"_s) == u"skipped"_s, qPrintable(steps));
    for (const QString &id : { u"restore-primary"_s, u"primary-healthy-again"_s }) {
        const DrillStepRecord *step = record(result, id);
        QVERIFY2(
            step && step->rollback && step->state == DrillStepState::Passed, qPrintable(steps));
    }

    // The lab is as it was: the primary takes new logins, every region is healthy again, and
    // nothing failed over.
    QTRY_COMPARE_WITH_TIMEOUT(m_lab->monitorQuery(u"primary"_s, u"select 1"_s), u"1"_s, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(unhealthyRegions(), QString(), HealthyAgainMs);
    QCOMPARE(m_engine->topology()->primary().regionId, u"lab-primary"_s);
    QCOMPARE(toString(m_engine->failover()->state()), toString(FailoverState::Normal));
    QTRY_COMPARE_WITH_TIMEOUT(labProblems(), QString(), 30000);
}

void tst_DrillLab::reportRendersAsPdf()
{
    if (m_report.isEmpty())
        QFAIL("syntheticFailoverEndToEnd journalled no report to render");
    const QString pdf = m_dir.filePath(u"synthetic-failover.pdf"_s);
    QString error;
    QVERIFY2(
        DrillReport::writePdf(m_report, u"Synthetic failover"_s, pdf, &error), qPrintable(error));
    QVERIFY(QFileInfo(pdf).size() > 1000);

    const QString pdftoppm = QStandardPaths::findExecutable(u"pdftoppm"_s);
    if (pdftoppm.isEmpty())
        QSKIP("pdftoppm (poppler-utils) is not installed: scripts/setup installs it");
    const QString pngBase = m_dir.filePath(u"page1"_s);
    QProcess process;
    process.start(pdftoppm,
        { u"-png"_s, u"-r"_s, u"72"_s, u"-f"_s, u"1"_s, u"-l"_s, u"1"_s, u"-singlefile"_s, pdf,
            pngBase });
    QVERIFY(process.waitForFinished(PdftoppmTimeoutMs));
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
        process.readAllStandardError().constData());

    const QImage page(pngBase + u".png"_s);
    QVERIFY(!page.isNull());
    QVERIFY2(page.width() > 400 && page.height() > 600,
        qPrintable(u"%1x%2"_s.arg(page.width()).arg(page.height())));
    qint64 inked = 0;
    qint64 dark = 0;
    const QImage rgb = page.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            const int gray = qGray(line[x]);
            inked += gray < 240 ? 1 : 0;
            dark += gray < 96 ? 1 : 0;
        }
    }
    const qint64 pixels = qint64(rgb.width()) * rgb.height();
    qInfo("page 1: %dx%d, %lld of %lld pixels inked, %lld dark", rgb.width(), rgb.height(), inked,
        pixels, dark);
    // A page of text: well over 1 % of it inked, and black glyphs among it.
    QVERIFY2(inked * 100 > pixels, qPrintable(QString::number(inked)));
    QVERIFY2(dark > 500, qPrintable(QString::number(dark)));
}

QTEST_MAIN(tst_DrillLab)
#include "tst_drilllab.moc"
