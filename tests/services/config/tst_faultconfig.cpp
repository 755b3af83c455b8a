#include "configloader.h"

#include <QStandardPaths>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

namespace {

// One primary region whose admin mapping is on line 10; faultsDoc() appends lines from line 11,
// indented by 6 (column 7).
QByteArray regionDoc()
{
    return "regions:\n"
           "  - id: lab-primary\n"
           "    latitude: 1\n"
           "    longitude: 2\n"
           "    role: primary\n"
           "    endpoints:\n"
           "      - id: e1\n"
           "        kind: http\n"
           "        url: http://127.0.0.1:8080/health\n"
           "    admin:\n";
}

QByteArray faultsDoc(const QByteArray &lines)
{
    return regionDoc() + "      faults:\n" + lines;
}

QString allMessages(const ConfigLoadResult &result)
{
    QStringList lines;
    for (const ConfigDiagnostic &d : result.diagnostics)
        lines += d.toString();
    return lines.join(u'\n');
}

} // namespace

// A region's admin.faults: fault names mapped to the actions drills run to break and restore it.
class tst_FaultConfig final : public QObject
{
    Q_OBJECT

private slots:
    void readsFaults();
    void emptyFaults();
    void reportsEachError_data();
    void reportsEachError();
};

void tst_FaultConfig::readsFaults()
{
    const ConfigLoadResult result = ConfigLoader::loadString(
        faultsDoc("        down:\n"
                  "          kind: command\n"
                  "          command: [sh, -c, \"kill {region}\"]\n"
                  "          timeout: 45s\n"
                  "        dns-failure:\n"
                  "          id: break-dns\n"
                  "          kind: http\n"
                  "          url: \"http://127.0.0.1:9/faults/{target_region}/dns\"\n"
                  "          body: \"{target_name}: {message}\"\n"
                  "          method: PUT\n"
                  "        restore: { kind: command, command: [sh, -c, \"true\"] }\n"),
        QStringLiteral("faults.yaml"));
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    const QMap<QString, ActionConfig> &faults = result.config->regions.at(0).admin.faults;
    QCOMPARE(faults.keys(),
        QStringList(
            { QStringLiteral("dns-failure"), QStringLiteral("down"), QStringLiteral("restore") }));

    const ActionConfig &down = faults.value(QStringLiteral("down"));
    QCOMPARE(down.id, u"lab-primary.faults.down");
    QCOMPARE(toString(down.kind), u"command");
    QCOMPARE(down.timeout, 45000ms);
    QCOMPARE(down.command,
        QStringList({ QStandardPaths::findExecutable(QStringLiteral("sh")), QStringLiteral("-c"),
            QStringLiteral("kill {region}") }));

    const ActionConfig &dns = faults.value(QStringLiteral("dns-failure"));
    QCOMPARE(dns.id, u"break-dns");
    QCOMPARE(toString(dns.kind), u"http");
    QCOMPARE(dns.url, u"http://127.0.0.1:9/faults/{target_region}/dns");
    QCOMPARE(dns.method, "PUT");

    QCOMPARE(faults.value(QStringLiteral("restore")).id, u"lab-primary.faults.restore");
    QCOMPARE(faults.value(QStringLiteral("restore")).timeout, 30000ms);
}

void tst_FaultConfig::emptyFaults()
{
    const ConfigLoadResult result
        = ConfigLoader::loadString(faultsDoc({}), QStringLiteral("empty.yaml"));
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    QVERIFY(result.config->regions.at(0).admin.faults.isEmpty());
}

void tst_FaultConfig::reportsEachError_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    const QByteArray command = " { kind: command, command: [sh] }\n";
    QTest::newRow("not a mapping")
        << regionDoc() + "      faults: [down, restore]\n"
        << 11 << 15 << QStringLiteral("expected a mapping of keys to values in faults, not a list");
    QTest::newRow("upper-case name")
        << faultsDoc("        Down:" + command) << 12 << 9
        << QStringLiteral("invalid fault name \"Down\": use lowercase letters, digits and \"-\"");
    QTest::newRow("underscore in name") << faultsDoc("        dns_failure:" + command) << 12 << 9
                                        << QStringLiteral("invalid fault name \"dns_failure\"");
    QTest::newRow("repeated name")
        << faultsDoc("        down:" + command + "        down:" + command) << 13 << 9
        << QStringLiteral("key \"down\" appears twice in faults");
    QTest::newRow("action not a mapping")
        << faultsDoc("        down: crash\n") << 12 << 15
        << QStringLiteral("expected a mapping of keys to values in action, not a single value");
    QTest::newRow("action without kind")
        << faultsDoc("        down:\n          command: [sh]\n") << 13 << 11
        << QStringLiteral("action \"lab-primary.faults.down\" is missing required key \"kind\"");
    QTest::newRow("sql is no kind") << faultsDoc("        down:\n          kind: sql\n") << 13 << 17
                                    << QStringLiteral("unknown kind \"sql\"");
    QTest::newRow("unknown template")
        << faultsDoc("        down:\n          kind: command\n"
                     "          command: [sh, -c, \"kill {node}\"]\n")
        << 14 << 29 << QStringLiteral("unknown template \"{node}\" in \"command\"");
    QTest::newRow("template a drill does not fill")
        << faultsDoc("        down:\n          kind: http\n"
                     "          url: \"http://127.0.0.1:9/{region}\"\n"
                     "          body: \"{old_primary_region} {run_id} {message}\"\n")
        << 12 << 9
        << QStringLiteral("fault \"down\" uses {old_primary_region}, {run_id}, which a drill "
                          "does not fill");
    QTest::newRow("foreign key") << faultsDoc(
        "        slow:\n          kind: command\n          command: [sh]\n"
        "          url: http://127.0.0.1:9/\n")
                                 << 15 << 11
                                 << QStringLiteral("\"url\" does not apply to a command action");
}

void tst_FaultConfig::reportsEachError()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("case.yaml"));
    QVERIFY(!result.ok());
    // Exactly one problem: one mistake must not cascade into noise.
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    const ConfigDiagnostic &d = result.diagnostics.first();
    QVERIFY2(d.message.contains(message), qPrintable(d.toString()));
    QCOMPARE(d.line, line);
    QCOMPARE(d.column, column);
}

QTEST_GUILESS_MAIN(tst_FaultConfig)
#include "tst_faultconfig.moc"
