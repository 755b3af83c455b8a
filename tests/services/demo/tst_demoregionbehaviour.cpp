#include "demoregionbehaviour.h"
#include "remotebreakers.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

const QByteArray Key = "demo-key";
const QDateTime Wall = QDateTime(QDate(2025, 1, 20), QTime(12, 0), Qt::UTC);

DemoRegionSpec replica()
{
    return { u"eu-west"_s, u"EU West (Ireland)"_s, 53.3, -6.3, RegionRole::Standby, 15ms, 80ms,
        u"us-east"_s };
}

DemoRegionSpec primary()
{
    return { u"us-east"_s, u"US East (N. Virginia)"_s, 38.9, -77.4, RegionRole::Primary, 5ms, 0ms,
        QString() };
}

QJsonObject json(const DemoReply &reply)
{
    return QJsonDocument::fromJson(reply.body).object();
}

} // namespace

// What a simulated region answers under each fault, with a fake clock (plain millisecond counts).
class tst_DemoRegionBehaviour final : public QObject
{
    Q_OBJECT

private slots:
    void apiKey_data();
    void apiKey();
    void healthBody();
    void delayIsJitteredAroundBase();
    void slowHoldsBackEveryAnswer();
    void hangOutlastsAnyTimeout();
    void erroringFailsFourOfFive();
    void laggingGrowsWithTime();
    void circuitBreakerFollowsTheDatabase();
    void adminRequestsChangeWhatHealthReports();
    void adminRequestsNameKnownRegions();
};

void tst_DemoRegionBehaviour::apiKey_data()
{
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<int>("status");
    for (const QString &endpoint : { u"rest"_s, u"auth"_s }) {
        QTest::addRow("%s right key", qPrintable(endpoint)) << endpoint << Key << 200;
        QTest::addRow("%s no key", qPrintable(endpoint)) << endpoint << QByteArray() << 401;
        QTest::addRow("%s wrong key", qPrintable(endpoint))
            << endpoint << QByteArray("demo-kez") << 401;
    }
}

void tst_DemoRegionBehaviour::apiKey()
{
    QFETCH(QString, endpoint);
    QFETCH(QByteArray, key);
    QFETCH(int, status);
    DemoRegionBehaviour behaviour(replica(), Key);
    const DemoReply reply
        = endpoint == u"rest" ? behaviour.restRoot(key) : behaviour.authHealth(key);
    QCOMPARE(reply.status, status);
    if (status == 401)
        QVERIFY(json(reply).value(u"message"_s).toString().contains(u"API key"_s));
}

void tst_DemoRegionBehaviour::healthBody()
{
    DemoRegionBehaviour behaviour(primary(), Key);
    const DemoReply reply = behaviour.apiHealth(0, Wall);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.contentType, QByteArray("application/json"));
    const QJsonObject body = json(reply);
    QCOMPARE(body.value(u"db"_s).toString(), u"ok"_s);
    QCOMPARE(body.value(u"auth"_s).toString(), u"ok"_s);
    QCOMPARE(body.value(u"timestamp"_s).toString(), u"2025-01-20T12:00:00.000Z"_s);
    QCOMPARE(body.value(u"region"_s).toString(), u"us-east"_s);
    QCOMPARE(body.value(u"role"_s).toString(), u"primary"_s);
    QCOMPARE(body.value(u"replication_lag_ms"_s).toInteger(), 0);
    QCOMPARE(body.value(u"fenced"_s).toBool(true), false);
    QVERIFY(body.value(u"upstream"_s).isNull());

    DemoRegionBehaviour standby(replica(), Key);
    const QJsonObject standbyBody = json(standby.apiHealth(0, Wall));
    QCOMPARE(standbyBody.value(u"role"_s).toString(), u"standby"_s);
    QCOMPARE(standbyBody.value(u"upstream"_s).toString(), u"us-east"_s);
}

void tst_DemoRegionBehaviour::delayIsJitteredAroundBase()
{
    DemoRegionBehaviour behaviour(replica(), Key);
    QSet<qint64> seen;
    for (int i = 0; i < 200; ++i) {
        const qint64 delay = behaviour.restRoot(Key).delay.count();
        QVERIFY2(
            delay >= 6 && delay <= 75, qPrintable(QString::number(delay))); // 0.4x..5x of 15 ms
        seen.insert(delay);
    }
    QVERIFY(seen.size() >= 3);
}

