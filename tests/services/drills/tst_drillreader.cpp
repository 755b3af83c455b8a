#include "drillreader.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

namespace {

const QString FileName = QStringLiteral("drill.yaml");

DrillLoadResult load(const QByteArray &yaml)
{
    return DrillReader::loadString(yaml, FileName);
}

QString joined(const QList<ConfigDiagnostic> &diagnostics)
{
    QStringList lines;
    for (const ConfigDiagnostic &diagnostic : diagnostics)
        lines += diagnostic.toString();
    return lines.join(u'\n');
}

// A valid drill around `steps` (and `rollback`, when given), for the malformed cases.
QByteArray drillWith(const QByteArray &steps, const QByteArray &rollback = {})
{
    QByteArray yaml = "drill:\n"
                      "  id: test\n"
                      "  name: Test\n"
                      "  type: synthetic\n"
                      "  steps:\n"
        + steps;
    if (!rollback.isEmpty())
        yaml += "  rollback:\n" + rollback;
    return yaml;
}

} // namespace

class tst_DrillReader final : public QObject
{
    Q_OBJECT

private slots:
    void readsEveryField();
    void derivesIdsAndTitles();
    void readsActionStep();
    void readsRateAsFraction();
    void reportsProblems_data();
    void reportsProblems();
    void neverQuotesEnvironmentValues();
    void keepsTheValuesItSubstituted();
    void reportsEveryProblemAtOnce();
    void recognisesDrillText_data();
    void recognisesDrillText();
    void refusesLargeFile();
};

