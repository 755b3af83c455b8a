#include "httpprober.h"

#include "curlverdict.h"
#include "jsonbodycheck.h"
#include "probedeadline.h"

#include <QFile>
#include <QSslCertificate>

#include <algorithm>
#include <climits>
#include <utility>

namespace Console {

namespace {

constexpr long MaxRedirects = 5;

double msBetween(curl_off_t fromUs, curl_off_t toUs)
{
    return static_cast<double>(std::max<curl_off_t>(0, toUs - fromUs)) / 1000.0;
}

curl_off_t timeInfo(CURL *easy, CURLINFO info)
{
    curl_off_t value = 0;
    return curl_easy_getinfo(easy, info, &value) == CURLE_OK ? value : 0;
}

// "Name: value" header lines, case-insensitive on the name.
std::optional<QByteArrayView> headerValue(QByteArrayView line, QByteArrayView name)
{
    if (line.size() <= name.size() || line.at(name.size()) != ':'
        || qstrnicmp(line.data(), name.data(), name.size()) != 0)
        return std::nullopt;
    return line.sliced(name.size() + 1).trimmed();
}

} // namespace

HttpProber::HttpProber(const EndpointConfig &config, CurlMulti *multi, QObject *parent)
    : Prober(parent)
    , m_config(config)
    , m_multi(multi)
{
    Q_ASSERT(m_multi);
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, &HttpProber::onDeadline);
    prepareHandle();
}

HttpProber::~HttpProber()
{
    // Removing a running transfer closes its connection, so the server sees the probe end.
    if (m_added)
        m_multi->remove(m_easy);
    curl_easy_cleanup(m_easy);
    curl_slist_free_all(m_headers);
}

ProbeScheduler::ProberFactory HttpProber::factory(CurlMulti *multi)
{
    return [multi](const EndpointConfig &config, QObject *parent) -> Prober * {
        if (config.kind != EndpointKind::Http && config.kind != EndpointKind::Breakers)
            return nullptr;
        return new HttpProber(config, multi, parent);
    };
}

// Built once: the options, the header list and the CA file check are kept across probes; curl
// keeps pointers to m_url, m_caFile and m_method, which live as long as the handle.
void HttpProber::prepareHandle()
{
    const HttpEndpointConfig &http = m_config.http;
    m_easy = curl_easy_init();
    Q_ASSERT(m_easy);
    CURL *easy = m_easy;
    const bool tls = http.url.scheme() == QLatin1String("https");
    m_url = http.url.toEncoded();
    curl_easy_setopt(easy, CURLOPT_URL, m_url.constData());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    // Like Qt's NoLessSafeRedirectPolicy: an https endpoint is never followed onto plain http.
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, tls ? "https" : "http,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, http.followRedirects ? 1L : 0L);
    curl_easy_setopt(easy, CURLOPT_MAXREDIRS, MaxRedirects);
    // HTTP/1.1 only: one predictable connection per request, no multiplexing surprises.
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, long(CURL_HTTP_VERSION_1_1));
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    // A probe reaches the endpoint itself, never through a proxy named in the environment.
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    curl_easy_setopt(easy, CURLOPT_USERAGENT, "FailoverConsole/" CONSOLE_VERSION);
    // Every encoding curl decodes; the size cap counts what it decodes, so a bomb stays small.
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, m_errorText);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &HttpProber::onHeaderData);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, this);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &HttpProber::onBodyData);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, this);
    // Only backs up the precise deadline, which alone decides, so a reason never says "within
    // 800 ms" after 760 ms.
    const qint64 timeoutMs = m_config.timeout.count();
    curl_easy_setopt(
        easy, CURLOPT_TIMEOUT_MS, long(qMin<qint64>(timeoutMs + timeoutMs / 10 + 1, LONG_MAX)));

    m_method = http.method.toUpper();
    if (m_method == "HEAD")
        curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
    else if (m_method == "GET")
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    else
        curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, m_method.constData());

    for (const auto &[name, value] : http.headers)
        m_headers = curl_slist_append(m_headers, QByteArray(name + ": " + value).constData());
    if (m_headers)
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, m_headers);

    if (tls && !http.caFile.isEmpty()) {
        // curl would only say the handshake failed; the reason should name the file.
        const QList<QSslCertificate> extra = QSslCertificate::fromPath(
            http.caFile, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
        if (extra.isEmpty())
            m_setupError = tr("TLS: no certificate could be read from CA file %1").arg(http.caFile);
        // The file replaces curl's bundle; the system store stays trusted through its CA path.
        m_caFile = QFile::encodeName(http.caFile);
        curl_easy_setopt(easy, CURLOPT_CAINFO, m_caFile.constData());
    }
}