void tst_DemoRegionBehaviour::slowHoldsBackEveryAnswer()
{
    DemoRegionBehaviour behaviour(replica(), Key);
    behaviour.setFault(DemoFault::Slow, 0);
    // Over the demo's 500 ms latency threshold, under its 800 ms timeout: slow, not down.
    for (int i = 0; i < 200; ++i) {
        const qint64 delay = behaviour.apiHealth(0, Wall).delay.count();
        QVERIFY2(delay > 540 && delay < 660, qPrintable(QString::number(delay)));
    }
    QVERIFY(behaviour.restRoot(Key).delay > Milliseconds(500));
    QVERIFY(behaviour.authHealth(Key).delay > Milliseconds(500));
    QCOMPARE(behaviour.apiHealth(0, Wall).status, 200); // slow, not wrong
    behaviour.setFault(DemoFault::None, 10);
    QVERIFY(behaviour.restRoot(Key).delay < Milliseconds(500));
}

void tst_DemoRegionBehaviour::hangOutlastsAnyTimeout()
{
    DemoRegionBehaviour behaviour(replica(), Key);
    behaviour.setFault(DemoFault::Hang, 0);
    QVERIFY(behaviour.restRoot(Key).delay >= DemoRegionBehaviour::HangDelay);
    QVERIFY(behaviour.restRoot({}).delay >= DemoRegionBehaviour::HangDelay);
    QVERIFY(behaviour.apiHealth(0, Wall).delay >= DemoRegionBehaviour::HangDelay);
    QVERIFY(behaviour.authHealth(Key).delay >= DemoRegionBehaviour::HangDelay);
    QCOMPARE(behaviour.apiHealth(0, Wall).status, 200);
}

void tst_DemoRegionBehaviour::erroringFailsFourOfFive()
{
    DemoRegionBehaviour behaviour(replica(), Key);
    behaviour.setFault(DemoFault::Erroring, 0);
    int failed = 0;
    for (int i = 0; i < 20; ++i)
        failed += behaviour.restRoot(Key).status == 503;
    QCOMPARE(failed, 16);
    const DemoReply health = behaviour.apiHealth(0, Wall);
    QCOMPARE(health.status, 503);
    QCOMPARE(json(health).value(u"db"_s).toString(), u"error"_s);
    QCOMPARE(behaviour.authHealth(Key).status, 200); // the auth service is not the database
    QCOMPARE(behaviour.restRoot({}).status, 401); // the gateway still checks the key first

    behaviour.setFault(DemoFault::None, 0);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(behaviour.restRoot(Key).status, 200);
}

