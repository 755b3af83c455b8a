#include "configloader.h"
#include "configoverview.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

namespace {

const char SecretVariable[] = "FC_TST_FAILOVER_TOKEN";
const QString Secret = QStringLiteral("cf-Sup3r-s3cret-t0ken");
const QString InlineToken = QStringLiteral("inline-t0ken-written-in-the-file");

// A primary and a standby region; the standby's admin mapping starts on line 18 and its
// connection is line 19. adminDoc() appends lines from line 20, indented by 6 (column 7).
QByteArray regionsDoc()
{
    return "regions:\n"
           "  - id: us-east\n"
           "    latitude: 1\n"
           "    longitude: 2\n"
           "    role: primary\n"
           "    endpoints:\n"
           "      - id: e1\n"
           "        kind: http\n"
           "        url: http://127.0.0.1:8080/health\n"
           "  - id: eu-west\n"
           "    latitude: 1\n"
           "    longitude: 2\n"
           "    role: standby\n"
           "    endpoints:\n"
           "      - id: e2\n"
           "        kind: http\n"
           "        url: http://127.0.0.1:8081/health\n"
           "    admin:\n"
           "      connection: \"host=db user=postgres\"\n";
}

QByteArray adminDoc(const QByteArray &lines)
{
    return regionsDoc() + lines;
}

// The failover section first: its lines start on line 2, indented by 2 (column 3). An action
// entry of a list starts on line 3 with "    - " (column 7), its next keys on line 4.
QByteArray failoverDoc(const QByteArray &lines)
{
    return "failover:\n" + lines + regionsDoc();
}

// A traffic list holding one action whose first line is `first` (after "- ") and whose further
// lines are `rest` (each indented by 6).
QByteArray trafficDoc(const QByteArray &first, const QByteArray &rest)
{
    return failoverDoc("  traffic:\n    - " + first + "\n" + rest);
}

QString allMessages(const ConfigLoadResult &result)
{
    QStringList lines;
    for (const ConfigDiagnostic &d : result.diagnostics)
        lines += d.toString();
    return lines.join(u'\n');
}

QByteArray replaced(QByteArray doc, const QByteArray &before, const QByteArray &after)
{
    Q_ASSERT(doc.contains(before));
    return doc.replace(before, after);
}

} // namespace

class tst_FailoverConfig final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void readsFullSections();
    void appliesDefaults();
    void resolvesPaths();
    void readsEveryKind();
    void overviewExplainsButtons();
    void reportsEachError_data();
    void reportsEachError();
    void reportsDuplicateActionIds();
    void neverShowsSecrets();

private:
    QTemporaryDir m_dir;
};

void tst_FailoverConfig::initTestCase()
{
    qputenv(SecretVariable, Secret.toUtf8());
    QVERIFY(m_dir.isValid());
}

void tst_FailoverConfig::cleanupTestCase()
{
    qunsetenv(SecretVariable);
}

