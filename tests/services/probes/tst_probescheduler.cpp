#include "misbehavinghttpserver.h"
#include "prober.h"
#include "probescheduler.h"

#include <QElapsedTimer>
#include <QHash>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace Console;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

// A prober the test finishes by hand: the scheduler's rules are about when start() is called,
// and this makes "still running" last exactly as long as a test wants.
class ManualProber final : public Prober
{
    Q_OBJECT
public:
    ManualProber(const QString &id, bool finishAtOnce, QObject *parent)
        : Prober(parent)
        , m_id(id)
        , m_finishAtOnce(finishAtOnce)
    { }

    void start() override
    {
        ++m_starts;
        if (m_finishAtOnce)
            QMetaObject::invokeMethod(this, &ManualProber::finish, Qt::QueuedConnection);
    }

    void finish()
    {
        ProbeResult result;
        result.endpointId = m_id;
        result.status = ProbeStatus::Ok;
        emit finished(result);
    }

    int starts() const { return m_starts; }

private:
    QString m_id;
    bool m_finishAtOnce;
    int m_starts = 0;
};

EndpointConfig endpoint(const QString &id, Milliseconds interval, const QUrl &url = {})
{
    EndpointConfig config;
    config.id = id;
    config.name = id;
    config.interval = interval;
    config.timeout = 1000ms;
    config.http.url = url;
    return config;
}

// Where start times sit on the grid first + k * interval. Ticks may be skipped under load, so
// each sample is matched to its nearest grid point; drift then shows as too few samples (a
// scheduler that waits an interval after each finish falls behind) or as a large error.
struct GridFit
{
    double worstErrorMs = 0;
    bool ordered = true; // every sample on a later grid point than the one before
};

GridFit fitToGrid(const QList<double> &startsMs, double intervalMs)
{
    GridFit fit;
    qint64 previous = -1;
    for (const double start : startsMs) {
        const qint64 k = std::llround((start - startsMs.first()) / intervalMs);
        fit.worstErrorMs = std::max(
            fit.worstErrorMs, std::abs(start - (startsMs.first() + double(k) * intervalMs)));
        fit.ordered = fit.ordered && k > previous;
        previous = k;
    }
    return fit;
}

// Samples within the first `ticks` intervals after the first sample (with half a tick of slack).
qsizetype countWithin(const QList<double> &startsMs, int ticks, double intervalMs)
{
    const double end = startsMs.first() + (ticks + 0.5) * intervalMs;
    return std::count_if(startsMs.cbegin(), startsMs.cend(), [end](double t) { return t < end; });
}

} // namespace

class tst_ProbeScheduler final : public QObject
{
    Q_OBJECT

private slots:
    void firstTicksAreStaggered();
    void busyTickIsSkippedNotQueued();
    void stopStopsTicksAndResults();
    void endpointWithoutProberIsLeftOut();
    void slowEndpointNeverOverlapsNorDelaysOthers();
    void noDriftOverTwentyIntervals();
    void stopStopsRequests();
};

void tst_ProbeScheduler::firstTicksAreStaggered()
{
    constexpr int Count = 10;
    ProbeScheduler scheduler([](const EndpointConfig &config, QObject *parent) -> Prober * {
        return new ManualProber(config.id, true, parent);
    });
    QList<EndpointConfig> endpoints;
    for (int i = 0; i < Count; ++i)
        endpoints.append(endpoint(u"e%1"_s.arg(i), 400ms));
    scheduler.setEndpoints(endpoints);
    QCOMPARE(scheduler.endpointCount(), Count);

    QHash<QString, double> firstStartMs;
    QElapsedTimer clock;
    connect(&scheduler, &ProbeScheduler::probeStarted, this, [&](const QString &id) {
        if (!firstStartMs.contains(id))
            firstStartMs.insert(id, static_cast<double>(clock.nsecsElapsed()) / 1e6);
    });
    clock.start();
    scheduler.start();
    QTRY_COMPARE_WITH_TIMEOUT(firstStartMs.size(), Count, 2000);
    for (int i = 0; i < Count; ++i) {
        const double expected = 400.0 * i / Count;
        const double got = firstStartMs.value(u"e%1"_s.arg(i));
        QVERIFY2(std::abs(got - expected) < 30, qPrintable(u"e%1 at %2 ms"_s.arg(i).arg(got)));
    }
}

