#include "configbuilder.h"
#include "detectionforecast.h"

#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

class tst_DetectionForecast final : public QObject
{
    Q_OBJECT
private slots:
    void fromTheSettings_data();
    void fromTheSettings();
    void worstEndpointDecides();
};

void tst_DetectionForecast::fromTheSettings_data()
{
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<int>("consecutive");
    QTest::addColumn<bool>("atOnce");
    QTest::addColumn<int>("refusedMs");
    QTest::addColumn<int>("silentMs");
    // Defaults: 1 s probes, 800 ms timeout, 3 in a row; refused acts at once.
    QTest::newRow("defaults") << 1000 << 800 << 3 << true << 1000 << 3800;
    QTest::newRow("fast probes") << 250 << 200 << 3 << true << 250 << 950;
    // Without acting at once a refusal waits for the same run as a timeout.
    QTest::newRow("refused waits for the run") << 1000 << 800 << 3 << false << 3800 << 3800;
    QTest::newRow("single probe decides") << 2000 << 500 << 1 << true << 2000 << 2500;
}

void tst_DetectionForecast::fromTheSettings()
{
    QFETCH(int, intervalMs);
    QFETCH(int, timeoutMs);
    QFETCH(int, consecutive);
    QFETCH(bool, atOnce);
    QFETCH(int, refusedMs);
    QFETCH(int, silentMs);
    DetectionThresholds detection;
    detection.consecutiveFailures = consecutive;
    detection.unreachableActsAtOnce = atOnce;
    const ConsoleConfig config = ConfigBuilder()
                                     .interval(std::chrono::milliseconds(intervalMs))
                                     .timeout(std::chrono::milliseconds(timeoutMs))
                                     .detection(detection)
                                     .region(u"a"_qs, RegionRole::Primary)
                                     .http(u"a-rest"_qs, QUrl(u"http://127.0.0.1:1/"_qs))
                                     .build();
    const DetectionForecast f
        = DetectionForecast::forEndpoint(detection, config.regions[0].endpoints[0]);
    QCOMPARE(f.refused.count(), refusedMs);
    QCOMPARE(f.silent.count(), silentMs);
    QCOMPARE(f.errorRate, detection.errorRateWindow + std::chrono::milliseconds(intervalMs));
    QCOMPARE(f.slowness,
        detection.latencySustainedFor + std::chrono::milliseconds(intervalMs + timeoutMs));
}

void tst_DetectionForecast::worstEndpointDecides()
{
    const DetectionThresholds detection;
    const ConsoleConfig config = ConfigBuilder()
                                     .region(u"a"_qs, RegionRole::Primary)
                                     .http(u"quick"_qs, QUrl(u"http://127.0.0.1:1/"_qs))
                                     .endpointInterval(500ms)
                                     .endpointTimeout(400ms)
                                     .http(u"slow"_qs, QUrl(u"http://127.0.0.1:2/"_qs))
                                     .endpointInterval(5s)
                                     .endpointTimeout(2s)
                                     .build();
    const DetectionForecast f = DetectionForecast::worstOf(detection, config.regions[0].endpoints);
    QCOMPARE(f.refused, 5000ms);
    QCOMPARE(f.silent, 17000ms);
    QCOMPARE(f.summary(), QStringLiteral("a crash within 5 s, a freeze within 17 s"));
    QCOMPARE(DetectionForecast::worstOf(detection, {}).silent, 0ms);
}

QTEST_GUILESS_MAIN(tst_DetectionForecast)
#include "tst_detectionforecast.moc"
