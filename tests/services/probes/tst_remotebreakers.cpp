// Where the payloads in data/ come from (github.com/resilience4j/resilience4j and Spring Boot):
// - actuator-circuitbreakers.json: GET /actuator/circuitbreakers as
//   resilience4j-spring-boot3/.../monitoring/endpoint/CircuitBreakerEndpoint.java builds it, a
//   CircuitBreakerEndpointResponse (resilience4j-framework-common) whose "circuitBreakers" map is a
//   LinkedHashMap sorted by name of CircuitBreakerDetails; rates are Java floats followed by "%"
//   (metrics.getFailureRate() + "%", so -1 reads "-1.0%" and 3 of 9 "33.333332%"), the state is
//   the CircuitBreaker.State enum's name, fields in CircuitBreakerDetails' declaration order.
// - actuator-circuitbreakers-names.json: resilience4j-spring-boot2's CircuitBreakerEndpoint,
//   which returns the sorted names only.
// - actuator-health*.json: resilience4j-spring-boot3/.../monitoring/health/
//   CircuitBreakersHealthIndicator.java (bean "circuitBreakersHealthIndicator", so the component
//   is "circuitBreakers"): per breaker UP (CLOSED), CIRCUIT_OPEN or DOWN when
//   allow-health-indicator-to-fail (OPEN), CIRCUIT_HALF_OPEN, else UNKNOWN, with the details in
//   addDetails' order; only breakers with register-health-indicator appear, in HashMap order.
//   Spring Boot's SimpleStatusAggregator leaves statuses outside its order (CIRCUIT_OPEN) out, so
//   the component stays UP beside an open breaker; DOWN answers 503; show-details is "never" by
//   default (no-details, components-only).
// - json-*.json: no standard exists; a service's own status answer, as the generic form reads it.

#include "remotebreakers.h"

#include <QFile>
#include <QTest>

using namespace Console;
using namespace Qt::StringLiterals;

namespace {

QByteArray dataFile(const QString &name)
{
    QFile file(QStringLiteral(PROBES_TEST_DATA) + u'/' + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read test data %s", qPrintable(name));
    return file.readAll();
}

// One line per breaker, so that a difference shows which breaker and which field.
QString describe(const RemoteBreaker &breaker)
{
    const auto number
        = [](const auto &value) { return value ? QString::number(*value, 'g', 8) : u"-"_s; };
    return u"%1 %2 %3 rate=%4 buffered=%5 failed=%6"_s.arg(breaker.name, toString(breaker.state),
        breaker.stateWord, number(breaker.failureRatePercent), number(breaker.bufferedCalls),
        number(breaker.failedCalls));
}

BreakersEndpointConfig configFor(const QString &format, const QString &path = {},
    const QString &nameKey = {}, const QString &stateKey = {})
{
    BreakersEndpointConfig config;
    if (format == u"actuator-health")
        config.format = BreakersFormat::ActuatorHealth;
    else if (format == u"json")
        config.format = BreakersFormat::Json;
    config.breakersPath = path;
    if (!nameKey.isEmpty())
        config.nameKey = nameKey;
    if (!stateKey.isEmpty())
        config.stateKey = stateKey;
    return config;
}

} // namespace

// The breaker lists of Resilience4j's actuator, Spring Boot's health and a generic JSON form.
class tst_RemoteBreakers final : public QObject
{
    Q_OBJECT

private slots:
    void reads_data();
    void reads();
    void rejects_data();
    void rejects();
    void stateWords_data();
    void stateWords();
    void keepsExactFailureRate();
};

void tst_RemoteBreakers::reads_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("nameKey");
    QTest::addColumn<QString>("stateKey");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("actuator")
        << dataFile(u"actuator-circuitbreakers.json"_s) << u"actuator"_s << QString() << QString()
        << QString()
        << QStringList {
               u"backendA closed CLOSED rate=- buffered=0 failed=0"_s,
               u"backendB open OPEN rate=60 buffered=10 failed=6"_s,
               u"inventory closed CLOSED rate=33.333332 buffered=9 failed=3"_s,
               u"payments forced-open FORCED_OPEN rate=- buffered=0 failed=0"_s,
               u"pricing half-open HALF_OPEN rate=- buffered=2 failed=1"_s,
               u"recommendations disabled DISABLED rate=- buffered=0 failed=0"_s,
               u"search disabled METRICS_ONLY rate=- buffered=40 failed=2"_s,
           };
    QTest::newRow("actuator without breakers")
        << dataFile(u"actuator-circuitbreakers-empty.json"_s) << u"actuator"_s << QString()
        << QString() << QString() << QStringList();