void tst_FailoverConfig::readsFullSections()
{
    const QByteArray yaml = R"(
failover:
  mode: automatic
  max_lag_on_failover: 2MiB
  max_lag_time_on_failover: 5s
  confirmation_probes: 4
  confirmation_spacing: 250ms
  cooldown: 0s
  step_timeout: 20s
  verify_timeout: 10s
  failback_healthy_for: 2m
  traffic:
    - id: dns-switch
      kind: cloudflare-dns
      timeout: 15s
      api_token: "${FC_TST_FAILOVER_TOKEN}"
      zone_id: 023e105f4ecef8ad9ca31a8372d0c353
      record_id: 372e67954025e0ba6aaa6d586b9e0b59
      record_name: db.example.com
      record_type: cname
      content: "db-{target_region}.example.com"
      ttl: 1
      proxied: true
    - kind: cloudflare-pool
      api_base: "http://127.0.0.1:9/client/v4/"
      api_token: inline-t0ken-written-in-the-file
      account_id: acc
      pool_id: pool
      enable: ["{target_region}"]
      disable: ["{old_primary_region}", spare]
  notify:
    - kind: slack
      url: https://hooks.example.org/services/T0/B0/X
    - kind: http
      url: "https://hooks.example.org/{run_kind}?run={run_id}"
      method: put
      headers: { Authorization: "Bearer ${FC_TST_FAILOVER_TOKEN}", X-Region: "{region}" }
      body: '{"text": "{message}", "to": "{target_name}"}'
regions:
  - id: us-east
    latitude: 1
    longitude: 2
    role: primary
    endpoints:
      - id: e1
        kind: http
        url: http://127.0.0.1:8080/health
    admin:
      connection: "host=us-east-db user=postgres password=${FC_TST_FAILOVER_TOKEN}"
      replication_connection: "host=us-east-db user=replicator"
      rejoin:
        kind: command
        command: [sh, -c, "rebuild {region} from {target_region}"]
        timeout: 10m
  - id: eu-west
    latitude: 1
    longitude: 2
    role: standby
    endpoints:
      - id: e2
        kind: http
        url: http://127.0.0.1:8081/health
    admin:
      promote:
        id: eu-promote
        kind: http
        url: https://orchestrator.example.org/promote/{region}
      fence:
        kind: command
        command: [sh, -c, "echo fence {old_primary_name}"]
)";
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("full.yaml"));
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    const ConsoleConfig &c = *result.config;
    const FailoverSettings &f = c.failover;
    QCOMPARE(toString(f.mode), u"automatic");
    QCOMPARE(f.maxLagBytes, 2 * 1024 * 1024);
    QCOMPARE(f.maxLagSeconds, 5000ms);
    QCOMPARE(f.confirmationProbes, 4);
    QCOMPARE(f.confirmationSpacing, 250ms);
    QCOMPARE(f.cooldown, 0ms);
    QCOMPARE(f.stepTimeout, 20000ms);
    QCOMPARE(f.verifyTimeout, 10000ms);
    QCOMPARE(f.failbackHealthyFor, 120000ms);
    QVERIFY(f.lockFile.isEmpty());

    QCOMPARE(f.traffic.size(), 2);
    const ActionConfig &dns = f.traffic.at(0);
    QCOMPARE(dns.id, u"dns-switch");
    QCOMPARE(toString(dns.kind), u"cloudflare-dns");
    QCOMPARE(dns.timeout, 15000ms);
    QCOMPARE(dns.apiBase, u"https://api.cloudflare.com/client/v4");
    QCOMPARE(dns.apiToken, Secret);
    QCOMPARE(dns.zoneId, u"023e105f4ecef8ad9ca31a8372d0c353");
    QCOMPARE(dns.recordId, u"372e67954025e0ba6aaa6d586b9e0b59");
    QCOMPARE(dns.recordName, u"db.example.com");
    QCOMPARE(dns.recordType, u"CNAME");
    QCOMPARE(dns.recordContent, u"db-{target_region}.example.com");
    QCOMPARE(dns.recordTtl, 1);
    QCOMPARE(dns.recordProxied, true);
    QCOMPARE(dns.secretValues, QStringList { Secret });

    const ActionConfig &pool = f.traffic.at(1);
    QCOMPARE(pool.id, u"failover.traffic[1]");
    QCOMPARE(toString(pool.kind), u"cloudflare-pool");
    QCOMPARE(pool.timeout, 30000ms); // the default
    QCOMPARE(pool.apiBase, u"http://127.0.0.1:9/client/v4"); // without the trailing slash
    QCOMPARE(pool.apiToken, InlineToken);
    QCOMPARE(pool.accountId, u"acc");
    QCOMPARE(pool.poolId, u"pool");
    QCOMPARE(pool.enableOrigins, QStringList { QStringLiteral("{target_region}") });
    const QStringList disable { QStringLiteral("{old_primary_region}"), QStringLiteral("spare") };
    QCOMPARE(pool.disableOrigins, disable);
    // Written in the file, still a secret.
    QCOMPARE(pool.secretValues, QStringList { InlineToken });

    QCOMPARE(f.notify.size(), 2);
    const ActionConfig &slack = f.notify.at(0);
    QCOMPARE(slack.id, u"failover.notify[0]");
    QCOMPARE(toString(slack.kind), u"slack");
    QCOMPARE(slack.url, u"https://hooks.example.org/services/T0/B0/X");
    QCOMPARE(slack.method, QByteArray("POST"));
    QVERIFY(slack.secretValues.isEmpty());
    const ActionConfig &hook = f.notify.at(1);
    QCOMPARE(toString(hook.kind), u"http");
    QCOMPARE(hook.url, u"https://hooks.example.org/{run_kind}?run={run_id}");
    QCOMPARE(hook.method, QByteArray("PUT"));
    const QList<QPair<QByteArray, QByteArray>> headers {
        { "Authorization", "Bearer " + Secret.toUtf8() }, { "X-Region", "{region}" }
    };
    QCOMPARE(hook.headers, headers);
    QCOMPARE(hook.body, u"{\"text\": \"{message}\", \"to\": \"{target_name}\"}");
    QCOMPARE(hook.secretValues, QStringList { Secret });

    const RegionAdminConfig &us = c.regions.at(0).admin;
    QCOMPARE(us.connection, u"host=us-east-db user=postgres password=" + Secret);
    QCOMPARE(us.displayTarget, u"host=us-east-db user=postgres");
    QCOMPARE(us.replicationConnection, u"host=us-east-db user=replicator");
    QVERIFY(us.canPromote());
    QVERIFY(!us.fence && !us.promote && !us.repoint);
    QVERIFY(us.rejoin.has_value());
    QCOMPARE(us.rejoin->id, u"us-east.rejoin");
    QCOMPARE(toString(us.rejoin->kind), u"command");
    QCOMPARE(us.rejoin->timeout, 600000ms);
    QCOMPARE(us.rejoin->command.size(), 3);
    // The program is found now, so a missing tool fails the check rather than the failover.
    QCOMPARE(us.rejoin->command.at(0), QStandardPaths::findExecutable(QStringLiteral("sh")));
    QCOMPARE(us.rejoin->command.at(2), u"rebuild {region} from {target_region}");

    const RegionAdminConfig &eu = c.regions.at(1).admin;
    QVERIFY(eu.connection.isEmpty());
    QVERIFY(eu.canPromote());
    QCOMPARE(eu.promote->id, u"eu-promote");
    QCOMPARE(eu.promote->url, u"https://orchestrator.example.org/promote/{region}");
    QCOMPARE(eu.fence->id, u"eu-west.fence");

    QVERIFY(c.secretValues.contains(Secret));
    QVERIFY(c.secretValues.contains(InlineToken));
}