void tst_DrillReader::readsEveryField()
{
    const QByteArray yaml = R"(drill:
  id: full-drill
  name: Full drill
  type: controlled
  every: 7d12h
  purpose: "Show every field"
  hypothesis: "Nothing breaks"
  targets: { rto: 5m, rpo: 1m, error_rate: 1%, false_positives: 0, time_to_detect: 30s }
  checklist:
    - "A backup taken in the last 24 hours exists"
    - Stakeholders notified
  steps:
    - manual: "Open the monitoring dashboards"
    - fault: down
      region: "{primary}"
      timeout: 20s
    - failover: "{standby}"
    - failback: true
    - rejoin: eu-west
    - sql: "SELECT 1"
      region: "{standby}"
    - pause: 10s
    - wait_for: breaker-open
      region: "{primary}"
      timeout: 30s
    - wait_for: failover-state
      state: failed-over
    - id: detect
      title: How long it took
      measure: time-to-detect
  rollback:
    - fault: restore
      region: "{home}"
    - manual: "Check by hand"
)";
    const DrillLoadResult result = load(yaml);
    QVERIFY2(result.ok(), qPrintable(joined(result.diagnostics)));
    const DrillDefinition &d = *result.drill;
    QCOMPARE(d.id, QStringLiteral("full-drill"));
    QCOMPARE(d.name, QStringLiteral("Full drill"));
    QCOMPARE(toString(d.type), toString(DrillType::Controlled));
    QCOMPARE(d.every, std::optional<std::chrono::milliseconds>(7 * 24h + 12h));
    QCOMPARE(d.purpose, QStringLiteral("Show every field"));
    QCOMPARE(d.hypothesis, QStringLiteral("Nothing breaks"));
    QCOMPARE(d.targets.rto, std::optional<std::chrono::milliseconds>(5min));
    QCOMPARE(d.targets.rpo, std::optional<std::chrono::milliseconds>(1min));
    QCOMPARE(d.targets.timeToDetect, std::optional<std::chrono::milliseconds>(30s));
    QVERIFY(d.targets.errorRate.has_value());
    QVERIFY(qFuzzyCompare(*d.targets.errorRate, 0.01));
    QCOMPARE(d.targets.falsePositives, std::optional<int>(0));
    QCOMPARE(d.checklist,
        QStringList({ QStringLiteral("A backup taken in the last 24 hours exists"),
            QStringLiteral("Stakeholders notified") }));
    QCOMPARE(d.sourceFile, QFileInfo(FileName).absoluteFilePath());
    QCOMPARE(d.idLine, 2);
    QCOMPARE(d.idColumn, 7);
    QVERIFY(!d.allAutomatic());

    QCOMPARE(d.steps.size(), 10);
    const DrillStep &manual = d.steps.at(0);
    QCOMPARE(toString(manual.kind), toString(DrillStepKind::Manual));
    QCOMPARE(manual.instructions, QStringLiteral("Open the monitoring dashboards"));
    QCOMPARE(manual.line, 13);
    QCOMPARE(manual.column, 7);

    const DrillStep &fault = d.steps.at(1);
    QCOMPARE(toString(fault.kind), toString(DrillStepKind::Automatic));
    QCOMPARE(toString(fault.action), toString(DrillActionKind::Fault));
    QCOMPARE(fault.fault, QStringLiteral("down"));
    QCOMPARE(fault.region, QStringLiteral("{primary}"));
    QCOMPARE(fault.timeout, 20s);
    QCOMPARE(fault.line, 14);

    QCOMPARE(toString(d.steps.at(2).action), toString(DrillActionKind::Failover));
    QCOMPARE(d.steps.at(2).region, QStringLiteral("{standby}"));
    QCOMPARE(toString(d.steps.at(3).action), toString(DrillActionKind::Failback));
    QCOMPARE(toString(d.steps.at(4).action), toString(DrillActionKind::Rejoin));
    QCOMPARE(d.steps.at(4).region, QStringLiteral("eu-west"));
    QCOMPARE(toString(d.steps.at(5).action), toString(DrillActionKind::Sql));
    QCOMPARE(d.steps.at(5).sql, QStringLiteral("SELECT 1"));
    QCOMPARE(d.steps.at(5).region, QStringLiteral("{standby}"));
    QCOMPARE(toString(d.steps.at(6).action), toString(DrillActionKind::Pause));
    QCOMPARE(d.steps.at(6).timeout, 10s);

    const DrillStep &breaker = d.steps.at(7);
    QCOMPARE(toString(breaker.kind), toString(DrillStepKind::WaitFor));
    QCOMPARE(toString(breaker.condition), toString(DrillCondition::BreakerOpen));
    QCOMPARE(breaker.region, QStringLiteral("{primary}"));
    QCOMPARE(breaker.timeout, 30s);
    const DrillStep &state = d.steps.at(8);
    QCOMPARE(toString(state.condition), toString(DrillCondition::FailoverState));
    QCOMPARE(state.state, QStringLiteral("failed-over"));
    QCOMPARE(state.timeout, 60s); // the default

    const DrillStep &measure = d.steps.at(9);
    QCOMPARE(toString(measure.kind), toString(DrillStepKind::Measure));
    QCOMPARE(toString(measure.figure), toString(DrillFigure::TimeToDetect));
    QCOMPARE(measure.id, QStringLiteral("detect"));
    QCOMPARE(measure.title, QStringLiteral("How long it took"));

    QCOMPARE(d.rollback.size(), 2);
    QCOMPARE(d.rollback.at(0).fault, QStringLiteral("restore"));
    QCOMPARE(d.rollback.at(0).region, QStringLiteral("{home}"));
    QCOMPARE(toString(d.rollback.at(1).kind), toString(DrillStepKind::Manual));
    QCOMPARE(d.step(QStringLiteral("rollback-2")), &d.rollback.at(1));
}

