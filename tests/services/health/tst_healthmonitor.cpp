#include "configbuilder.h"
#include "eventhub.h"
#include "fakeclock.h"
#include "healthmonitor.h"

#include <QSignalSpy>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

namespace {

ConsoleConfig twoRegions()
{
    return ConfigBuilder()
        .region(QStringLiteral("us-east"), RegionRole::Primary, QStringLiteral("US East"))
        .http(QStringLiteral("us-east-rest"), QUrl(QStringLiteral("https://us-east.example.org/")),
            QStringLiteral("US East REST"))
        .postgres(QStringLiteral("us-east-db"),
            QStringLiteral("host=10.0.0.1 dbname=postgres user=monitor"),
            QStringLiteral("US East DB"))
        .region(QStringLiteral("eu-west"), RegionRole::Replica)
        .http(QStringLiteral("eu-west-rest"), QUrl(QStringLiteral("https://eu-west.example.org/")))
        .build();
}

// Results carry the wall time a prober would stamp on them.
ProbeResult ok(const QString &id, const Clock &clock)
{
    ProbeResult r;
    r.endpointId = id;
    r.status = ProbeStatus::Ok;
    r.latencyMs = 12;
    r.startedAt = clock.wallNow();
    return r;
}

ProbeResult refused(const QString &id, const Clock &clock)
{
    ProbeResult r = ok(id, clock);
    r.status = ProbeStatus::Refused;
    r.reason = QStringLiteral("connection refused by 127.0.0.1:9");
    return r;
}

ProbeResult timeout(const QString &id, const Clock &clock)
{
    ProbeResult r = ok(id, clock);
    r.status = ProbeStatus::Timeout;
    r.reason = QStringLiteral("no answer within 800 ms");
    return r;
}

// Records both signals in the order they arrive, as short strings.
class Recorder final : public QObject
{
public:
    explicit Recorder(HealthMonitor *monitor)
    {
        connect(monitor, &HealthMonitor::endpointEvaluated, this,
            [this](const EndpointHealthUpdate &u) {
                log.append(QStringLiteral("eval %1 %2").arg(u.endpointId, toString(u.health)));
                updates.append(u);
            });
        connect(monitor, &HealthMonitor::healthChanged, this, [this](const HealthChange &c) {
            log.append(QStringLiteral("change %1 %2->%3")
                           .arg(c.isRegion() ? c.regionId : c.endpointId, toString(c.from),
                               toString(c.to)));
            changes.append(c);
        });
    }
    QStringList log;
    QList<EndpointHealthUpdate> updates;
    QList<HealthChange> changes;
};

} // namespace

class tst_HealthMonitor final : public QObject
{
    Q_OBJECT
private slots:
    void unknownBeforeResults();
    void emitsInOrder();
    void regionIsItsWorstEndpoint();
    void regionRecovers();
    void ignoresUnconfiguredEndpoints();
    void queuedConnectionsCarryTheStructs();
    void regionReasonFollowsItsWorstEndpoint();
    void endpointEventCarriesHttpPhases();
};

void tst_HealthMonitor::unknownBeforeResults()
{
    HealthMonitor monitor(twoRegions());
    QCOMPARE(toString(monitor.endpointHealth(QStringLiteral("us-east-rest"))),
        toString(Health::Unknown));
    QCOMPARE(toString(monitor.regionHealth(QStringLiteral("us-east"))), toString(Health::Unknown));
    QCOMPARE(toString(monitor.regionHealth(QStringLiteral("nowhere"))), toString(Health::Unknown));
    QCOMPARE(
        toString(monitor.endpointHealth(QStringLiteral("nothing"))), toString(Health::Unknown));
}

void tst_HealthMonitor::emitsInOrder()
{
    FakeClock clock;
    HealthMonitor monitor(twoRegions());
    Recorder rec(&monitor);

    const QDateTime before = QDateTime::currentDateTimeUtc();
    monitor.evaluate(ok(QStringLiteral("us-east-rest"), clock), clock.now());
    QCOMPARE(rec.log,
        QStringList({ QStringLiteral("eval us-east-rest healthy"),
            QStringLiteral("change us-east-rest unknown->healthy"),
            QStringLiteral("change us-east unknown->healthy") }));
    QCOMPARE(rec.updates.at(0).regionId, QStringLiteral("us-east"));
    QCOMPARE(rec.updates.at(0).successRate, 1.0);
    QCOMPARE(rec.updates.at(0).result.latencyMs, 12.0);
    QCOMPARE(rec.updates.at(0).result.startedAt, FakeClock::defaultWallStart());
    QCOMPARE(rec.changes.at(0).regionId, QStringLiteral("us-east"));
    // Change times are the monitor's own wall clock, not the result's.
    QVERIFY(rec.changes.at(0).at >= before);
    QCOMPARE(rec.changes.at(0).at.timeSpec(), Qt::UTC);
    QVERIFY(rec.changes.at(1).isRegion());
    QCOMPARE(rec.changes.at(1).reason, QStringLiteral("all probed endpoints healthy"));

    // A steady result emits only the evaluation.
    rec.log.clear();
    clock.advance(1s);
    monitor.evaluate(ok(QStringLiteral("us-east-rest"), clock), clock.now());
    QCOMPARE(rec.log, QStringList { QStringLiteral("eval us-east-rest healthy") });
}