void tst_FailoverConfig::appliesDefaults()
{
    const QByteArray doc = replaced(regionsDoc(), "    admin:\n",
        "    admin:\n      fence:\n"
        "        kind: command\n"
        "        command: [sh]\n");
    const ConfigLoadResult result = ConfigLoader::loadString(
        replaced(doc, "      connection: \"host=db user=postgres\"\n", ""),
        QStringLiteral("defaults.yaml"));
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    const FailoverSettings &f = result.config->failover;
    const FailoverSettings defaults;
    QCOMPARE(toString(f.mode), u"manual");
    QCOMPARE(f.maxLagBytes, 1024 * 1024);
    QCOMPARE(f.maxLagSeconds, 10000ms);
    QCOMPARE(f.confirmationProbes, 3);
    QCOMPARE(f.confirmationSpacing, 100ms);
    QCOMPARE(f.cooldown, 300000ms);
    QCOMPARE(f.stepTimeout, defaults.stepTimeout);
    QCOMPARE(f.verifyTimeout, defaults.verifyTimeout);
    QCOMPARE(f.failbackHealthyFor, 60000ms);
    QVERIFY(f.lockFile.isEmpty());
    QVERIFY(f.traffic.isEmpty());
    QVERIFY(f.notify.isEmpty());

    const RegionAdminConfig &primary = result.config->regions.at(0).admin;
    QVERIFY(primary.connection.isEmpty());
    QVERIFY(!primary.canPromote());
    const RegionAdminConfig &standby = result.config->regions.at(1).admin;
    QVERIFY(!standby.canPromote()); // fencing alone promotes nothing
    QCOMPARE(standby.fence->command,
        QStringList { QStandardPaths::findExecutable(QStringLiteral("sh")) });
    QCOMPARE(standby.fence->timeout, 30000ms);

    // An empty section and empty lists are the defaults too.
    const ConfigLoadResult empty = ConfigLoader::loadString(
        failoverDoc("  traffic: []\n  notify:\n"), QStringLiteral("empty.yaml"));
    QVERIFY2(empty.ok(), qPrintable(allMessages(empty)));
    QVERIFY(empty.config->failover.traffic.isEmpty());
    const ConfigLoadResult none
        = ConfigLoader::loadString("failover:\n" + regionsDoc(), QStringLiteral("none.yaml"));
    QVERIFY2(none.ok(), qPrintable(allMessages(none)));
    QCOMPARE(toString(none.config->failover.mode), u"manual");
}

