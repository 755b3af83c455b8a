#include "httpprober.h"
#include "misbehavinghttpserver.h"

#include <QMutex>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Console;
using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

namespace {

// How late a deadline may fire on a loaded two-core machine and still count as on time.
constexpr qint64 TimingSlackMs = 300;
// A loopback answer that takes longer than this was held up by something else.
constexpr double NormalLatencyMs = 250;

EndpointConfig endpointFor(const QString &id, const QUrl &url, Milliseconds timeout)
{
    EndpointConfig endpoint;
    endpoint.id = id;
    endpoint.name = id;
    endpoint.kind = EndpointKind::Http;
    endpoint.timeout = timeout;
    endpoint.http.url = url;
    endpoint.displayTarget = url.toDisplayString();
    return endpoint;
}

// Every Qt message while installed: a probe of a hostile server must not make Qt (or anything
// else) talk on stderr.
class MessageCatcher
{
public:
    MessageCatcher() { s_previous = qInstallMessageHandler(&MessageCatcher::handle); }
    ~MessageCatcher() { qInstallMessageHandler(s_previous); }
    Q_DISABLE_COPY_MOVE(MessageCatcher)

    static QStringList messages()
    {
        const QMutexLocker lock(&s_mutex);
        return s_messages;
    }

private:
    static void handle(QtMsgType, const QMessageLogContext &, const QString &message)
    {
        const QMutexLocker lock(&s_mutex);
        s_messages.append(message);
    }

    static inline QtMessageHandler s_previous = nullptr;
    static inline QMutex s_mutex;
    static inline QStringList s_messages;
};

} // namespace

// HttpProber against the hostile modes of MisbehavingHttpServer: each ends with a clear verdict
// by its deadline or a cap, and a hostile endpoint never holds up a healthy one on the same
// CurlMulti. The hostile server runs on a thread of its own, so a flood costs the prober's
// thread only what the prober lets in.
class tst_HostileEndpoints final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void endlessHeadersNeverStarveAHealthyEndpoint();
    void gzipBombIsTooLarge_data();
    void gzipBombIsTooLarge();
    void trickleTimesOut();
    void resetIsNetworkError();
    void neverAnsweringTimesOut();

private:
    ProbeResult probe(const EndpointConfig &endpoint, qint64 *elapsedMs = nullptr);
    template <typename Call> auto onServerThread(Call call);

    std::unique_ptr<CurlMulti> m_multi;
    QThread m_serverThread;
    MisbehavingHttpServer *m_hostile = nullptr; // owned by m_serverThread's deleteLater
    MisbehavingHttpServer m_healthy;
};

template <typename Call> auto tst_HostileEndpoints::onServerThread(Call call)
{
    decltype(call()) value {};
    QMetaObject::invokeMethod(
        m_hostile, [&] { value = call(); }, Qt::BlockingQueuedConnection);
    return value;
}

void tst_HostileEndpoints::initTestCase()
{
    m_serverThread.start();
    m_hostile = new MisbehavingHttpServer;
    m_hostile->moveToThread(&m_serverThread);
    QVERIFY(onServerThread([this] {
        m_hostile->setReply("/endless-headers", ServerReply::endlessHeaders());
        // 16 MiB of zeros: about 16 KiB on the wire, far under the 64 KiB cap.
        m_hostile->setReply("/gzip-bomb", ServerReply::gzipBomb(16 * 1024 * 1024));
        m_hostile->setReply("/trickle", ServerReply::trickle(40ms));
        m_hostile->setReply("/reset", ServerReply::misbehave(ServerReply::Mode::Reset));
        m_hostile->setReply("/never", ServerReply::misbehave(ServerReply::Mode::Silent));
        return m_hostile->listen();
    }));
    QVERIFY(m_healthy.listen());
    m_healthy.setReply("/ok", ServerReply::answer(200, R"({"status":"ok"})"));
}

void tst_HostileEndpoints::cleanupTestCase()
{
    QMetaObject::invokeMethod(m_hostile, &QObject::deleteLater);
    m_serverThread.quit();
    m_serverThread.wait(5000);
}

void tst_HostileEndpoints::init()
{
    // A fresh multi per test: no kept-alive connection leaks from one test into the next.
    m_multi = std::make_unique<CurlMulti>();
}

ProbeResult tst_HostileEndpoints::probe(const EndpointConfig &endpoint, qint64 *elapsedMs)
{
    HttpProber prober(endpoint, m_multi.get());
    QSignalSpy spy(&prober, &Prober::finished);
    QElapsedTimer clock;
    clock.start();
    prober.start();
    const int waitMs = static_cast<int>(endpoint.timeout.count() + 5000);
    if (!spy.wait(waitMs)) {
        qWarning("no result within %d ms", waitMs);
        return {};
    }
    if (elapsedMs)
        *elapsedMs = clock.elapsed();
    return spy.at(0).at(0).value<ProbeResult>();
}