void tst_DrillReader::derivesIdsAndTitles()
{
    const DrillLoadResult result = load(drillWith(R"(    - fault: down
      region: "{primary}"
    - wait_for: breaker-open
      region: "{primary}"
    - wait_for: primary-is
      region: "{standby}"
    - measure: time-to-detect
    - measure: rto
    - failover: "{standby}"
    - pause: 1m30s
)",
        R"(    - fault: restore
      region: "{primary}"
)"));
    QVERIFY2(result.ok(), qPrintable(joined(result.diagnostics)));
    const DrillDefinition &d = *result.drill;
    QStringList ids;
    QStringList titles;
    for (const DrillStep &step : d.steps + d.rollback) {
        ids += step.id;
        titles += step.title;
    }
    QCOMPARE(ids,
        QStringList({ QStringLiteral("step-1"), QStringLiteral("step-2"), QStringLiteral("step-3"),
            QStringLiteral("step-4"), QStringLiteral("step-5"), QStringLiteral("step-6"),
            QStringLiteral("step-7"), QStringLiteral("rollback-1") }));
    QCOMPARE(titles,
        QStringList({ QStringLiteral("Inject fault 'down' on {primary}"),
            QStringLiteral("Wait until breaker open on {primary}"),
            QStringLiteral("Wait until {standby} is the primary"),
            QStringLiteral("Measure time to detect"), QStringLiteral("Measure RTO"),
            QStringLiteral("Fail over to {standby}"), QStringLiteral("Pause for 1m30s"),
            QStringLiteral("Inject fault 'restore' on {primary}") }));
    QVERIFY(d.allAutomatic());
}

void tst_DrillReader::readsActionStep()
{
    const DrillLoadResult result = load(drillWith(R"(    - id: poke
      action: { kind: command, command: [/bin/true, "{region}"], timeout: 5s }
      region: eu-west
)",
        R"(    - action:
        kind: http
        url: "http://localhost:8080/reset"
        method: POST
)"));
    QVERIFY2(result.ok(), qPrintable(joined(result.diagnostics)));
    const DrillStep &step = result.drill->steps.at(0);
    QCOMPARE(toString(step.kind), toString(DrillStepKind::Automatic));
    QCOMPARE(toString(step.action), toString(DrillActionKind::Action));
    QVERIFY(step.actionConfig.has_value());
    QCOMPARE(toString(step.actionConfig->kind), toString(ActionKind::Command));
    QCOMPARE(step.actionConfig->command,
        QStringList({ QStringLiteral("/bin/true"), QStringLiteral("{region}") }));
    QCOMPARE(step.actionConfig->id, QStringLiteral("poke.action"));
    QCOMPARE(step.timeout, 5s); // the action's own
    QCOMPARE(step.region, QStringLiteral("eu-west"));
    QCOMPARE(step.title, QStringLiteral("Run action 'poke.action'"));
    const DrillStep &rollback = result.drill->rollback.at(0);
    QCOMPARE(toString(rollback.actionConfig->kind), toString(ActionKind::Http));
    QCOMPARE(rollback.actionConfig->url, QStringLiteral("http://localhost:8080/reset"));
}

void tst_DrillReader::readsRateAsFraction()
{
    QByteArray yaml = drillWith("    - measure: error-rate\n");
    yaml.replace("  steps:", "  targets: { error_rate: 0.02, rpo: 0s }\n  steps:");
    const DrillLoadResult result = load(yaml);
    QVERIFY2(result.ok(), qPrintable(joined(result.diagnostics)));
    QVERIFY(qFuzzyCompare(*result.drill->targets.errorRate, 0.02));
    QCOMPARE(result.drill->targets.rpo, std::optional<std::chrono::milliseconds>(0ms));
}