void HttpProber::start()
{
    if (m_running) {
        qWarning("HttpProber: start() while a probe of %s runs; ignored", qPrintable(m_config.id));
        return;
    }
    m_running = true;
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_clock.start();
    m_body.clear();
    m_bodyBytes = 0;
    m_headerBytes = 0;
    m_httpStatus = 0;
    m_reasonPhrase.clear();
    m_encoded = false;
    m_answerStarted = false;
    m_abortVerdict.reset();
    m_errorText[0] = '\0';
    m_remoteBreakers.clear();

    QString failure = m_setupError;
    if (failure.isEmpty()) {
        m_added = m_multi->add(m_easy, this);
        if (!m_added)
            failure = tr("the request could not be started");
    }
    if (!failure.isEmpty()) {
        // finished() must never come from inside start().
        const ProbeStatus status
            = m_setupError.isEmpty() ? ProbeStatus::NetworkError : ProbeStatus::Tls;
        QMetaObject::invokeMethod(
            this,
            [this, status, failure] {
                conclude({ status, failure });
            },
            Qt::QueuedConnection);
        return;
    }
    // curl's own timeout is only a back-up: the precise deadline decides, even for a trickle.
    m_deadline.start(m_config.timeout);
}

size_t HttpProber::onHeaderData(char *data, size_t size, size_t count, void *self)
{
    const auto bytes = static_cast<qsizetype>(size * count);
    if (!static_cast<HttpProber *>(self)->readHeaderLine(QByteArrayView(data, bytes)))
        return CURL_WRITEFUNC_ERROR;
    return size * count;
}

size_t HttpProber::onBodyData(char *data, size_t size, size_t count, void *self)
{
    const auto bytes = static_cast<qsizetype>(size * count);
    if (!static_cast<HttpProber *>(self)->readBody(QByteArrayView(data, bytes)))
        return CURL_WRITEFUNC_ERROR;
    return size * count;
}

