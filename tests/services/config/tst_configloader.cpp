#include "configloader.h"

#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

namespace {

const QString SourceDir = QStringLiteral(CONSOLE_SOURCE_DIR);
const char SecretVariable[] = "FC_TST_LOADER_SECRET";
const QString Secret = QStringLiteral("Sup3r-s3cret-t0ken");

// One primary region with one HTTP endpoint: lines 1 to 9. Rows append endpoint keys at line 10,
// indented by 8 (so a key starts in column 9).
QByteArray endpointDoc(const QByteArray &extraLines = {},
    const QByteArray &url = "http://127.0.0.1:8080/health", const QByteArray &kind = "http")
{
    return "regions:\n"
           "  - id: r1\n"
           "    latitude: 1\n"
           "    longitude: 2\n"
           "    role: primary\n"
           "    endpoints:\n"
           "      - id: e1\n"
           "        kind: "
        + kind
        + "\n"
          "        url: "
        + url + "\n" + extraLines;
}

// endpointDoc() followed by a second region at line 10 (its role on line 13, its endpoint id on
// 15).
QByteArray twoRegionsDoc(const QByteArray &id, const QByteArray &role, const QByteArray &endpointId)
{
    return endpointDoc() + "  - id: " + id
        + "\n"
          "    latitude: 1\n"
          "    longitude: 2\n"
          "    role: "
        + role
        + "\n"
          "    endpoints:\n"
          "      - id: "
        + endpointId
        + "\n"
          "        kind: http\n"
          "        url: http://127.0.0.1:8081/health\n";
}

QByteArray replaced(QByteArray doc, const QByteArray &before, const QByteArray &after)
{
    Q_ASSERT(doc.contains(before));
    return doc.replace(before, after);
}

QString allMessages(const ConfigLoadResult &result)
{
    QStringList lines;
    for (const ConfigDiagnostic &d : result.diagnostics)
        lines += d.toString();
    return lines.join(u'\n');
}

} // namespace

class tst_ConfigLoader final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void loadsFullFile();
    void appliesDefaults();
    void loadsBreakersEndpoints();
    void reportsEachError_data();
    void reportsEachError();
    void reportsSeveralErrorsTogether();
    void expandsEnvironmentVariables();
    void expandsExtraVariablesFirst();
    void neverShowsSecrets();
    void commaInUriPasswordIsNotAHostList();
    void loadsExample();
    void reportsUnreadableFile();
};

void tst_ConfigLoader::initTestCase()
{
    qputenv(SecretVariable, Secret.toUtf8());
    qunsetenv("FC_TST_LOADER_UNSET");
}

void tst_ConfigLoader::cleanupTestCase()
{
    qunsetenv(SecretVariable);
}