void tst_FailoverConfig::resolvesPaths()
{
    // Relative paths are relative to the configuration file's folder.
    const QString dir = m_dir.path();
    QVERIFY(QDir(dir).mkpath(QStringLiteral("run")));
    QVERIFY(QDir(dir).mkpath(QStringLiteral("bin")));
    QFile script(dir + u"/bin/fence.sh");
    QVERIFY(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\nexit 0\n");
    script.close();
    QVERIFY(script.setPermissions(
        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
    QFile ca(dir + u"/ca.pem");
    QVERIFY(ca.open(QIODevice::WriteOnly));
    ca.close();

    const QByteArray yaml = failoverDoc("  lock_file: run/console.lock\n"
                                        "  notify:\n"
                                        "    - kind: http\n"
                                        "      url: https://hooks.example.org/\n"
                                        "      ca_file: ca.pem\n")
        + "      fence:\n"
          "        kind: command\n"
          "        command: [bin/fence.sh, \"{region}\"]\n";
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, dir + u"/console.yaml");
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    QCOMPARE(result.config->failover.lockFile, dir + u"/run/console.lock");
    QCOMPARE(result.config->failover.notify.at(0).caFile, dir + u"/ca.pem");
    const QStringList command { dir + u"/bin/fence.sh", QStringLiteral("{region}") };
    QCOMPARE(result.config->regions.at(1).admin.fence->command, command);
}

void tst_FailoverConfig::readsEveryKind()
{
    const QByteArray yaml = failoverDoc("  traffic:\n"
                                        "    - kind: cloudflare-dns\n"
                                        "      api_token: cf-test-token\n"
                                        "      zone_id: z\n"
                                        "      record_id: r\n"
                                        "      record_name: \"{target_name}.example.com\"\n"
                                        "      record_type: AAAA\n"
                                        "      content: \"2001:db8::1\"\n"
                                        "    - kind: cloudflare-dns\n"
                                        "      api_token: cf-test-token\n"
                                        "      zone_id: z\n"
                                        "      record_id: r\n"
                                        "      record_name: db.example.com\n"
                                        "      record_type: A\n"
                                        "      content: 192.0.2.10\n"
                                        "    - kind: cloudflare-pool\n"
                                        "      api_token: cf-test-token\n"
                                        "      account_id: a\n"
                                        "      pool_id: p\n"
                                        "      disable: [old]\n"
                                        "    - kind: http\n"
                                        "      url: http://127.0.0.1:1/x\n"
                                        "      method: delete\n");
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("kinds.yaml"));
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    const QList<ActionConfig> &traffic = result.config->failover.traffic;
    QCOMPARE(traffic.size(), 4);
    QCOMPARE(traffic.at(0).recordType, u"AAAA");
    QCOMPARE(traffic.at(0).recordTtl, 60); // the default
    QCOMPARE(traffic.at(0).recordProxied, false);
    QCOMPARE(traffic.at(1).recordContent, u"192.0.2.10");
    QVERIFY(traffic.at(2).enableOrigins.isEmpty());
    QCOMPARE(traffic.at(2).disableOrigins, QStringList { QStringLiteral("old") });
    QCOMPARE(traffic.at(3).method, QByteArray("DELETE"));
    QVERIFY(traffic.at(3).body.isEmpty());
}

void tst_FailoverConfig::overviewExplainsButtons()
{
    const QByteArray yaml
        = failoverDoc("  mode: automatic\n"
                      "  traffic:\n"
                      "    - id: dns\n"
                      "      kind: cloudflare-dns\n"
                      "      api_token: \"${FC_TST_FAILOVER_TOKEN}\"\n"
                      "      zone_id: z\n"
                      "      record_id: r\n"
                      "      record_name: db.example.com\n"
                      "      content: db-eu.example.com\n"
                      "  notify:\n"
                      "    - kind: slack\n"
                      "      url: \"https://hooks.example.org/${FC_TST_FAILOVER_TOKEN}\"\n")
        + "      rejoin:\n"
          "        kind: command\n"
          "        command: [sh]\n";
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("view.yaml"));
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    const ConfigOverview overview = ConfigOverview::from(*result.config);
    QCOMPARE(toString(overview.failover.mode), u"automatic");
    QCOMPARE(overview.failover.traffic.size(), 1);
    QCOMPARE(overview.failover.traffic.at(0).id, u"dns");
    QCOMPARE(toString(overview.failover.traffic.at(0).kind), u"cloudflare-dns");
    QCOMPARE(overview.failover.notify.at(0).id, u"failover.notify[0]");
    QCOMPARE(toString(overview.failover.notify.at(0).kind), u"slack");

    const RegionAdminOverview &primary = overview.regions.at(0).admin;
    QVERIFY(!primary.canPromote());
    QVERIFY(!primary.canFenceReachable());
    QVERIFY(!primary.canRejoin());
    const RegionAdminOverview &standby = overview.regions.at(1).admin;
    QVERIFY(standby.hasConnection);
    QCOMPARE(standby.displayTarget, u"host=db user=postgres");
    QVERIFY(standby.canPromote());
    QVERIFY(standby.canRepoint());
    QVERIFY(standby.canFenceReachable());
    QVERIFY(!standby.canFenceUnreachable()); // no STONITH action
    QVERIFY(standby.canRejoin());
    QCOMPARE(standby.rejoin->id, u"eu-west.rejoin");
}