// curl hands over one whole header line at a time, status line and final blank line included.
bool HttpProber::readHeaderLine(QByteArrayView line)
{
    m_headerBytes += line.size();
    if (m_headerBytes > MaxHeaderBytes) {
        return abortWith({ ProbeStatus::TooLarge,
            tr("headers too large: more than %1 bytes").arg(MaxHeaderBytes) });
    }
    line = line.trimmed();
    if (line.startsWith("HTTP/")) {
        // A new answer: an interim 1xx or a redirect being followed starts over.
        const qsizetype codeAt = line.indexOf(' ');
        const QByteArrayView rest = codeAt < 0 ? QByteArrayView() : line.sliced(codeAt + 1);
        const qsizetype space = rest.indexOf(' ');
        m_httpStatus = rest.first(space < 0 ? rest.size() : space).toInt();
        m_reasonPhrase = space < 0 ? QByteArray() : rest.sliced(space + 1).toByteArray();
        m_encoded = false;
        return true;
    }
    if (const auto encoding = headerValue(line, "content-encoding")) {
        m_encoded = !encoding->isEmpty() && encoding->compare("identity", Qt::CaseInsensitive) != 0;
        return true;
    }
    if (!line.isEmpty())
        return true;

    // The end of an answer's headers.
    const bool interim = m_httpStatus < 200;
    const bool followed
        = m_config.http.followRedirects && m_httpStatus >= 300 && m_httpStatus < 400;
    if (interim || followed)
        return true;
    m_answerStarted = true;
    // A HEAD answer's length describes the GET body it did not send.
    if (m_method == "HEAD")
        return true;
    curl_off_t announced = -1;
    curl_easy_getinfo(m_easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
    if (announced > m_config.http.maxBodyBytes) {
        return abortWith(tooLargeVerdict(tr("answer announces %1 bytes, limit is %2")
                                             .arg(announced)
                                             .arg(m_config.http.maxBodyBytes)));
    }
    return true;
}

// curl hands over the body decoded: the cap counts what a gzip bomb expands to.
bool HttpProber::readBody(QByteArrayView data)
{
    m_bodyBytes += data.size();
    if (m_bodyBytes > m_config.http.maxBodyBytes) {
        const qint64 cap = m_config.http.maxBodyBytes;
        return abortWith(
            tooLargeVerdict(m_encoded ? tr("decoded body too large: more than %1 bytes").arg(cap)
                                      : tr("body exceeds the limit of %1 bytes").arg(cap)));
    }
    if (keepsBody())
        m_body.append(data);
    return true;
}

bool HttpProber::abortWith(const HttpVerdict &verdict)
{
    if (!m_abortVerdict)
        m_abortVerdict = verdict;
    return false;
}

// Only a breaker list or a JSON condition needs the bytes; otherwise they are counted and dropped.
bool HttpProber::keepsBody() const
{
    return m_config.kind == EndpointKind::Breakers || !m_config.http.expectJson.isEmpty()
        || !m_config.http.lagJsonMs.isEmpty() || !m_config.http.roleJson.isEmpty();
}

bool HttpProber::acceptsStatus(int status) const
{
    if (m_config.kind != EndpointKind::Breakers)
        return status == m_config.http.expectedStatus;
    // Spring Boot answers its health with 503 when the status is DOWN, which an open breaker
    // causes when Resilience4j may fail the health indicator; the breakers are still in the body.
    return status == 200
        || (status == 503 && m_config.breakers.format == BreakersFormat::ActuatorHealth);
}

HttpVerdict HttpProber::unexpectedStatusVerdict() const
{
    const char *location = nullptr;
    curl_easy_getinfo(m_easy, CURLINFO_REDIRECT_URL, &location);
    return statusVerdict(m_httpStatus, m_reasonPhrase, m_config.http.expectedStatus,
        location ? m_config.http.url.resolved(QUrl(QString::fromUtf8(location))) : QUrl());
}

HttpVerdict HttpProber::tooLargeVerdict(const QString &reason) const
{
    // A wrong status says more than the size of the error page that came with it.
    if (m_httpStatus != 0 && !acceptsStatus(m_httpStatus))
        return unexpectedStatusVerdict();
    return { ProbeStatus::TooLarge, reason };
}

void HttpProber::onDeadline()
{
    if (m_added)
        conclude({ ProbeStatus::Timeout, timeoutReason(m_config.timeout, m_answerStarted) });
}

void HttpProber::transferDone(CURLcode result)
{
    m_added = false;
    if (!m_running)
        return;
    if (m_abortVerdict) {
        conclude(*m_abortVerdict);
        return;
    }
    if (result != CURLE_OK || m_httpStatus == 0) {
        long osErrno = 0;
        curl_easy_getinfo(m_easy, CURLINFO_OS_ERRNO, &osErrno);
        const CURLcode code = result != CURLE_OK ? result : CURLE_WEIRD_SERVER_REPLY;
        conclude(curlTransportVerdict(code, osErrno, QByteArray(m_errorText), m_config.http.url,
            m_config.timeout, m_answerStarted));
        return;
    }
    conclude(answerVerdict());
}

HttpVerdict HttpProber::answerVerdict()
{
    const HttpEndpointConfig &http = m_config.http;
    if (!acceptsStatus(m_httpStatus))
        return unexpectedStatusVerdict();
    if (m_config.kind == EndpointKind::Breakers) {
        RemoteBreakersReading reading = readRemoteBreakers(m_body, m_config.breakers);
        if (!reading.ok())
            return { ProbeStatus::BadBody, reading.error };
        m_remoteBreakers = std::move(reading.breakers);
        return { ProbeStatus::Ok, {} };
    }
    if (!http.expectJson.isEmpty()) {
        if (const std::optional<QString> mismatch = checkJsonBody(m_body, http.expectJson))
            return { ProbeStatus::BadBody, *mismatch };
    }
    return { ProbeStatus::Ok, {} };
}

// curl's times run from the start of the transfer, each phase ending where the next begins.
HttpPhaseTimes HttpProber::phaseTimes() const
{
    const curl_off_t dns = timeInfo(m_easy, CURLINFO_NAMELOOKUP_TIME_T);
    const curl_off_t connect = std::max(dns, timeInfo(m_easy, CURLINFO_CONNECT_TIME_T));
    const curl_off_t handshake = std::max(connect, timeInfo(m_easy, CURLINFO_APPCONNECT_TIME_T));
    const curl_off_t sent = std::max(handshake, timeInfo(m_easy, CURLINFO_PRETRANSFER_TIME_T));
    const curl_off_t firstByte = std::max(sent, timeInfo(m_easy, CURLINFO_STARTTRANSFER_TIME_T));
    const curl_off_t total = std::max(firstByte, timeInfo(m_easy, CURLINFO_TOTAL_TIME_T));
    HttpPhaseTimes times;
    times.dnsMs = msBetween(0, dns);
    times.connectMs = msBetween(dns, connect);
    times.tlsMs = msBetween(connect, handshake);
    times.firstByteMs = msBetween(sent, firstByte);
    times.transferMs = msBetween(firstByte, total);
    return times;
}

void HttpProber::conclude(const HttpVerdict &verdict)
{
    if (!m_running)
        return;
    m_deadline.stop();
    // Still added only when the deadline ends the probe; curl's times are then incomplete.
    const bool cutShort = m_added;
    if (m_added) {
        m_added = false;
        m_multi->remove(m_easy);
    }
    m_running = false;

    ProbeResult result;
    result.endpointId = m_config.id;
    result.status = verdict.status;
    result.reason = verdict.reason;
    result.startedAt = m_startedAt;
    result.latencyMs = static_cast<double>(m_clock.nsecsElapsed()) / 1e6;
    result.httpStatus = m_httpStatus;
    if (m_answerStarted && !cutShort)
        result.httpPhases = phaseTimes();
    if (verdict.status == ProbeStatus::Ok && !m_config.http.lagJsonMs.isEmpty()) {
        if (const std::optional<double> lagMs = jsonNumberAt(m_body, m_config.http.lagJsonMs))
            result.reportedLagSeconds = *lagMs / 1000.0;
    }
    if (verdict.status == ProbeStatus::Ok && !m_config.http.roleJson.isEmpty())
        result.reportedRole = jsonRoleAt(m_body, m_config.http.roleJson);
    if (verdict.status == ProbeStatus::Ok)
        result.remoteBreakers = std::exchange(m_remoteBreakers, {});
    // A thread busy past the deadline may read the answer before it handles the deadline.
    emit finished(enforceDeadline(std::move(result), m_config.timeout));
}

} // namespace Console