void tst_ConfigLoader::loadsFullFile()
{
    const QByteArray yaml = R"(
console:
  probe_interval: 2s
  probe_timeout: 1.5s
detection:
  consecutive_failures: 4
  latency_threshold: 3s
  latency_sustained_for: 1m30s
  error_rate_threshold: 0.25
  error_rate_window: 45s
  unreachable_acts_at_once: false
  recovery_successes: 5
circuit_breaker:
  failure_threshold: 7
  reset_timeout: 1m
  half_open_requests: 2
replication:
  lag_warning: 2s
  lag_critical: 20s
  lag_warning_bytes: 8MiB
  lag_critical_bytes: 1GiB
regions:
  - id: us-east
    name: US East (N. Virginia)
    latitude: 38.9
    longitude: -77.4
    role: primary
    failover_priority: 5
    endpoints:
      - id: us-east-rest
        name: Supabase REST
        kind: http
        url: https://db.example.org/rest/v1/
        method: head
        headers: { apikey: abc, X-Trace: "1" }
        expected_status: 204
        expect_json: { db: ok, data.auth: "true" }
        lag_json_ms: replication.lag_ms
        role_json: db.role
        follow_redirects: true
        max_body: 1MiB
        interval: 500ms
        timeout: 400ms
  - id: eu-west
    latitude: 53.3
    longitude: -6.3
    role: standby
    endpoints:
      - id: eu-west-db
        kind: postgres
        heartbeat: true
        connection: "host=db port=5432 password='p w' dbname=postgres"
)";
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("full.yaml"));
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    const ConsoleConfig &c = *result.config;
    QCOMPARE(c.probeInterval, 2000ms);
    QCOMPARE(c.probeTimeout, 1500ms);
    QCOMPARE(c.detection.consecutiveFailures, 4);
    QCOMPARE(c.detection.latencyThreshold, 3000ms);
    QCOMPARE(c.detection.latencySustainedFor, 90000ms);
    QCOMPARE(c.detection.errorRateThreshold, 0.25);
    QCOMPARE(c.detection.errorRateWindow, 45000ms);
    QCOMPARE(c.detection.unreachableActsAtOnce, false);
    QCOMPARE(c.detection.recoverySuccesses, 5);
    QCOMPARE(c.breaker.failureThreshold, 7);
    QCOMPARE(c.breaker.resetTimeout, 60000ms);
    QCOMPARE(c.breaker.halfOpenRequests, 2);
    QCOMPARE(c.lag.warning, 2000ms);
    QCOMPARE(c.lag.critical, 20000ms);
    QCOMPARE(c.lag.warningBytes, 8 * 1024 * 1024);
    QCOMPARE(c.lag.criticalBytes, qint64(1024) * 1024 * 1024);
    QCOMPARE(c.regions.size(), 2);
    QCOMPARE(c.regions[0].failoverPriority, 5);
    QCOMPARE(c.regions[1].failoverPriority, 1); // its position in the file
    QCOMPARE(c.primaryRegion()->id, u"us-east");
    QCOMPARE(c.endpoint(QStringLiteral("eu-west-db")), &c.regions[1].endpoints[0]);
    QCOMPARE(c.regionOfEndpoint(QStringLiteral("eu-west-db")), &c.regions[1]);
    QVERIFY(!c.endpoint(QStringLiteral("eu-west")) && !c.regionOfEndpoint(QStringLiteral("nope")));

    const RegionConfig &us = c.regions[0];
    QCOMPARE(us.name, u"US East (N. Virginia)");
    QCOMPARE(us.latitude, 38.9);
    QCOMPARE(us.longitude, -77.4);
    const EndpointConfig &rest = us.endpoints.at(0);
    QCOMPARE(rest.id, u"us-east-rest");
    QCOMPARE(rest.name, u"Supabase REST");
    QCOMPARE(toString(rest.kind), u"http");
    QCOMPARE(rest.http.url, QUrl(QStringLiteral("https://db.example.org/rest/v1/")));
    QCOMPARE(rest.http.method, QByteArray("HEAD"));
    const QList<QPair<QByteArray, QByteArray>> headers { { "apikey", "abc" }, { "X-Trace", "1" } };
    QCOMPARE(rest.http.headers, headers);
    QCOMPARE(rest.http.expectedStatus, 204);
    const QMap<QString, QString> expectJson { { QStringLiteral("db"), QStringLiteral("ok") },
        { QStringLiteral("data.auth"), QStringLiteral("true") } };
    QCOMPARE(rest.http.expectJson, expectJson);
    QCOMPARE(rest.http.lagJsonMs, u"replication.lag_ms");
    QCOMPARE(rest.http.roleJson, u"db.role");
    QCOMPARE(rest.http.followRedirects, true);
    QCOMPARE(rest.http.maxBodyBytes, 1024 * 1024);
    QCOMPARE(rest.interval, 500ms);
    QCOMPARE(rest.timeout, 400ms);
    QCOMPARE(rest.displayTarget, u"https://db.example.org/rest/v1/");

    const RegionConfig &eu = c.regions[1];
    QCOMPARE(eu.name, u"eu-west"); // defaults to the id
    QCOMPARE(toString(eu.role), u"standby");
    const EndpointConfig &db = eu.endpoints.at(0);
    QCOMPARE(toString(db.kind), u"postgres");
    QCOMPARE(db.name, u"eu-west-db");
    QCOMPARE(db.postgres.connectionString, u"host=db port=5432 password='p w' dbname=postgres");
    QCOMPARE(db.postgres.heartbeat, true);
    QCOMPARE(db.displayTarget, u"host=db port=5432 dbname=postgres");
    QCOMPARE(db.interval, 2000ms); // inherited from console
    QCOMPARE(db.timeout, 1500ms);
    QCOMPARE(c.sourceFile, QFileInfo(QStringLiteral("full.yaml")).absoluteFilePath());
}

void tst_ConfigLoader::appliesDefaults()
{
    const ConfigLoadResult result
        = ConfigLoader::loadString(endpointDoc(), QStringLiteral("min.yaml"));
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    const ConsoleConfig &c = *result.config;
    const DetectionThresholds d;
    const BreakerSettings b;
    QCOMPARE(c.probeInterval, 1000ms);
    QCOMPARE(c.probeTimeout, 800ms);
    QCOMPARE(c.detection.consecutiveFailures, 3);
    QCOMPARE(c.detection.latencyThreshold, 5000ms);
    QCOMPARE(c.detection.latencySustainedFor, 60000ms);
    QCOMPARE(c.detection.errorRateThreshold, 0.5);
    QCOMPARE(c.detection.errorRateWindow, 30000ms);
    QCOMPARE(c.detection.unreachableActsAtOnce, d.unreachableActsAtOnce);
    QCOMPARE(c.detection.recoverySuccesses, d.recoverySuccesses);
    QCOMPARE(c.breaker.failureThreshold, 5);
    QCOMPARE(c.breaker.resetTimeout, 30000ms);
    QCOMPARE(c.breaker.halfOpenRequests, b.halfOpenRequests);
    const LagThresholds lag;
    QCOMPARE(c.lag.warning, 5000ms);
    QCOMPARE(c.lag.critical, 30000ms);
    QCOMPARE(c.lag.warningBytes, lag.warningBytes);
    QCOMPARE(c.lag.criticalBytes, lag.criticalBytes);
    QCOMPARE(c.regions.at(0).failoverPriority, 0);
    const EndpointConfig &e = c.regions.at(0).endpoints.at(0);
    QCOMPARE(e.name, u"e1");
    QCOMPARE(e.http.method, QByteArray("GET"));
    QCOMPARE(e.http.expectedStatus, 200);
    QCOMPARE(e.http.followRedirects, false);
    QCOMPARE(e.http.maxBodyBytes, 64 * 1024);
    QVERIFY(e.http.headers.isEmpty());
    QVERIFY(e.http.expectJson.isEmpty());
    QCOMPARE(e.interval, 1000ms);
    QCOMPARE(e.timeout, 800ms);
    QCOMPARE(e.control, false);
    QVERIFY(e.secretFields.isEmpty());
    QVERIFY(c.secretValues.isEmpty());
}