void tst_ProbeScheduler::busyTickIsSkippedNotQueued()
{
    ManualProber *prober = nullptr; // not owned: the scheduler's child
    ProbeScheduler scheduler([&prober](const EndpointConfig &config, QObject *parent) -> Prober * {
        prober = new ManualProber(config.id, false, parent);
        return prober;
    });
    scheduler.setEndpoints({ endpoint(u"stuck"_s, 20ms) });
    QSignalSpy skipped(&scheduler, &ProbeScheduler::tickSkipped);
    QSignalSpy finished(&scheduler, &ProbeScheduler::probeFinished);
    scheduler.start();
    QTRY_VERIFY_WITH_TIMEOUT(skipped.size() >= 5, 2000);
    QCOMPARE(prober->starts(), 1);
    QCOMPARE(scheduler.probesInFlight(), 1);

    prober->finish();
    QCOMPARE(finished.size(), 1);
    // The next tick starts one probe, not one per tick missed meanwhile.
    QTRY_COMPARE_WITH_TIMEOUT(prober->starts(), 2, 1000);
    QVERIFY(!finished.wait(100));
    QCOMPARE(prober->starts(), 2);
    QCOMPARE(scheduler.skippedTicks(), skipped.size());
    QVERIFY(scheduler.skippedTicks() >= 5);
}

void tst_ProbeScheduler::stopStopsTicksAndResults()
{
    QList<ManualProber *> probers; // not owned
    ProbeScheduler scheduler([&probers](const EndpointConfig &config, QObject *parent) -> Prober * {
        probers.append(new ManualProber(config.id, false, parent));
        return probers.constLast();
    });
    scheduler.setEndpoints({ endpoint(u"a"_s, 30ms) });
    QSignalSpy started(&scheduler, &ProbeScheduler::probeStarted);
    QSignalSpy finished(&scheduler, &ProbeScheduler::probeFinished);
    scheduler.start();
    QVERIFY(started.wait(1000));
    scheduler.stop();
    QVERIFY(!scheduler.isRunning());
    probers.constFirst()->finish(); // a result after stop() is dropped
    QVERIFY(!started.wait(150));
    QCOMPARE(finished.size(), 0);
    QCOMPARE(started.size(), 1);

    scheduler.start(); // and it can start again
    QVERIFY(started.wait(1000));
}

void tst_ProbeScheduler::endpointWithoutProberIsLeftOut()
{
    QNetworkAccessManager manager;
    ProbeScheduler scheduler(ProbeScheduler::httpFactory(&manager));
    EndpointConfig postgres = endpoint(u"pg"_s, 1000ms);
    postgres.kind = EndpointKind::Postgres;
    QTest::ignoreMessage(
        QtWarningMsg, "ProbeScheduler: no prober for endpoint pg (postgres); not probed");
    scheduler.setEndpoints(
        { postgres, endpoint(u"web"_s, 1000ms, QUrl(u"http://127.0.0.1:1/"_s)) });
    QCOMPARE(scheduler.endpointCount(), 1);
}

void tst_ProbeScheduler::slowEndpointNeverOverlapsNorDelaysOthers()
{
    constexpr double IntervalMs = 100;
    MisbehavingHttpServer server;
    QVERIFY(server.listen());
    server.setDefaultReply(ServerReply::answer(200, "{}"));
    server.setReply("/slow", ServerReply::answer(200, "{}", 250ms));

    QNetworkAccessManager manager;
    ProbeScheduler scheduler(ProbeScheduler::httpFactory(&manager));
    QList<EndpointConfig> endpoints { endpoint(u"slow"_s, 100ms, server.url(u"/slow"_s)) };
    for (int i = 0; i < 3; ++i)
        endpoints.append(endpoint(u"fast%1"_s.arg(i), 100ms, server.url(u"/fast/%1"_s.arg(i))));
    scheduler.setEndpoints(endpoints);

    QHash<QString, QList<double>> startsMs;
    QHash<QString, int> oks;
    QElapsedTimer clock;
    connect(&scheduler, &ProbeScheduler::probeStarted, this, [&](const QString &id) {
        startsMs[id].append(static_cast<double>(clock.nsecsElapsed()) / 1e6);
    });
    connect(&scheduler, &ProbeScheduler::probeFinished, this, [&](const ProbeResult &result) {
        if (result.ok())
            ++oks[result.endpointId];
    });
    clock.start();
    scheduler.start();
    QTRY_VERIFY_WITH_TIMEOUT(oks.value(u"fast0"_s) >= 16 && oks.value(u"slow"_s) >= 4, 10000);
    scheduler.stop();

    QCOMPARE(server.maxInFlight("/slow"), 1);
    QVERIFY(scheduler.skippedTicks() >= 4);
    // A probe of 250 ms on a 100 ms rhythm takes every third tick, on the grid.
    const QList<double> slowStarts = startsMs.value(u"slow"_s);
    QVERIFY(fitToGrid(slowStarts, IntervalMs).ordered);
    QVERIFY2(fitToGrid(slowStarts, IntervalMs).worstErrorMs < 30,
        qPrintable(QString::number(fitToGrid(slowStarts, IntervalMs).worstErrorMs)));
    QVERIFY(countWithin(slowStarts, 12, IntervalMs) <= 5);
    for (int i = 0; i < 3; ++i) {
        const QString id = u"fast%1"_s.arg(i);
        const QList<double> starts = startsMs.value(id);
        const GridFit fit = fitToGrid(starts, IntervalMs);
        QVERIFY2(fit.ordered && fit.worstErrorMs < 30,
            qPrintable(u"%1: off the grid by %2 ms"_s.arg(id).arg(fit.worstErrorMs)));
        QVERIFY2(countWithin(starts, 15, IntervalMs) >= 15,
            qPrintable(u"%1: %2 probes in 15 intervals"_s.arg(id).arg(
                countWithin(starts, 15, IntervalMs))));
        QCOMPARE(server.maxInFlight(u"/fast/%1"_s.arg(i).toLatin1()), 1);
    }
}

