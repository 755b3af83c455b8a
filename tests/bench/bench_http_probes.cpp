// bench_http_probes: what polling N HTTP endpoints costs this process. Probes
// http://HOST:PORT/e/<i> (served by bench_probe_server in another process) through one
// ProbeScheduler and one CurlMulti, and reports CPU per probe, event-loop lateness
// of a 1 ms timer, memory, probes done, skipped ticks and failures. Not a ctest test.
#include "httpprober.h"
#include "probescheduler.h"

#include "benchsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

using namespace Console;
using namespace Console::Bench;
using namespace std::chrono_literals;

namespace {

// kB from /proc/self/status, e.g. "VmRSS:" or "VmHWM:".
qint64 procStatusKb(const QByteArray &key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(key))
            return line.mid(key.size()).simplified().split(' ').value(0).toLongLong();
    }
    return -1;
}

// How late a 1 ms precise timer fires: the delay any event of this thread would see.
class LatenessMeter
{
public:
    LatenessMeter()
    {
        m_timer.setSingleShot(true);
        m_timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] { onTimeout(); });
    }
    void start()
    {
        m_samplesMs.clear();
        m_armed.start();
        m_timer.start(1ms);
    }
    void stop() { m_timer.stop(); }
    const std::vector<double> &samplesMs() const { return m_samplesMs; }

private:
    void onTimeout()
    {
        m_samplesMs.push_back(std::max(0.0, double(m_armed.nsecsElapsed()) / 1e6 - 1.0));
        m_armed.start();
        m_timer.start(1ms);
    }

    QTimer m_timer;
    QElapsedTimer m_armed;
    std::vector<double> m_samplesMs;
};