void tst_ConfigLoader::loadsBreakersEndpoints()
{
    const QByteArray yaml = R"(
console:
  probe_interval: 2s
regions:
  - id: r1
    latitude: 1
    longitude: 2
    role: primary
    endpoints:
      - id: app-breakers
        kind: breakers
        format: actuator
        url: https://app.example.org/actuator/circuitbreakers
      - id: app-health
        name: Checkout health
        kind: breakers
        format: actuator-health
        url: https://app.example.org/actuator/health
        method: get
        headers: { Authorization: "Bearer ${FC_TST_LOADER_SECRET}" }
        max_body: 256KiB
        follow_redirects: true
        interval: 5s
        timeout: 1s
      - id: gateway-breakers
        kind: breakers
        format: json
        url: http://127.0.0.1:9000/status
        breakers_path: data.circuits
        name_key: id
        state_key: status.state
      - id: reference
        kind: http
        url: https://www.example.com/
        control: true
      - id: r1-db
        kind: postgres
        connection: host=db
        control: false
)";
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("breakers.yaml"));
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    const QList<EndpointConfig> &endpoints = result.config->regions.at(0).endpoints;
    QCOMPARE(endpoints.size(), 5);

    const EndpointConfig &actuator = endpoints.at(0);
    QCOMPARE(toString(actuator.kind), u"breakers");
    QCOMPARE(toString(actuator.breakers.format), u"actuator");
    QCOMPARE(actuator.http.url,
        QUrl(QStringLiteral("https://app.example.org/actuator/circuitbreakers")));
    QCOMPARE(actuator.http.method, QByteArray("GET"));
    QCOMPARE(actuator.http.maxBodyBytes, 64 * 1024);
    QCOMPARE(actuator.http.followRedirects, false);
    QCOMPARE(actuator.interval, 2000ms);
    QCOMPARE(actuator.displayTarget, u"https://app.example.org/actuator/circuitbreakers");
    QCOMPARE(actuator.control, false);
    QVERIFY(actuator.breakers.breakersPath.isEmpty());

    const EndpointConfig &health = endpoints.at(1);
    QCOMPARE(health.name, u"Checkout health");
    QCOMPARE(toString(health.kind), u"breakers");
    QCOMPARE(toString(health.breakers.format), u"actuator-health");
    QCOMPARE(health.http.method, QByteArray("GET"));
    QCOMPARE(health.http.headers.size(), 1);
    QCOMPARE(health.http.headers.at(0).first, QByteArray("Authorization"));
    QCOMPARE(health.http.headers.at(0).second, "Bearer " + Secret.toUtf8());
    QCOMPARE(health.secretFields, QStringList { QStringLiteral("headers.Authorization") });
    QCOMPARE(health.http.maxBodyBytes, 256 * 1024);
    QCOMPARE(health.http.followRedirects, true);
    QCOMPARE(health.interval, 5000ms);
    QCOMPARE(health.timeout, 1000ms);

    const EndpointConfig &json = endpoints.at(2);
    QCOMPARE(toString(json.breakers.format), u"json");
    QCOMPARE(json.breakers.breakersPath, u"data.circuits");
    QCOMPARE(json.breakers.nameKey, u"id");
    QCOMPARE(json.breakers.stateKey, u"status.state");

    QCOMPARE(endpoints.at(3).control, true);
    QCOMPARE(toString(endpoints.at(3).kind), u"http");
    QCOMPARE(endpoints.at(4).control, false);
    QCOMPARE(toString(endpoints.at(4).kind), u"postgres");

    // The defaults of the json format's keys.
    const ConfigLoadResult defaults = ConfigLoader::loadString(
        endpointDoc("        format: json\n        breakers_path: breakers\n",
            "http://127.0.0.1:9000/status", "breakers"),
        QStringLiteral("defaults.yaml"));
    QVERIFY2(defaults.ok(), qPrintable(allMessages(defaults)));
    const BreakersEndpointConfig &config = defaults.config->regions.at(0).endpoints.at(0).breakers;
    QCOMPARE(config.breakersPath, u"breakers");
    QCOMPARE(config.nameKey, u"name");
    QCOMPARE(config.stateKey, u"state");
}

