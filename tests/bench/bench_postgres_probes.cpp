// bench_postgres_probes: what PostgreSQL probing costs this process. N PostgresProbers probe one
// server back to back (each starts again as soon as its result is in) for S seconds on one
// thread; reports probes per second, this process's CPU time per probe (user + system, all on
// one core: libpq's asynchronous API, no threads) and probe latency. Not a ctest test.
//
//   PGPASSWORD=... bench_postgres_probes --conninfo "host=127.0.0.1 port=N dbname=postgres
//       user=monitor" [--probers 8] [--seconds 10] [--heartbeat] [--interval MS]
//
// The configured interval does not pace the probes here; it sets how often a prober checks with a
// fresh login that new sessions are accepted (every max(5, 10 s / interval) probes on a kept
// session): 1000 ms (the default) checks on every 10th probe, 1 ms on every 10,000th (none).
#include "postgresprober.h"

#include "benchsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <vector>

using namespace Console;
using namespace Console::Bench;
using namespace std::chrono_literals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Cost of PostgreSQL probes, back to back"));
    parser.addHelpOption();
    const QCommandLineOption conninfoOption(QStringLiteral("conninfo"),
        QStringLiteral("libpq connection string (put the password in PGPASSWORD)."),
        QStringLiteral("conninfo"));
    const QCommandLineOption probersOption(QStringLiteral("probers"),
        QStringLiteral("Probers, each with its own session."), QStringLiteral("n"),
        QStringLiteral("8"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"),
        QStringLiteral("Length of the measured phase."), QStringLiteral("s"), QStringLiteral("10"));
    const QCommandLineOption heartbeatOption(QStringLiteral("heartbeat"),
        QStringLiteral("Write (primary) or read (standby) the heartbeat in every probe."));
    const QCommandLineOption intervalOption(QStringLiteral("interval"),
        QStringLiteral("Configured probe interval in ms (sets the fresh-login check's cadence)."),
        QStringLiteral("ms"), QStringLiteral("1000"));
    parser.addOptions(
        { conninfoOption, probersOption, secondsOption, heartbeatOption, intervalOption });
    parser.process(app);
    if (!parser.isSet(conninfoOption)) {
        std::fprintf(stderr, "bench_postgres_probes: --conninfo is required\n");
        return 2;
    }
    const int proberCount = std::max(1, parser.value(probersOption).toInt());
    const int seconds = std::max(1, parser.value(secondsOption).toInt());
    const Milliseconds interval(std::max(1, parser.value(intervalOption).toInt()));

    bool measuring = false;
    bool running = true;
    std::vector<double> latencyMs;
    std::map<QString, int> failures;
    QString lastFailure;
    std::vector<std::unique_ptr<PostgresProber>> probers;
    for (int i = 0; i < proberCount; ++i) {
        EndpointConfig endpoint;
        endpoint.id = QStringLiteral("bench%1").arg(i);
        endpoint.name = endpoint.id;
        endpoint.kind = EndpointKind::Postgres;
        endpoint.timeout = 2000ms;
        endpoint.interval = interval;
        endpoint.postgres.connectionString = parser.value(conninfoOption);
        endpoint.postgres.heartbeat = parser.isSet(heartbeatOption);
        auto prober = std::make_unique<PostgresProber>(endpoint);
        PostgresProber *p = prober.get();
        QObject::connect(p, &Prober::finished, p, [&, p](const ProbeResult &result) {
            if (measuring) {
                latencyMs.push_back(result.latencyMs);
                if (!result.ok()) {
                    ++failures[toString(result.status)];
                    lastFailure = result.reason;
                }
            }
            if (running)
                QMetaObject::invokeMethod(p, &PostgresProber::start, Qt::QueuedConnection);
        });
        probers.push_back(std::move(prober));
    }

    // Warm-up: sessions open, the first probe of each learns the role.
    for (auto &p : probers)
        p->start();
    runEventLoopFor(1s);

    measuring = true;
    QElapsedTimer wall;
    wall.start();
    const double cpuStart = cpuSeconds();
    runEventLoopFor(std::chrono::seconds(seconds));
    const double cpuUsed = cpuSeconds() - cpuStart;
    const double wallSeconds = double(wall.nsecsElapsed()) / 1e9;
    measuring = false;
    running = false;
    // Let the probes in flight end before the probers go.
    runEventLoopFor(2500ms);

    const auto done = double(latencyMs.size());
    int failed = 0;
    for (const auto &[status, count] : failures)
        failed += count;
    std::printf("bench_postgres_probes: %d probers, %.1f s, heartbeat %s, fresh-login check every "
                "%d probes\n",
        proberCount, wallSeconds, parser.isSet(heartbeatOption) ? "on" : "off",
        probers.front()->acceptanceCheckEvery());
    std::printf("  %-32s %.0f\n", "probes", done);
    std::printf("  %-32s %d\n", "failed", failed);
    for (const auto &[status, count] : failures)
        std::printf("    %-30s %d\n", qPrintable(status), count);
    if (!lastFailure.isEmpty())
        std::printf("  %-32s %s\n", "last failure", qPrintable(lastFailure));
    std::printf("  %-32s %.0f\n", "probes/second", done / wallSeconds);
    std::printf(
        "  %-32s %.1f %%\n", "CPU of one core (this process)", 100.0 * cpuUsed / wallSeconds);
    std::printf(
        "  %-32s %.1f us\n", "CPU per probe (this process)", done > 0 ? 1e6 * cpuUsed / done : 0.0);
    std::printf("  %-32s %.3f / %.3f / %.3f ms\n", "latency p50 / p99 / max",
        percentile(latencyMs, 0.5), percentile(latencyMs, 0.99), percentile(latencyMs, 1.0));
    return failed == 0 && done > 0 ? 0 : 1;
}