void tst_FailoverConfig::reportsEachError_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    // The failover section.
    QTest::newRow("unknown key")
        << failoverDoc("  modee: manual\n") << 2 << 3
        << QStringLiteral("unknown key \"modee\" in failover; did you mean \"mode\"?");
    QTest::newRow("unknown top key")
        << replaced(failoverDoc({}), "failover:", "failovr:") << 1 << 1
        << QStringLiteral("unknown key \"failovr\" at the top level; did you mean \"failover\"?");
    QTest::newRow("unknown mode")
        << failoverDoc("  mode: sometimes\n") << 2 << 9
        << QStringLiteral("unknown mode \"sometimes\"; expected manual or automatic");
    QTest::newRow("confirmation probes")
        << failoverDoc("  confirmation_probes: 11\n") << 2 << 24
        << QStringLiteral("\"confirmation_probes\" must be between 1 and 10, not \"11\"");
    QTest::newRow("confirmation spacing")
        << failoverDoc("  confirmation_spacing: 10ms\n") << 2 << 25
        << QStringLiteral("\"confirmation_spacing\" must be between 20 ms and 5 s");
    QTest::newRow("confirmation spacing too long")
        << failoverDoc("  confirmation_spacing: 6s\n") << 2 << 25
        << QStringLiteral("\"confirmation_spacing\" must be between 20 ms and 5 s");
    QTest::newRow("cooldown negative") << failoverDoc("  cooldown: -1s\n") << 2 << 13
                                       << QStringLiteral("a duration cannot be negative");
    QTest::newRow("step timeout zero")
        << failoverDoc("  step_timeout: 0s\n") << 2 << 17
        << QStringLiteral("\"step_timeout\" must be longer than zero");
    QTest::newRow("lag size") << failoverDoc("  max_lag_on_failover: lots\n") << 2 << 24
                              << QStringLiteral(
                                     "invalid size \"lots\" for \"max_lag_on_failover\"");
    QTest::newRow("lag time") << failoverDoc("  max_lag_time_on_failover: 10\n") << 2 << 29
                              << QStringLiteral("missing unit");
    QTest::newRow("lock file folder")
        << failoverDoc("  lock_file: /nonexistent-fc-folder/console.lock\n") << 2 << 14
        << QStringLiteral("the folder of lock_file \"/nonexistent-fc-folder\" does not exist");
    QTest::newRow("traffic not a list")
        << failoverDoc("  traffic: dns\n") << 2 << 12
        << QStringLiteral("\"traffic\" must be a list of actions, not a single value");
    QTest::newRow("automatic without a target") << replaced(failoverDoc("  mode: automatic\n"),
        "      connection: \"host=db user=postgres\"\n",
        "") << 2 << 9 << QStringLiteral("mode automatic needs a region it can promote");

    // Actions.
    QTest::newRow("action not a mapping")
        << failoverDoc("  notify:\n    - slack\n") << 3 << 7
        << QStringLiteral("expected a mapping of keys to values in action, not a single value");
    QTest::newRow("action without kind")
        << trafficDoc("command: [sh]", {}) << 3 << 7
        << QStringLiteral("action \"failover.traffic[0]\" is missing required key \"kind\"");
    QTest::newRow("unknown kind") << trafficDoc("kind: email", {}) << 3 << 13
                                  << QStringLiteral("unknown kind \"email\"; expected command, "
                                                    "http, cloudflare-dns, cloudflare-pool or "
                                                    "slack");
    QTest::newRow("unknown action key")
        << trafficDoc("kind: command", "      command: [sh]\n      comand: [sh]\n") << 5 << 7
        << QStringLiteral("unknown key \"comand\" in action; did you mean \"command\"?");
    QTest::newRow("foreign key") << trafficDoc(
        "kind: command", "      command: [sh]\n      zone_id: abc\n")
                                 << 5 << 7
                                 << QStringLiteral(
                                        "\"zone_id\" does not apply to a command action");
    QTest::newRow("http key on dns")
        << trafficDoc("kind: cloudflare-dns",
               "      api_token: cf-test-token\n      zone_id: z\n      record_id: r\n"
               "      record_name: n\n      content: c\n      url: http://h/\n")
        << 9 << 7 << QStringLiteral("\"url\" does not apply to a cloudflare-dns action");
    QTest::newRow("slack body")
        << trafficDoc("kind: slack", "      url: https://hooks.example.org/x\n      body: hi\n")
        << 5 << 7
        << QStringLiteral(
               "\"body\" does not apply to a slack action: the console writes the message");
    QTest::newRow("slack method") << trafficDoc(
        "kind: slack", "      url: https://hooks.example.org/x\n      method: GET\n")
                                  << 5 << 7
                                  << QStringLiteral("\"method\" does not apply to a slack action");
    QTest::newRow("invalid id") << trafficDoc("id: DNS Switch",
        "      kind: command\n"
        "      command: [sh]\n") << 3
                                << 11 << QStringLiteral("invalid id \"DNS Switch\"");
    QTest::newRow("timeout too long")
        << trafficDoc("kind: command", "      command: [sh]\n      timeout: 2h\n") << 5 << 16
        << QStringLiteral("\"timeout\" must be at most 1 h");
    QTest::newRow("timeout zero") << trafficDoc(
        "kind: command", "      command: [sh]\n      timeout: 0s\n")
                                  << 5 << 16
                                  << QStringLiteral("\"timeout\" must be longer than zero");
    QTest::newRow("command missing") << trafficDoc("kind: command", {}) << 3 << 7
                                     << QStringLiteral("action \"failover.traffic[0]\" is "
                                                       "missing required key \"command\"");
    QTest::newRow("command empty")
        << trafficDoc("kind: command", "      command: []\n") << 4 << 7
        << QStringLiteral("\"command\" must be a list of at least one text: the program, then "
                          "its arguments");
    QTest::newRow("command a single text")
        << trafficDoc("kind: command", "      command: \"sh -c true\"\n") << 4 << 16
        << QStringLiteral("\"command\" must be a list of at least one text");
    QTest::newRow("program not on PATH")
        << trafficDoc("kind: command", "      command: [fc-no-such-program-xyz, a]\n") << 4 << 17
        << QStringLiteral("program \"fc-no-such-program-xyz\" is not found on PATH");
    QTest::newRow("program not executable")
        << trafficDoc("kind: command", "      command: [/etc/passwd]\n") << 4 << 17
        << QStringLiteral("program \"/etc/passwd\" is not an executable file");
    QTest::newRow("argument a mapping")
        << trafficDoc("kind: command", "      command: [sh, {a: 1}]\n") << 4 << 21
        << QStringLiteral("\"command\" must be a single value, not a mapping");
    QTest::newRow("unknown template in argument")
        << trafficDoc("kind: command", "      command: [sh, \"{target}\"]\n") << 4 << 21
        << QStringLiteral("unknown template \"{target}\" in \"command\"; known templates are "
                          "{target_region}, {target_name}, {old_primary_region}, "
                          "{old_primary_name}, {region}, {source_region}, {run_id}, "
                          "{run_kind}, {message}");
    QTest::newRow("unknown template in url")
        << trafficDoc("kind: http", "      url: https://{target}.example.org/\n") << 4 << 12
        << QStringLiteral("unknown template \"{target}\" in \"url\"");
    QTest::newRow("unknown template in header")
        << trafficDoc("kind: http",
               "      url: https://hooks.example.org/\n      headers: { X-Run: \"{run}\" }\n")
        << 5 << 25 << QStringLiteral("unknown template \"{run}\" in \"X-Run\"");
    QTest::newRow("unknown template in body")
        << trafficDoc("kind: http",
               "      url: https://hooks.example.org/\n      body: '{\"to\": "
               "\"{Target_Region}\"}'\n")
        << 5 << 13 << QStringLiteral("unknown template \"{Target_Region}\" in \"body\"");
    QTest::newRow("url missing") << trafficDoc("kind: slack", {}) << 3 << 7
                                 << QStringLiteral(
                                        "action \"failover.traffic[0]\" is missing required key "
                                        "\"url\"");
    QTest::newRow("url scheme")
        << trafficDoc("kind: http", "      url: ftp://hooks.example.org/\n") << 4 << 12
        << QStringLiteral("malformed URL \"ftp://hooks.example.org/\": the scheme must be http "
                          "or https");
    QTest::newRow("http method") << trafficDoc(
        "kind: http", "      url: https://hooks.example.org/\n      method: TRACE\n")
                                 << 5 << 15
                                 << QStringLiteral("unknown method \"TRACE\"; expected GET, HEAD, "
                                                   "POST, PUT, PATCH or DELETE");
    QTest::newRow("header name") << trafficDoc(
        "kind: http", "      url: https://hooks.example.org/\n      headers: { \"a b\": x }\n")
                                 << 5 << 18 << QStringLiteral("invalid header name \"a b\"");
    QTest::newRow("ca file missing")
        << trafficDoc("kind: http",
               "      url: https://hooks.example.org/\n      ca_file: /nonexistent/ca.pem\n")
        << 5 << 16 << QStringLiteral("CA file \"/nonexistent/ca.pem\" does not exist");

    // Cloudflare.
    const QByteArray dnsKeys = "      zone_id: z\n      record_id: r\n      record_name: n\n";
    QTest::newRow("dns without token")
        << trafficDoc("kind: cloudflare-dns", dnsKeys + "      content: c\n") << 3 << 7
        << QStringLiteral("action \"failover.traffic[0]\" is missing required key \"api_token\"");
    QTest::newRow("dns without content")
        << trafficDoc("kind: cloudflare-dns", "      api_token: cf-test-token\n" + dnsKeys) << 3
        << 7
        << QStringLiteral("action \"failover.traffic[0]\" is missing required key \"content\"");
    QTest::newRow("dns empty zone") << trafficDoc("kind: cloudflare-dns",
        "      api_token: cf-test-token\n      zone_id: \"\"\n      record_id: r\n"
        "      record_name: n\n      content: c\n")
                                    << 5 << 16 << QStringLiteral("\"zone_id\" is empty");
    QTest::newRow("record type") << trafficDoc("kind: cloudflare-dns",
        "      api_token: cf-test-token\n" + dnsKeys + "      record_type: MX\n      content: c\n")
                                 << 8 << 20
                                 << QStringLiteral(
                                        "unknown record_type \"MX\"; expected A, AAAA or CNAME");
    QTest::newRow("A record content")
        << trafficDoc("kind: cloudflare-dns",
               "      api_token: cf-test-token\n" + dnsKeys
                   + "      record_type: A\n      content: db.example.org\n")
        << 9 << 16
        << QStringLiteral(
               "content \"db.example.org\" is not an IPv4 address, as an A record needs");
    QTest::newRow("AAAA record content")
        << trafficDoc("kind: cloudflare-dns",
               "      api_token: cf-test-token\n" + dnsKeys
                   + "      record_type: AAAA\n      content: 192.0.2.1\n")
        << 9 << 16 << QStringLiteral("is not an IPv6 address, as an AAAA record needs");
    QTest::newRow("ttl") << trafficDoc("kind: cloudflare-dns",
        "      api_token: cf-test-token\n" + dnsKeys + "      content: c\n      ttl: 0\n")
                         << 9 << 12
                         << QStringLiteral("\"ttl\" must be between 1 and 86400, not \"0\"");
    QTest::newRow("proxied") << trafficDoc("kind: cloudflare-dns",
        "      api_token: cf-test-token\n" + dnsKeys + "      content: c\n      proxied: yes\n")
                             << 9 << 16
                             << QStringLiteral("\"proxied\" must be true or false, not \"yes\"");
    QTest::newRow("api base") << trafficDoc("kind: cloudflare-dns",
        "      api_token: cf-test-token\n" + dnsKeys + "      content: c\n      api_base: api.cf\n")
                              << 9 << 17 << QStringLiteral("malformed URL \"api.cf\"");
    const QByteArray poolKeys
        = "      api_token: cf-test-token\n      account_id: a\n      pool_id: p\n";
    QTest::newRow("pool without origins")
        << trafficDoc("kind: cloudflare-pool", poolKeys) << 3 << 7
        << QStringLiteral("action \"failover.traffic[0]\" names no origins: give \"enable\", "
                          "\"disable\" or both");
    QTest::newRow("pool without account")
        << trafficDoc("kind: cloudflare-pool",
               "      api_token: cf-test-token\n      pool_id: p\n"
               "      enable: [a]\n")
        << 3 << 7
        << QStringLiteral("action \"failover.traffic[0]\" is missing required key \"account_id\"");
    QTest::newRow("origin in both")
        << trafficDoc(
               "kind: cloudflare-pool", poolKeys + "      enable: [eu]\n      disable: [eu]\n")
        << 8 << 7 << QStringLiteral("origin \"eu\" is both in \"enable\" and in \"disable\"");
    QTest::newRow("origins empty list")
        << trafficDoc("kind: cloudflare-pool", poolKeys + "      enable: []\n") << 7 << 7
        << QStringLiteral("\"enable\" must be a list of at least one origin name");
    QTest::newRow("origin template")
        << trafficDoc("kind: cloudflare-pool", poolKeys + "      enable: [\"{target}\"]\n") << 7
        << 16 << QStringLiteral("unknown template \"{target}\" in \"enable\"");

    // A region's admin.
    QTest::newRow("unknown admin key")
        << adminDoc("      fense: {}\n") << 20 << 7
        << QStringLiteral("unknown key \"fense\" in admin; did you mean \"fence\"?");
    QTest::newRow("unknown region key")
        << replaced(regionsDoc(), "    admin:", "    admn:") << 18 << 5
        << QStringLiteral("unknown key \"admn\" in region; did you mean \"admin\"?");
    QTest::newRow("admin connection")
        << replaced(regionsDoc(), "host=db user=postgres", "host=a,b user=postgres") << 19 << 19
        << QStringLiteral("malformed connection string: name one server per endpoint");
    QTest::newRow("replication connection")
        << adminDoc("      replication_connection: \"service=standby\"\n") << 20 << 31
        << QStringLiteral("malformed connection string: service= is not supported");
    QTest::newRow("fence not a mapping")
        << adminDoc("      fence: stonith\n") << 20 << 14
        << QStringLiteral("expected a mapping of keys to values in action, not a single value");
    QTest::newRow("promote without kind")
        << adminDoc("      promote:\n        url: https://h.example.org/\n") << 21 << 9
        << QStringLiteral("action \"eu-west.promote\" is missing required key \"kind\"");
    QTest::newRow("repoint foreign key")
        << adminDoc("      repoint:\n        kind: http\n        url: https://h.example.org/\n"
                    "        pool_id: p\n")
        << 23 << 9 << QStringLiteral("\"pool_id\" does not apply to an http action");
}