void tst_ConfigLoader::reportsEachError_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");

    const QByteArray base = endpointDoc();
    QTest::newRow("syntax error") << QByteArray(
        "regions:\n  - id: r1\n    latitude: [1, 2\n    role: primary\n")
                                  << 4 << 9 << QStringLiteral("YAML syntax error: ");
    QTest::newRow("unknown key")
        << endpointDoc("        intervall: 1s\n") << 10 << 9
        << QStringLiteral("unknown key \"intervall\" in endpoint; did you mean \"interval\"?");
    QTest::newRow("unknown key camelCase")
        << endpointDoc("        expectedStatus: 200\n") << 10 << 9
        << QStringLiteral("did you mean \"expected_status\"?");
    QTest::newRow("unknown key no guess") << endpointDoc("        colour: red\n") << 10 << 9
                                          << QStringLiteral("unknown key \"colour\" in endpoint");
    QTest::newRow("unknown top key")
        << "consol:\n  probe_interval: 1s\n" + base << 1 << 1
        << QStringLiteral("unknown key \"consol\" at the top level; did you mean \"console\"?");
    QTest::newRow("repeated key") << endpointDoc("        kind: http\n") << 10 << 9
                                  << QStringLiteral("key \"kind\" appears twice in endpoint");
    QTest::newRow("string for number")
        << replaced(base, "latitude: 1", "latitude: north") << 3 << 15
        << QStringLiteral("\"latitude\" must be a number, not \"north\"");
    QTest::newRow("string for integer")
        << endpointDoc("        expected_status: ok\n") << 10 << 26
        << QStringLiteral("\"expected_status\" must be a whole number, not \"ok\"");
    QTest::newRow("mapping for scalar")
        << endpointDoc("        expected_status: {a: 1}\n") << 10 << 26
        << QStringLiteral("\"expected_status\" must be a single value, not a mapping");
    QTest::newRow("not a boolean")
        << endpointDoc("        follow_redirects: maybe\n") << 10 << 27
        << QStringLiteral("\"follow_redirects\" must be true or false, not \"maybe\"");
    QTest::newRow("no value") << endpointDoc("        method:\n") << 10 << 9
                              << QStringLiteral("\"method\" has no value");
    QTest::newRow("URL scheme")
        << endpointDoc({}, "ftp://127.0.0.1/health") << 9 << 14
        << QStringLiteral(
               "malformed URL \"ftp://127.0.0.1/health\": the scheme must be http or https");
    QTest::newRow("URL host") << endpointDoc({}, "http:///health") << 9 << 14
                              << QStringLiteral(
                                     "malformed URL \"http:///health\": the host is missing");
    QTest::newRow("URL with inline credentials")
        << endpointDoc({}, "ftp://admin:hunter2@127.0.0.1/health?token=abc") << 9 << 14
        << QStringLiteral(
               "malformed URL \"ftp://127.0.0.1/health\": the scheme must be http or https");
    QTest::newRow("URL garbage") << endpointDoc({}, "\"http://exa mple.org/\"") << 9 << 14
                                 << QStringLiteral(
                                        "malformed URL \"http://exa mple.org/\": not a valid URL");
    QTest::newRow("duration unit")
        << endpointDoc("        interval: 10\n") << 10 << 19
        << QStringLiteral("invalid duration \"10\" for \"interval\": missing unit");
    QTest::newRow("duration garbage") << "console:\n  probe_timeout: fast\n"
            + base << 2 << 18 << QStringLiteral("invalid duration \"fast\" for \"probe_timeout\"");
    QTest::newRow("duration negative") << "detection:\n  error_rate_window: -30s\n" + base << 2
                                       << 22 << QStringLiteral("cannot be negative");
    QTest::newRow("size") << endpointDoc("        max_body: 64QB\n") << 10 << 19
                          << QStringLiteral("invalid size \"64QB\" for \"max_body\": unknown unit");
    QTest::newRow("duplicate region") << twoRegionsDoc("r1", "replica",
        "e2") << 10 << 9 << QStringLiteral("duplicate region id \"r1\" (first used on line 2)");
    QTest::newRow("duplicate endpoint")
        << twoRegionsDoc("r2", "replica", "e1") << 15 << 13
        << QStringLiteral("duplicate endpoint id \"e1\" (first used on line 7); "
                          "endpoint ids must be unique across the file");
    QTest::newRow("second primary")
        << twoRegionsDoc("r2", "primary", "e2") << 13 << 11
        << QStringLiteral("region \"r2\" is a second primary (region \"r1\" on line 5 is "
                          "primary); exactly one region must be primary");
    QTest::newRow("no primary")
        << replaced(base, "role: primary", "role: replica") << 1 << 1
        << QStringLiteral("no region has role \"primary\"; exactly one region must be primary");
    QTest::newRow("latitude") << replaced(base, "latitude: 1", "latitude: 91") << 3 << 15
                              << QStringLiteral(
                                     "\"latitude\" must be between -90 and 90, not \"91\"");
    QTest::newRow("longitude") << replaced(base, "longitude: 2", "longitude: -180.5") << 4 << 16
                               << QStringLiteral(
                                      "\"longitude\" must be between -180 and 180, not \"-180.5\"");
    QTest::newRow("missing url") << replaced(base, "        url: http://127.0.0.1:8080/health\n",
        "") << 7 << 9 << QStringLiteral("endpoint \"e1\" is missing required key \"url\"");
    QTest::newRow("missing latitude") << replaced(base, "    latitude: 1\n",
        "") << 2 << 5 << QStringLiteral("region \"r1\" is missing required key \"latitude\"");
    // Once aborted the whole program: the endpoint count asked a missing key for its type.
    QTest::newRow("missing endpoints") << replaced(base,
        "    endpoints:\n      - id: e1\n        kind: http\n"
        "        url: http://127.0.0.1:8080/health\n",
        "") << 2 << 5 << QStringLiteral("region \"r1\" is missing required key \"endpoints\"");
    // Shown everywhere, an id may not hold a secret (the fuzz target saw one quoted whole).
    QTest::newRow("id from the environment")
        << replaced(base, "  - id: r1", "  - id: \"r${FC_TST_LOADER_SECRET}\"") << 2 << 9
        << QStringLiteral("\"id\" cannot take a value from the environment "
                          "(\"r${FC_TST_LOADER_SECRET}\")");
    QTest::newRow("name from the environment")
        << endpointDoc("        name: \"${FC_TST_LOADER_SECRET}\"\n") << 10 << 15
        << QStringLiteral("\"name\" cannot take a value from the environment");
    QTest::newRow("missing regions") << QByteArray("console:\n  probe_interval: 2s\n") << 1 << 1
                                     << QStringLiteral("missing required key \"regions\"");
    QTest::newRow("unset variable")
        << endpointDoc("        headers: { apikey: \"${FC_TST_LOADER_UNSET}\" }\n") << 10 << 28
        << QStringLiteral("in \"apikey\": environment variable \"FC_TST_LOADER_UNSET\" is not set");
    QTest::newRow("status too high")
        << endpointDoc("        expected_status: 600\n") << 10 << 26
        << QStringLiteral("\"expected_status\" must be between 100 and 599, not \"600\"");
    QTest::newRow("status too low") << endpointDoc("        expected_status: 99\n") << 10 << 26
                                    << QStringLiteral("between 100 and 599");
    QTest::newRow("timeout equals interval")
        << endpointDoc("        interval: 1s\n        timeout: 1s\n") << 11 << 18
        << QStringLiteral("\"timeout\" (1s) must be shorter than \"interval\" (1s): "
                          "probes would overlap");
    QTest::newRow("inherited timeout")
        << endpointDoc("        interval: 500ms\n") << 10 << 19
        << QStringLiteral("\"console.probe_timeout\" (800ms) must be shorter than "
                          "\"interval\" (500ms)");
    QTest::newRow("console timing")
        << "console:\n  probe_interval: 1s\n  probe_timeout: 2s\n" + base << 3 << 18
        << QStringLiteral("\"probe_timeout\" (2s) must be shorter than \"probe_interval\" (1s)");
    QTest::newRow("console inherited timeout")
        << "console:\n  probe_interval: 500ms\n" + base << 2 << 19
        << QStringLiteral(
               "\"probe_timeout\" (800ms) must be shorter than \"probe_interval\" (500ms)");
    QTest::newRow("no overlap check after an unreadable duration")
        << endpointDoc("        interval: fast\n        timeout: 2s\n") << 10 << 19
        << QStringLiteral("invalid duration \"fast\" for \"interval\"");
    QTest::newRow("unknown kind")
        << endpointDoc({}, "http://127.0.0.1/", "grpc") << 8 << 15
        << QStringLiteral("unknown kind \"grpc\"; expected http, postgres or breakers");
    QTest::newRow("unknown role")
        << replaced(base, "role: primary", "role: leader") << 5 << 11
        << QStringLiteral("unknown role \"leader\"; expected primary, replica or standby");
    QTest::newRow("unknown method")
        << endpointDoc("        method: PUT\n") << 10 << 17
        << QStringLiteral("unknown method \"PUT\"; expected GET, HEAD, POST or OPTIONS");
    QTest::newRow("http key on postgres")
        << endpointDoc("        connection: host=db\n", "http://h/", "postgres") << 9 << 9
        << QStringLiteral("\"url\" is an http setting, but endpoint \"e1\" is a "
                          "postgres endpoint");
    QTest::newRow("postgres key on http")
        << endpointDoc("        connection: host=db\n") << 10 << 9
        << QStringLiteral("\"connection\" is a postgres setting, but endpoint \"e1\" "
                          "is an http endpoint");
    QTest::newRow("invalid id") << replaced(base, "id: e1", "id: E_1") << 7 << 13
                                << QStringLiteral("invalid id \"E_1\"");
    QTest::newRow("error rate")
        << "detection:\n  error_rate_threshold: 150%\n" + base << 2 << 25
        << QStringLiteral(
               "\"error_rate_threshold\" must be above 0% and at most 100%, not \"150%\"");
    QTest::newRow("zero failures")
        << "circuit_breaker:\n  failure_threshold: 0\n" + base << 2 << 22
        << QStringLiteral("\"failure_threshold\" must be between 1 and 100, not \"0\"");
    QTest::newRow("empty file") << QByteArray() << 1 << 1 << QStringLiteral("the file is empty");
    QTest::newRow("top level list")
        << QByteArray("- a\n") << 1 << 1
        << QStringLiteral("expected a mapping of keys to values at the top level, not a list");
    QTest::newRow("regions not a list")
        << QByteArray("regions: 5\n") << 1 << 10
        << QStringLiteral("\"regions\" must be a list of at least one region");
    QTest::newRow("no endpoints") << QByteArray(
        "regions:\n  - id: r1\n    latitude: 1\n    longitude: 2\n    role: primary\n"
        "    endpoints: []\n") << 6
                                  << 5
                                  << QStringLiteral(
                                         "\"endpoints\" must be a list of at least one endpoint");
    QTest::newRow("connection string")
        << replaced(endpointDoc({}, {}, "postgres"), "url: ", "connection: db.example.org") << 9
        << 21 << QStringLiteral("malformed connection string: expected key=value");
    QTest::newRow("connection host list")
        << replaced(endpointDoc({}, {}, "postgres"), "url: ", "connection: host=a,b dbname=x") << 9
        << 21 << QStringLiteral("malformed connection string: name one server per endpoint");
    QTest::newRow("connection URI host list")
        << replaced(endpointDoc({}, {}, "postgres"), "url: ", "connection: postgresql://a,b/x") << 9
        << 21 << QStringLiteral("malformed connection string: name one server per endpoint");
    QTest::newRow("connection URI host list after credentials")
        << replaced(
               endpointDoc({}, {}, "postgres"), "url: ", "connection: postgresql://u:p,w@a,b/x")
        << 9 << 21 << QStringLiteral("malformed connection string: name one server per endpoint");
    QTest::newRow("connection service")
        << replaced(endpointDoc({}, {}, "postgres"), "url: ", "connection: service=prod") << 9 << 21
        << QStringLiteral("malformed connection string: service= is not supported");
    QTest::newRow("missing CA file")
        << endpointDoc("        ca_file: /nonexistent/ca.pem\n") << 10 << 18
        << QStringLiteral("CA file \"/nonexistent/ca.pem\" does not exist");
    QTest::newRow("JSON path") << endpointDoc("        expect_json: { a..b: ok }\n") << 10 << 24
                               << QStringLiteral("invalid JSON path \"a..b\"");
    QTest::newRow("lag JSON path") << endpointDoc("        lag_json_ms: lag..ms\n") << 10 << 22
                                   << QStringLiteral("invalid JSON path \"lag..ms\"");
    QTest::newRow("role JSON path") << endpointDoc("        role_json: .role\n") << 10 << 20
                                    << QStringLiteral("invalid JSON path \".role\"");
    QTest::newRow("lag critical under warning")
        << "replication:\n  lag_warning: 10s\n  lag_critical: 5s\n" + base << 3 << 17
        << QStringLiteral("lag_critical must be longer than lag_warning (10 s)");
    QTest::newRow("lag warning over the default critical") << "replication:\n  lag_warning: 1m\n"
            + base << 1 << 1 << QStringLiteral("set lag_critical too");
    QTest::newRow("lag critical bytes under warning")
        << "replication:\n  lag_warning_bytes: 1GiB\n  lag_critical_bytes: 1MiB\n" + base << 3 << 23
        << QStringLiteral("lag_critical_bytes must be larger than lag_warning_bytes (1.00 GiB)");
    QTest::newRow("lag size") << "replication:\n  lag_warning_bytes: lots\n" + base << 2 << 22
                              << QStringLiteral("invalid size \"lots\"");
    QTest::newRow("failover priority range")
        << replaced(base, "    role: primary\n", "    role: primary\n    failover_priority: 5000\n")
        << 6 << 24 << QStringLiteral("5000");
    QTest::newRow("header name") << endpointDoc("        headers: { \"bad name\": x }\n") << 10
                                 << 20 << QStringLiteral("invalid header name \"bad name\"");

    // Kind "breakers": an http request whose body is read by its format.
    const QByteArray breakersUrl = "http://127.0.0.1:8080/actuator/circuitbreakers";
    QTest::newRow("breakers without format")
        << endpointDoc({}, breakersUrl, "breakers") << 7 << 9
        << QStringLiteral("endpoint \"e1\" is missing required key \"format\"");
    QTest::newRow("breakers unknown format")
        << endpointDoc("        format: prometheus\n", breakersUrl, "breakers") << 10 << 17
        << QStringLiteral(
               "unknown format \"prometheus\"; expected actuator, actuator-health or json");
    QTest::newRow("breakers json without path")
        << endpointDoc("        format: json\n", breakersUrl, "breakers") << 7 << 9
        << QStringLiteral("endpoint \"e1\" has format json but no \"breakers_path\"");
    QTest::newRow("breakers path with actuator format")
        << endpointDoc("        format: actuator\n        breakers_path: data.breakers\n",
               breakersUrl, "breakers")
        << 11 << 9
        << QStringLiteral("\"breakers_path\" is read only with format json, but endpoint \"e1\" "
                          "has format actuator");
    QTest::newRow("breakers state key with health format") << endpointDoc(
        "        format: actuator-health\n        state_key: status\n", breakersUrl,
        "breakers") << 11 << 9 << QStringLiteral("\"state_key\" is read only with format json");
    QTest::newRow("breakers invalid path") << endpointDoc(
        "        format: json\n        breakers_path: data..breakers\n", breakersUrl,
        "breakers") << 11 << 24 << QStringLiteral("invalid JSON path \"data..breakers\"");
    QTest::newRow("breakers invalid name key") << endpointDoc(
        "        format: json\n        breakers_path: breakers\n        name_key: "
        "id.\n",
        breakersUrl, "breakers") << 12 << 19 << QStringLiteral("invalid JSON path \"id.\"");
    QTest::newRow("breakers without url")
        << replaced(endpointDoc("        format: actuator\n", breakersUrl, "breakers"),
               "        url: " + breakersUrl + "\n", "")
        << 7 << 9 << QStringLiteral("endpoint \"e1\" is missing required key \"url\"");
    QTest::newRow("breakers HEAD")
        << endpointDoc("        format: actuator\n        method: HEAD\n", breakersUrl, "breakers")
        << 11 << 17
        << QStringLiteral("method \"HEAD\" cannot read breakers; a breakers endpoint uses GET");
    QTest::newRow("http answer key on breakers")
        << endpointDoc(
               "        format: actuator\n        expected_status: 200\n", breakersUrl, "breakers")
        << 11 << 9
        << QStringLiteral("\"expected_status\" is an http setting, but endpoint \"e1\" is a "
                          "breakers endpoint");
    QTest::newRow("postgres key on breakers")
        << endpointDoc(
               "        format: actuator\n        heartbeat: true\n", breakersUrl, "breakers")
        << 11 << 9
        << QStringLiteral("\"heartbeat\" is a postgres setting, but endpoint \"e1\" is a "
                          "breakers endpoint");
    QTest::newRow("breakers key on http")
        << endpointDoc("        format: actuator\n") << 10 << 9
        << QStringLiteral("\"format\" is a breakers setting, but endpoint \"e1\" is an http "
                          "endpoint");
    QTest::newRow("breakers key on postgres")
        << replaced(endpointDoc("        breakers_path: a\n", {}, "postgres"),
               "url: ", "connection: host=db")
        << 10 << 9
        << QStringLiteral("\"breakers_path\" is a breakers setting, but endpoint \"e1\" is a "
                          "postgres endpoint");
    QTest::newRow("control not a boolean")
        << endpointDoc("        control: sometimes\n") << 10 << 18
        << QStringLiteral("\"control\" must be true or false, not \"sometimes\"");
}

