// bench_failover_client: the application's side of a failover, for scripts/bench-failover. Commits
// one row every --interval-ms through one libpq connection string (a multi-host list with
// target_session_attrs=read-write), and prints one line per event on stdout, times on the
// CLOCK_MONOTONIC clock in milliseconds:
//
//   connected t_ms=T port=P                  a session on the server listening on port P
//   ack id=N t_ms=T port=P                   INSERT of id N returned COMMIT OK: an acknowledged row
//   fail id=N t_ms=T error="..."             it did not (the row may or may not exist)
//   first-failure t_ms=T                     the first failed commit of the run
//   switch t_ms=T from=P to=Q outage_ms=D    the first commit on another server than the first
//                                            one, D after the last commit acknowledged before
//   connect-failed t_ms=T error="..."        at most one a second while reconnecting
//   notice t_ms=T text="..."                 a server notice (e.g. the immediate shutdown)
//   summary acked=A failed=F ...             at the end (SIGTERM, SIGINT or --seconds)
//
// Plain libpq, blocking calls: the outage is what the application sees. The table needs
// (id bigint primary key, port int); the password comes from PGPASSWORD or a passfile=.
//
//   bench_failover_client --conninfo "host=h1,h2 port=p1,p2 ... target_session_attrs=read-write"
//       [--table failover_bench] [--interval-ms 100] [--retry-ms 25] [--reconnect-seconds 30]
//       [--seconds 600]
//   bench_failover_client --now              prints the CLOCK_MONOTONIC time in ms and exits
//   bench_failover_client --clock-offset     prints CLOCK_REALTIME minus CLOCK_MONOTONIC in ms,
//                                            to place a server log's wall time on the clock above
#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <thread>

