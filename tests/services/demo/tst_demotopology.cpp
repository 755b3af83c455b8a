#include "configloader.h"
#include "democontrolserver.h"
#include "demodatabase.h"
#include "demoregionspec.h"
#include "demotopology.h"
#include "remotebreakers.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>

using namespace Console;
using namespace Qt::StringLiterals;

namespace {

// What one plain client request to a demo server came back with.
struct Fetched
{
    bool finished = false;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    qint64 elapsedMs = 0;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

std::unique_ptr<QNetworkReply> send(QNetworkAccessManager &nam, const QUrl &url,
    const QByteArray &verb, const QByteArray &apiKey, int timeoutMs)
{
    QNetworkRequest request(url);
    if (!apiKey.isEmpty())
        request.setRawHeader("apikey", apiKey);
    request.setTransferTimeout(timeoutMs);
    return std::unique_ptr<QNetworkReply>(verb == "HEAD" ? nam.head(request) : nam.get(request));
}

Fetched fetch(QNetworkAccessManager &nam, const QUrl &url, const QByteArray &verb = "GET",
    const QByteArray &apiKey = {}, int timeoutMs = 5000)
{
    QElapsedTimer clock;
    clock.start();
    const std::unique_ptr<QNetworkReply> reply = send(nam, url, verb, apiKey, timeoutMs);
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    Fetched result;
    result.finished = reply->isFinished() || finished.wait(timeoutMs + 2000);
    result.elapsedMs = clock.elapsed();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.body = reply->readAll();
    return result;
}

// A POST as the failover engine's http actions send it; `token` empty sends no X-Demo-Token.
Fetched post(QNetworkAccessManager &nam, const QUrl &url, const QByteArray &token,
    const QByteArray &body = {}, int timeoutMs = 5000)
{
    QNetworkRequest request(url);
    if (!token.isEmpty())
        request.setRawHeader("X-Demo-Token", token);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setTransferTimeout(timeoutMs);
    const std::unique_ptr<QNetworkReply> reply(nam.post(request, body));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    Fetched result;
    result.finished = reply->isFinished() || finished.wait(timeoutMs + 2000);
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.body = reply->readAll();
    return result;
}

QUrl at(const QUrl &base, const QString &path, const QString &query = {})
{
    QUrl url = base;
    url.setPath(path);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

qint64 median(QList<qint64> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

} // namespace

// DemoTopology's servers, driven by a plain QNetworkAccessManager over 127.0.0.1.
class tst_DemoTopology final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void regionsAndVariables();
    void restRequiresKey_data();
    void restRequiresKey();
    void apiHealthJson_data();
    void apiHealthJson();
    void authHealthRequiresKey();
    void jitter();
    void faultChangedSignal();
    void downRefusesThenRestoresOnSamePort();
    void hangDefersWithoutBlocking();
    void abandonedAnswersAreDropped();
    void erroringMostly503();
    void laggingGrows();
    void circuitBreakersOpenWhileErroring();
    void stopClosesEverything();
    void listensOnLoopbackOnly();
    void embeddedConfigMentionsEveryRegion();
    void embeddedConfigLoads();
    void adminEndpointsWantTheToken_data();
    void adminEndpointsWantTheToken();
    void promoteAndRepointChangeTheHealthAnswer();
    void aFenceHoldsAcrossAnOutage();
    void anUnfencedPrimaryComesBackWritable();
    void trafficAndChatAreRecorded();

private:
    QByteArray key() const { return m_demo->apiKey().toLatin1(); }
    QByteArray token() const { return m_demo->adminToken().toLatin1(); }
    QString roleOf(const QString &regionId)
    {
        return fetch(*m_nam, url(regionId, u"/api/health"_s)).json().value(u"role"_s).toString();
    }
    QUrl url(const QString &regionId, const QString &path) const
    {
        return at(m_demo->baseUrl(regionId), path);
    }

    std::unique_ptr<DemoTopology> m_demo;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void tst_DemoTopology::init()
{
    m_demo = std::make_unique<DemoTopology>();
    m_nam = std::make_unique<QNetworkAccessManager>();
    QString error;
    QVERIFY2(m_demo->start(&error), qPrintable(error));
    QVERIFY(m_demo->isRunning());
}

void tst_DemoTopology::cleanup()
{
    m_nam.reset();
    m_demo.reset();
}

void tst_DemoTopology::regionsAndVariables()
{
    const QStringList ids = m_demo->regionIds();
    QCOMPARE(ids, (QStringList { u"us-east"_s, u"eu-west"_s, u"ap-southeast"_s }));

    const QMap<QString, QString> vars = m_demo->variables();
    QCOMPARE(vars.size(), ids.size() + 3);
    QVERIFY(vars.value(u"DEMO_API_KEY"_s).size() >= 16);
    QVERIFY(vars.value(u"DEMO_ADMIN_TOKEN"_s).size() >= 32);
    QCOMPARE(vars.value(u"DEMO_ADMIN_TOKEN"_s), m_demo->adminToken());
    QCOMPARE(QUrl(vars.value(u"DEMO_CONTROL_URL"_s)), m_demo->controlUrl());
    QCOMPARE(m_demo->controlUrl().host(), u"127.0.0.1"_s);
    QCOMPARE(DemoTopology::urlVariableName(u"ap-southeast"_s), u"DEMO_AP_SOUTHEAST_URL"_s);

    QSet<int> ports;
    for (const QString &id : ids) {
        const QUrl base(vars.value(DemoTopology::urlVariableName(id)));
        QCOMPARE(base, m_demo->baseUrl(id));
        QCOMPARE(base.scheme(), u"http"_s);
        QCOMPARE(base.host(), u"127.0.0.1"_s);
        QVERIFY(base.port() > 0);
        ports.insert(base.port());
    }
    QCOMPARE(ports.size(), ids.size());

    // A second topology gets its own key: nothing to copy from one run to the next.
    DemoTopology other;
    QVERIFY(other.apiKey() != m_demo->apiKey());
    QVERIFY(other.adminToken() != m_demo->adminToken());
    QVERIFY(other.adminToken() != other.apiKey());
}

void tst_DemoTopology::restRequiresKey_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QByteArray>("verb");
    for (const QString &region : { u"us-east"_s, u"eu-west"_s, u"ap-southeast"_s }) {
        for (const char *verb : { "GET", "HEAD" })
            QTest::addRow("%s %s", qPrintable(region), verb) << region << QByteArray(verb);
    }
}

void tst_DemoTopology::restRequiresKey()
{
    QFETCH(QString, region);
    QFETCH(QByteArray, verb);
    const QUrl rest = url(region, u"/rest/v1/"_s);

    const Fetched withKey = fetch(*m_nam, rest, verb, key());
    QVERIFY(withKey.finished);
    QCOMPARE(withKey.status, 200);
    QCOMPARE(withKey.body.isEmpty(), verb == "HEAD");

    const Fetched withoutKey = fetch(*m_nam, rest, verb);
    QCOMPARE(withoutKey.status, 401);
    const Fetched wrongKey = fetch(*m_nam, rest, verb, "demo-not-the-key");
    QCOMPARE(wrongKey.status, 401);

    // The keep-alive connection is still usable after HEAD answers (no stray body bytes).
    QCOMPARE(fetch(*m_nam, rest, "GET", key()).status, 200);
}

void tst_DemoTopology::apiHealthJson_data()
{
    QTest::addColumn<QString>("region");
    for (const QString &region : { u"us-east"_s, u"eu-west"_s, u"ap-southeast"_s })
        QTest::newRow(qPrintable(region)) << region;
}

void tst_DemoTopology::apiHealthJson()
{
    QFETCH(QString, region);
    const Fetched health = fetch(*m_nam, url(region, u"/api/health"_s));
    QCOMPARE(health.status, 200);
    const QJsonObject json = health.json();
    QCOMPARE(json.value(u"db"_s).toString(), u"ok"_s);
    QCOMPARE(json.value(u"auth"_s).toString(), u"ok"_s);
    QCOMPARE(json.value(u"region"_s).toString(), region);
    const QDateTime stamp
        = QDateTime::fromString(json.value(u"timestamp"_s).toString(), Qt::ISODateWithMs);
    QVERIFY(stamp.isValid());
    QVERIFY(qAbs(stamp.secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QVERIFY(json.value(u"replication_lag_ms"_s).isDouble());
    const double lag = json.value(u"replication_lag_ms"_s).toDouble();
    if (region == u"us-east")
        QCOMPARE(lag, 0.0); // the primary replicates from nobody
    else
        QVERIFY(lag > 0 && lag < 1000);
}

void tst_DemoTopology::authHealthRequiresKey()
{
    for (const QString &region : m_demo->regionIds()) {
        QCOMPARE(fetch(*m_nam, url(region, u"/auth/v1/health"_s), "GET", key()).status, 200);
        QCOMPARE(fetch(*m_nam, url(region, u"/auth/v1/health"_s)).status, 401);
    }
}

void tst_DemoTopology::jitter()
{
    QList<qint64> us;
    QList<qint64> apac;
    for (int i = 0; i < 20; ++i) {
        const Fetched a = fetch(*m_nam, url(u"ap-southeast"_s, u"/api/health"_s));
        QCOMPARE(a.status, 200);
        apac.append(a.elapsedMs);
        const Fetched u = fetch(*m_nam, url(u"us-east"_s, u"/api/health"_s));
        QCOMPARE(u.status, 200);
        us.append(u.elapsedMs);
    }
    const auto [low, high] = std::minmax_element(apac.cbegin(), apac.cend());
    QVERIFY2(*high - *low >= 2, "APAC latencies show no jitter");
    QVERIFY2(*low >= 15, "APAC answered faster than its base latency allows"); // 0.4 x 40 ms
    QVERIFY2(median(apac) > median(us) + 15, "APAC is not farther away than US East");
}

void tst_DemoTopology::faultChangedSignal()
{
    QSignalSpy spy(m_demo.get(), &DemoTopology::faultChanged);
    m_demo->setFault(u"eu-west"_s, DemoFault::Erroring);
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), u"eu-west"_s);
    QCOMPARE(toString(spy.at(0).at(1).value<DemoFault>()), toString(DemoFault::Erroring));
    QCOMPARE(toString(m_demo->fault(u"eu-west"_s)), toString(DemoFault::Erroring));
    QCOMPARE(toString(m_demo->fault(u"us-east"_s)), toString(DemoFault::None));

    m_demo->setFault(u"eu-west"_s, DemoFault::Erroring); // no change, no signal
    QTest::ignoreMessage(QtWarningMsg, "no demo region mars-north");
    m_demo->setFault(u"mars-north"_s, DemoFault::Down);
    QCOMPARE(spy.size(), 1);
}

void tst_DemoTopology::downRefusesThenRestoresOnSamePort()
{
    const QUrl base = m_demo->baseUrl(u"us-east"_s);
    // A kept-alive connection exists before the fault: Down must drop it, not just stop accepting.
    QCOMPARE(fetch(*m_nam, url(u"us-east"_s, u"/api/health"_s)).status, 200);

    m_demo->setFault(u"us-east"_s, DemoFault::Down);
    QCOMPARE(toString(m_demo->fault(u"us-east"_s)), toString(DemoFault::Down));
    const Fetched down = fetch(*m_nam, url(u"us-east"_s, u"/api/health"_s));
    QVERIFY(down.finished);
    QCOMPARE(down.error, QNetworkReply::ConnectionRefusedError);
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, quint16(base.port()));
    QVERIFY(!raw.waitForConnected(2000));
    QCOMPARE(raw.error(), QAbstractSocket::ConnectionRefusedError);
    // The other regions are unaffected.
    QCOMPARE(fetch(*m_nam, url(u"eu-west"_s, u"/api/health"_s)).status, 200);