void tst_ConfigLoader::reportsEachError()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("case.yaml"));
    QVERIFY(!result.ok());
    QVERIFY(!result.config.has_value());
    // Exactly one problem: one mistake must not cascade into noise.
    QVERIFY2(result.diagnostics.size() == 1, qPrintable(allMessages(result)));
    const ConfigDiagnostic &d = result.diagnostics.first();
    QVERIFY2(d.message.contains(message), qPrintable(d.toString()));
    QCOMPARE(d.file, u"case.yaml");
    QCOMPARE(d.line, line);
    QCOMPARE(d.column, column);
    QCOMPARE(d.toString(),
        u"case.yaml:" + QString::number(line) + u':' + QString::number(column) + u": " + d.message);
}

void tst_ConfigLoader::reportsSeveralErrorsTogether()
{
    const QString path = SourceDir + u"/tests/services/config/data/broken.yaml";
    const ConfigLoadResult result = ConfigLoader::loadFile(path);
    QVERIFY(!result.ok());
    const QList<std::tuple<int, int, QString>> expected {
        { 7, 25, QStringLiteral("\"consecutive_failures\" must be a whole number, not \"three\"") },
        { 8, 25, QStringLiteral("\"error_rate_threshold\" must be above 0% and at most 100%") },
        { 12, 15, QStringLiteral("\"latitude\" must be between -90 and 90") },
        { 18, 14, QStringLiteral("malformed URL") },
        { 19, 9,
            QStringLiteral("unknown key \"intervall\" in endpoint; did you mean \"interval\"?") },
        { 22, 21,
            QStringLiteral(
                "environment variable \"FAILOVER_CONSOLE_TEST_UNSET_VARIABLE\" is not set") },
        { 26, 11, QStringLiteral("is a second primary") },
        { 28, 13,
            QStringLiteral("duplicate endpoint id \"us-east-rest\" (first used on line 16)") },
        { 31, 18,
            QStringLiteral(
                "\"timeout\" (2s) must be shorter than \"console.probe_interval\" (1s)") },
        { 32, 26, QStringLiteral("\"expected_status\" must be between 100 and 599") },
    };
    QVERIFY2(result.diagnostics.size() == expected.size(), qPrintable(allMessages(result)));
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const ConfigDiagnostic &d = result.diagnostics.at(i);
        const auto &[line, column, message] = expected.at(i);
        QCOMPARE(d.file, path);
        QCOMPARE(d.line, line);
        QCOMPARE(d.column, column);
        QVERIFY2(d.message.contains(message), qPrintable(d.toString()));
    }
}