namespace {

volatile std::sig_atomic_t g_stop = 0;

void onSignal(int)
{
    g_stop = 1;
}

double clockMs(clockid_t clock)
{
    timespec ts {};
    clock_gettime(clock, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double nowMs()
{
    return clockMs(CLOCK_MONOTONIC);
}

// Sleeps until the monotonic time `untilMs`, waking early on a stop request.
void sleepUntil(double untilMs)
{
    while (!g_stop) {
        const double left = untilMs - nowMs();
        if (left <= 0)
            return;
        std::this_thread::sleep_for(
            std::chrono::microseconds(static_cast<long long>(std::min(left, 50.0) * 1000)));
    }
}

// One line of libpq's error text, quotes and newlines made harmless for the log.
std::string oneLine(const char *text)
{
    std::string out;
    for (const char *p = text ? text : ""; *p; ++p) {
        if (*p == '\n' || *p == '\r') {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
        } else if (*p == '"') {
            out += '\'';
        } else {
            out += *p;
        }
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

struct Options
{
    std::string conninfo;
    std::string table = "failover_bench";
    int intervalMs = 100;
    int retryMs = 25;
    int reconnectSeconds = 30;
    int seconds = 600;
};

int usage()
{
    std::fprintf(stderr,
        "usage: bench_failover_client --conninfo CONNINFO [--table T] [--interval-ms 100] "
        "[--retry-ms 25] [--reconnect-seconds 30] [--seconds 600]\n"
        "       bench_failover_client --now\n");
    return 2;
}

bool parseInt(const char *text, int low, int high, int *out)
{
    char *end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (!end || *end || value < low || value > high)
        return false;
    *out = int(value);
    return true;
}

// A table name the client puts into SQL: letters, digits and underscores only.
bool plainName(const std::string &name)
{
    if (name.empty() || name.size() > 63)
        return false;
    for (const char c : name) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
            return false;
    }
    return true;
}

void printNotice(void *, const char *message)
{
    std::printf("notice t_ms=%.1f text=\"%s\"\n", nowMs(), oneLine(message).c_str());
}

// A session on a writable server and the port it listens on, or nullptr and *error.
PGconn *connectWritable(const std::string &conninfo, int *port, std::string *error)
{
    PGconn *conn = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
        *error = oneLine(PQerrorMessage(conn));
        PQfinish(conn);
        return nullptr;
    }
    PQsetNoticeProcessor(conn, printNotice, nullptr);
    PGresult *result = PQexec(conn, "select inet_server_port()");
    if (PQresultStatus(result) != PGRES_TUPLES_OK || PQntuples(result) != 1) {
        *error = oneLine(PQerrorMessage(conn));
        PQclear(result);
        PQfinish(conn);
        return nullptr;
    }
    *port = std::atoi(PQgetvalue(result, 0, 0));
    PQclear(result);
    return conn;
}

} // namespace

int main(int argc, char *argv[])
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--now") {
            std::printf("%.3f\n", nowMs());
            return 0;
        }
        if (arg == "--clock-offset") {
            // The smallest of a few samples: the least disturbed pair.
            double best = 0;
            double bestSpan = 1e9;
            for (int k = 0; k < 5; ++k) {
                const double before = nowMs();
                const double real = clockMs(CLOCK_REALTIME);
                const double after = nowMs();
                if (after - before < bestSpan) {
                    bestSpan = after - before;
                    best = real - (before + after) / 2;
                }
            }
            std::printf("%.3f\n", best);
            return 0;
        }
        if (!hasValue)
            return usage();
        const char *value = argv[++i];
        bool ok = true;
        if (arg == "--conninfo")
            options.conninfo = value;
        else if (arg == "--table")
            options.table = value;
        else if (arg == "--interval-ms")
            ok = parseInt(value, 1, 60000, &options.intervalMs);
        else if (arg == "--retry-ms")
            ok = parseInt(value, 1, 60000, &options.retryMs);
        else if (arg == "--reconnect-seconds")
            ok = parseInt(value, 1, 3600, &options.reconnectSeconds);
        else if (arg == "--seconds")
            ok = parseInt(value, 1, 86400, &options.seconds);
        else
            ok = false;
        if (!ok)
            return usage();
    }
    if (options.conninfo.empty() || !plainName(options.table))
        return usage();

    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    struct sigaction action
    {
    };
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);

    const std::string insert
        = "insert into " + options.table + "(id, port) values ($1::bigint, inet_server_port())";
    const double started = nowMs();
    const double runDeadline = started + options.seconds * 1000.0;

    PGconn *conn = nullptr;
    int port = 0;
    int firstPort = 0;
    long long id = 0;
    long long acked = 0;
    long long failed = 0;
    double lastAckMs = -1;
    double firstFailureMs = -1;
    double switchMs = -1;
    double outageStartMs = -1; // the first failure of the current outage
    double lastConnectLogMs = -1e9;
    double nextCommitMs = started;
    int exitCode = 0;

    while (!g_stop && nowMs() < runDeadline) {
        if (!conn) {
            std::string error;
            conn = connectWritable(options.conninfo, &port, &error);
            const double t = nowMs();
            if (!conn) {
                if (t - lastConnectLogMs >= 1000) {
                    std::printf("connect-failed t_ms=%.1f error=\"%s\"\n", t, error.c_str());
                    lastConnectLogMs = t;
                }
                const double since = outageStartMs >= 0 ? outageStartMs : started;
                if (t - since > options.reconnectSeconds * 1000.0) {
                    std::printf("gave-up t_ms=%.1f after=%ds\n", t, options.reconnectSeconds);
                    exitCode = 3;
                    break;
                }
                sleepUntil(t + options.retryMs);
                continue;
            }
            std::printf("connected t_ms=%.1f port=%d\n", t, port);
            if (firstPort == 0)
                firstPort = port;
        }

        sleepUntil(nextCommitMs);
        if (g_stop)
            break;
        // No catching up after an outage: one commit per interval from now on.
        nextCommitMs = std::max(nextCommitMs + options.intervalMs, nowMs());
        ++id;
        const std::string idText = std::to_string(id);
        const char *values[] = { idText.c_str() };
        PGresult *result
            = PQexecParams(conn, insert.c_str(), 1, nullptr, values, nullptr, nullptr, 0);
        const double t = nowMs();
        if (PQresultStatus(result) == PGRES_COMMAND_OK) {
            ++acked;
            std::printf("ack id=%lld t_ms=%.1f port=%d\n", id, t, port);
            if (port != firstPort && switchMs < 0) {
                switchMs = t;
                std::printf("switch t_ms=%.1f from=%d to=%d outage_ms=%.1f\n", t, firstPort, port,
                    lastAckMs >= 0 ? t - lastAckMs : -1.0);
            }
            lastAckMs = t;
            outageStartMs = -1;
        } else {
            ++failed;
            std::printf("fail id=%lld t_ms=%.1f error=\"%s\"\n", id, t,
                oneLine(PQerrorMessage(conn)).c_str());
            if (firstFailureMs < 0) {
                firstFailureMs = t;
                std::printf("first-failure t_ms=%.1f\n", t);
            }
            if (outageStartMs < 0)
                outageStartMs = t;
            // A broken or read-only session is of no more use: find the writable server again.
            PQfinish(conn);
            conn = nullptr;
        }
        PQclear(result);
    }
    if (conn)
        PQfinish(conn);
    std::printf("summary acked=%lld failed=%lld first_port=%d first_failure_ms=%.1f "
                "switch_ms=%.1f\n",
        acked, failed, firstPort, firstFailureMs, switchMs);
    return exitCode;
}
