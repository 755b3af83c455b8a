#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

#include <chrono>

namespace Console {

// What MisbehavingHttpServer does with one request: a proper answer or one of the ways real
// servers go wrong, so probes can be tested against the failure itself rather than a mock of it.
struct ServerReply
{
    enum class Mode {
        Answer, // status line, headers and body, after `delay`
        Oversized, // 200 with `bodyBytes` bytes of body, announced or close-delimited
        Garbage, // bytes that are not HTTP, then close
        Trickle, // 200 and a chunked body that grows one byte every `trickleEvery`, forever
        Silent, // read the request and never answer; keep the connection open
        DropReused, // answer on a fresh connection; close a reused keep-alive connection
                    // unanswered, as a server does whose idle timeout fires just as the next
                    // request arrives
        EndlessHeaders, // a status line, then header lines as fast as the client reads them,
                        // never the blank line (stops after `bodyBytes`, a bound for the test)
        GzipBomb, // 200 with Content-Encoding gzip: a small body that decodes to `bodyBytes`
        Reset, // read the request, then reset the connection (RST, not FIN)
    };

    Mode mode = Mode::Answer;
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    std::chrono::milliseconds delay { 0 };
    qint64 bodyBytes = 0;
    bool announceLength = true;
    std::chrono::milliseconds trickleEvery { 50 };

    static ServerReply answer(int status, const QByteArray &body = {},
        std::chrono::milliseconds delay = std::chrono::milliseconds { 0 })
    {
        ServerReply reply;
        reply.status = status;
        reply.body = body;
        reply.delay = delay;
        return reply;
    }

    static ServerReply misbehave(Mode mode)
    {
        ServerReply reply;
        reply.mode = mode;
        return reply;
    }

    static ServerReply endlessHeaders(qint64 bound = qint64(1) << 30)
    {
        ServerReply reply;
        reply.mode = Mode::EndlessHeaders;
        reply.bodyBytes = bound;
        return reply;
    }

    static ServerReply gzipBomb(qint64 decodedBytes)
    {
        ServerReply reply;
        reply.mode = Mode::GzipBomb;
        reply.bodyBytes = decodedBytes;
        return reply;
    }

    static ServerReply trickle(std::chrono::milliseconds every)
    {
        ServerReply reply;
        reply.mode = Mode::Trickle;
        reply.trickleEvery = every;
        return reply;
    }

    static ServerReply oversized(qint64 bytes, bool announceLength)
    {
        ServerReply reply;
        reply.mode = Mode::Oversized;
        reply.bodyBytes = bytes;
        reply.announceLength = announceLength;
        return reply;
    }
};

} // namespace Console