void tst_DrillReader::reportsProblems_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    // Steps start on line 6, at column 7 after "    - ".
    QTest::newRow("unknown step key with suggestion")
        << drillWith("    - measure: rto\n      regoin: x\n") << 7 << 7
        << "unknown key \"regoin\" in step 1; did you mean \"region\"?";
    QTest::newRow("unknown drill key with suggestion")
        << drillWith("    - measure: rto\n").replace("  type:", "  hypothsis: x\n  type:") << 4 << 3
        << "unknown key \"hypothsis\" in drill; did you mean \"hypothesis\"?";
    QTest::newRow("two kind keys")
        << drillWith("    - measure: rto\n      manual: hello\n") << 6 << 7
        << "a step does one thing, but this one has both \"measure\" and \"manual\"";
    QTest::newRow("no kind key") << drillWith("    - id: nothing\n") << 6 << 7
                                 << "a step needs one of manual, fault";
    QTest::newRow("wait_for without region")
        << drillWith("    - wait_for: breaker-open\n") << 6 << 7
        << "the condition \"breaker-open\" needs a \"region\"";
    QTest::newRow("fault without region") << drillWith("    - fault: down\n",
        "    - manual: undo\n") << 6 << 7 << "a \"fault\" step needs a \"region\"";
    QTest::newRow("sql without region") << drillWith("    - sql: SELECT 1\n", "    - manual: x\n")
                                        << 6 << 7 << "an \"sql\" step needs a \"region\"";
    QTest::newRow("region on measure")
        << drillWith("    - measure: rto\n      region: eu-west\n") << 7 << 7
        << "\"region\" does not apply to \"measure\" steps";
    QTest::newRow("region on manual") << drillWith("    - manual: look\n      region: eu-west\n")
                                      << 7 << 7 << "\"region\" does not apply to \"manual\" steps";
    QTest::newRow("region on all-healthy")
        << drillWith("    - wait_for: all-healthy\n      region: eu-west\n") << 7 << 7
        << "the condition \"all-healthy\" concerns no single region";
    QTest::newRow("bad condition")
        << drillWith("    - wait_for: breaker-opn\n      region: x\n") << 6 << 17
        << "unknown condition \"breaker-opn\"; did you mean \"breaker-open\"? Expected one of: "
           "breaker-open, breakers-closed,";
    QTest::newRow("bad figure") << drillWith("    - measure: uptime\n") << 6 << 16
                                << "unknown figure \"uptime\"; expected one of: time-to-detect, "
                                   "failover-time, failback-time, rto, rpo, error-rate, "
                                   "false-positives";
    QTest::newRow("failover-state without state")
        << drillWith("    - wait_for: failover-state\n") << 6 << 7
        << "the condition \"failover-state\" needs a \"state\", one of: normal, degraded, "
           "failing-over, failed-over, failing-back";
    QTest::newRow("bad state")
        << drillWith("    - wait_for: failover-state\n      state: done\n") << 7 << 14
        << "unknown failover state \"done\"; expected one of: normal, degraded";
    QTest::newRow("state on another condition")
        << drillWith("    - wait_for: all-healthy\n      state: normal\n") << 7 << 7
        << "\"state\" applies only to the condition \"failover-state\"";
    QTest::newRow("bad region") << drillWith("    - failover: \"{target}\"\n") << 6 << 17
                                << "invalid region \"{target}\" for \"failover\": use a region id";
    QTest::newRow("fault without rollback")
        << drillWith("    - manual: prepare\n    - fault: down\n      region: \"{primary}\"\n") << 7
        << 7
        << "step \"step-2\" changes the system (fault), and a drill that changes the system "
           "needs a rollback";
    QTest::newRow("action without rollback")
        << drillWith("    - action: { kind: command, command: [/bin/true] }\n") << 6 << 7
        << "step \"step-1\" changes the system (action), and a drill that changes the system "
           "needs a rollback";
    QTest::newRow("chaos without hypothesis")
        << drillWith("    - measure: rto\n").replace("type: synthetic", "type: chaos") << 4 << 9
        << "a chaos experiment needs a \"hypothesis\"";
    QTest::newRow("unknown type")
        << drillWith("    - measure: rto\n").replace("type: synthetic", "type: drill") << 4 << 9
        << "unknown drill type \"drill\"; expected one of: health-check, synthetic, controlled, "
           "chaos, assessment";
    QTest::newRow("duplicate step id")
        << drillWith("    - id: same\n      measure: rto\n", "    - id: same\n      manual: undo\n")
        << 9 << 11 << "duplicate step id \"same\" (first used on line 6)";
    QTest::newRow("default id taken")
        << drillWith("    - measure: rto\n    - id: step-1\n      measure: rpo\n") << 7 << 11
        << "duplicate step id \"step-1\" (first used on line 6)";
    QTest::newRow("bad step id") << drillWith("    - id: Step_1\n      measure: rto\n") << 6 << 11
                                 << "invalid step id \"Step_1\"";
    QTest::newRow("bad duration") << drillWith("    - pause: 10 seconds\n") << 6 << 14
                                  << "invalid duration \"10 seconds\" for \"pause\"";
    QTest::newRow("timeout too long")
        << drillWith("    - wait_for: all-healthy\n      timeout: 2h\n") << 7 << 16
        << "\"timeout\" must be at most 1h, not 2h";
    QTest::newRow("timeout on pause") << drillWith("    - pause: 5s\n      timeout: 10s\n") << 7
                                      << 7 << "\"timeout\" does not apply to \"pause\" steps";
    QTest::newRow("bad cadence")
        << drillWith("    - measure: rto\n").replace("  steps:", "  every: monthly\n  steps:") << 5
        << 10 << "invalid cadence \"monthly\" for \"every\"";
    QTest::newRow("cadence too long")
        << drillWith("    - measure: rto\n").replace("  steps:", "  every: 400d\n  steps:") << 5
        << 10 << "invalid cadence \"400d\" for \"every\": a cadence is at most 366d";
    QTest::newRow("bad error rate")
        << drillWith("    - measure: rto\n")
               .replace("  steps:", "  targets: { error_rate: 150% }\n  steps:")
        << 5 << 26 << "\"error_rate\" must be a percentage from 0% to 100%";
    QTest::newRow("empty steps") << drillWith("    []\n").replace("  steps:\n    []", "  steps: []")
                                 << 5 << 3 << "\"steps\" must be a list of at least one step";
    QTest::newRow("missing steps") << QByteArray("drill:\n  id: x\n  name: X\n  type: synthetic\n")
                                   << 2 << 3 << "missing required key \"steps\" in drill";
    QTest::newRow("missing drill")
        << QByteArray("regions: []\n") << 1 << 1 << "unknown key \"regions\" at the top level";
    QTest::newRow("bad drill id")
        << drillWith("    - measure: rto\n").replace("id: test", "id: Test!") << 2 << 7
        << "invalid drill id \"Test!\"";
    QTest::newRow("checklist not a list")
        << drillWith("    - measure: rto\n")
               .replace("  steps:", "  checklist: everything\n  steps:")
        << 5 << 14 << "\"checklist\" must be a list of items to tick";
    QTest::newRow("failback false")
        << drillWith("    - failback: false\n") << 6 << 17 << "\"failback\" takes true";
    QTest::newRow("action with unknown kind") << drillWith("    - action: { kind: telnet }\n",
        "    - manual: x\n") << 6 << 23 << "unknown kind \"telnet\"";
    QTest::newRow("syntax error") << QByteArray("drill:\n  id: \"open\n  name: X\n") << 2 << 7
                                  << "YAML syntax error";
}