void tst_HostileEndpoints::endlessHeadersNeverStarveAHealthyEndpoint()
{
    const QUrl hostileUrl
        = onServerThread([this] { return m_hostile->url(u"/endless-headers"_s); });
    HttpProber hostile(endpointFor(u"hostile"_s, hostileUrl, 2000ms), m_multi.get());
    HttpProber healthy(endpointFor(u"healthy"_s, m_healthy.url(u"/ok"_s), 800ms), m_multi.get());
    QSignalSpy hostileSpy(&hostile, &Prober::finished);
    QSignalSpy healthySpy(&healthy, &Prober::finished);

    // The hostile probe starts again each time it ends, so every healthy probe overlaps one.
    constexpr int HealthyProbes = 8;
    connect(&hostile, &Prober::finished, this, [&] {
        if (healthySpy.size() < HealthyProbes)
            hostile.start();
    });
    QElapsedTimer clock;
    clock.start();
    hostile.start();
    for (int i = 1; i <= HealthyProbes; ++i) {
        healthy.start();
        QVERIFY2(healthySpy.wait(3000), qPrintable(u"healthy probe %1 never ended"_s.arg(i)));
    }
    QTRY_VERIFY_WITH_TIMEOUT(!hostile.isRunning(), 5000);

    for (const QList<QVariant> &arguments : std::as_const(healthySpy)) {
        const auto result = arguments.at(0).value<ProbeResult>();
        QVERIFY2(result.ok(), qPrintable(result.reason));
        QVERIFY2(result.latencyMs < NormalLatencyMs, qPrintable(QString::number(result.latencyMs)));
    }
    QVERIFY(!hostileSpy.isEmpty());
    for (const QList<QVariant> &arguments : std::as_const(hostileSpy)) {
        const auto result = arguments.at(0).value<ProbeResult>();
        QCOMPARE(toString(result.status), toString(ProbeStatus::TooLarge));
        QCOMPARE(result.reason, u"headers too large: more than 65536 bytes"_s);
        QVERIFY2(result.latencyMs < 2000, qPrintable(QString::number(result.latencyMs)));
    }
    // Every hostile connection was closed, not left flooding.
    QTRY_COMPARE_WITH_TIMEOUT(
        onServerThread([this] { return m_hostile->inFlight("/endless-headers"); }), 0, 5000);
}

void tst_HostileEndpoints::gzipBombIsTooLarge_data()
{
    QTest::addColumn<bool>("expectJson");
    QTest::newRow("body counted") << false;
    QTest::newRow("body read as JSON") << true;
}

void tst_HostileEndpoints::gzipBombIsTooLarge()
{
    QFETCH(bool, expectJson);
    const QUrl url = onServerThread([this] { return m_hostile->url(u"/gzip-bomb"_s); });
    EndpointConfig endpoint = endpointFor(u"bomb"_s, url, 3000ms);
    if (expectJson)
        endpoint.http.expectJson.insert(u"status"_s, u"ok"_s);
    ProbeResult result;
    {
        const MessageCatcher catcher;
        result = probe(endpoint);
        QVERIFY2(MessageCatcher::messages().isEmpty(),
            qPrintable(MessageCatcher::messages().join(u" | "_s)));
    }
    QCOMPARE(toString(result.status), toString(ProbeStatus::TooLarge));
    QVERIFY2(result.reason.contains(u"too large"_s), qPrintable(result.reason));
    QCOMPARE(result.reason, u"decoded body too large: more than 65536 bytes"_s);
    QCOMPARE(result.httpStatus, 200);
}

void tst_HostileEndpoints::trickleTimesOut()
{
    const QUrl url = onServerThread([this] { return m_hostile->url(u"/trickle"_s); });
    qint64 elapsed = 0;
    const ProbeResult result = probe(endpointFor(u"trickle"_s, url, 400ms), &elapsed);
    QCOMPARE(toString(result.status), toString(ProbeStatus::Timeout));
    QCOMPARE(result.reason, u"answer not complete within 400 ms"_s);
    QVERIFY2(
        elapsed >= 395 && elapsed <= 400 + TimingSlackMs, qPrintable(QString::number(elapsed)));
    QVERIFY(!result.httpPhases); // cut short: its phases are not an answer's
    QTRY_COMPARE_WITH_TIMEOUT(
        onServerThread([this] { return m_hostile->inFlight("/trickle"); }), 0, 5000);
}

void tst_HostileEndpoints::resetIsNetworkError()
{
    const QUrl url = onServerThread([this] { return m_hostile->url(u"/reset"_s); });
    const ProbeResult result = probe(endpointFor(u"reset"_s, url, 800ms));
    QCOMPARE(toString(result.status), toString(ProbeStatus::NetworkError));
    QVERIFY2(result.reason.contains(u"reset"_s, Qt::CaseInsensitive), qPrintable(result.reason));
    QCOMPARE(result.httpStatus, 0);
}

void tst_HostileEndpoints::neverAnsweringTimesOut()
{
    const QUrl url = onServerThread([this] { return m_hostile->url(u"/never"_s); });
    qint64 elapsed = 0;
    const ProbeResult result = probe(endpointFor(u"never"_s, url, 300ms), &elapsed);
    QCOMPARE(toString(result.status), toString(ProbeStatus::Timeout));
    QCOMPARE(result.reason, u"no answer within 300 ms"_s);
    QVERIFY2(
        elapsed >= 295 && elapsed <= 300 + TimingSlackMs, qPrintable(QString::number(elapsed)));
    QTRY_COMPARE_WITH_TIMEOUT(
        onServerThread([this] { return m_hostile->inFlight("/never"); }), 0, 5000);
}

QTEST_GUILESS_MAIN(tst_HostileEndpoints)
#include "tst_hostileendpoints.moc"
