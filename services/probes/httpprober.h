#pragma once

#include "config.h"
#include "curlmulti.h"
#include "httpverdict.h"
#include "prober.h"
#include "probescheduler.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>

#include <optional>

namespace Console {

// Probes one HTTP(S) endpoint with libcurl: one request per start(), bounded in time (the
// endpoint's timeout, connect through the last body byte), in header bytes and in decoded body
// bytes, TLS always verified, classified into a ProbeResult with per-phase times. Serves kind
// "breakers" too: the same request, with the body read as the application's breaker list.
// Many probers share one CurlMulti per thread; each keeps its own easy handle across probes.
class HttpProber final : public Prober, private CurlMulti::Transfer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpProber)
public:
    // Past this many bytes of status line and headers an answer is too large: a server that
    // never ends its headers must not hold a probe until its deadline or grow memory.
    static constexpr qint64 MaxHeaderBytes = 64 * 1024;

    // `multi` is not owned and must outlive the prober; one multi serves a whole thread.
    explicit HttpProber(const EndpointConfig &config, CurlMulti *multi, QObject *parent = nullptr);
    ~HttpProber() override;

    void start() override;
    bool isRunning() const { return m_running; }
    const EndpointConfig &config() const { return m_config; }

    // For ProbeScheduler: HttpProbers sharing `multi` (not owned; must outlive them) for kinds
    // http and breakers; nullptr for other kinds.
    static ProbeScheduler::ProberFactory factory(CurlMulti *multi);

private:
    static size_t onHeaderData(char *data, size_t size, size_t count, void *self);
    static size_t onBodyData(char *data, size_t size, size_t count, void *self);
    void prepareHandle();
    bool readHeaderLine(QByteArrayView line);
    bool readBody(QByteArrayView data);
    void transferDone(CURLcode result) override;
    void onDeadline();
    bool keepsBody() const;
    bool acceptsStatus(int status) const;
    HttpVerdict unexpectedStatusVerdict() const;
    // Ends the transfer from inside a curl callback; the verdict waits for transferDone().
    bool abortWith(const HttpVerdict &verdict);
    HttpVerdict tooLargeVerdict(const QString &reason) const;
    HttpVerdict answerVerdict();
    HttpPhaseTimes phaseTimes() const;
    void conclude(const HttpVerdict &verdict);

    EndpointConfig m_config;
    CurlMulti *m_multi; // not owned
    CURL *m_easy = nullptr; // owned; kept across probes with its options
    curl_slist *m_headers = nullptr; // owned
    QByteArray m_url;
    QByteArray m_caFile;
    QByteArray m_method;
    QString m_setupError; // e.g. an unreadable CA file: every probe fails with it
    char m_errorText[CURL_ERROR_SIZE] = {};
    QTimer m_deadline;
    QElapsedTimer m_clock;
    QDateTime m_startedAt;
    QByteArray m_body;
    qint64 m_bodyBytes = 0;
    qint64 m_headerBytes = 0;
    int m_httpStatus = 0;
    QByteArray m_reasonPhrase;
    bool m_encoded = false; // the answer came with a Content-Encoding curl decodes
    bool m_answerStarted = false;
    bool m_running = false;
    bool m_added = false;
    std::optional<HttpVerdict> m_abortVerdict;
    QList<RemoteBreaker> m_remoteBreakers; // read from the last answer (kind breakers)
};

} // namespace Console
