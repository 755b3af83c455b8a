#include "httpprober.h"

#include "jsonbodycheck.h"
#include "probedeadline.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>

#include <climits>
#include <utility>

namespace Console {

namespace {

// Qt's reply buffer: enough to read in large steps, small enough that a flood stays bounded
// between two readyRead signals.
constexpr qint64 MinReadBuffer = 16 * 1024;
constexpr qint64 MaxReadBuffer = 1024 * 1024;

} // namespace

HttpProber::HttpProber(
    const EndpointConfig &config, QNetworkAccessManager *manager, QObject *parent)
    : Prober(parent)
    , m_config(config)
    , m_manager(manager)
{
    Q_ASSERT(m_manager);
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, &HttpProber::onDeadline);
    prepareRequest();
}

HttpProber::~HttpProber()
{
    if (QNetworkReply *reply = m_reply.data()) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

ProbeScheduler::ProberFactory HttpProber::factory(QNetworkAccessManager *manager)
{
    return [manager](const EndpointConfig &config, QObject *parent) -> Prober * {
        if (config.kind != EndpointKind::Http && config.kind != EndpointKind::Breakers)
            return nullptr;
        return new HttpProber(config, manager, parent);
    };
}

// Built once: the CA file is read here, not once a second.
void HttpProber::prepareRequest()
{
    const HttpEndpointConfig &http = m_config.http;
    m_request.setUrl(http.url);
    // Qt's transfer timer is coarse and may fire up to 5 % early; it only backs up the precise
    // deadline, which alone decides, so a reason never says "within 800 ms" after 760 ms.
    const qint64 timeoutMs = m_config.timeout.count();
    m_request.setTransferTimeout(
        static_cast<int>(qMin<qint64>(timeoutMs + timeoutMs / 10 + 1, INT_MAX)));
    // HTTP/1.1 only: one predictable connection per request, no multiplexing surprises.
    m_request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    m_request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
        http.followRedirects ? QNetworkRequest::NoLessSafeRedirectPolicy
                             : QNetworkRequest::ManualRedirectPolicy);
    m_request.setMaximumRedirectsAllowed(5);
    // A probe must see the endpoint now: no cache, no cookies or credentials carried over.
    m_request.setAttribute(
        QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    m_request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    m_request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    m_request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    m_request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    m_request.setHeader(
        QNetworkRequest::UserAgentHeader, QByteArrayLiteral("FailoverConsole/" CONSOLE_VERSION));
    for (const auto &[name, value] : http.headers)
        m_request.setRawHeader(name, value);

    if (http.url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        if (!http.caFile.isEmpty()) {
            const QList<QSslCertificate> extra = QSslCertificate::fromPath(
                http.caFile, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
            if (extra.isEmpty()) {
                m_setupError
                    = tr("TLS: no certificate could be read from CA file %1").arg(http.caFile);
            }
            tls.addCaCertificates(extra); // in addition to the system store
        }
        m_request.setSslConfiguration(tls);
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
    m_httpStatus = 0;
    m_answerStarted = false;
    m_tlsErrors.clear();
    m_remoteBreakers.clear();

    if (!m_setupError.isEmpty()) {
        // finished() must never come from inside start().
        QMetaObject::invokeMethod(
            this,
            [this] {
                conclude({ ProbeStatus::Tls, m_setupError });
            },
            Qt::QueuedConnection);
        return;
    }

    QNetworkReply *reply = send();
    m_reply = reply;
    const qint64 cap = m_config.http.maxBodyBytes;
    reply->setReadBufferSize(qBound(MinReadBuffer, cap + 1, MaxReadBuffer));
    connect(reply, &QNetworkReply::metaDataChanged, this, &HttpProber::onMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &HttpProber::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &HttpProber::onReplyFinished);
    connect(reply, &QNetworkReply::sslErrors, this, &HttpProber::onSslErrors);
    // The transfer timeout only fires on silence; a body trickling forever needs this deadline.
    m_deadline.start(m_config.timeout);
}

QNetworkReply *HttpProber::send()
{
    const QByteArray method = m_config.http.method.toUpper();
    if (method == "GET")
        return m_manager->get(m_request);
    if (method == "HEAD")
        return m_manager->head(m_request);
    return m_manager->sendCustomRequest(m_request, method);
}

void HttpProber::onMetaDataChanged()
{
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_answerStarted = true;
    m_httpStatus = status.toInt();
    // A HEAD answer's length describes the GET body it did not send.
    if (m_config.http.method.toUpper() == "HEAD")
        return;
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > m_config.http.maxBodyBytes) {
        failTooLarge(tr("answer announces %1 bytes, limit is %2")
                         .arg(length.toLongLong())
                         .arg(m_config.http.maxBodyBytes));
    }
}

void HttpProber::onReadyRead()
{
    consumeBody();
}

bool HttpProber::consumeBody()
{
    const qint64 available = m_reply->bytesAvailable();
    if (available <= 0)
        return true;
    m_bodyBytes += available;
    if (m_bodyBytes > m_config.http.maxBodyBytes) {
        failTooLarge(tr("body exceeds the limit of %1 bytes").arg(m_config.http.maxBodyBytes));
        return false;
    }
    if (keepsBody())
        m_body += m_reply->read(available);
    else
        m_reply->skip(available);
    return true;
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
    return statusVerdict(m_httpStatus,
        m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(),
        m_config.http.expectedStatus,
        m_config.http.url.resolved(
            m_reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl()));
}

void HttpProber::failTooLarge(const QString &reason)
{
    // A wrong status says more than the size of the error page that came with it.
    if (m_httpStatus != 0 && !acceptsStatus(m_httpStatus)) {
        conclude(unexpectedStatusVerdict());
        return;
    }
    conclude({ ProbeStatus::TooLarge, reason });
}

void HttpProber::onSslErrors(const QList<QSslError> &errors)
{
    // Never ignored: the handshake fails and the reply finishes with the reason kept here.
    for (const QSslError &error : errors)
        m_tlsErrors.append(error.errorString());
}

void HttpProber::onDeadline()
{
    if (m_reply)
        conclude({ ProbeStatus::Timeout, timeoutReason(m_config.timeout, m_answerStarted) });
}

void HttpProber::onReplyFinished()
{
    if (!consumeBody())
        return;
    const QNetworkReply::NetworkError error = m_reply->error();
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid())
        m_httpStatus = status.toInt();
    if (isTransportError(error) || !status.isValid()) {
        conclude(transportVerdict(error, m_config.http.url, m_reply->errorString(), m_tlsErrors,
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

void HttpProber::conclude(const HttpVerdict &verdict)
{
    if (!m_running)
        return;
    m_deadline.stop();
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply.clear();
        reply->disconnect(this);
        if (reply->isRunning())
            reply->abort();
        reply->deleteLater();
    }
    m_running = false;

    ProbeResult result;
    result.endpointId = m_config.id;
    result.status = verdict.status;
    result.reason = verdict.reason;
    result.startedAt = m_startedAt;
    result.latencyMs = static_cast<double>(m_clock.nsecsElapsed()) / 1e6;
    result.httpStatus = m_httpStatus;
    if (verdict.status == ProbeStatus::Ok && !m_config.http.lagJsonMs.isEmpty()) {
        if (const std::optional<double> lagMs = jsonNumberAt(m_body, m_config.http.lagJsonMs))
            result.reportedLagSeconds = *lagMs / 1000.0;
    }
    if (verdict.status == ProbeStatus::Ok && !m_config.http.roleJson.isEmpty())
        result.reportedRole = jsonRoleAt(m_body, m_config.http.roleJson);
    if (verdict.status == ProbeStatus::Ok)
        result.remoteBreakers = std::exchange(m_remoteBreakers, {});
    // A busy thread may read the reply before it handles the deadline that passed first.
    emit finished(enforceDeadline(std::move(result), m_config.timeout));
}

} // namespace Console