    m_demo->setFault(u"us-east"_s, DemoFault::None);
    QCOMPARE(m_demo->baseUrl(u"us-east"_s), base);
    QCOMPARE(m_demo->variables().value(u"DEMO_US_EAST_URL"_s), base.toString());
    const Fetched back = fetch(*m_nam, url(u"us-east"_s, u"/rest/v1/"_s), "HEAD", key());
    QCOMPARE(back.error, QNetworkReply::NoError);
    QCOMPARE(back.status, 200);
}

void tst_DemoTopology::hangDefersWithoutBlocking()
{
    m_demo->setFault(u"us-east"_s, DemoFault::Hang);
    // The longest gap between two ticks of a 10 ms timer: a server that slept on the event loop
    // would show its whole 3 s delay here; a busy machine only delays ticks a little.
    qint64 worstGapMs = 0;
    QElapsedTimer sinceTick;
    sinceTick.start();
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this,
        [&] { worstGapMs = qMax(worstGapMs, sinceTick.restart()); });
    ticker.start();

    QElapsedTimer clock;
    clock.start();
    const std::unique_ptr<QNetworkReply> slow
        = send(*m_nam, url(u"us-east"_s, u"/api/health"_s), "GET", {}, 10000);
    QSignalSpy finished(slow.get(), &QNetworkReply::finished);
    QVERIFY(!finished.wait(1000));
    QVERIFY2(worstGapMs < 500, qPrintable(u"the event loop stalled for %1 ms"_s.arg(worstGapMs)));
    // Another region answers at its usual speed meanwhile.
    const Fetched other = fetch(*m_nam, url(u"eu-west"_s, u"/api/health"_s));
    QCOMPARE(other.status, 200);
    QVERIFY(!slow->isFinished());