void tst_ConfigLoader::expandsEnvironmentVariables()
{
    const QByteArray yaml
        = endpointDoc("        headers: { apikey: \"${FC_TST_LOADER_SECRET}\" }\n"
                      "        expect_json: { region: \"${FC_TST_LOADER_UNSET:-us-east}\" }\n");
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("env.yaml"));
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    const EndpointConfig &e = result.config->regions.at(0).endpoints.at(0);
    const QList<QPair<QByteArray, QByteArray>> headers { { "apikey", Secret.toUtf8() } };
    QCOMPARE(e.http.headers, headers);
    QCOMPARE(e.http.expectJson.value(QStringLiteral("region")), u"us-east"); // the default
    QCOMPARE(e.secretFields, QStringList { QStringLiteral("headers.apikey") });
    QCOMPARE(result.config->secretValues, QStringList { Secret });
    QCOMPARE(result.config->redactSecrets(u"key " + Secret + u" rejected"),
        u"key \u2022\u2022\u2022\u2022 rejected");
}

void tst_ConfigLoader::expandsExtraVariablesFirst()
{
    qputenv("FC_TST_LOADER_PORT", "1");
    const QByteArray yaml = endpointDoc({}, "http://127.0.0.1:${FC_TST_LOADER_PORT}/health");
    const ConfigLoadResult result = ConfigLoader::loadString(yaml, QStringLiteral("demo.yaml"),
        { { QStringLiteral("FC_TST_LOADER_PORT"), QStringLiteral("18443") } });
    qunsetenv("FC_TST_LOADER_PORT");
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    const EndpointConfig &e = result.config->regions.at(0).endpoints.at(0);
    QCOMPARE(e.http.url.port(), 18443);
    // The program's own variables are not secrets: the demo's ports stay visible.
    QCOMPARE(e.displayTarget, u"http://127.0.0.1:18443/health");
    QVERIFY(e.secretFields.isEmpty());
}

