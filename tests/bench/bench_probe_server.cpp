// bench_probe_server: the far side of bench_http_probes, in its own process so the server's
// CPU does not count as the poller's. Serves 200 {"status":"ok"} on every path (/e/0 .. /e/N-1),
// HTTP/1.1 keep-alive, on 127.0.0.1. Prints "listening on <port>" once ready.
#include "misbehavinghttpserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

using namespace Console;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Loopback HTTP server for bench_http_probes"));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
        QStringLiteral("Port on 127.0.0.1 (0: any free one)."), QStringLiteral("port"),
        QStringLiteral("0"));
    const QCommandLineOption quitOption(QStringLiteral("quit-after"),
        QStringLiteral("Exit after this many seconds (0: never)."), QStringLiteral("seconds"),
        QStringLiteral("0"));
    parser.addOption(portOption);
    parser.addOption(quitOption);
    parser.process(app);

    MisbehavingHttpServer server;
    server.setRecordRequests(false);
    server.setDefaultReply(ServerReply::answer(200, R"({"status":"ok"})"));
    if (!server.listen(static_cast<quint16>(parser.value(portOption).toUInt()))) {
        std::fprintf(stderr, "bench_probe_server: cannot listen\n");
        return 1;
    }
    // A safety net: a benchmark script that dies must not leave this running for ever.
    const int quitAfter = parser.value(quitOption).toInt();
    if (quitAfter > 0)
        QTimer::singleShot(std::chrono::seconds(quitAfter), &app, &QCoreApplication::quit);

    std::printf("listening on %u\n", unsigned(server.port()));
    std::fflush(stdout);
    const int rc = QCoreApplication::exec();
    std::printf(
        "served %d requests on %d connections\n", server.totalRequests(), server.connectionCount());
    return rc;
}
