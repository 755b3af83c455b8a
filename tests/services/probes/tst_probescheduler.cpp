#include "configbuilder.h"
#include "fakeclock.h"
#include "httpprober.h"
#include "misbehavinghttpserver.h"
#include "prober.h"
#include "probescheduler.h"

#include <QHash>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <optional>
#include <utility>

using namespace Console;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

double ms(std::chrono::nanoseconds duration)
{
    return static_cast<double>(duration.count()) / 1e6;
}

// A prober whose probes last a fixed stretch of FakeClock time, or, without one, until the test
// calls finish(). The scheduler's rules are about when start() is called; this makes "still
// running" last exactly as long as a test wants and counts any overlap.
class FakeProber final : public Prober
{
    Q_OBJECT
public:
    FakeProber(const QString &id, Clock *clock, std::optional<std::chrono::nanoseconds> duration,
        QObject *parent)
        : Prober(parent)
        , m_id(id)
        , m_duration(duration)
        , m_timer(clock->createTimer(this))
    {
        connect(m_timer, &ClockTimer::timeout, this, &FakeProber::finish);
    }

    void start() override
    {
        if (m_running)
            ++m_overlaps;
        m_running = true;
        ++m_starts;
        // Even a zero duration ends on the clock's next turn, never inside start().
        if (m_duration)
            m_timer->start(*m_duration);
    }

    void finish()
    {
        m_running = false;
        ProbeResult result;
        result.endpointId = m_id;
        result.status = ProbeStatus::Ok;
        emit finished(result);
    }

    int starts() const { return m_starts; }
    int overlaps() const { return m_overlaps; }
    bool isRunning() const { return m_running; }

private:
    QString m_id;
    std::optional<std::chrono::nanoseconds> m_duration;
    ClockTimer *m_timer; // not owned here: our child
    bool m_running = false;
    int m_starts = 0;
    int m_overlaps = 0;
};

// A scheduler on a FakeClock with FakeProbers, and the virtual time of every probe start.
// Probes take no time unless durations[id] says otherwise; std::nullopt means "until finish()".
class Harness final
{
public:
    Harness()
    {
        QObject::connect(&scheduler, &ProbeScheduler::probeStarted, &context,
            [this](const QString &id) { startsMs[id].append(nowMs()); });
    }
    Q_DISABLE_COPY_MOVE(Harness)

    double nowMs() const { return ms(clock.elapsed()); }
    FakeProber *prober(const QString &id) const { return probers.value(id).data(); }

    FakeClock clock;
    QHash<QString, std::optional<std::chrono::nanoseconds>> durations;
    QHash<QString, QPointer<FakeProber>> probers;
    QHash<QString, QList<double>> startsMs;
    ProbeScheduler scheduler { [this](const EndpointConfig &config, QObject *parent) -> Prober * {
                                  auto *prober = new FakeProber(
                                      config.id, &clock, durations.value(config.id, 0ns), parent);
                                  probers.insert(config.id, prober);
                                  return prober;
                              },
        &clock };
    QObject context; // for the connections above; destroyed first
};

// Endpoints on one rhythm, in one primary region.
QList<EndpointConfig> endpoints(const QStringList &ids, Milliseconds interval)
{
    ConfigBuilder builder;
    builder.interval(interval).timeout(interval / 2).region(u"lab"_s, RegionRole::Primary);
    for (const QString &id : ids)
        builder.http(id, QUrl(u"http://127.0.0.1:9/"_s + id));
    return builder.build().regions.constFirst().endpoints;
}

// first, first + step, ... up to and including last.
QList<double> grid(double first, double step, double last)
{
    QList<double> points;
    for (double t = first; t <= last; t += step)
        points.append(t);
    return points;
}

} // namespace

