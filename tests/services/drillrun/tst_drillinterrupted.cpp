#include "consoleengine.h"
#include "drillreader.h"
#include "drillrunner.h"
#include "journal.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Console;
using namespace Qt::StringLiterals;

// A console killed with SIGKILL in the middle of a drill: the next console shows the drill as
// interrupted, with the step it was in, and can run its rollback.
class tst_DrillInterrupted final : public QObject
{
    Q_OBJECT

private slots:
    void killedDrillIsShownAndRolledBack();
};

void tst_DrillInterrupted::killedDrillIsShownAndRolledBack()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString drillFile = dir.filePath(u"long-pause.yaml"_s);
    const QString journalFile = dir.filePath(u"journal.sqlite"_s);
    {
        QFile file(drillFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("drill:\n"
                   "  id: long-pause\n"
                   "  name: Long pause\n"
                   "  type: chaos\n"
                   "  hypothesis: a lagging standby is seen as lagging\n"
                   "  steps:\n"
                   "    - fault: lag\n"
                   "      region: \"{standby}\"\n"
                   "    - pause: 10m\n"
                   "      id: hold\n"
                   "  rollback:\n"
                   "    - fault: restore\n"
                   "      region: \"{standby}\"\n"
                   "      id: mend\n");
    }

    QProcess console;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DISPLAY"_s);
    console.setProcessEnvironment(env);
    console.setReadChannel(QProcess::StandardOutput);
    console.start(QStringLiteral(CONSOLE_EXECUTABLE),
        { u"--headless"_s, u"--demo"_s, u"--journal"_s, journalFile, u"--drill"_s, drillFile });
    QVERIFY(console.waitForStarted(5000));
    // Kill it once the drill is holding in its pause, after the fault went in.
    bool holding = false;
    QElapsedTimer waited;
    waited.start();
    while (!holding && waited.elapsed() < 30000) {
        if (!console.canReadLine() && !console.waitForReadyRead(500))
            continue;
        while (console.canReadLine() && !holding) {
            // One JSON object per event, its fields beside the envelope.
            const QJsonObject event = QJsonDocument::fromJson(console.readLine()).object();
            holding = event.value(u"kind"_s).toString() == u"drill-step"
                && event.value(u"step"_s).toString() == u"hold"
                && event.value(u"state"_s).toString() == u"running";
        }
    }
    QVERIFY2(holding, qPrintable(QString::fromUtf8(console.readAllStandardError())));
    console.kill(); // SIGKILL: no handler, no clean-up
    QVERIFY(console.waitForFinished(5000));
    QCOMPARE(console.exitStatus(), QProcess::CrashExit);

    // The next console finds the drill open, and marks it interrupted.
    ConsoleEngine engine;
    QVERIFY(engine.startDemo());
    QVERIFY(engine.setJournalPath(journalFile));
    engine.start();
    Journal *journal = engine.journal();
    std::optional<JournalRun> interrupted;
    for (const JournalRun &run : journal->runs())
        if (run.kind == u"drill")
            interrupted = run;
    QVERIFY(interrupted);
    QCOMPARE(interrupted->outcome, u"interrupted"_s);
    QCOMPARE(interrupted->figures.value(u"drill_id"_s).toString(), u"long-pause"_s);
    QCOMPARE(interrupted->figures.value(u"standby_region"_s).toString(), u"eu-west"_s);
    // Its journal shows where it stopped: the fault passed, the pause running, no rollback.
    QStringList steps;
    for (const JournalEntry &entry : journal->entries(interrupted->id)) {
        if (entry.category == u"step")
            steps << entry.name + u' ' + entry.status;
    }
    QCOMPARE(steps.last(), u"hold running"_s);
    QVERIFY2(steps.size() >= 3 && steps.at(steps.size() - 2).endsWith(u" passed"_s),
        qPrintable(steps.join(u", "_s)));
    QVERIFY(!steps.join(u',').contains(u"mend"_s));

    // Its rollback runs as a run of its own that names the one it recovers.
    const DrillLoadResult loaded = DrillReader::loadFile(drillFile);
    QVERIFY(loaded.ok());
    DrillRunner runner(&engine);
    QSignalSpy finished(&runner, &DrillRunner::finished);
    QString error;
    QVERIFY2(
        runner.startRecovery(*interrupted, *loaded.drill, u"tester"_s, &error), qPrintable(error));
    QVERIFY(finished.wait(20000));
    const DrillResult result = *runner.lastResult();
    QCOMPARE(toString(result.outcome), u"rolled-back"_s);
    QCOMPARE(result.steps.size(), 1);
    QCOMPARE(result.steps.constFirst().id, u"mend"_s);
    QCOMPARE(toString(result.steps.constFirst().state), u"passed"_s);
    const std::optional<JournalRun> recovery = journal->run(result.runId);
    QCOMPARE(recovery->mode, u"recovery"_s);
    QCOMPARE(recovery->figures.value(u"recovers_run"_s).toLongLong(), interrupted->id);
}

QTEST_GUILESS_MAIN(tst_DrillInterrupted)
#include "tst_drillinterrupted.moc"