void tst_FailoverConfig::reportsEachError()
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

void tst_FailoverConfig::reportsDuplicateActionIds()
{
    const QByteArray yaml = trafficDoc("id: switch",
                                "      kind: command\n"
                                "      command: [sh]\n")
        + "      fence:\n"
          "        id: switch\n"
          "        kind: command\n"
          "        command: [sh]\n";
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("dup.yaml"));
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    const ConfigDiagnostic &d = result.diagnostics.first();
    QCOMPARE(d.line, 26);
    QCOMPARE(d.column, 13);
    QCOMPARE(d.message,
        u"duplicate action id \"switch\" (first used on line 3); action ids must be unique "
        u"across the file");
}

void tst_FailoverConfig::neverShowsSecrets()
{
    // Each broken value holds the secret; diagnostics name the variable, never its value.
    const QByteArray broken = trafficDoc("kind: cloudflare-dns",
                                  "      api_token: \"${FC_TST_FAILOVER_TOKEN}\"\n"
                                  "      zone_id: z\n"
                                  "      record_id: r\n"
                                  "      record_name: n\n"
                                  "      record_type: \"${FC_TST_FAILOVER_TOKEN}\"\n"
                                  "      content: c\n"
                                  "      ttl: \"${FC_TST_FAILOVER_TOKEN}\"\n")
        + "      replication_connection: \"${FC_TST_FAILOVER_TOKEN}\"\n";
    const ConfigLoadResult failed = ConfigLoader::loadString(broken, QStringLiteral("secret.yaml"));
    QVERIFY2(failed.diagnostics.size() == 3, qPrintable(allMessages(failed)));
    for (const ConfigDiagnostic &d : failed.diagnostics)
        QVERIFY2(!d.toString().contains(Secret), qPrintable(d.toString()));

    // A token written into the file is masked in diagnostics too.
    const QByteArray inlineToken = trafficDoc("kind: cloudflare-dns",
        "      api_token: " + InlineToken.toUtf8()
            + "\n      zone_id: z\n      record_id: r\n      record_name: n\n"
              "      content: c\n      ttl: \""
            + InlineToken.toUtf8() + "\"\n");
    const ConfigLoadResult masked = ConfigLoader::loadString(inlineToken, QStringLiteral("t.yaml"));
    QVERIFY2(masked.diagnostics.size() == 1, qPrintable(allMessages(masked)));
    QVERIFY2(!masked.diagnostics.first().toString().contains(InlineToken),
        qPrintable(masked.diagnostics.first().toString()));

    // An environment value that looks like a template is not one.
    qputenv("FC_TST_FAILOVER_BRACES", "abc{not_a_template}def");
    const ConfigLoadResult braces
        = ConfigLoader::loadString(trafficDoc("kind: http",
                                       "      url: https://hooks.example.org/\n"
                                       "      headers: { X-Key: \"${FC_TST_FAILOVER_BRACES}\" }\n"),
            QStringLiteral("braces.yaml"));
    qunsetenv("FC_TST_FAILOVER_BRACES");
    QVERIFY2(braces.ok(), qPrintable(allMessages(braces)));
    QCOMPARE(braces.config->failover.traffic.at(0).secretValues,
        QStringList { QStringLiteral("abc{not_a_template}def") });
}

QTEST_GUILESS_MAIN(tst_FailoverConfig)
#include "tst_failoverconfig.moc"
