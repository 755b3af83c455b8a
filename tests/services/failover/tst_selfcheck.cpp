#include "configbuilder.h"
#include "eventhub.h"
#include "fakeclock.h"
#include "selfcheck.h"

#include <QSignalSpy>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

namespace {

// Three regions of one endpoint each, and a control endpoint (a reference target) in the first.
ConsoleConfig deployment()
{
    ConsoleConfig config
        = ConfigBuilder()
              .region(u"us-east"_qs, RegionRole::Primary)
              .http(u"us-east-rest"_qs, QUrl(u"http://127.0.0.1:1/"_qs))
              .http(u"reference"_qs, QUrl(u"http://127.0.0.1:9/"_qs), u"Reference target"_qs)
              .region(u"eu-west"_qs, RegionRole::Standby)
              .http(u"eu-west-rest"_qs, QUrl(u"http://127.0.0.1:2/"_qs))
              .region(u"ap"_qs, RegionRole::Replica)
              .http(u"ap-rest"_qs, QUrl(u"http://127.0.0.1:3/"_qs))
              .build();
    config.regions[0].endpoints[1].control = true;
    return config;
}

ProbeResult failed(const QString &id, ProbeStatus status)
{
    ProbeResult r;
    r.endpointId = id;
    r.status = status;
    return r;
}

HealthChange region(const QString &id, Health to, HealthCause cause = HealthCause::FailureRun)
{
    HealthChange c;
    c.regionId = id;
    c.to = to;
    c.cause = cause;
    return c;
}

HealthChange endpoint(const QString &id, Health to)
{
    HealthChange c;
    c.regionId = u"us-east"_qs;
    c.endpointId = id;
    c.to = to;
    return c;
}

struct Fixture
{
    FakeClock clock;
    EventHub hub { &clock };
    SelfCheck check { deployment() };
    QList<ConsoleEvent> events;

    Fixture()
    {
        check.setClock(&clock);
        check.setEventHub(&hub);
        QObject::connect(
            &hub, &EventHub::published, &hub, [this](const ConsoleEvent &e) { events.append(e); });
    }

    void regionFails(const QString &regionId, const QString &endpointId, ProbeStatus status)
    {
        check.onProbeResult(failed(endpointId, status));
        check.onHealthChanged(region(regionId, Health::Unhealthy));
    }
};

} // namespace

class tst_SelfCheck final : public QObject
{
    Q_OBJECT
private slots:
    void everyRegionFailingTheSameWayAtOnce();
    void differentFailuresAreRealFailures();
    void failuresFarApartAreRealFailures();
    void oneRegionDownIsARegionDown();
    void lagIsNoSharedCause();
    void controlEndpointFailing();
};

void tst_SelfCheck::everyRegionFailingTheSameWayAtOnce()
{
    Fixture f;
    QSignalSpy changed(&f.check, &SelfCheck::changed);
    f.regionFails(u"us-east"_qs, u"us-east-rest"_qs, ProbeStatus::Timeout);
    f.clock.advance(700ms);
    f.regionFails(u"eu-west"_qs, u"eu-west-rest"_qs, ProbeStatus::Timeout);
    QVERIFY(!f.check.suspected()); // two of three is not every region
    f.clock.advance(900ms);
    f.regionFails(u"ap"_qs, u"ap-rest"_qs, ProbeStatus::Timeout);
    QVERIFY(f.check.suspected());
    QCOMPARE(toString(f.check.cause()), QStringLiteral("common-failure"));
    QVERIFY2(f.check.reason().contains(QStringLiteral("timeout")), qPrintable(f.check.reason()));
    QCOMPARE(f.events.size(), 1);
    QCOMPARE(toString(f.events[0].kind), QStringLiteral("self-check"));
    QCOMPARE(toString(f.events[0].severity), QStringLiteral("critical"));
    QCOMPARE(f.events[0].field(u"suspected"_qs).toBool(), true);
    QVERIFY(f.events[0].message.contains(QStringLiteral("Automatic actions are held")));
    QVERIFY(changed.count() >= 1);

    // One region answering again clears the doubt: the console sees a difference.
    f.check.onHealthChanged(region(u"ap"_qs, Health::Healthy, HealthCause::Recovered));
    QVERIFY(!f.check.suspected());
    QCOMPARE(f.events.size(), 2);
    QCOMPARE(toString(f.events[1].severity), QStringLiteral("info"));
}

void tst_SelfCheck::differentFailuresAreRealFailures()
{
    Fixture f;
    f.regionFails(u"us-east"_qs, u"us-east-rest"_qs, ProbeStatus::Refused);
    f.regionFails(u"eu-west"_qs, u"eu-west-rest"_qs, ProbeStatus::Timeout);
    f.regionFails(u"ap"_qs, u"ap-rest"_qs, ProbeStatus::Timeout);
    QVERIFY(!f.check.suspected());
    QVERIFY(f.events.isEmpty());
}

void tst_SelfCheck::failuresFarApartAreRealFailures()
{
    Fixture f;
    f.regionFails(u"us-east"_qs, u"us-east-rest"_qs, ProbeStatus::Dns);
    f.clock.advance(f.check.togetherWithin() + 1ms);
    f.regionFails(u"eu-west"_qs, u"eu-west-rest"_qs, ProbeStatus::Dns);
    f.regionFails(u"ap"_qs, u"ap-rest"_qs, ProbeStatus::Dns);
    QVERIFY(!f.check.suspected());
}

void tst_SelfCheck::oneRegionDownIsARegionDown()
{
    Fixture f;
    f.regionFails(u"eu-west"_qs, u"eu-west-rest"_qs, ProbeStatus::Refused);
    QVERIFY(!f.check.suspected());
    QVERIFY(f.events.isEmpty());
}

void tst_SelfCheck::lagIsNoSharedCause()
{
    Fixture f;
    f.check.onProbeResult(failed(u"us-east-rest"_qs, ProbeStatus::Timeout));
    f.check.onHealthChanged(region(u"us-east"_qs, Health::Degraded, HealthCause::LagSeconds));
    f.regionFails(u"eu-west"_qs, u"eu-west-rest"_qs, ProbeStatus::Timeout);
    f.regionFails(u"ap"_qs, u"ap-rest"_qs, ProbeStatus::Timeout);
    QVERIFY(!f.check.suspected());
}

void tst_SelfCheck::controlEndpointFailing()
{
    Fixture f;
    f.check.onHealthChanged(endpoint(u"reference"_qs, Health::Degraded));
    QVERIFY(!f.check.suspected()); // one failed probe of the reference proves little
    f.check.onHealthChanged(endpoint(u"reference"_qs, Health::Unhealthy));
    QVERIFY(f.check.suspected());
    QCOMPARE(toString(f.check.cause()), QStringLiteral("control-endpoint"));
    QVERIFY(f.check.reason().contains(QStringLiteral("Reference target")));
    QCOMPARE(
        f.events.constLast().field(u"cause"_qs).toString(), QStringLiteral("control-endpoint"));
    f.check.onHealthChanged(endpoint(u"reference"_qs, Health::Healthy));
    QVERIFY(!f.check.suspected());
}

QTEST_GUILESS_MAIN(tst_SelfCheck)
#include "tst_selfcheck.moc"
