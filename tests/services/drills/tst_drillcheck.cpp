#include "drillcheck.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Console;

namespace {

struct CheckRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

CheckRun check(const QString &path)
{
    CheckRun run;
    QTextStream out(&run.out);
    QTextStream err(&run.err);
    run.exitCode = runFileCheck(path, out, err);
    out.flush();
    err.flush();
    return run;
}

bool write(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

} // namespace

class tst_DrillCheck final : public QObject
{
    Q_OBJECT

private slots:
    void summarisesGoodDrill();
    void summarisesBuiltIn();
    void listsEveryDiagnosticOfBrokenDrill();
    void configurationStillChecked();
    void unreadableFile();

private:
    QTemporaryDir m_dir;
};

void tst_DrillCheck::summarisesGoodDrill()
{
    const QString path = m_dir.filePath(QStringLiteral("good.yaml"));
    QVERIFY(write(path, R"(drill:
  id: one-step
  name: One step
  type: synthetic
  steps:
    - fault: down
      region: "{primary}"
  rollback:
    - fault: restore
      region: "{primary}"
)"));
    const CheckRun run = check(path);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QString());
    QCOMPARE(run.out,
        path + QStringLiteral(": drill 'one-step' (One step): 1 step, 1 rollback step, OK\n"));
}

void tst_DrillCheck::summarisesBuiltIn()
{
    const QString path = QStringLiteral(":/drills/synthetic-failover.yaml");
    const CheckRun run = check(path);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
        path
            + QStringLiteral(": drill 'synthetic-failover' (Synthetic failover): 18 steps, 1 "
                             "rollback step, OK\n"));
}

void tst_DrillCheck::listsEveryDiagnosticOfBrokenDrill()
{
    const QString path = m_dir.filePath(QStringLiteral("broken.yaml"));
    QVERIFY(write(path, R"(drill:
  id: broken
  name: Broken
  type: chaos
  steps:
    - wait_for: breaker-open
    - measure: uptime
)"));
    const CheckRun run = check(path);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QString());
    const QStringList lines = run.err.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).startsWith(path + QStringLiteral(":4:9: a chaos experiment needs")),
        qPrintable(run.err));
    QVERIFY2(lines.at(1).startsWith(path + QStringLiteral(":6:7: the condition \"breaker-open\"")),
        qPrintable(run.err));
    QVERIFY2(lines.at(2).startsWith(path + QStringLiteral(":7:16: unknown figure")),
        qPrintable(run.err));
}

void tst_DrillCheck::configurationStillChecked()
{
    const QString good = m_dir.filePath(QStringLiteral("config.yaml"));
    QVERIFY(write(good, R"(regions:
  - id: drill
    name: Drill region
    latitude: 50.1
    longitude: 8.7
    role: primary
    endpoints:
      - id: web
        kind: http
        url: http://localhost:8080/health
)"));
    const CheckRun run = check(good);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.startsWith(good + QStringLiteral(": OK")), qPrintable(run.out + run.err));

    const QString broken = m_dir.filePath(QStringLiteral("broken-config.yaml"));
    QVERIFY(write(broken, "regions: 3\n"));
    const CheckRun bad = check(broken);
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.startsWith(broken + QStringLiteral(":1:")), qPrintable(bad.err));
}

void tst_DrillCheck::unreadableFile()
{
    const QString path = m_dir.filePath(QStringLiteral("missing.yaml"));
    const CheckRun run = check(path);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.startsWith(path + QStringLiteral(": cannot read the file")));
}

QTEST_GUILESS_MAIN(tst_DrillCheck)
#include "tst_drillcheck.moc"