void tst_HealthMonitor::regionIsItsWorstEndpoint()
{
    FakeClock clock;
    HealthMonitor monitor(twoRegions());
    Recorder rec(&monitor);
    monitor.evaluate(ok(QStringLiteral("us-east-rest"), clock), clock.now());
    monitor.evaluate(ok(QStringLiteral("us-east-db"), clock), clock.now());
    monitor.evaluate(ok(QStringLiteral("eu-west-rest"), clock), clock.now());
    QCOMPARE(toString(monitor.regionHealth(QStringLiteral("us-east"))), toString(Health::Healthy));

    rec.log.clear();
    clock.advance(1s);
    monitor.evaluate(timeout(QStringLiteral("us-east-db"), clock), clock.now());
    QCOMPARE(rec.log,
        QStringList({ QStringLiteral("eval us-east-db degraded"),
            QStringLiteral("change us-east-db healthy->degraded"),
            QStringLiteral("change us-east healthy->degraded") }));
    QCOMPARE(rec.changes.last().reason,
        QStringLiteral("US East DB: 1 of 3 failed probes: timeout: no answer within 800 ms"));

    rec.log.clear();
    monitor.evaluate(refused(QStringLiteral("us-east-rest"), clock), clock.now());
    QCOMPARE(rec.log,
        QStringList({ QStringLiteral("eval us-east-rest unhealthy"),
            QStringLiteral("change us-east-rest healthy->unhealthy"),
            QStringLiteral("change us-east degraded->unhealthy") }));
    QCOMPARE(rec.changes.last().reason,
        QStringLiteral("US East REST: connection refused by 127.0.0.1:9"));
    QCOMPARE(monitor.regionReason(QStringLiteral("us-east")), rec.changes.last().reason);
    QCOMPARE(
        toString(monitor.endpointHealth(QStringLiteral("us-east-db"))), toString(Health::Degraded));
    QCOMPARE(monitor.endpointReason(QStringLiteral("us-east-rest")),
        QStringLiteral("connection refused by 127.0.0.1:9"));
    // The other region is untouched.
    QCOMPARE(toString(monitor.regionHealth(QStringLiteral("eu-west"))), toString(Health::Healthy));
}

void tst_HealthMonitor::regionRecovers()
{
    FakeClock clock;
    HealthMonitor monitor(twoRegions());
    Recorder rec(&monitor);
    monitor.evaluate(refused(QStringLiteral("eu-west-rest"), clock), clock.now());
    QCOMPARE(
        toString(monitor.regionHealth(QStringLiteral("eu-west"))), toString(Health::Unhealthy));
    for (int i = 0; i < 2; ++i) {
        clock.advance(1s);
        monitor.evaluate(ok(QStringLiteral("eu-west-rest"), clock), clock.now());
        QCOMPARE(
            toString(monitor.regionHealth(QStringLiteral("eu-west"))), toString(Health::Unhealthy));
    }
    QCOMPARE(monitor.endpointReason(QStringLiteral("eu-west-rest")),
        QStringLiteral("recovering 2 of 3"));
    rec.log.clear();
    clock.advance(1s);
    monitor.evaluate(ok(QStringLiteral("eu-west-rest"), clock), clock.now());
    QCOMPARE(rec.log,
        QStringList({ QStringLiteral("eval eu-west-rest healthy"),
            QStringLiteral("change eu-west-rest unhealthy->healthy"),
            QStringLiteral("change eu-west unhealthy->healthy") }));
}

void tst_HealthMonitor::ignoresUnconfiguredEndpoints()
{
    HealthMonitor monitor(twoRegions());
    QSignalSpy evaluated(&monitor, &HealthMonitor::endpointEvaluated);
    QSignalSpy changed(&monitor, &HealthMonitor::healthChanged);
    QTest::ignoreMessage(
        QtWarningMsg, QRegularExpression(QStringLiteral("not in the configuration")));
    monitor.onProbeResult(refused(QStringLiteral("ghost"), *Clock::system()));
    QCOMPARE(evaluated.count(), 0);
    QCOMPARE(changed.count(), 0);
}