    QVERIFY(finished.wait(5000));
    QCOMPARE(slow->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QVERIFY(clock.elapsed() >= 2900);
    ticker.stop();
}

void tst_DemoTopology::abandonedAnswersAreDropped()
{
    // A probe that times out hangs up; the region's deferred answer must then go nowhere
    // (QHttpServer 6.4 deletes the connection under it). Later requests sent with a longer patience
    // tell when the earlier answers' timers have fired: they were scheduled first with the same
    // delay.
    m_demo->setFault(u"us-east"_s, DemoFault::Hang);
    const Fetched impatient = fetch(*m_nam, url(u"us-east"_s, u"/api/health"_s), "GET", {}, 300);
    QVERIFY(impatient.finished);
    QCOMPARE(impatient.error, QNetworkReply::OperationCanceledError);
    const Fetched patient = fetch(*m_nam, url(u"us-east"_s, u"/api/health"_s), "GET", {}, 8000);
    QCOMPARE(patient.status, 200);

    // Down while an answer is pending: the client sees the connection dropped, not a late answer.
    const std::unique_ptr<QNetworkReply> pending
        = send(*m_nam, url(u"us-east"_s, u"/api/health"_s), "GET", {}, 8000);
    QSignalSpy finished(pending.get(), &QNetworkReply::finished);
    QVERIFY(!finished.wait(300));
    m_demo->setFault(u"us-east"_s, DemoFault::Down);
    QVERIFY(finished.wait(2000));
    QVERIFY(pending->error() != QNetworkReply::NoError);
    m_demo->setFault(u"us-east"_s, DemoFault::Hang);
    QCOMPARE(fetch(*m_nam, url(u"us-east"_s, u"/api/health"_s), "GET", {}, 8000).status, 200);
}

void tst_DemoTopology::circuitBreakersOpenWhileErroring()
{
    const QUrl actuator = url(u"eu-west"_s, u"/actuator/circuitbreakers"_s);
    const auto databaseBreaker = [this, &actuator] {
        const Fetched answer = fetch(*m_nam, actuator);
        const RemoteBreakersReading reading = readRemoteBreakers(answer.body, {});
        if (answer.status != 200 || !reading.ok() || reading.breakers.size() != 1) {
            qWarning("unexpected answer %d: %s", answer.status, answer.body.constData());
            return BreakerState::Unknown;
        }
        return reading.breakers.constFirst().state;
    };
    QCOMPARE(toString(databaseBreaker()), toString(BreakerState::Closed));
    m_demo->setFault(u"eu-west"_s, DemoFault::Erroring);
    QCOMPARE(toString(databaseBreaker()), toString(BreakerState::Open));
    m_demo->setFault(u"eu-west"_s, DemoFault::None);
    QCOMPARE(toString(databaseBreaker()), toString(BreakerState::HalfOpen));
    // Another region's breaker never saw the fault.
    const Fetched other = fetch(*m_nam, url(u"us-east"_s, u"/actuator/circuitbreakers"_s));
    const RemoteBreakersReading reading = readRemoteBreakers(other.body, {});
    QVERIFY2(reading.ok(), qPrintable(reading.error));
    QCOMPARE(toString(reading.breakers.value(0).state), toString(BreakerState::Closed));
}

void tst_DemoTopology::erroringMostly503()
{
    m_demo->setFault(u"ap-southeast"_s, DemoFault::Erroring);
    int unavailable = 0;
    int ok = 0;
    for (int i = 0; i < 20; ++i) {
        const int status
            = fetch(*m_nam, url(u"ap-southeast"_s, u"/rest/v1/"_s), "HEAD", key()).status;
        unavailable += status == 503;
        ok += status == 200;
    }
    QCOMPARE(unavailable + ok, 20);
    QVERIFY2(unavailable >= 14, qPrintable(u"%1 of 20 were 503"_s.arg(unavailable)));
    QVERIFY2(ok >= 1, "an erroring region still answers some requests");

    bool sawDbError = false;
    for (int i = 0; i < 5 && !sawDbError; ++i) {
        const Fetched health = fetch(*m_nam, url(u"ap-southeast"_s, u"/api/health"_s));
        if (health.status == 503) {
            QCOMPARE(health.json().value(u"db"_s).toString(), u"error"_s);
            sawDbError = true;
        }
    }
    QVERIFY(sawDbError);

    m_demo->setFault(u"ap-southeast"_s, DemoFault::None);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(fetch(*m_nam, url(u"ap-southeast"_s, u"/rest/v1/"_s), "HEAD", key()).status, 200);
}

void tst_DemoTopology::laggingGrows()
{
    const auto lag = [this] {
        const Fetched health = fetch(*m_nam, url(u"eu-west"_s, u"/api/health"_s));
        return health.status == 200
            ? qint64(health.json().value(u"replication_lag_ms"_s).toDouble())
            : qint64(-1);
    };
    m_demo->setFault(u"eu-west"_s, DemoFault::Lagging);
    const qint64 first = lag();
    QVERIFY(first >= 0);
    // About +1000 ms per second; the normal lag is at most a few hundred ms of jitter.
    // One fetch per check: each is a round trip that a loaded machine may make slow. Latched:
    // QTRY_ evaluates the check again after it held, and the jitter may dip below the line.
    bool hasGrown = false;
    const auto grown = [&] {
        if (!hasGrown) {
            const qint64 now = lag();
            hasGrown = now >= first + 800 && now >= 1000;
        }
        return hasGrown;
    };
    QTRY_VERIFY_WITH_TIMEOUT(grown(), 10000);
    // Lagging is not unhealthy by its answers: the body still says ok.
    QCOMPARE(fetch(*m_nam, url(u"eu-west"_s, u"/api/health"_s)).json().value(u"db"_s).toString(),
        u"ok"_s);

    m_demo->setFault(u"eu-west"_s, DemoFault::None);
    const qint64 restored = lag();
    QVERIFY(restored >= 0 && restored < 1000);
}

void tst_DemoTopology::stopClosesEverything()
{
    QList<QUrl> bases;
    for (const QString &id : m_demo->regionIds())
        bases.append(m_demo->baseUrl(id));
    m_demo->setFault(u"eu-west"_s, DemoFault::Slow);
    QSignalSpy spy(m_demo.get(), &DemoTopology::faultChanged);

    m_demo->stop();
    QVERIFY(!m_demo->isRunning());
    QVERIFY(m_demo->variables().isEmpty());
    QCOMPARE(toString(m_demo->fault(u"eu-west"_s)), toString(DemoFault::None));
    QCOMPARE(spy.size(), 1);
    for (const QUrl &base : std::as_const(bases)) {
        const Fetched gone = fetch(*m_nam, at(base, u"/api/health"_s));
        QVERIFY(gone.finished);
        QCOMPARE(gone.error, QNetworkReply::ConnectionRefusedError);
    }

    QVERIFY(m_demo->start());
    QCOMPARE(fetch(*m_nam, url(u"us-east"_s, u"/api/health"_s)).status, 200);
}

void tst_DemoTopology::listensOnLoopbackOnly()
{
    // Every server is bound to 127.0.0.1: the machine's other addresses refuse the same ports.
    QList<QHostAddress> others;
    const QList<QHostAddress> addresses = QNetworkInterface::allAddresses();
    for (const QHostAddress &address : addresses) {
        if (!address.isLoopback() && address.protocol() == QAbstractSocket::IPv4Protocol)
            others.append(address);
    }
    if (others.isEmpty())
        QSKIP("this machine has no address besides loopback");
    for (const QString &id : m_demo->regionIds()) {
        QCOMPARE(m_demo->baseUrl(id).host(), u"127.0.0.1"_s);
        for (const QHostAddress &address : std::as_const(others).first(qMin(others.size(), 3))) {
            QTcpSocket socket;
            socket.connectToHost(address, quint16(m_demo->baseUrl(id).port()));
            QVERIFY2(!socket.waitForConnected(2000), qPrintable(address.toString()));
        }
    }
}

void tst_DemoTopology::embeddedConfigMentionsEveryRegion()
{
    QCOMPARE(m_demo->configPath(), u":/demo/demo.yaml"_s);
    QFile file(m_demo->configPath());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    const QString text = QString::fromUtf8(file.readAll());
    for (const QString &id : m_demo->regionIds())
        QVERIFY2(text.contains(u"id: "_s + id + u'\n'), qPrintable(id));
    const QMap<QString, QString> vars = m_demo->variables();
    for (auto it = vars.cbegin(); it != vars.cend(); ++it)
        QVERIFY2(text.contains(u"${"_s + it.key() + u'}'), qPrintable(it.key()));
}

void tst_DemoTopology::embeddedConfigLoads()
{
    const ConfigLoadResult result
        = ConfigLoader::loadFile(m_demo->configPath(), m_demo->variables());
    for (const ConfigDiagnostic &d : result.diagnostics)
        qWarning().noquote() << d.toString();
    QVERIFY(result.ok());
    const ConsoleConfig &config = *result.config;

    const QList<DemoRegionSpec> specs = defaultDemoRegions();
    QCOMPARE(config.regions.size(), specs.size());
    for (int i = 0; i < specs.size(); ++i) {
        const RegionConfig &region = config.regions.at(i);
        QCOMPARE(region.id, specs.at(i).id);
        QCOMPARE(region.name, specs.at(i).name);
        QCOMPARE(toString(region.role), toString(specs.at(i).role));
        QCOMPARE(region.latitude, specs.at(i).latitude);
        QCOMPARE(region.longitude, specs.at(i).longitude);
        QVERIFY(!region.endpoints.isEmpty());
        for (const EndpointConfig &endpoint : region.endpoints) {
            // Every endpoint points at its own region's server, so a fault shows up where it was
            // made.
            QCOMPARE(endpoint.http.url.port(), m_demo->baseUrl(region.id).port());
            QByteArray apiKey;
            for (const auto &[name, value] : endpoint.http.headers) {
                if (name == "apikey")
                    apiKey = value;
            }
            const Fetched answer = fetch(*m_nam, endpoint.http.url, endpoint.http.method, apiKey);
            QCOMPARE(answer.status, endpoint.http.expectedStatus);
        }
    }
    QCOMPARE(config.primaryRegion()->id, u"us-east"_s);
}

void tst_DemoTopology::adminEndpointsWantTheToken_data()
{
    QTest::addColumn<QString>("where"); // a region, or "control"
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("query");
    QTest::newRow("promote") << u"eu-west"_s << u"/admin/promote"_s << QString();
    QTest::newRow("repoint") << u"ap-southeast"_s << u"/admin/repoint"_s << u"upstream=eu-west"_s;
    QTest::newRow("rejoin") << u"us-east"_s << u"/admin/rejoin"_s << u"source=eu-west"_s;
    QTest::newRow("fence") << u"control"_s << u"/fence"_s << u"region=us-east"_s;
    QTest::newRow("traffic") << u"control"_s << u"/traffic"_s << u"primary=eu-west"_s;
}

void tst_DemoTopology::adminEndpointsWantTheToken()
{
    QFETCH(QString, where);
    QFETCH(QString, path);
    QFETCH(QString, query);
    const QUrl base = where == u"control" ? m_demo->controlUrl() : m_demo->baseUrl(where);
    const QUrl target = at(base, path, query);
    const QStringList rolesBefore
        = { roleOf(u"us-east"_s), roleOf(u"eu-west"_s), roleOf(u"ap-southeast"_s) };

    QCOMPARE(post(*m_nam, target, {}).status, 401);
    QCOMPARE(post(*m_nam, target, "demo-admin-not-the-token").status, 401);
    // The API key is not the admin token.
    QCOMPARE(post(*m_nam, target, key()).status, 401);
    // Reading is not acting: a GET of an admin path changes nothing either.
    QVERIFY(fetch(*m_nam, target).status >= 400);
    const QStringList rolesAfter
        = { roleOf(u"us-east"_s), roleOf(u"eu-west"_s), roleOf(u"ap-southeast"_s) };
    QCOMPARE(rolesAfter, rolesBefore);
    QCOMPARE(m_demo->control()->trafficSwitches(), QStringList());

    const Fetched allowed = post(*m_nam, target, token());
    QCOMPARE(allowed.status, 200);
    QVERIFY2(!allowed.body.contains(token()), allowed.body.constData());
}

void tst_DemoTopology::promoteAndRepointChangeTheHealthAnswer()
{
    QCOMPARE(roleOf(u"eu-west"_s), u"standby"_s);
    const Fetched promoted = post(*m_nam, url(u"eu-west"_s, u"/admin/promote"_s), token());
    QCOMPARE(promoted.status, 200);
    QCOMPARE(promoted.json().value(u"role"_s).toString(), u"primary"_s);
    QCOMPARE(roleOf(u"eu-west"_s), u"primary"_s);
    QVERIFY(m_demo->database(u"eu-west"_s)->role() == DemoDatabase::Role::Primary);

    const Fetched repointed = post(*m_nam,
        at(m_demo->baseUrl(u"ap-southeast"_s), u"/admin/repoint"_s, u"upstream=eu-west"_s),
        token());
    QCOMPARE(repointed.status, 200);
    const QJsonObject health = fetch(*m_nam, url(u"ap-southeast"_s, u"/api/health"_s)).json();
    QCOMPARE(health.value(u"upstream"_s).toString(), u"eu-west"_s);
    QCOMPARE(health.value(u"role"_s).toString(), u"replica"_s);

    const Fetched unknown = post(*m_nam,
        at(m_demo->baseUrl(u"ap-southeast"_s), u"/admin/repoint"_s, u"upstream=mars"_s), token());
    QCOMPARE(unknown.status, 400);

    // A new demo starts from the specs again.
    m_demo->stop();
    QVERIFY(m_demo->start());
    QCOMPARE(roleOf(u"eu-west"_s), u"standby"_s);
}

void tst_DemoTopology::aFenceHoldsAcrossAnOutage()
{
    m_demo->setFault(u"us-east"_s, DemoFault::Down);
    QCOMPARE(fetch(*m_nam, url(u"us-east"_s, u"/api/health"_s)).error,
        QNetworkReply::ConnectionRefusedError);
    // The region cannot be asked any more; the control server fences it all the same.
    const Fetched fenced
        = post(*m_nam, at(m_demo->controlUrl(), u"/fence"_s, u"region=us-east"_s), token());
    QCOMPARE(fenced.status, 200);
    QCOMPARE(fenced.json().value(u"role"_s).toString(), u"read-only"_s);
    QVERIFY(m_demo->database(u"us-east"_s)->fenced());

    m_demo->setFault(u"us-east"_s, DemoFault::None);
    QCOMPARE(roleOf(u"us-east"_s), u"read-only"_s);
    // Only a rebuild lifts the fence; a promotion is refused.
    QCOMPARE(post(*m_nam, url(u"us-east"_s, u"/admin/promote"_s), token()).status, 409);
    QCOMPARE(
        post(*m_nam, at(m_demo->baseUrl(u"us-east"_s), u"/admin/rejoin"_s, u"source=eu-west"_s),
            token())
            .status,
        200);
    QCOMPARE(roleOf(u"us-east"_s), u"standby"_s);
}

void tst_DemoTopology::anUnfencedPrimaryComesBackWritable()
{
    // Meanwhile EU West was promoted: the old primary returns as a second writable primary.
    QCOMPARE(post(*m_nam, url(u"eu-west"_s, u"/admin/promote"_s), token()).status, 200);
    m_demo->setFault(u"us-east"_s, DemoFault::Down);
    m_demo->setFault(u"us-east"_s, DemoFault::None);
    QCOMPARE(roleOf(u"us-east"_s), u"primary"_s);
    QCOMPARE(roleOf(u"eu-west"_s), u"primary"_s);
}

void tst_DemoTopology::trafficAndChatAreRecorded()
{
    DemoControlServer *control = m_demo->control();
    QCOMPARE(control->trafficRegion(), u"us-east"_s);
    QSignalSpy switched(control, &DemoControlServer::trafficSwitched);
    QCOMPARE(
        post(*m_nam, at(m_demo->controlUrl(), u"/traffic"_s, u"primary=eu-west"_s), token()).status,
        200);
    QCOMPARE(control->trafficRegion(), u"eu-west"_s);
    QCOMPARE(control->trafficSwitches(), QStringList { u"eu-west"_s });
    QCOMPARE(switched.size(), 1);
    QCOMPARE(
        post(*m_nam, at(m_demo->controlUrl(), u"/traffic"_s, u"primary=mars"_s), token()).status,
        400);
    QCOMPARE(control->trafficRegion(), u"eu-west"_s);

    // The webhook's secret is its URL, as Slack's is.
    const QByteArray message = R"({"text":"US East failed over to EU West"})";
    QCOMPARE(
        post(*m_nam, at(m_demo->controlUrl(), u"/hooks/not-the-token"_s), {}, message).status, 404);
    QVERIFY(control->notices().isEmpty());
    const QUrl hook = at(m_demo->controlUrl(), u"/hooks/"_s + m_demo->adminToken());
    QCOMPARE(post(*m_nam, hook, {}, R"({"attachments":[]})").status, 400);
    const Fetched posted = post(*m_nam, hook, {}, message);
    QCOMPARE(posted.status, 200);
    QCOMPARE(posted.body, QByteArray("ok"));
    QCOMPARE(control->notices(), QStringList { u"US East failed over to EU West"_s });

    m_demo->stop();
    QVERIFY(control->notices().isEmpty());
    QVERIFY(control->trafficSwitches().isEmpty());
    QCOMPARE(control->trafficRegion(), u"us-east"_s);
}

QTEST_GUILESS_MAIN(tst_DemoTopology)
#include "tst_demotopology.moc"