    const QStringList health {
        u"backendA closed CLOSED rate=- buffered=0 failed=0"_s,
        u"backendB open OPEN rate=60 buffered=10 failed=6"_s,
        u"pricing half-open HALF_OPEN rate=- buffered=2 failed=1"_s,
    };
    QTest::newRow("health") << dataFile(u"actuator-health.json"_s) << u"actuator-health"_s
                            << QString() << QString() << QString() << health;
    QTest::newRow("health of the component alone")
        << dataFile(u"actuator-health-circuitbreakers.json"_s) << u"actuator-health"_s << QString()
        << QString() << QString() << health;
    QTest::newRow("health down") << dataFile(u"actuator-health-down.json"_s) << u"actuator-health"_s
                                 << QString() << QString() << QString()
                                 << QStringList {
                                        u"backendA closed CLOSED rate=- buffered=0 failed=0"_s,
                                        u"backendB open OPEN rate=60 buffered=10 failed=6"_s,
                                    };

    QTest::newRow("json") << dataFile(u"json-breakers.json"_s) << u"json"_s << u"breakers"_s
                          << QString() << QString()
                          << QStringList {
                                 u"payments closed closed rate=- buffered=- failed=-"_s,
                                 u"inventory half-open half-open rate=- buffered=- failed=-"_s,
                                 u"search open OPEN rate=- buffered=- failed=-"_s,
                                 u"ledger unknown tripped rate=- buffered=- failed=-"_s,
                             };
    QTest::newRow("json nested keys")
        << dataFile(u"json-nested.json"_s) << u"json"_s << u"data.circuits"_s << u"id.name"_s
        << u"status.state"_s
        << QStringList {
               u"eu-west-db half-open Half Open rate=- buffered=- failed=-"_s,
               u"us-east-db forced-open forced_open rate=- buffered=- failed=-"_s,
           };
    QTest::newRow("json list in a list")
        << R"([{"breakers":[{"name":"a","state":"open"}]}])"_ba << u"json"_s << u"0.breakers"_s
        << QString() << QString() << QStringList { u"a open open rate=- buffered=- failed=-"_s };
    QTest::newRow("json empty list") << R"({"breakers":[]})"_ba << u"json"_s << u"breakers"_s
                                     << QString() << QString() << QStringList();

    // Figures are what the application reports, never a verdict: odd ones are left out.
    QTest::newRow("odd figures")
        << R"({"circuitBreakers":{"a":{"failureRate":12.5,"state":"CLOSED"},
              "b":{"failureRate":"abc%","bufferedCalls":"7","state":"CLOSED"},
              "c":{"failureRate":"150.0%","bufferedCalls":-1,"failedCalls":2.5,"state":"CLOSED"}}})"_ba
        << u"actuator"_s << QString() << QString() << QString()
        << QStringList {
               u"a closed CLOSED rate=12.5 buffered=- failed=-"_s,
               u"b closed CLOSED rate=- buffered=- failed=-"_s,
               u"c closed CLOSED rate=- buffered=- failed=-"_s,
           };
}

void tst_RemoteBreakers::reads()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, format);
    QFETCH(QString, path);
    QFETCH(QString, nameKey);
    QFETCH(QString, stateKey);
    QFETCH(QStringList, expected);

    const RemoteBreakersReading reading
        = readRemoteBreakers(body, configFor(format, path, nameKey, stateKey));
    QVERIFY2(reading.ok(), qPrintable(reading.error));
    QStringList described;
    for (const RemoteBreaker &breaker : reading.breakers)
        described += describe(breaker);
    QCOMPARE(described, expected);
}

