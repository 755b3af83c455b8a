#include "configlimits.h"
#include "configloader.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Console;
using namespace Qt::StringLiterals;

namespace {

// One primary region (lines 1-5) whose endpoints start on line 6; `endpoint` is appended as its
// first endpoint, so its first key is on line 7.
QByteArray regionDoc(const QByteArray &regionExtra = {}, const QByteArray &endpointExtra = {})
{
    return "regions:\n"
           "  - id: r1\n"
           "    latitude: 1\n"
           "    longitude: 2\n"
           "    role: primary\n"
        + regionExtra
        + "    endpoints:\n"
          "      - id: e1\n"
          "        kind: http\n"
          "        url: http://127.0.0.1:8080/health\n"
        + endpointExtra;
}

// `regions` primary-less regions after one primary, each with `perRegion` endpoints.
QByteArray manyEndpoints(int regions, int perRegion, const QByteArray &interval = "1s")
{
    QByteArray doc = "regions:\n";
    int serial = 0;
    for (int r = 0; r < regions; ++r) {
        doc += "  - id: r" + QByteArray::number(r) + "\n    latitude: 1\n    longitude: 2\n"
            + (r == 0 ? "    role: primary\n" : "    role: standby\n") + "    endpoints:\n";
        for (int e = 0; e < perRegion; ++e) {
            doc += "      - { id: e" + QByteArray::number(serial++)
                + ", kind: http, url: \"http://127.0.0.1:8080/\", interval: " + interval
                + ", timeout: 50ms }\n";
        }
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

// The limits that keep an absurd configuration from hanging the window or eating the memory:
// each is reported once, at its position.
class tst_ConfigLimits final : public QObject
{
    Q_OBJECT

private slots:
    void reportsLimit_data();
    void reportsLimit();
    void acceptsValuesAtTheLimits();
    void refusesHugeFileBeforeParsing();
    void refusesHugeString();
    void tooManyEndpointsReportedOnce();
    void probeRateIsBounded();
    void diagnosticsAreCapped();
};

void tst_ConfigLimits::reportsLimit_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    QTest::newRow("region name too long")
        << regionDoc("    name: " + QByteArray(201, 'n') + "\n") << 6 << 11
        << u"\"name\" is 201 characters long; at most 200 are allowed"_s;
    QTest::newRow("region id far too long")
        << regionDoc().replace("id: r1", QByteArray("id: " + QByteArray(3 * 1024 * 1024, 'r'))) << 2
        << 9 << u"\"id\" is 3145728 bytes long; at most 200 characters are allowed"_s;
    QTest::newRow("endpoint name too long")
        << regionDoc({}, "        name: " + QByteArray(300, 'x') + "\n") << 10 << 15
        << u"\"name\" is 300 characters long; at most 200 are allowed"_s;
    QTest::newRow("value too long")
        << regionDoc({}, "        headers: { X-A: " + QByteArray(70000, 'v') + " }\n") << 10 << 25
        << u"\"X-A\" is 70000 characters long; at most 65536 are allowed"_s;
    QTest::newRow("key too long") << regionDoc({}, "        " + QByteArray(1000, 'k') + ": 1\n")
                                  << 10 << 9 << u"(1000 characters) in endpoint"_s;
    QTest::newRow("interval of 2 ms")
        << regionDoc({}, "        interval: 2ms\n        timeout: 20ms\n") << 10 << 19
        << u"\"interval\" must be at least 100ms, not 2ms"_s;
    QTest::newRow("timeout of 5 ms") << regionDoc({}, "        timeout: 5ms\n") << 10 << 18
                                     << u"\"timeout\" must be at least 10ms, not 5ms"_s;
    QTest::newRow("console interval of 50 ms")
        << "console:\n  probe_interval: 50ms\n  probe_timeout: 20ms\n" + regionDoc() << 2 << 19
        << u"\"probe_interval\" must be at least 100ms, not 50ms"_s;
    QTest::newRow("recovery_successes at int max")
        << "detection:\n  recovery_successes: 2147483647\n" + regionDoc() << 2 << 23
        << u"\"recovery_successes\" must be between 1 and 100, not \"2147483647\""_s;
    QTest::newRow("consecutive_failures 101") << "detection:\n  consecutive_failures: 101\n"
            + regionDoc() << 2 << 25 << u"\"consecutive_failures\" must be between 1 and 100"_s;
    QTest::newRow("failure_threshold 1000") << "circuit_breaker:\n  failure_threshold: 1000\n"
            + regionDoc() << 2 << 22 << u"\"failure_threshold\" must be between 1 and 100"_s;
    QTest::newRow("half_open_requests 500") << "circuit_breaker:\n  half_open_requests: 500\n"
            + regionDoc() << 2 << 23 << u"\"half_open_requests\" must be between 1 and 100"_s;
    // Past an int: once "must be a whole number".
    QTest::newRow("whole number too large")
        << "circuit_breaker:\n  failure_threshold: 99999999999\n" + regionDoc() << 2 << 22
        << u"\"99999999999\" is too large for \"failure_threshold\" (at most 100)"_s;
    QTest::newRow("whole number too small")
        << regionDoc("    failover_priority: -99999999999\n") << 6 << 24
        << u"\"-99999999999\" is too small for \"failover_priority\" (at least -1000)"_s;
    QTest::newRow("max_body 1000GiB") << regionDoc({}, "        max_body: 1000GiB\n") << 10 << 19
                                      << u"\"max_body\" must be at most 64.0 MiB"_s;
}

void tst_ConfigLimits::reportsLimit()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, u"case.yaml"_s);
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    const ConfigDiagnostic &d = result.diagnostics.first();
    QVERIFY2(d.message.contains(message), qPrintable(d.toString()));
    QVERIFY2(d.message.size() < 300, "a diagnostic never quotes a huge value");
    QCOMPARE(d.line, line);
    QCOMPARE(d.column, column);
}