void tst_ProbeScheduler::noDriftOverTwentyIntervals()
{
    // Each answer takes 30 ms: a scheduler that waits an interval after each finish would have
    // started only about 15 probes in 20 intervals, and be 600 ms behind the grid.
    constexpr double IntervalMs = 100;
    MisbehavingHttpServer server;
    QVERIFY(server.listen());
    server.setReply("/steady", ServerReply::answer(200, "{}", 30ms));
    QList<double> arrivalsMs;
    QElapsedTimer clock;
    connect(&server, &MisbehavingHttpServer::requestReceived, this, [&](const ReceivedRequest &) {
        arrivalsMs.append(static_cast<double>(clock.nsecsElapsed()) / 1e6);
    });

    QNetworkAccessManager manager;
    ProbeScheduler scheduler(ProbeScheduler::httpFactory(&manager));
    scheduler.setEndpoints({ endpoint(u"steady"_s, 100ms, server.url(u"/steady"_s)) });
    QList<double> startsMs;
    connect(&scheduler, &ProbeScheduler::probeStarted, this,
        [&](const QString &) { startsMs.append(static_cast<double>(clock.nsecsElapsed()) / 1e6); });
    clock.start();
    scheduler.start();
    QTRY_VERIFY_WITH_TIMEOUT(
        !startsMs.isEmpty() && clock.elapsed() > startsMs.first() + 2100, 6000);
    scheduler.stop();

    // A loaded machine may make the scheduler skip a tick now and then, never drift.
    QVERIFY2(scheduler.skippedTicks() <= 2, qPrintable(QString::number(scheduler.skippedTicks())));
    for (const QList<double> *samples : { &startsMs, &arrivalsMs }) {
        const GridFit fit = fitToGrid(*samples, IntervalMs);
        QVERIFY(fit.ordered);
        QVERIFY2(fit.worstErrorMs < 30, qPrintable(QString::number(fit.worstErrorMs)));
        QVERIFY2(countWithin(*samples, 20, IntervalMs) >= 19,
            qPrintable(QString::number(countWithin(*samples, 20, IntervalMs))));
    }
}

void tst_ProbeScheduler::stopStopsRequests()
{
    MisbehavingHttpServer server;
    QVERIFY(server.listen());
    server.setDefaultReply(ServerReply::answer(200, "{}"));
    QNetworkAccessManager manager;
    ProbeScheduler scheduler(ProbeScheduler::httpFactory(&manager));
    scheduler.setEndpoints({ endpoint(u"a"_s, 30ms, server.url(u"/a"_s)),
        endpoint(u"b"_s, 30ms, server.url(u"/b"_s)) });
    QSignalSpy finished(&scheduler, &ProbeScheduler::probeFinished);
    scheduler.start();
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 6, 3000);
    scheduler.stop();
    QTRY_COMPARE(scheduler.probesInFlight(), 0);
    const int requests = server.totalRequests();
    const qsizetype results = finished.size();
    QVERIFY(!finished.wait(200));
    QCOMPARE(server.totalRequests(), requests);
    QCOMPARE(finished.size(), results);
}

QTEST_GUILESS_MAIN(tst_ProbeScheduler)
#include "tst_probescheduler.moc"