void tst_ConfigLoader::neverShowsSecrets()
{
    // Every value holding the secret is wrong in some way, so each one ends up in a diagnostic.
    const QByteArray broken = endpointDoc("        method: \"${FC_TST_LOADER_SECRET}\"\n"
                                          "        expected_status: \"${FC_TST_LOADER_SECRET}\"\n"
                                          "        interval: \"${FC_TST_LOADER_SECRET}\"\n"
                                          "        max_body: \"x${FC_TST_LOADER_SECRET}\"\n"
                                          "        follow_redirects: \"${FC_TST_LOADER_SECRET}\"\n"
                                          "        ca_file: \"/x/${FC_TST_LOADER_SECRET}\"\n",
        "\"ftp://u:${FC_TST_LOADER_SECRET}@h/?k=${FC_TST_LOADER_SECRET}\"");
    const ConfigLoadResult failed = ConfigLoader::loadString(broken, QStringLiteral("secret.yaml"));
    QCOMPARE(failed.diagnostics.size(), 7);
    for (const ConfigDiagnostic &d : failed.diagnostics) {
        QVERIFY2(!d.toString().contains(Secret), qPrintable(d.toString()));
        // A URL is shown without its user info and query at all; other values name the variable.
        if (!d.message.startsWith(u"malformed URL"))
            QVERIFY2(d.message.contains(u"${FC_TST_LOADER_SECRET}"), qPrintable(d.toString()));
    }

    const QByteArray good = R"(
regions:
  - id: r1
    latitude: 1
    longitude: 2
    role: primary
    endpoints:
      - id: web
        kind: http
        url: "https://monitor:${FC_TST_LOADER_SECRET}@h.example.org/health?key=${FC_TST_LOADER_SECRET}#x"
      - id: keywords
        kind: postgres
        connection: "host=db user=monitor password=${FC_TST_LOADER_SECRET} sslmode=require"
      - id: uri
        kind: postgres
        connection: "postgresql://monitor:${FC_TST_LOADER_SECRET}@db:5432/postgres?sslmode=require"
      - id: whole
        kind: postgres
        connection: "host=db password='${FC_TST_LOADER_SECRET}'"
)";
    const ConfigLoadResult result = ConfigLoader::loadString(good, QStringLiteral("secret.yaml"));
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    const QList<EndpointConfig> &endpoints = result.config->regions.at(0).endpoints;
    QCOMPARE(endpoints.at(0).http.url.password(), Secret);
    QCOMPARE(endpoints.at(0).displayTarget, u"https://h.example.org/health");
    QCOMPARE(endpoints.at(1).displayTarget, u"host=db user=monitor sslmode=require");
    QCOMPARE(
        endpoints.at(2).displayTarget, u"postgresql://monitor@db:5432/postgres?sslmode=require");
    QCOMPARE(endpoints.at(3).displayTarget, u"host=db");
    QVERIFY(endpoints.at(1).postgres.connectionString.contains(Secret));
    for (const EndpointConfig &e : endpoints) {
        QVERIFY2(!e.displayTarget.contains(Secret), qPrintable(e.displayTarget));
        QCOMPARE(e.secretFields.size(), 1);
    }
}