class tst_ProbeScheduler final : public QObject
{
    Q_OBJECT

private slots:
    void firstTicksAreStaggered();
    void ticksStayOnTheGridWhateverTheProbesTake();
    void noDriftOverAnHour();
    void eachEndpointKeepsItsOwnGrid();
    void busyTickIsSkippedNotQueued();
    void slowEndpointNeverOverlapsNorDelaysOthers();
    void ticksTheThreadSleptThroughAreSkippedNotBunched();
    void ticksWithinHalfAMillisecondShareAWakeUp();
    void stopStopsTicksAndResults();
    void receiverMayStopTheScheduler();
    void setEndpointsWhileRunningRestartsFromNow();
    void receiverMayReplaceEndpointsWhenAProbeStarts();
    void receiverMayReplaceEndpointsWhenATickIsSkipped();
    void receiverMayReplaceEndpointsWhenAProbeFinishes();
    void endpointWithoutProberIsLeftOut();
    void httpProbesOnTheSystemClock();
};

void tst_ProbeScheduler::firstTicksAreStaggered()
{
    Harness h;
    QStringList ids;
    for (int i = 0; i < 10; ++i)
        ids.append(u"e%1"_s.arg(i));
    h.scheduler.setEndpoints(endpoints(ids, 400ms));
    QCOMPARE(h.scheduler.endpointCount(), 10);
    h.clock.advance(100ms); // a scheduler counts from start(), not from its construction
    h.scheduler.start();
    h.clock.advance(399ms);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(h.startsMs.value(ids.at(i)), QList<double> { 100.0 + 40 * i });
    h.clock.advance(1ms);
    QCOMPARE(h.startsMs.value(u"e0"_s), (QList<double> { 100, 500 }));
}

void tst_ProbeScheduler::ticksStayOnTheGridWhateverTheProbesTake()
{
    // Each probe takes 30 ms: a scheduler that waited an interval after each finish would start
    // at 0, 130, 260, ... and have fallen 600 ms behind after 20 intervals.
    Harness h;
    h.durations.insert(u"steady"_s, 30ms);
    h.scheduler.setEndpoints(endpoints({ u"steady"_s }, 100ms));
    QSignalSpy finished(&h.scheduler, &ProbeScheduler::probeFinished);
    h.scheduler.start();
    h.clock.advance(2050ms);
    QCOMPARE(h.startsMs.value(u"steady"_s), grid(0, 100, 2000));
    QCOMPARE(h.scheduler.probesStarted(), 21);
    QCOMPARE(h.scheduler.probesFinished(), 21);
    QCOMPARE(finished.size(), 21);
    QCOMPARE(finished.constLast().at(0).value<ProbeResult>().endpointId, u"steady"_s);
    QCOMPARE(h.scheduler.skippedTicks(), 0);
    QCOMPARE(h.scheduler.probesInFlight(), 0);
    QCOMPARE(h.prober(u"steady"_s)->overlaps(), 0);
}

void tst_ProbeScheduler::noDriftOverAnHour()
{
    Harness h;
    h.durations.insert(u"a"_s, 70ms);
    h.scheduler.setEndpoints(endpoints({ u"a"_s }, 250ms));
    h.scheduler.start();
    h.clock.advance(1h);
    const QList<double> starts = h.startsMs.value(u"a"_s);
    QCOMPARE(starts.size(), 4 * 3600 + 1);
    QCOMPARE(starts.constLast(), 3600.0 * 1000);
    QCOMPARE(h.scheduler.skippedTicks(), 0);
}

void tst_ProbeScheduler::eachEndpointKeepsItsOwnGrid()
{
    Harness h;
    ConfigBuilder builder;
    builder.region(u"lab"_s, RegionRole::Primary)
        .http(u"fast"_s, QUrl(u"http://127.0.0.1:9/fast"_s))
        .endpointInterval(100ms)
        .endpointTimeout(50ms)
        .http(u"slow"_s, QUrl(u"http://127.0.0.1:9/slow"_s))
        .endpointInterval(250ms)
        .endpointTimeout(50ms);
    h.scheduler.setEndpoints(builder.build().regions.constFirst().endpoints);
    h.scheduler.start();
    h.clock.advance(1000ms);
    QCOMPARE(h.startsMs.value(u"fast"_s), grid(0, 100, 1000));
    // Second of two: its first tick is half of its own interval in.
    QCOMPARE(h.startsMs.value(u"slow"_s), grid(125, 250, 1000));
}