void tst_ConfigLimits::acceptsValuesAtTheLimits()
{
    const QByteArray doc = "detection:\n  recovery_successes: 100\n  consecutive_failures: 100\n"
                           "circuit_breaker:\n  failure_threshold: 100\n  half_open_requests: 100\n"
        + regionDoc("    name: " + QByteArray(200, 'n') + "\n",
            "        interval: 100ms\n        timeout: 10ms\n        max_body: 64MiB\n");
    const ConfigLoadResult result = ConfigLoader::loadString(doc, u"edge.yaml"_s);
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    QCOMPARE(result.config->regions.first().name.size(), 200);
    QCOMPARE(result.config->regions.first().endpoints.first().http.maxBodyBytes, 64 << 20);
}

void tst_ConfigLimits::refusesHugeFileBeforeParsing()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"huge.yaml"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    // Valid YAML all the way: the size alone is the problem.
    const QByteArray line = "# padding padding padding padding padding padding padding padding\n";
    const qint64 lines = ConfigLimits::MaxFileBytes / line.size() + 1;
    for (qint64 i = 0; i < lines; ++i)
        QVERIFY(file.write(line) == line.size());
    file.close();
    const ConfigLoadResult result = ConfigLoader::loadFile(path);
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    const ConfigDiagnostic &d = result.diagnostics.first();
    QCOMPARE(d.file, path);
    QCOMPARE(d.line, 0);
    QCOMPARE(d.toString(),
        path
            + u": the file is %1 bytes; a configuration is at most 4194304 bytes"_s.arg(
                lines * line.size()));
}

void tst_ConfigLimits::refusesHugeString()
{
    const QByteArray doc = regionDoc() + QByteArray(ConfigLimits::MaxFileBytes, '#');
    const ConfigLoadResult result = ConfigLoader::loadString(doc, u"big.yaml"_s);
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    QVERIFY(result.diagnostics.first().toString().startsWith(u"big.yaml: the file is "_s));
}

void tst_ConfigLimits::tooManyEndpointsReportedOnce()
{
    // 3 regions of 2,000: the 5,001st endpoint is the 1,001st of the third region. Each region
    // takes 5 lines plus one per endpoint after the "regions:" line, so it sits on line
    // 1 + 2 * 2005 + 5 + 1001.
    const ConfigLoadResult result
        = ConfigLoader::loadString(manyEndpoints(3, 2000), u"many.yaml"_s);
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    const ConfigDiagnostic &d = result.diagnostics.first();
    QCOMPARE(d.message,
        u"too many endpoints: the file has 6000, at most 5000 can be probed (this is number 5001)"_s);
    QCOMPARE(d.line, 1 + 2 * 2005 + 5 + 1001);
    QCOMPARE(d.column, 9);
}

void tst_ConfigLimits::probeRateIsBounded()
{
    QVERIFY(ConfigLoader::loadString(manyEndpoints(2, 2500), u"ok.yaml"_s).ok());
    // 1,000 endpoints probed every 100 ms: 10,000 probes a second.
    const ConfigLoadResult result
        = ConfigLoader::loadString(manyEndpoints(2, 500, "100ms"), u"fast.yaml"_s);
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    QCOMPARE(result.diagnostics.first().message,
        u"the endpoints would be probed 10000 times a second, at most 5000 can be; lengthen "
        "their intervals"_s);
    QCOMPARE(result.diagnostics.first().line, 1);
}

void tst_ConfigLimits::diagnosticsAreCapped()
{
    QByteArray junk;
    for (int i = 0; i < 250; ++i)
        junk += "        junk" + QByteArray::number(i) + ": 1\n";
    const ConfigLoadResult result = ConfigLoader::loadString(regionDoc({}, junk), u"junk.yaml"_s);
    QCOMPARE(result.diagnostics.size(), ConfigLimits::MaxDiagnostics + 1);
    QCOMPARE(result.diagnostics.last().toString(),
        u"junk.yaml: 150 more problem(s) not listed; fix the ones above first"_s);
}

QTEST_GUILESS_MAIN(tst_ConfigLimits)
#include "tst_configlimits.moc"