void tst_ConfigLoader::loadsExample()
{
    qputenv("SUPABASE_ANON_KEY", "anon-key-for-test");
    qputenv("PGPASSWORD", "pg-password-for-test");
    const ConfigLoadResult result
        = ConfigLoader::loadFile(SourceDir + u"/resources/examples/multi-region.yaml");
    qunsetenv("SUPABASE_ANON_KEY");
    qunsetenv("PGPASSWORD");
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
    const ConsoleConfig &c = *result.config;
    QCOMPARE(c.regions.size(), 3);
    QCOMPARE(c.primaryRegion()->id, u"us-east");
    QCOMPARE(toString(c.region(QStringLiteral("eu-west"))->role), u"standby");
    QCOMPARE(toString(c.region(QStringLiteral("ap-southeast-1"))->role), u"replica");
    QCOMPARE(c.endpointCount(), 8);
    const EndpointConfig &web = c.regions.at(0).endpoints.at(0);
    QCOMPARE(web.http.url.path(), u"/api/health");
    QCOMPARE(web.http.expectJson.value(QStringLiteral("db")), u"ok");
    QCOMPARE(web.http.expectJson.value(QStringLiteral("auth")), u"ok");
    const EndpointConfig &rest = c.regions.at(0).endpoints.at(1);
    QCOMPARE(rest.http.method, QByteArray("HEAD"));
    QCOMPARE(rest.http.headers.value(0).second, QByteArray("anon-key-for-test"));
    for (const RegionConfig &region : c.regions) {
        for (const EndpointConfig &e : region.endpoints) {
            QVERIFY2(
                !e.displayTarget.contains(u"pg-password-for-test"), qPrintable(e.displayTarget));
            QVERIFY(!e.displayTarget.isEmpty());
        }
    }
    QCOMPARE(c.detection.consecutiveFailures, 3);
    QCOMPARE(c.detection.latencyThreshold, 5000ms);
    QCOMPARE(c.detection.errorRateThreshold, 0.5);
}

void tst_ConfigLoader::reportsUnreadableFile()
{
    const QString path = SourceDir + u"/tests/services/config/data/does-not-exist.yaml";
    const ConfigLoadResult result = ConfigLoader::loadFile(path);
    QVERIFY(!result.ok());
    QCOMPARE(result.diagnostics.size(), 1);
    QCOMPARE(result.diagnostics.first().line, 0);
    QVERIFY2(result.diagnostics.first().toString().startsWith(path + u": cannot read the file: "),
        qPrintable(result.diagnostics.first().toString()));
}

void tst_ConfigLoader::commaInUriPasswordIsNotAHostList()
{
    const QByteArray doc = replaced(endpointDoc({}, {}, "postgres"),
        "url: ", "connection: postgresql://u:p,w@db.example.org/x");
    const ConfigLoadResult result = ConfigLoader::loadString(doc, QStringLiteral("uri.yaml"));
    QVERIFY2(result.ok(), qPrintable(allMessages(result)));
}

QTEST_GUILESS_MAIN(tst_ConfigLoader)
#include "tst_configloader.moc"