void tst_DemoRegionBehaviour::laggingGrowsWithTime()
{
    DemoRegionBehaviour behaviour(replica(), Key);
    const qint64 normal = behaviour.replicationLagMs(0);
    QVERIFY(normal >= 32 && normal <= 400); // 0.4x..5x of 80 ms

    behaviour.setFault(DemoFault::Lagging, 10'000);
    QVERIFY(behaviour.replicationLagMs(10'000) <= 400);
    const qint64 later = behaviour.replicationLagMs(15'000);
    QVERIFY2(later >= 5'000 && later <= 5'400, qPrintable(QString::number(later)));
    QVERIFY(behaviour.replicationLagMs(20'000) > later);
    QCOMPARE(behaviour.apiHealth(20'000, Wall).status, 200);

    behaviour.setFault(DemoFault::None, 21'000);
    QVERIFY(behaviour.replicationLagMs(21'000) <= 400);

    DemoRegionBehaviour primaryBehaviour(primary(), Key);
    QCOMPARE(primaryBehaviour.replicationLagMs(0), 0);
}

void tst_DemoRegionBehaviour::circuitBreakerFollowsTheDatabase()
{
    DemoRegionBehaviour behaviour(replica(), Key);
    // Read as the console reads it, so the demo answer is known to be one the console takes.
    const auto breaker = [&behaviour](qint64 nowMs) {
        const DemoReply reply = behaviour.circuitBreakers(nowMs);
        const RemoteBreakersReading reading = readRemoteBreakers(reply.body, {});
        if (reply.status != 200 || !reading.ok() || reading.breakers.size() != 1) {
            qWarning("unexpected answer %d: %s", reply.status, reply.body.constData());
            return RemoteBreaker {};
        }
        return reading.breakers.constFirst();
    };

    RemoteBreaker closed = breaker(0);
    QCOMPARE(closed.name, u"database"_s);
    QCOMPARE(toString(closed.state), toString(BreakerState::Closed));
    QCOMPARE(closed.failureRatePercent.value_or(-1), 0.0);
    QCOMPARE(behaviour.circuitBreakers(0).contentType,
        QByteArray("application/vnd.spring-boot.actuator.v3+json"));

    behaviour.setFault(DemoFault::Erroring, 1'000);
    const RemoteBreaker open = breaker(3'000);
    QCOMPARE(toString(open.state), toString(BreakerState::Open));
    QCOMPARE(open.failureRatePercent.value_or(-1), 80.0);
    QCOMPARE(open.failedCalls.value_or(-1), 8);
    const QJsonObject details = json(behaviour.circuitBreakers(3'000))
                                    .value(u"circuitBreakers"_s)[u"database"_s]
                                    .toObject();
    QCOMPARE(details.value(u"notPermittedCalls"_s).toInteger(), 20);

    // Once the database answers again, the breaker tries it before it closes.
    behaviour.setFault(DemoFault::None, 5'000);
    QCOMPARE(toString(breaker(5'000).state), toString(BreakerState::HalfOpen));
    QVERIFY(!breaker(5'000).failureRatePercent);
    QCOMPARE(toString(breaker(14'999).state), toString(BreakerState::HalfOpen));
    QCOMPARE(toString(breaker(15'000).state), toString(BreakerState::Closed));

    // Slow and lagging are not failed calls; a slow region is slow here too.
    behaviour.setFault(DemoFault::Slow, 20'000);
    QCOMPARE(toString(breaker(20'000).state), toString(BreakerState::Closed));
    QVERIFY(behaviour.circuitBreakers(20'000).delay > Milliseconds(500));
    behaviour.setFault(DemoFault::Lagging, 21'000);
    QCOMPARE(toString(breaker(21'000).state), toString(BreakerState::Closed));
}

void tst_DemoRegionBehaviour::adminRequestsChangeWhatHealthReports()
{
    DemoRegionBehaviour oldPrimary(primary(), Key);
    const auto health = [](DemoRegionBehaviour &b) { return json(b.apiHealth(0, Wall)); };

    const DemoReply fenced = oldPrimary.fence();
    QCOMPARE(fenced.status, 200);
    QCOMPARE(json(fenced).value(u"role"_s).toString(), u"read-only"_s);
    QCOMPARE(health(oldPrimary).value(u"role"_s).toString(), u"read-only"_s);
    QCOMPARE(health(oldPrimary).value(u"fenced"_s).toBool(), true);
    // An outage does not lift the fence.
    oldPrimary.setFault(DemoFault::Down, 0);
    oldPrimary.setFault(DemoFault::None, 1);
    QCOMPARE(health(oldPrimary).value(u"role"_s).toString(), u"read-only"_s);

    const DemoReply notPromoted = oldPrimary.promote();
    QCOMPARE(notPromoted.status, 409);
    QCOMPARE(json(notPromoted).value(u"ok"_s).toBool(true), false);

    const DemoReply rebuilt = oldPrimary.rejoin(u"eu-west"_s);
    QCOMPARE(rebuilt.status, 200);
    QCOMPARE(health(oldPrimary).value(u"role"_s).toString(), u"standby"_s);
    QCOMPARE(health(oldPrimary).value(u"upstream"_s).toString(), u"eu-west"_s);
    // A standby now, so it runs behind, though its spec gives the primary no lag.
    const qint64 lag = oldPrimary.replicationLagMs(0);
    QVERIFY2(lag >= 20 && lag <= 250, qPrintable(QString::number(lag))); // 0.4x..5x of 50 ms

    DemoRegionBehaviour standby(replica(), Key);
    QCOMPARE(standby.repoint(u"ap-southeast"_s).status, 200);
    QCOMPARE(health(standby).value(u"upstream"_s).toString(), u"ap-southeast"_s);
    const DemoReply promoted = standby.promote();
    QCOMPARE(promoted.status, 200);
    QCOMPARE(health(standby).value(u"role"_s).toString(), u"primary"_s);
    QVERIFY(health(standby).value(u"upstream"_s).isNull());
    QCOMPARE(standby.replicationLagMs(0), 0);
    QCOMPARE(standby.repoint(u"us-east"_s).status, 409); // a primary follows nobody

    standby.resetDatabase();
    QCOMPARE(health(standby).value(u"role"_s).toString(), u"standby"_s);
    QCOMPARE(health(standby).value(u"upstream"_s).toString(), u"us-east"_s);
}

void tst_DemoRegionBehaviour::adminRequestsNameKnownRegions()
{
    DemoRegionBehaviour standby(replica(), Key);
    standby.setKnownRegions({ u"us-east"_s, u"eu-west"_s, u"ap-southeast"_s });
    QCOMPARE(standby.repoint(u"mars"_s).status, 400);
    QCOMPARE(standby.rejoin(u"mars"_s).status, 400);
    QCOMPARE(standby.repoint(QString()).status, 400);
    QCOMPARE(standby.database().upstream(), u"us-east"_s);
    QCOMPARE(standby.repoint(u"ap-southeast"_s).status, 200);
}

QTEST_GUILESS_MAIN(tst_DemoRegionBehaviour)
#include "tst_demoregionbehaviour.moc"