void tst_HealthMonitor::queuedConnectionsCarryTheStructs()
{
    HealthMonitor monitor(twoRegions());
    QList<HealthChange> received;
    QObject receiver;
    connect(
        &monitor, &HealthMonitor::healthChanged, &receiver,
        [&received](const HealthChange &c) { received.append(c); }, Qt::QueuedConnection);
    QSignalSpy evaluated(&monitor, &HealthMonitor::endpointEvaluated);
    monitor.onProbeResult(refused(QStringLiteral("us-east-db"), *Clock::system()));
    QCOMPARE(evaluated.count(), 1);
    QCOMPARE(toString(evaluated.at(0).at(0).value<EndpointHealthUpdate>().health),
        toString(Health::Unhealthy));
    QVERIFY(received.isEmpty()); // queued: not yet delivered
    QTRY_COMPARE(received.size(), 2);
    QCOMPARE(received.at(0).endpointId, QStringLiteral("us-east-db"));
    QCOMPARE(toString(received.at(1).to), toString(Health::Unhealthy));
    QVERIFY(received.at(1).isRegion());
}

void tst_HealthMonitor::regionReasonFollowsItsWorstEndpoint()
{
    FakeClock clock;
    HealthMonitor monitor(twoRegions());
    QSignalSpy reasons(&monitor, &HealthMonitor::regionReasonChanged);
    const QString rest = QStringLiteral("us-east-rest");
    const QString db = QStringLiteral("us-east-db");
    monitor.evaluate(refused(rest, clock), clock.now());
    monitor.evaluate(refused(db, clock), clock.now());
    QCOMPARE(
        toString(monitor.regionHealth(QStringLiteral("us-east"))), toString(Health::Unhealthy));
    QVERIFY(
        monitor.regionReason(QStringLiteral("us-east")).startsWith(QStringLiteral("US East REST")));

    // REST recovers while the database stays down: the region stays unhealthy, and its reason
    // now names the database instead of the endpoint that is fine again.
    reasons.clear();
    for (int i = 0; i < 3; ++i) {
        clock.advance(1s);
        monitor.evaluate(ok(rest, clock), clock.now());
    }
    QCOMPARE(toString(monitor.endpointHealth(rest)), toString(Health::Healthy));
    QCOMPARE(
        toString(monitor.regionHealth(QStringLiteral("us-east"))), toString(Health::Unhealthy));
    QVERIFY2(
        monitor.regionReason(QStringLiteral("us-east")).startsWith(QStringLiteral("US East DB")),
        qPrintable(monitor.regionReason(QStringLiteral("us-east"))));
    QVERIFY(!reasons.isEmpty());
    QCOMPARE(reasons.last().at(1).toString(), monitor.regionReason(QStringLiteral("us-east")));
}

void tst_HealthMonitor::endpointEventCarriesHttpPhases()
{
    FakeClock clock;
    EventHub hub(&clock);
    HealthMonitor monitor(twoRegions());
    monitor.setEventHub(&hub);
    QSignalSpy spy(&hub, &EventHub::published);

    ProbeResult answer = ok(QStringLiteral("us-east-rest"), clock);
    answer.httpPhases = HttpPhaseTimes { 0.5, 1.25, 3, 4.5, 2.75 };
    monitor.evaluate(answer, clock.now());
    // A refusal has no answer to time: the phases are there, and null.
    monitor.evaluate(refused(QStringLiteral("eu-west-rest"), clock), clock.now());

    QList<ConsoleEvent> endpointEvents;
    for (const QList<QVariant> &arguments : std::as_const(spy)) {
        const auto event = arguments.at(0).value<ConsoleEvent>();
        if (event.kind == EventKind::EndpointHealth)
            endpointEvents.append(event);
    }
    QCOMPARE(endpointEvents.size(), 2);
    const ConsoleEvent &timed = endpointEvents.at(0);
    QCOMPARE(timed.field(QStringLiteral("dns_ms")).toDouble(), 0.5);
    QCOMPARE(timed.field(QStringLiteral("connect_ms")).toDouble(), 1.25);
    QCOMPARE(timed.field(QStringLiteral("tls_ms")).toDouble(), 3.0);
    QCOMPARE(timed.field(QStringLiteral("first_byte_ms")).toDouble(), 4.5);
    QCOMPARE(timed.field(QStringLiteral("transfer_ms")).toDouble(), 2.75);
    const ConsoleEvent &untimed = endpointEvents.at(1);
    for (const char *key : { "dns_ms", "connect_ms", "tls_ms", "first_byte_ms", "transfer_ms" }) {
        QVERIFY2(untimed.fields.contains(QLatin1String(key)), key);
        QVERIFY2(untimed.field(QLatin1String(key)).isNull(), key);
    }
}

QTEST_GUILESS_MAIN(tst_HealthMonitor)
#include "tst_healthmonitor.moc"
