#include "drillcatalog.h"
#include "drillreader.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Console;

namespace {

bool write(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

QByteArray drill(const QByteArray &id, const QByteArray &name, const QByteArray &type)
{
    return "drill:\n  id: " + id + "\n  name: " + name + "\n  type: " + type
        + "\n  steps:\n    - wait_for: all-healthy\n";
}

QString joined(const QList<ConfigDiagnostic> &diagnostics)
{
    QStringList lines;
    for (const ConfigDiagnostic &diagnostic : diagnostics)
        lines += diagnostic.toString();
    return lines.join(u'\n');
}

const QStringList BuiltInIds
    = { QStringLiteral("assessment"), QStringLiteral("chaos-connection-refusal"),
          QStringLiteral("chaos-dns-failure"), QStringLiteral("chaos-expired-certificate"),
          QStringLiteral("chaos-node-freeze"), QStringLiteral("chaos-primary-latency"),
          QStringLiteral("chaos-replica-lag"), QStringLiteral("controlled-failover"),
          QStringLiteral("health-check"), QStringLiteral("synthetic-failover") };

} // namespace

class tst_DrillCatalog final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void builtInsLoadClean_data();
    void builtInsLoadClean();
    void builtInsListed();
    void builtInShapes();
    void userFolderKeepsGoodAndBrokenApart();
    void duplicateIdReportedAtTheLaterOne();
    void defaultUserFolder();
};

void tst_DrillCatalog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void tst_DrillCatalog::builtInsLoadClean_data()
{
    QTest::addColumn<QString>("path");
    const QStringList files
        = QDir(DrillCatalog::builtInFolder()).entryList({ QStringLiteral("*.yaml") });
    QCOMPARE(files.size(), BuiltInIds.size());
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << DrillCatalog::builtInFolder() + u'/' + file;
}

void tst_DrillCatalog::builtInsLoadClean()
{
    QFETCH(QString, path);
    const DrillLoadResult result = DrillReader::loadFile(path);
    QVERIFY2(result.ok(), qPrintable(joined(result.diagnostics)));
    QCOMPARE(result.drill->sourceFile, path);
    // The file is named after its drill.
    QCOMPARE(result.drill->id + QStringLiteral(".yaml"), QFileInfo(path).fileName());
    QVERIFY(!result.drill->purpose.isEmpty());
    QVERIFY(result.drill->every.has_value());
}

void tst_DrillCatalog::builtInsListed()
{
    DrillCatalog catalog;
    catalog.setUserFolders({});
    catalog.load();
    QVERIFY2(catalog.diagnostics().isEmpty(), qPrintable(joined(catalog.diagnostics())));
    QStringList ids;
    for (const DrillDefinition &d : catalog.drills())
        ids += d.id;
    QStringList sorted = ids;
    sorted.sort();
    QCOMPARE(sorted, BuiltInIds);
    // By type, then name.
    const QList<DrillDefinition> drills = catalog.drills();
    for (qsizetype i = 1; i < drills.size(); ++i) {
        const DrillDefinition &a = drills.at(i - 1);
        const DrillDefinition &b = drills.at(i);
        QVERIFY(a.type < b.type || (a.type == b.type && a.name.localeAwareCompare(b.name) <= 0));
    }
    QCOMPARE(drills.first().id, QStringLiteral("health-check"));
    QCOMPARE(drills.last().id, QStringLiteral("assessment"));
    QVERIFY(catalog.drill(QStringLiteral("synthetic-failover")));
    QVERIFY(!catalog.drill(QStringLiteral("no-such-drill")));
}