void tst_DrillReader::reportsProblems()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const DrillLoadResult result = load(yaml);
    QVERIFY(!result.ok());
    QVERIFY(!result.drill.has_value());
    const QString expected = FileName + u':' + QString::number(line) + u':'
        + QString::number(column) + QStringLiteral(": ") + message;
    bool found = false;
    for (const ConfigDiagnostic &diagnostic : result.diagnostics)
        found = found || diagnostic.toString().startsWith(expected);
    QVERIFY2(found,
        qPrintable(
            QStringLiteral("expected %1\ngot:\n%2").arg(expected, joined(result.diagnostics))));
}

void tst_DrillReader::neverQuotesEnvironmentValues()
{
    qputenv("DRILL_SECRET", "hunter2-drill-secret");
    const QList<QByteArray> files = {
        drillWith("    - measure: rto\n").replace("id: test", "id: \"${DRILL_SECRET}\""),
        drillWith("    - pause: \"${DRILL_SECRET}\"\n"),
        drillWith("    - failover: \"${DRILL_SECRET}\"\n"),
        drillWith("    - wait_for: \"${DRILL_SECRET}\"\n"),
        drillWith("    - measure: rto\n").replace("type: synthetic", "type: \"${DRILL_SECRET}\""),
        drillWith("    - measure: rto\n")
            .replace("  steps:", "  targets: { error_rate: \"${DRILL_SECRET}\" }\n  steps:"),
        drillWith("    - action: { kind: http, url: \"${DRILL_SECRET}\" }\n", "    - manual: x\n"),
    };
    for (const QByteArray &yaml : files) {
        const DrillLoadResult result = load(yaml);
        QVERIFY2(!result.ok(), yaml.constData());
        const QString text = joined(result.diagnostics);
        QVERIFY2(!text.contains(QStringLiteral("hunter2")), qPrintable(text));
    }
    qunsetenv("DRILL_SECRET");
}

