#include "configcheck.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Console;

namespace {

const QString SourceDir = QStringLiteral(CONSOLE_SOURCE_DIR);

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
    run.exitCode = runConfigCheck(path, out, err);
    out.flush();
    err.flush();
    return run;
}

} // namespace

class tst_ConfigCheck final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void summarisesGoodFile();
    void countsBreakersEndpoints();
    void listsEveryDiagnostic();
    void reportsUnreadableFile();
    void reportsMissingVariable();
};

void tst_ConfigCheck::initTestCase()
{
    qputenv("SUPABASE_ANON_KEY", "anon-key-for-check");
    qputenv("PGPASSWORD", "pg-password-for-check");
}

void tst_ConfigCheck::cleanupTestCase()
{
    qunsetenv("SUPABASE_ANON_KEY");
    qunsetenv("PGPASSWORD");
}

void tst_ConfigCheck::summarisesGoodFile()
{
    const QString path = SourceDir + u"/resources/examples/multi-region.yaml";
    const CheckRun run = check(path);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QString());
    QCOMPARE(run.out,
        path + u": OK \u2014 3 regions (primary us-east), 8 endpoints (5 http, 3 postgres)\n");
}

void tst_ConfigCheck::countsBreakersEndpoints()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("breakers.yaml"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        "regions:\n"
        "  - id: r1\n"
        "    latitude: 1\n"
        "    longitude: 2\n"
        "    role: primary\n"
        "    endpoints:\n"
        "      - { id: web, kind: http, url: \"http://127.0.0.1/\" }\n"
        "      - { id: db, kind: postgres, connection: host=db }\n"
        "      - { id: app, kind: breakers, format: actuator, url: \"http://127.0.0.1/a\" }\n"
        "      - { id: gw, kind: breakers, format: actuator-health, url: "
        "\"http://127.0.0.1/h\" }\n");
    file.close();
    const CheckRun run = check(path);
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.out,
        path
            + u": OK \u2014 1 region (primary r1), 4 endpoints (1 http, 1 postgres, 2 breakers)\n");
}

void tst_ConfigCheck::listsEveryDiagnostic()
{
    const QString path = SourceDir + u"/tests/services/config/data/broken.yaml";
    const CheckRun run = check(path);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QString());
    const QStringList lines = run.err.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 10);
    static const QRegularExpression format(
        u"^" + QRegularExpression::escape(path) + u":(\\d+):(\\d+): \\S.*$");
    QStringList positions;
    for (const QString &line : lines) {
        const QRegularExpressionMatch match = format.match(line);
        QVERIFY2(match.hasMatch(), qPrintable(line));
        positions += match.captured(1) + u':' + match.captured(2);
    }
    const QStringList expected { QStringLiteral("7:25"), QStringLiteral("8:25"),
        QStringLiteral("12:15"), QStringLiteral("18:14"), QStringLiteral("19:9"),
        QStringLiteral("22:21"), QStringLiteral("26:11"), QStringLiteral("28:13"),
        QStringLiteral("31:18"), QStringLiteral("32:26") };
    QCOMPARE(positions, expected);
    QVERIFY(
        lines.at(4).endsWith(u"unknown key \"intervall\" in endpoint; did you mean \"interval\"?"));
}

void tst_ConfigCheck::reportsUnreadableFile()
{
    const QString path = SourceDir + u"/tests/services/config/data/no-such-file.yaml";
    const CheckRun run = check(path);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QString());
    QVERIFY2(run.err.startsWith(path + u": cannot read the file: "), qPrintable(run.err));
    QCOMPARE(run.err.count(u'\n'), 1);
}

void tst_ConfigCheck::reportsMissingVariable()
{
    qunsetenv("PGPASSWORD");
    const CheckRun run = check(SourceDir + u"/resources/examples/multi-region.yaml");
    qputenv("PGPASSWORD", "pg-password-for-check");
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QString());
    // The three postgres endpoints each name the variable; the anon key never appears.
    QCOMPARE(run.err.count(u"environment variable \"PGPASSWORD\" is not set"), 3);
    QVERIFY(!run.err.contains(u"anon-key-for-check"));
}

QTEST_GUILESS_MAIN(tst_ConfigCheck)
#include "tst_configcheck.moc"