void tst_ProbeScheduler::busyTickIsSkippedNotQueued()
{
    Harness h;
    h.durations.insert(u"stuck"_s, std::nullopt);
    h.scheduler.setEndpoints(endpoints({ u"stuck"_s }, 20ms));
    QSignalSpy skipped(&h.scheduler, &ProbeScheduler::tickSkipped);
    QSignalSpy finished(&h.scheduler, &ProbeScheduler::probeFinished);
    h.scheduler.start();
    h.clock.advance(105ms);
    FakeProber *prober = h.prober(u"stuck"_s);
    QCOMPARE(prober->starts(), 1);
    QCOMPARE(h.scheduler.probesInFlight(), 1);
    QCOMPARE(skipped.size(), 5); // 20, 40, 60, 80 and 100 ms
    QCOMPARE(skipped.constFirst().at(0).toString(), u"stuck"_s);
    QCOMPARE(h.scheduler.skippedTicks(), 5);

    prober->finish();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(h.scheduler.probesInFlight(), 0);
    // The next tick on the grid starts one probe, not one per tick missed meanwhile.
    h.clock.advance(14ms);
    QCOMPARE(prober->starts(), 1);
    h.clock.advance(1ms);
    QCOMPARE(h.startsMs.value(u"stuck"_s), (QList<double> { 0, 120 }));
    QCOMPARE(h.scheduler.skippedTicks(), 5);
    QCOMPARE(skipped.size(), 5);
    QCOMPARE(prober->overlaps(), 0);
}

void tst_ProbeScheduler::slowEndpointNeverOverlapsNorDelaysOthers()
{
    Harness h;
    h.durations.insert(u"slow"_s, 250ms);
    for (int i = 0; i < 3; ++i)
        h.durations.insert(u"fast%1"_s.arg(i), 10ms);
    h.scheduler.setEndpoints(endpoints({ u"slow"_s, u"fast0"_s, u"fast1"_s, u"fast2"_s }, 100ms));
    h.scheduler.start();
    h.clock.advance(1199ms);

    // A probe of 250 ms on a 100 ms rhythm takes every third tick, on the grid.
    QCOMPARE(h.startsMs.value(u"slow"_s), grid(0, 300, 1199));
    QCOMPARE(h.scheduler.skippedTicks(), 8);
    for (int i = 0; i < 3; ++i) {
        const QString id = u"fast%1"_s.arg(i);
        QCOMPARE(h.startsMs.value(id), grid(25.0 * (i + 1), 100, 1199));
        QCOMPARE(h.prober(id)->overlaps(), 0);
    }
    QCOMPARE(h.prober(u"slow"_s)->overlaps(), 0);
}

void tst_ProbeScheduler::ticksTheThreadSleptThroughAreSkippedNotBunched()
{
    // A receiver that blocks the thread for 350 ms: the scheduler wakes late, runs the overdue
    // tick once, skips the ones slept through and goes back to the grid.
    Harness h;
    h.scheduler.setEndpoints(endpoints({ u"a"_s }, 100ms));
    bool blocked = false;
    connect(&h.scheduler, &ProbeScheduler::probeStarted, this, [&h, &blocked] {
        if (!std::exchange(blocked, true))
            h.clock.advance(350ms);
    });
    QSignalSpy skipped(&h.scheduler, &ProbeScheduler::tickSkipped);
    h.scheduler.start();
    h.clock.fireDue(); // "a" starts at 0 and the thread is back at 350 ms
    QCOMPARE(h.nowMs(), 350.0);
    h.clock.advance(150ms);
    QCOMPARE(h.startsMs.value(u"a"_s), (QList<double> { 0, 350, 400, 500 }));
    QCOMPARE(skipped.size(), 2); // 200 and 300 ms
    QCOMPARE(h.scheduler.skippedTicks(), 2);
}