void tst_DrillCatalog::builtInShapes()
{
    DrillCatalog catalog;
    catalog.setUserFolders({});
    catalog.load();
    // Headless drills: nothing for an operator to tick or do.
    for (const QString &id :
        { QStringLiteral("health-check"), QStringLiteral("synthetic-failover") }) {
        const DrillDefinition *d = catalog.drill(id);
        QVERIFY(d);
        QVERIFY2(d->allAutomatic(), qPrintable(id));
    }
    const DrillDefinition *synthetic = catalog.drill(QStringLiteral("synthetic-failover"));
    QCOMPARE(toString(synthetic->type), toString(DrillType::Synthetic));
    QCOMPARE(
        synthetic->targets.rto, std::optional<std::chrono::milliseconds>(std::chrono::minutes(5)));
    QCOMPARE(synthetic->rollback.size(), 1);
    const DrillDefinition *controlled = catalog.drill(QStringLiteral("controlled-failover"));
    QCOMPARE(controlled->checklist.size(), 6);
    QVERIFY(!controlled->allAutomatic());
    for (const DrillDefinition &d : catalog.drills()) {
        if (d.type == DrillType::Chaos) {
            QVERIFY2(!d.hypothesis.isEmpty(), qPrintable(d.id));
            QVERIFY2(!d.rollback.isEmpty(), qPrintable(d.id));
        }
    }
    // A target is judged on what a measure step takes: one without it could never pass.
    for (const DrillDefinition &d : catalog.drills()) {
        QList<DrillFigure> measured;
        for (const DrillStep &step : d.steps) {
            if (step.kind == DrillStepKind::Measure)
                measured.append(step.figure);
        }
        const DrillTargets &t = d.targets;
        QVERIFY2(!t.rto || measured.contains(DrillFigure::Rto), qPrintable(d.id));
        QVERIFY2(!t.rpo || measured.contains(DrillFigure::Rpo), qPrintable(d.id));
        QVERIFY2(!t.errorRate || measured.contains(DrillFigure::ErrorRate), qPrintable(d.id));
        QVERIFY2(
            !t.falsePositives || measured.contains(DrillFigure::FalsePositives), qPrintable(d.id));
        QVERIFY2(!t.timeToDetect || measured.contains(DrillFigure::TimeToDetect), qPrintable(d.id));
    }
    const DrillDefinition *assessment = catalog.drill(QStringLiteral("assessment"));
    QCOMPARE(toString(assessment->type), toString(DrillType::Assessment));
    for (const DrillStep &step : assessment->steps)
        QCOMPARE(toString(step.kind), toString(DrillStepKind::Manual));
}

void tst_DrillCatalog::userFolderKeepsGoodAndBrokenApart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(write(
        dir.filePath(QStringLiteral("good.yaml")), drill("my-check", "My check", "health-check")));
    const QString broken = dir.filePath(QStringLiteral("broken.yaml"));
    QVERIFY(write(broken,
        "drill:\n  id: broken\n  name: Broken\n  type: synthetic\n  steps:\n    - measure: "
        "uptime\n"));
    QVERIFY(write(dir.filePath(QStringLiteral("notes.txt")), "not a drill"));

    DrillCatalog catalog;
    catalog.setUserFolders({ dir.path(), dir.filePath(QStringLiteral("missing")) });
    catalog.load();
    QVERIFY(catalog.drill(QStringLiteral("my-check")));
    QVERIFY(!catalog.drill(QStringLiteral("broken")));
    QCOMPARE(catalog.drills().size(), BuiltInIds.size() + 1);
    QCOMPARE(catalog.problems().size(), 1);
    QCOMPARE(catalog.problems().first().file, broken);
    const QList<ConfigDiagnostic> diagnostics = catalog.diagnostics();
    QCOMPARE(diagnostics.size(), 1);
    QCOMPARE(diagnostics.first().line, 6);
    QCOMPARE(diagnostics.first().column, 16);
    QVERIFY(diagnostics.first().message.startsWith(QStringLiteral("unknown figure \"uptime\"")));
}

void tst_DrillCatalog::duplicateIdReportedAtTheLaterOne()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(write(dir.filePath(QStringLiteral("a.yaml")), drill("mine", "Mine", "synthetic")));
    const QString second = dir.filePath(QStringLiteral("b.yaml"));
    QVERIFY(write(second, drill("mine", "Mine again", "synthetic")));
    const QString builtIn = dir.filePath(QStringLiteral("c.yaml"));
    QVERIFY(write(builtIn, drill("health-check", "Mine too", "health-check")));

    DrillCatalog catalog;
    catalog.setUserFolders({ dir.path() });
    catalog.load();
    QCOMPARE(catalog.drill(QStringLiteral("mine"))->name, QStringLiteral("Mine"));
    QCOMPARE(catalog.drill(QStringLiteral("health-check"))->sourceFile,
        QStringLiteral(":/drills/health-check.yaml"));
    const QList<ConfigDiagnostic> diagnostics = catalog.diagnostics();
    QCOMPARE(diagnostics.size(), 2);
    QCOMPARE(diagnostics.at(0).toString(),
        second + QStringLiteral(":2:7: duplicate drill id \"mine\" (also defined in ")
            + dir.filePath(QStringLiteral("a.yaml")) + QStringLiteral("); this file is left out"));
    QCOMPARE(diagnostics.at(1).file, builtIn);
    QVERIFY(diagnostics.at(1).message.contains(QStringLiteral(":/drills/health-check.yaml")));
}

void tst_DrillCatalog::defaultUserFolder()
{
    const DrillCatalog catalog;
    QCOMPARE(catalog.userFolders(), QStringList { DrillCatalog::defaultUserFolder() });
    QVERIFY(DrillCatalog::defaultUserFolder().endsWith(QStringLiteral("/drills")));
}

QTEST_GUILESS_MAIN(tst_DrillCatalog)
#include "tst_drillcatalog.moc"
