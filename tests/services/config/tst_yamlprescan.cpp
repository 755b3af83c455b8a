#include "configloader.h"
#include "yamlprescan.h"

#include <QTest>

using namespace Console;
using namespace Qt::StringLiterals;

namespace {

// `depth` mappings, each inside the one before.
QByteArray nestedMappings(int depth)
{
    QByteArray doc;
    for (int i = 0; i < depth; ++i)
        doc += QByteArray(i, ' ') + "k" + QByteArray::number(i) + ":\n";
    return doc;
}

QString allMessages(const ConfigLoadResult &result)
{
    QStringList lines;
    for (const ConfigDiagnostic &d : result.diagnostics)
        lines += d.toString();
    return lines.join(u'\n');
}

// A valid file but for line 3, where `nameLine` goes.
QByteArray regionWith(const QByteArray &nameLine)
{
    return "regions:\n"
           "  - id: r1\n"
        + nameLine
        + "    failover_priority: 2\"\n"
          "    latitude: 1\n"
          "    longitude: 2\n"
          "    role: primary\n"
          "    endpoints:\n"
          "      - { id: e1, kind: http, url: \"http://127.0.0.1:8080/\" }\n";
}

} // namespace

// The look at the raw text before yaml-cpp: unclosed quotes and deep nesting.
class tst_YamlPreScan final : public QObject
{
    Q_OBJECT

private slots:
    void check_data();
    void check();
    void loaderReportsUnclosedQuote();
    void loaderReportsDeepNesting();
};

void tst_YamlPreScan::check_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line"); // from 1; 0 when the text is fine
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    const QString none;
    QTest::newRow("plain") << "a: 1\nb: [x, \"y\"]\n"_ba << 0 << 0 << none;
    QTest::newRow("quote inside a plain scalar") << "a: say \"hi\nb: 2\n"_ba << 0 << 0 << none;
    QTest::newRow("quote in a comment") << "a: 1 # \"oops\nb: 2\n"_ba << 0 << 0 << none;
    QTest::newRow("hash inside a URL is no comment")
        << "a: http://x/#frag\"x\nb: 2\n"_ba << 0 << 0 << none;
    QTest::newRow("escaped quote") << "a: \"say \\\"hi\\\"\"\nb: 2\n"_ba << 0 << 0 << none;
    QTest::newRow("single quote escape") << "a: 'it''s'\nb: \"x\"\n"_ba << 0 << 0 << none;
    QTest::newRow("double quote inside single") << "a: 'say \"hi'\nb: 2\n"_ba << 0 << 0 << none;
    QTest::newRow("legal multi-line quoted")
        << "a:\n  b: \"one\n    two\n    three\"\n  c: 2\n"_ba << 0 << 0 << none;
    QTest::newRow("block scalar holds quotes")
        << "a: |\n  \"not a quote\n  b: 'neither\nc: 2\n"_ba << 0 << 0 << none;
    QTest::newRow("folded block with indicator") << "- >-\n  \"text\n- x\n"_ba << 0 << 0 << none;
    QTest::newRow("quoted key") << "\"a b\": 1\n'c': 2\n"_ba << 0 << 0 << none;
    QTest::newRow("tag before a quote") << "a: !!str \"1\"\nb: 2\n"_ba << 0 << 0 << none;
    QTest::newRow("sequence of quotes") << "- \"a\"\n- 'b'\n"_ba << 0 << 0 << none;
    QTest::newRow("64 levels") << nestedMappings(64) << 0 << 0 << none;
    QTest::newRow("CRLF") << "a: \"x\"\r\nb: 2\r\n"_ba << 0 << 0 << none;

    QTest::newRow("unclosed to the end")
        << "a: 1\nb: \"never closed\n"_ba << 2 << 4
        << u"unclosed double quote: the value that starts here runs on to the end of the file"_s;
    QTest::newRow("unclosed swallows the next key")
        << "a:\n  b: \"open\n  c: 2\n  d: \"x\"\n"_ba << 2 << 6
        << u"unclosed double quote: the value that starts here runs on into line 3, which "
           "reads like the next key"_s;
    QTest::newRow("unclosed swallows an outer key")
        << "a:\n  b: \"open\nc: 2\"\n"_ba << 2 << 6
        << u"unclosed double quote: the value that starts here runs on into line 3, which "
           "reads like the next key"_s;
    QTest::newRow("unclosed swallows a list entry")
        << "- id: \"a\n- id: b\"\n"_ba << 1 << 7
        << u"unclosed double quote: the value that starts here runs on into line 2, which "
           "reads like the next key"_s;
    QTest::newRow("unclosed single quote")
        << "a: 'open\nb: 2\n"_ba << 1 << 4
        << u"unclosed single quote: the value that starts here runs on into line 2, which "
           "reads like the next key"_s;
    QTest::newRow("column counts characters")
        << "é: \"open\n"_ba << 1 << 4 << u"unclosed double quote"_s;
    QTest::newRow("65 levels of mappings")
        << nestedMappings(65) << 65 << 65 << u"nested too deep: more than 64 levels"_s;
    QTest::newRow("deep flow") << "a: " + QByteArray(100, '[') << 1 << 67
                               << u"nested too deep: more than 64 levels"_s;
    QTest::newRow("deep dashes") << QByteArray("- ").repeated(100) + "x\n"
                                 << 1 << 129 << u"nested too deep: more than 64 levels"_s;
    QTest::newRow("64 levels of complex keys") << QByteArray("? ").repeated(64) + "x\n"
                                               << 0 << 0 << none;
    QTest::newRow("deep complex keys") << QByteArray("? ").repeated(100) + "x\n"
                                       << 1 << 129 << u"nested too deep: more than 64 levels"_s;
    QTest::newRow("deep mixed") << QByteArray("- ? ").repeated(50) + "x\n"
                                << 1 << 129 << u"nested too deep: more than 64 levels"_s;
}

void tst_YamlPreScan::check()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const std::optional<YamlPreScanProblem> problem = YamlPreScan::check(yaml);
    if (line == 0) {
        QVERIFY2(!problem, problem ? qPrintable(problem->message) : "");
        return;
    }
    QVERIFY(problem);
    QVERIFY2(problem->message.startsWith(message), qPrintable(problem->message));
    QCOMPARE(problem->line + 1, line);
    QCOMPARE(problem->column + 1, column);
}

void tst_YamlPreScan::loaderReportsUnclosedQuote()
{
    // Closed properly, the file is fine.
    QVERIFY(ConfigLoader::loadString(
        regionWith("    name: \"US East\"\n").replace("2\"\n", "2\n"), u"ok.yaml"_s)
                .ok());
    // yaml-cpp reads the name as "US East failover_priority: 2" and the file passes.
    const ConfigLoadResult result
        = ConfigLoader::loadString(regionWith("    name: \"US East\n"), u"quote.yaml"_s);
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    QCOMPARE(result.diagnostics.first().toString(),
        u"quote.yaml:3:11: YAML syntax error: unclosed double quote: the value that starts here "
        "runs on into line 4, which reads like the next key"_s);
}

void tst_YamlPreScan::loaderReportsDeepNesting()
{
    const ConfigLoadResult result
        = ConfigLoader::loadString("regions: " + QByteArray(5000, '[') + "\n", u"deep.yaml"_s);
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    QCOMPARE(result.diagnostics.first().toString(),
        u"deep.yaml:1:73: YAML syntax error: nested too deep: more than 64 levels"_s);
}

QTEST_GUILESS_MAIN(tst_YamlPreScan)
#include "tst_yamlprescan.moc"