void printRow(const char *metric, const QString &value)
{
    std::printf("  %-38s %s\n", metric, qPrintable(value));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Cost of polling N HTTP endpoints"));
    parser.addHelpOption();
    const QCommandLineOption hostOption(QStringLiteral("host"), QStringLiteral("Server host."),
        QStringLiteral("host"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption portOption(
        QStringLiteral("port"), QStringLiteral("Server port."), QStringLiteral("port"));
    const QCommandLineOption endpointsOption(QStringLiteral("endpoints"),
        QStringLiteral("Endpoints to poll."), QStringLiteral("n"), QStringLiteral("1000"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
        QStringLiteral("Length of the probing phase."), QStringLiteral("s"), QStringLiteral("60"));
    const QCommandLineOption intervalOption(QStringLiteral("interval-ms"),
        QStringLiteral("Probe interval per endpoint."), QStringLiteral("ms"),
        QStringLiteral("1000"));
    const QCommandLineOption baselineOption(QStringLiteral("baseline-seconds"),
        QStringLiteral("Idle phase measuring the meter alone."), QStringLiteral("s"),
        QStringLiteral("5"));
    parser.addOptions(
        { hostOption, portOption, endpointsOption, secondsOption, intervalOption, baselineOption });
    parser.process(app);
    if (!parser.isSet(portOption)) {
        std::fprintf(stderr, "bench_http_probes: --port is required\n");
        return 2;
    }
    const int endpointCount = parser.value(endpointsOption).toInt();
    const int seconds = parser.value(secondsOption).toInt();
    const int intervalMs = parser.value(intervalOption).toInt();
    const int baselineSeconds = parser.value(baselineOption).toInt();

    QList<EndpointConfig> endpoints;
    for (int i = 0; i < endpointCount; ++i) {
        EndpointConfig endpoint;
        endpoint.id = QStringLiteral("e%1").arg(i);
        endpoint.name = endpoint.id;
        endpoint.interval = Milliseconds(intervalMs);
        endpoint.timeout = 800ms;
        endpoint.http.url.setScheme(QStringLiteral("http"));
        endpoint.http.url.setHost(parser.value(hostOption));
        endpoint.http.url.setPort(parser.value(portOption).toInt());
        endpoint.http.url.setPath(QStringLiteral("/e/%1").arg(i));
        endpoint.http.expectJson.insert(QStringLiteral("status"), QStringLiteral("ok"));
        endpoints.append(endpoint);
    }

    CurlMulti multi;
    ProbeScheduler scheduler(HttpProber::factory(&multi));
    scheduler.setEndpoints(endpoints);
    std::map<QString, int> failures;
    std::vector<double> probeLatencyMs;
    probeLatencyMs.reserve(
        size_t(endpointCount) * size_t(seconds) * 1000 / size_t(intervalMs) + 16);
    QObject::connect(
        &scheduler, &ProbeScheduler::probeFinished, &scheduler, [&](const ProbeResult &result) {
            probeLatencyMs.push_back(result.latencyMs);
            if (!result.ok())
                ++failures[toString(result.status)];
        });

    LatenessMeter meter;

    // Phase 1: the meter alone, so its own cost can be taken out of the per-probe figure.
    const double idleCpuStart = cpuSeconds();
    meter.start();
    runEventLoopFor(std::chrono::seconds(baselineSeconds));
    meter.stop();
    const double idleCpuPerSecond
        = baselineSeconds > 0 ? (cpuSeconds() - idleCpuStart) / baselineSeconds : 0;
    const std::vector<double> idleLateness = meter.samplesMs();

    // Phase 2: probing.
    QElapsedTimer wall;
    const double cpuStart = cpuSeconds();
    wall.start();
    meter.start();
    scheduler.start();
    runEventLoopFor(std::chrono::seconds(seconds));
    scheduler.stop();
    meter.stop();
    const double cpuUsed = cpuSeconds() - cpuStart;
    const double wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    const qint64 rssKb = procStatusKb("VmRSS:");
    const qint64 hwmKb = procStatusKb("VmHWM:");

    const qint64 done = qint64(probeLatencyMs.size());
    int failed = 0;
    QStringList failureParts;
    for (const auto &[status, count] : failures) {
        failed += count;
        failureParts.append(QStringLiteral("%1 %2").arg(status).arg(count));
    }
    const double netCpu = std::max(0.0, cpuUsed - idleCpuPerSecond * wallSeconds);
    const std::vector<double> &lateness = meter.samplesMs();
    const auto ms = [](double value) { return QString::number(value, 'f', 3); };

    std::printf("\nHTTP probe benchmark: %d endpoints every %d ms for %d s against %s:%s\n",
        endpointCount, intervalMs, seconds, qPrintable(parser.value(hostOption)),
        qPrintable(parser.value(portOption)));
    printRow("probes done", QString::number(done));
    printRow("probes per second", QString::number(double(done) / wallSeconds, 'f', 1));
    printRow("skipped ticks", QString::number(scheduler.skippedTicks()));
    printRow("failures",
        failed == 0
            ? QStringLiteral("0")
            : QStringLiteral("%1 (%2)").arg(failed).arg(failureParts.join(QStringLiteral(", "))));
    printRow("CPU used (user+sys)",
        QStringLiteral("%1 s = %2 % of one core")
            .arg(cpuUsed, 0, 'f', 2)
            .arg(100 * cpuUsed / wallSeconds, 0, 'f', 1));
    printRow("CPU per probe",
        done ? QStringLiteral("%1 us").arg(1e6 * cpuUsed / double(done), 0, 'f', 1)
             : QStringLiteral("-"));
    printRow("CPU per probe, idle meter taken out",
        done ? QStringLiteral("%1 us (meter alone: %2 % of a core)")
                   .arg(1e6 * netCpu / double(done), 0, 'f', 1)
                   .arg(100 * idleCpuPerSecond, 0, 'f', 1)
             : QStringLiteral("-"));
    printRow("1 ms timer lateness p50 / p99 / max",
        QStringLiteral("%1 / %2 / %3 ms (%4 samples)")
            .arg(ms(percentile(lateness, 0.5)), ms(percentile(lateness, 0.99)),
                ms(lateness.empty() ? 0 : *std::max_element(lateness.begin(), lateness.end())))
            .arg(lateness.size()));
    printRow("  same, idle (no probes)",
        QStringLiteral("%1 / %2 ms")
            .arg(ms(percentile(idleLateness, 0.5)), ms(percentile(idleLateness, 0.99))));
    printRow("probe latency p50 / p99",
        QStringLiteral("%1 / %2 ms")
            .arg(ms(percentile(probeLatencyMs, 0.5)), ms(percentile(probeLatencyMs, 0.99))));
    printRow("VmRSS at end / VmHWM peak",
        QStringLiteral("%1 / %2 MiB")
            .arg(double(rssKb) / 1024, 0, 'f', 1)
            .arg(double(hwmKb) / 1024, 0, 'f', 1));
    std::fflush(stdout);
    return 0;
}