void tst_ProbeScheduler::ticksWithinHalfAMillisecondShareAWakeUp()
{
    // Qt timers have 1 ms resolution: a tick due within 0.5 ms of another runs with it.
    Harness h;
    h.scheduler.setEndpoints(endpoints({ u"a"_s, u"b"_s }, 1ms));
    h.scheduler.start();
    h.clock.fireDue();
    QCOMPARE(h.startsMs.value(u"a"_s), QList<double> { 0 });
    QCOMPARE(h.startsMs.value(u"b"_s), QList<double> { 0 }); // due at 0.5 ms

    // 1 ms apart: each at its own time.
    Harness apart;
    apart.scheduler.setEndpoints(endpoints({ u"a"_s, u"b"_s }, 2ms));
    apart.scheduler.start();
    apart.clock.advance(1500us);
    QCOMPARE(apart.startsMs.value(u"a"_s), QList<double> { 0 });
    QCOMPARE(apart.startsMs.value(u"b"_s), QList<double> { 1 });
}

void tst_ProbeScheduler::stopStopsTicksAndResults()
{
    Harness h;
    h.durations.insert(u"a"_s, std::nullopt);
    h.scheduler.setEndpoints(endpoints({ u"a"_s }, 30ms));
    QSignalSpy finished(&h.scheduler, &ProbeScheduler::probeFinished);
    h.scheduler.start();
    h.clock.fireDue();
    QCOMPARE(h.scheduler.probesStarted(), 1);
    h.scheduler.stop();
    QVERIFY(!h.scheduler.isRunning());
    QCOMPARE(h.clock.activeTimerCount(), 0); // nothing left to wake the scheduler
    h.prober(u"a"_s)->finish(); // a result after stop() is dropped
    QCOMPARE(finished.size(), 0);
    QCOMPARE(h.scheduler.probesInFlight(), 0);
    h.clock.advance(1h);
    QCOMPARE(h.scheduler.probesStarted(), 1);

    h.scheduler.start(); // and it starts again, from now, and reports again
    h.clock.fireDue();
    QCOMPARE(h.startsMs.value(u"a"_s), (QList<double> { 0, 3600'000 }));
    h.prober(u"a"_s)->finish();
    QCOMPARE(finished.size(), 1);
}

void tst_ProbeScheduler::receiverMayStopTheScheduler()
{
    Harness h;
    h.scheduler.setEndpoints(endpoints({ u"a"_s, u"b"_s }, 100ms));
    QSignalSpy finished(&h.scheduler, &ProbeScheduler::probeFinished);
    connect(&h.scheduler, &ProbeScheduler::probeFinished, this, [&h, &finished] {
        if (finished.size() == 3)
            h.scheduler.stop();
    });
    h.scheduler.start();
    h.clock.advance(1s);
    // a at 0, b at 50, a at 100, and then nothing.
    QCOMPARE(finished.size(), 3);
    QCOMPARE(h.scheduler.probesStarted(), 3);
    QCOMPARE(h.clock.activeTimerCount(), 0);
}

void tst_ProbeScheduler::setEndpointsWhileRunningRestartsFromNow()
{
    Harness h;
    h.durations.insert(u"b"_s, std::nullopt);
    h.scheduler.setEndpoints(endpoints({ u"a"_s, u"b"_s }, 100ms));
    QSignalSpy finished(&h.scheduler, &ProbeScheduler::probeFinished);
    h.scheduler.start();
    h.clock.advance(260ms);
    QCOMPARE(h.startsMs.value(u"a"_s), grid(0, 100, 260));
    QCOMPARE(h.startsMs.value(u"b"_s), QList<double> { 50 });
    QCOMPARE(h.scheduler.probesInFlight(), 1);
    const qsizetype finishedBefore = finished.size();
    const QPointer<FakeProber> oldA = h.prober(u"a"_s);
    const QPointer<FakeProber> oldB = h.prober(u"b"_s);

    h.scheduler.setEndpoints(endpoints({ u"c"_s, u"d"_s, u"e"_s }, 300ms));
    QCOMPARE(h.scheduler.endpointCount(), 3);
    QCOMPARE(h.scheduler.probesInFlight(), 0);
    // A probe of the old set that ends now is not reported.
    oldB->finish();
    QCOMPARE(finished.size(), finishedBefore);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(oldA.isNull());
    QVERIFY(oldB.isNull());

    h.clock.advance(700ms);
    QCOMPARE(h.startsMs.value(u"c"_s), grid(260, 300, 960));
    QCOMPARE(h.startsMs.value(u"d"_s), grid(360, 300, 960));
    QCOMPARE(h.startsMs.value(u"e"_s), grid(460, 300, 960));
    QCOMPARE(h.startsMs.value(u"a"_s), grid(0, 100, 260));
    QCOMPARE(h.startsMs.value(u"b"_s), QList<double> { 50 });
}

void tst_ProbeScheduler::receiverMayReplaceEndpointsWhenAProbeStarts()
{
    Harness h;
    h.scheduler.setEndpoints(endpoints({ u"a"_s }, 100ms));
    connect(&h.scheduler, &ProbeScheduler::probeStarted, this, [&h](const QString &id) {
        if (id == u"a")
            h.scheduler.setEndpoints(endpoints({ u"b"_s, u"c"_s }, 100ms));
    });
    const QPointer<FakeProber> a = h.prober(u"a"_s);
    h.scheduler.start();
    h.clock.advance(149ms);
    // The replaced prober is never started; the new ones run from the moment of the swap.
    QVERIFY(a);
    QCOMPARE(a->starts(), 0);
    QCOMPARE(h.startsMs.value(u"a"_s), QList<double> { 0 });
    QCOMPARE(h.startsMs.value(u"b"_s), (QList<double> { 0, 100 }));
    QCOMPARE(h.startsMs.value(u"c"_s), QList<double> { 50 });
    QCOMPARE(h.scheduler.probesInFlight(), 0);
}

void tst_ProbeScheduler::receiverMayReplaceEndpointsWhenATickIsSkipped()
{
    // Three ticks of "a" are skipped at once (busy, and 70 ms of a blocked thread); the receiver
    // replaces the endpoints at the first, and the other two are no longer announced.
    Harness h;
    h.durations.insert(u"a"_s, std::nullopt);
    h.scheduler.setEndpoints(endpoints({ u"a"_s }, 20ms));
    connect(&h.scheduler, &ProbeScheduler::probeStarted, this, [&h](const QString &id) {
        if (id == u"a")
            h.clock.advance(70ms);
    });
    QStringList skipped;
    connect(&h.scheduler, &ProbeScheduler::tickSkipped, this, [&](const QString &id) {
        skipped.append(id);
        h.scheduler.setEndpoints(endpoints({ u"b"_s }, 20ms));
    });
    h.scheduler.start();
    h.clock.fireDue(); // "a" starts at 0 and the thread is back at 70 ms
    h.clock.fireDue(); // the late wake-up
    QCOMPARE(h.scheduler.skippedTicks(), 3);
    QCOMPARE(skipped, QStringList { u"a"_s });
    QCOMPARE(h.startsMs.value(u"b"_s), QList<double> { 70 });
    h.clock.advance(40ms);
    QCOMPARE(h.startsMs.value(u"b"_s), (QList<double> { 70, 90, 110 }));
    QCOMPARE(h.startsMs.value(u"a"_s), QList<double> { 0 });
}

void tst_ProbeScheduler::receiverMayReplaceEndpointsWhenAProbeFinishes()
{
    // The swap runs inside the old prober's own finished() emission.
    Harness h;
    h.durations.insert(u"a"_s, 10ms);
    h.scheduler.setEndpoints(endpoints({ u"a"_s }, 100ms));
    connect(&h.scheduler, &ProbeScheduler::probeFinished, this, [&h](const ProbeResult &result) {
        if (result.endpointId == u"a")
            h.scheduler.setEndpoints(endpoints({ u"b"_s }, 100ms));
    });
    const QPointer<FakeProber> a = h.prober(u"a"_s);
    h.scheduler.start();
    h.clock.advance(300ms);
    QCOMPARE(h.startsMs.value(u"a"_s), QList<double> { 0 });
    QCOMPARE(h.startsMs.value(u"b"_s), grid(10, 100, 300));
    QCOMPARE(h.scheduler.probesFinished(), 4);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QVERIFY(a.isNull());
}

void tst_ProbeScheduler::endpointWithoutProberIsLeftOut()
{
    CurlMulti multi;
    ProbeScheduler scheduler(HttpProber::factory(&multi));
    const ConsoleConfig config = ConfigBuilder()
                                     .region(u"lab"_s, RegionRole::Primary)
                                     .postgres(u"pg"_s, u"host=127.0.0.1 port=1"_s)
                                     .http(u"web"_s, QUrl(u"http://127.0.0.1:1/"_s))
                                     .build();
    QTest::ignoreMessage(
        QtWarningMsg, "ProbeScheduler: no prober for endpoint pg (postgres); not probed");
    scheduler.setEndpoints(config.regions.constFirst().endpoints);
    QCOMPARE(scheduler.endpointCount(), 1);
    QVERIFY(scheduler.findChild<HttpProber *>());
}

// The one test on real time and real sockets: HttpProber::factory's probers run on the
// scheduler, one request per probe, never two at once per endpoint, and nothing after stop().
// Its bounds are generous and it measures no timing.
void tst_ProbeScheduler::httpProbesOnTheSystemClock()
{
    MisbehavingHttpServer server;
    QVERIFY(server.listen());
    server.setDefaultReply(ServerReply::answer(200, "{}"));
    CurlMulti multi;
    ProbeScheduler scheduler(HttpProber::factory(&multi));
    const ConsoleConfig config = ConfigBuilder()
                                     .interval(300ms)
                                     .timeout(250ms)
                                     .region(u"lab"_s, RegionRole::Primary)
                                     .http(u"a"_s, server.url(u"/a"_s))
                                     .http(u"b"_s, server.url(u"/b"_s))
                                     .build();
    scheduler.setEndpoints(config.regions.constFirst().endpoints);
    QHash<QString, int> oks;
    connect(&scheduler, &ProbeScheduler::probeFinished, this, [&oks](const ProbeResult &result) {
        if (result.ok())
            ++oks[result.endpointId];
    });
    QSignalSpy started(&scheduler, &ProbeScheduler::probeStarted);
    scheduler.start();
    QTRY_VERIFY_WITH_TIMEOUT(oks.value(u"a"_s) >= 2 && oks.value(u"b"_s) >= 2, 20000);
    scheduler.stop();
    QTRY_COMPARE_WITH_TIMEOUT(scheduler.probesInFlight(), 0, 10000);

    QCOMPARE(server.maxInFlight("/a"), 1);
    QCOMPARE(server.maxInFlight("/b"), 1);
    // At most one request per probe (a probe that timed out may not have reached the server).
    const int requests = server.totalRequests();
    QVERIFY2(
        requests >= oks.value(u"a"_s) + oks.value(u"b"_s) && requests <= scheduler.probesStarted(),
        qPrintable(u"%1 requests, %2 probes"_s.arg(requests).arg(scheduler.probesStarted())));
    const qsizetype startedAtStop = started.size();
    QVERIFY(!started.wait(300));
    QCOMPARE(started.size(), startedAtStop);
    QCOMPARE(server.totalRequests(), requests);
}

QTEST_GUILESS_MAIN(tst_ProbeScheduler)
#include "tst_probescheduler.moc"