void tst_RemoteBreakers::rejects_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("error");

    QTest::newRow("html") << "<html>login</html>"_ba << u"actuator"_s << QString()
                          << u"body is not JSON: illegal value at offset 1"_s;
    QTest::newRow("empty") << QByteArray() << u"actuator-health"_s << QString()
                           << u"body is not JSON: illegal value at offset 0"_s;
    QTest::newRow("list for actuator")
        << "[]"_ba << u"actuator"_s << QString() << u"body is a JSON list, expected an object"_s;
    QTest::newRow("health answer read as actuator")
        << dataFile(u"actuator-health-no-details.json"_s) << u"actuator"_s << QString()
        << u"no \"circuitBreakers\" in the answer; is this /actuator/circuitbreakers?"_s;
    QTest::newRow("names only") << dataFile(u"actuator-circuitbreakers-names.json"_s)
                                << u"actuator"_s << QString()
                                << u"the answer lists breaker names without their states "
                                   "(Resilience4j for Spring Boot 2); use format actuator-health"_s;
    QTest::newRow("circuitBreakers text")
        << R"({"circuitBreakers":"none"})"_ba << u"actuator"_s << QString()
        << u"\"circuitBreakers\" is text, expected an object"_s;
    QTest::newRow("breaker a number")
        << R"({"circuitBreakers":{"a":5}})"_ba << u"actuator"_s << QString()
        << u"breaker \"a\" is a number, expected an object"_s;
    QTest::newRow("breaker without state")
        << R"({"circuitBreakers":{"a":{"failureRate":"-1.0%"}}})"_ba << u"actuator"_s << QString()
        << u"breaker \"a\" has no state"_s;
    QTest::newRow("null state") << R"({"circuitBreakers":{"a":{"state":null}}})"_ba << u"actuator"_s
                                << QString() << u"breaker \"a\" has no state"_s;
    const QByteArray longName(60, 'x');
    QTest::newRow("long name shortened")
        << R"({"circuitBreakers":{")" + longName + R"(":{}}})" << u"actuator"_s << QString()
        << u"breaker \"%1…\" has no state"_s.arg(QString(40, u'x'));

    QTest::newRow("actuator answer read as health")
        << dataFile(u"actuator-circuitbreakers.json"_s) << u"actuator-health"_s << QString()
        << u"the answer is not a Spring Boot health answer: it has no \"status\""_s;
    QTest::newRow("health without details")
        << dataFile(u"actuator-health-no-details.json"_s) << u"actuator-health"_s << QString()
        << u"the health answer shows no components; set management.endpoint.health.show-details "
           "(or show-components)"_s;
    QTest::newRow("health components only")
        << dataFile(u"actuator-health-components-only.json"_s) << u"actuator-health"_s << QString()
        << u"the circuitBreakers component shows no breakers; set "
           "management.endpoint.health.show-details and the breakers' register-health-indicator"_s;
    QTest::newRow("health without the component")
        << dataFile(u"actuator-health-without-breakers.json"_s) << u"actuator-health"_s << QString()
        << u"the health answer has no circuitBreakers component; set "
           "management.health.circuitbreakers.enabled"_s;
    QTest::newRow("health details of other indicators")
        << R"({"status":"UP","details":{"diskSpace":{"status":"UP","details":{"free":1}}}})"_ba
        << u"actuator-health"_s << QString()
        << u"the health answer has no circuitBreakers component; set "
           "management.health.circuitbreakers.enabled"_s;
    QTest::newRow("health breaker without details")
        << R"({"status":"UP","components":{"circuitBreakers":{"status":"UP",
              "details":{"a":{"status":"UP"}}}}})"_ba
        << u"actuator-health"_s << QString() << u"breaker \"a\" shows no details"_s;
    QTest::newRow("health breaker without state")
        << R"({"status":"UP","components":{"circuitBreakers":{"status":"UP",
              "details":{"a":{"status":"UP","details":{"failureRate":"-1.0%"}}}}}})"_ba
        << u"actuator-health"_s << QString() << u"breaker \"a\" has no state"_s;

    QTest::newRow("json path missing")
        << dataFile(u"json-breakers.json"_s) << u"json"_s << u"circuits"_s
        << u"circuits is missing, expected a list of breakers"_s;
    QTest::newRow("json path not a list")
        << dataFile(u"json-breakers.json"_s) << u"json"_s << u"service"_s
        << u"service is text, expected a list of breakers"_s;
    QTest::newRow("json item not an object")
        << R"({"b":[1]})"_ba << u"json"_s << u"b"_s << u"b.0 is a number, expected an object"_s;
    QTest::newRow("json item without name")
        << R"({"b":[{"name":"a","state":"open"},{"state":"open"}]})"_ba << u"json"_s << u"b"_s
        << u"b.1 has no name at \"name\""_s;
    QTest::newRow("json item without state") << R"({"b":[{"name":"a"}]})"_ba << u"json"_s << u"b"_s
                                             << u"breaker \"a\" has no state at \"state\""_s;
    QTest::newRow("json state not text") << R"({"b":[{"name":"a","state":true}]})"_ba << u"json"_s
                                         << u"b"_s << u"breaker \"a\" has no state at \"state\""_s;
    QTest::newRow("json name twice")
        << R"({"b":[{"name":"a","state":"open"},{"name":"a","state":"closed"}]})"_ba << u"json"_s
        << u"b"_s << u"breaker \"a\" appears twice"_s;
}