// An SQL step may carry a password from the environment: the drill remembers which values it
// substituted, so whatever echoes them later (a failed step's error, the report) masks them.
void tst_DrillReader::keepsTheValuesItSubstituted()
{
    qputenv("DRILL_SECRET", "hunter2-drill-secret");
    const DrillLoadResult result = load(drillWith(
        "    - sql: \"ALTER ROLE app PASSWORD '${DRILL_SECRET}'\"\n      region: eu-west\n",
        "    - sql: \"ALTER ROLE app PASSWORD NULL\"\n      region: eu-west\n"));
    qunsetenv("DRILL_SECRET");
    QVERIFY2(result.ok(), qPrintable(joined(result.diagnostics)));
    QCOMPARE(result.drill->secretValues, QStringList { QStringLiteral("hunter2-drill-secret") });
    QVERIFY(result.drill->steps.first().sql.contains(QStringLiteral("hunter2-drill-secret")));
}

void tst_DrillReader::reportsEveryProblemAtOnce()
{
    const DrillLoadResult result = load(drillWith(R"(    - measure: uptime
    - wait_for: breaker-open
    - fault: down
      region: "{primary}"
)"));
    QCOMPARE(result.diagnostics.size(), 3);
    QCOMPARE(result.diagnostics.at(0).line, 6);
    QCOMPARE(result.diagnostics.at(1).line, 7);
    QCOMPARE(result.diagnostics.at(2).line, 8);
}

void tst_DrillReader::recognisesDrillText_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<bool>("drill");
    QTest::newRow("drill") << QByteArray("# a drill\ndrill:\n  id: x\n") << true;
    QTest::newRow("quoted key") << QByteArray("\"drill\" :\n  id: x\n") << true;
    QTest::newRow("config") << QByteArray("regions:\n  - id: drill\n") << false;
    QTest::newRow("nested") << QByteArray("console:\n  drill: x\n") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void tst_DrillReader::recognisesDrillText()
{
    QFETCH(QByteArray, yaml);
    QFETCH(bool, drill);
    QCOMPARE(DrillReader::isDrillText(yaml), drill);
}

void tst_DrillReader::refusesLargeFile()
{
    const QByteArray yaml(5 * 1024 * 1024, ' ');
    const DrillLoadResult result = load(yaml);
    QCOMPARE(result.diagnostics.size(), 1);
    QVERIFY(result.diagnostics.first().message.contains(QStringLiteral("at most")));

    // From a file: refused by its size before it is read.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("huge.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(yaml), yaml.size());
    file.close();
    const DrillLoadResult fromFile = DrillReader::loadFile(path);
    QCOMPARE(fromFile.diagnostics.size(), 1);
    QCOMPARE(fromFile.diagnostics.first().toString(),
        path
            + QStringLiteral(": the file is %1 bytes; a drill is at most 4194304 bytes")
                  .arg(yaml.size()));
    // A device says size 0 and never ends: the read itself stops at the limit.
    const DrillLoadResult endless = DrillReader::loadFile(QStringLiteral("/dev/zero"));
    QCOMPARE(endless.diagnostics.size(), 1);
    QCOMPARE(endless.diagnostics.first().message,
        QStringLiteral("the file is larger than 4194304 bytes; a drill is at most that large"));
}

QTEST_GUILESS_MAIN(tst_DrillReader)
#include "tst_drillreader.moc"
