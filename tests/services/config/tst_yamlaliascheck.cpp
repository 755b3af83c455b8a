#include "configlimits.h"
#include "configloader.h"

#include <QTest>

using namespace Console;

namespace {

// One primary region whose endpoint list, from line 7, is `endpoints`.
QByteArray regionDoc(const QByteArray &endpoints)
{
    return "regions:\n"
           "  - id: r1\n"
           "    latitude: 1\n"
           "    longitude: 2\n"
           "    role: primary\n"
           "    endpoints:\n"
        + endpoints;
}

// `count` endpoints that share the header mapping `headers` through an alias.
QByteArray sharedHeaders(int count, int headers)
{
    QByteArray map = "{";
    for (int i = 0; i < headers; ++i)
        map += (i ? ", h" : "h") + QByteArray::number(i) + ": v";
    map += "}";
    QByteArray doc;
    for (int i = 0; i < count; ++i) {
        doc += "      - { id: e" + QByteArray::number(i)
            + ", kind: http, url: \"http://127.0.0.1:8080/\", interval: 10s, headers: "
            + (i == 0 ? "&shared " + map : QByteArray("*shared")) + " }\n";
    }
    return doc;
}

QString allMessages(const ConfigLoadResult &result)
{
    QStringList lines;
    for (const ConfigDiagnostic &d : result.diagnostics)
        lines += d.toString();
    return lines.join(u'\n');
}

} // namespace

// YAML aliases repeat a node without repeating its text: the loader bounds what they may add,
// and refuses an alias inside the node it names, before any reader walks the document.
class tst_YamlAliasCheck final : public QObject
{
    Q_OBJECT

private slots:
    void sharedHeadersLoad();
    void refusesRepetitionPastTheLimit();
    void refusesNestedRepetitionEarly();
    void refusesAliasInsideItsOwnNode();
};

void tst_YamlAliasCheck::sharedHeadersLoad()
{
    // Within the limit, aliases keep working as YAML says.
    const ConfigLoadResult result
        = ConfigLoader::loadString(regionDoc(sharedHeaders(100, 5)), QStringLiteral("case.yaml"));
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    QCOMPARE(result.config->regions.first().endpoints.size(), 100);
    QCOMPARE(result.config->regions.first().endpoints.last().http.headers.size(), 5);
}

void tst_YamlAliasCheck::refusesRepetitionPastTheLimit()
{
    // 400 endpoints sharing 300 headers: 8 KiB of text that the readers would walk as 240,000
    // values. Each alias repeats 601 values (the mapping, 300 keys and 300 values), so the limit
    // is crossed at alias number 167 (166 * 600 < 100,000 < 167 * 600), endpoint e167 on line 174.
    static_assert(ConfigLimits::MaxAliasedValues == 100'000);
    const ConfigLoadResult result
        = ConfigLoader::loadString(regionDoc(sharedHeaders(400, 300)), QStringLiteral("case.yaml"));
    QVERIFY(!result.ok());
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    const ConfigDiagnostic &d = result.diagnostics.first();
    QCOMPARE(d.message,
        u"YAML aliases: the aliases repeat more than 100000 values (this *shared repeats 601); "
        u"write the repeated parts out");
    QCOMPARE(d.line, 7 + 167);
    QVERIFY2(d.column > 1, qPrintable(d.toString()));
}

void tst_YamlAliasCheck::refusesNestedRepetitionEarly()
{
    // "Billion laughs": nine levels of ten aliases each stand for 10^9 values in 300 bytes.
    QByteArray levels = "            - &l0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int level = 1; level < 9; ++level) {
        const QByteArray previous = "*l" + QByteArray::number(level - 1);
        levels += "            - &l" + QByteArray::number(level) + " [" + previous;
        for (int i = 1; i < 10; ++i)
            levels += ", " + previous;
        levels += "]\n";
    }
    const QByteArray doc = regionDoc("      - id: e1\n"
                                     "        kind: http\n"
                                     "        url: http://127.0.0.1:8080/\n"
                                     "        expect_json:\n"
                                     "          laughs:\n"
        + levels);
    const ConfigLoadResult result = ConfigLoader::loadString(doc, QStringLiteral("case.yaml"));
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    // Level n stands for 11...1 (n + 2 ones) values. Levels 1-3 add 12,300; each alias of l3
    // adds 11,110 more, so the eighth one on level 4 crosses the limit, long before 10^9.
    QVERIFY2(result.diagnostics.first().message.contains(u"this *l3 repeats 11111)"),
        qPrintable(allMessages(result)));
    QCOMPARE(result.diagnostics.first().line, 12 + 4);
    QCOMPARE(result.diagnostics.first().column, 20 + 7 * 5); // the eighth "*l3" on the line
}

void tst_YamlAliasCheck::refusesAliasInsideItsOwnNode()
{
    const QByteArray doc = "regions:\n"
                           "  - &region\n"
                           "    id: r1\n"
                           "    latitude: 1\n"
                           "    longitude: 2\n"
                           "    role: primary\n"
                           "    endpoints:\n"
                           "      - *region\n";
    const ConfigLoadResult result = ConfigLoader::loadString(doc, QStringLiteral("case.yaml"));
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    const ConfigDiagnostic &d = result.diagnostics.first();
    QCOMPARE(d.message,
        u"YAML aliases: the alias *region is inside the node it names, so it would repeat "
        u"without end");
    QCOMPARE(d.line, 8);
    QCOMPARE(d.column, 9);
}

QTEST_GUILESS_MAIN(tst_YamlAliasCheck)
#include "tst_yamlaliascheck.moc"