void tst_RemoteBreakers::rejects()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, format);
    QFETCH(QString, path);
    QFETCH(QString, error);

    const RemoteBreakersReading reading = readRemoteBreakers(body, configFor(format, path));
    QVERIFY(!reading.ok());
    QCOMPARE(reading.error, error);
    QVERIFY(reading.breakers.isEmpty());
}

void tst_RemoteBreakers::stateWords_data()
{
    QTest::addColumn<QString>("word");
    QTest::addColumn<BreakerState>("state");

    QTest::newRow("CLOSED") << u"CLOSED"_s << BreakerState::Closed;
    QTest::newRow("closed") << u"closed"_s << BreakerState::Closed;
    QTest::newRow("padded") << u" Open "_s << BreakerState::Open;
    QTest::newRow("HALF_OPEN") << u"HALF_OPEN"_s << BreakerState::HalfOpen;
    QTest::newRow("half-open") << u"half-open"_s << BreakerState::HalfOpen;
    QTest::newRow("Half Open") << u"Half Open"_s << BreakerState::HalfOpen;
    QTest::newRow("DISABLED") << u"DISABLED"_s << BreakerState::Disabled;
    QTest::newRow("metrics-only") << u"metrics-only"_s << BreakerState::Disabled;
    QTest::newRow("FORCED_OPEN") << u"FORCED_OPEN"_s << BreakerState::ForcedOpen;
    QTest::newRow("halfopen") << u"halfopen"_s << BreakerState::Unknown;
    QTest::newRow("tripped") << u"tripped"_s << BreakerState::Unknown;
    QTest::newRow("empty") << QString() << BreakerState::Unknown;
}

void tst_RemoteBreakers::stateWords()
{
    QFETCH(QString, word);
    QFETCH(BreakerState, state);
    QCOMPARE(toString(remoteBreakerState(word)), toString(state));
}

void tst_RemoteBreakers::keepsExactFailureRate()
{
    const RemoteBreakersReading reading = readRemoteBreakers(
        dataFile(u"actuator-circuitbreakers.json"_s), configFor(u"actuator"_s));
    QVERIFY2(reading.ok(), qPrintable(reading.error));
    QCOMPARE(reading.breakers.size(), 7);
    const RemoteBreaker &inventory = reading.breakers.at(2);
    QCOMPARE(inventory.name, u"inventory"_s);
    QVERIFY(inventory.failureRatePercent.has_value());
    QCOMPARE(*inventory.failureRatePercent, 33.333332);
}

QTEST_GUILESS_MAIN(tst_RemoteBreakers)
#include "tst_remotebreakers.moc"
