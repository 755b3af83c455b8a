#include "httpexchange.h"

#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>

#include <climits>

namespace Console {

namespace {

QString hostAndPort(const QUrl &url)
{
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    const QString host = url.host().contains(u':') ? u'[' + url.host() + u']' : url.host();
    return host + u':' + QString::number(url.port(defaultPort));
}

} // namespace

HttpExchange::HttpExchange(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    Q_ASSERT(m_network);
}

HttpExchange::~HttpExchange()
{
    if (QNetworkReply *reply = m_reply.data()) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void HttpExchange::start(const HttpRequestSpec &spec)
{
    m_url = spec.url;
    if (!m_url.isValid() || m_url.host().isEmpty()
        || (m_url.scheme() != u"http" && m_url.scheme() != u"https")) {
        concludeLater(tr("the URL is not a valid http or https URL once its templates are filled"));
        return;
    }
    QNetworkRequest request(m_url);
    const qint64 timeoutMs = spec.timeout.count();
    // A backstop behind the runner's own precise deadline, which alone decides.
    request.setTransferTimeout(
        static_cast<int>(qBound(qint64(1), timeoutMs + timeoutMs / 10 + 1, qint64(INT_MAX))));
    // HTTP/1.1, one request on the wire exactly as built here.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(
        QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setHeader(
        QNetworkRequest::UserAgentHeader, QByteArrayLiteral("FailoverConsole/" CONSOLE_VERSION));
    for (const auto &[name, value] : spec.headers)
        request.setRawHeader(name, value);

    if (m_url.scheme() == u"https") {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        if (!spec.caFile.isEmpty()) {
            const QList<QSslCertificate> extra = QSslCertificate::fromPath(
                spec.caFile, QSsl::Pem, QSslCertificate::PatternSyntax::FixedString);
            if (extra.isEmpty()) {
                concludeLater(
                    tr("TLS: no certificate could be read from CA file %1").arg(spec.caFile));
                return;
            }
            tls.addCaCertificates(extra);
        }
        request.setSslConfiguration(tls);
    }

    const QByteArray method = spec.method.toUpper();
    QNetworkReply *reply = nullptr;
    if (method == "GET" && spec.body.isEmpty())
        reply = m_network->get(request);
    else if (method == "HEAD")
        reply = m_network->head(request);
    else // with an empty body too: "Content-Length: 0", which some servers insist on
        reply = m_network->sendCustomRequest(request, method, spec.body);
    m_reply = reply;
    reply->setReadBufferSize(MaxBodyBytes + 1);
    connect(reply, &QNetworkReply::readyRead, this, &HttpExchange::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &HttpExchange::onReplyFinished);
    connect(reply, &QNetworkReply::sslErrors, this, &HttpExchange::onSslErrors);
}

void HttpExchange::onReadyRead()
{
    const qint64 room = MaxBodyBytes - m_body.size();
    m_body += m_reply->read(qMax<qint64>(room, 0));
    if (m_reply->bytesAvailable() <= 0)
        return;
    // More than the cap: the status is known, the rest is not worth waiting for.
    m_truncated = true;
    HttpExchangeResult result;
    result.status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = m_body;
    result.truncated = true;
    conclude(result);
}

void HttpExchange::onSslErrors(const QList<QSslError> &errors)
{
    // Never ignored: the handshake fails and the reply finishes with the reasons kept here.
    for (const QSslError &error : errors)
        m_tlsErrors.append(error.errorString());
}

void HttpExchange::onReplyFinished()
{
    onReadyRead();
    if (m_done)
        return;
    HttpExchangeResult result;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        result.status = status.toInt();
        result.body = m_body;
        result.truncated = m_truncated;
    } else {
        result.error = transportError();
    }
    conclude(result);
}

// Built from the error code and the host alone: Qt's own text quotes the whole URL.
QString HttpExchange::transportError() const
{
    if (!m_tlsErrors.isEmpty())
        return tr("TLS: %1").arg(m_tlsErrors.join(QStringLiteral("; ")));
    switch (m_reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return tr("connection refused by %1").arg(hostAndPort(m_url));
    case QNetworkReply::HostNotFoundError: return tr("host %1 not found").arg(m_url.host());
    case QNetworkReply::RemoteHostClosedError:
        return tr("%1 closed the connection without an answer").arg(hostAndPort(m_url));
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return tr("no answer from %1 in time").arg(hostAndPort(m_url));
    case QNetworkReply::SslHandshakeFailedError:
        return tr("TLS handshake with %1 failed").arg(hostAndPort(m_url));
    default: break;
    }
    const char *name
        = QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(m_reply->error());
    return tr("network error talking to %1 (%2)")
        .arg(hostAndPort(m_url), QString::fromLatin1(name ? name : "unknown"));
}

void HttpExchange::concludeLater(const QString &error)
{
    QMetaObject::invokeMethod(
        this,
        [this, error] {
            HttpExchangeResult result;
            result.error = error;
            conclude(result);
        },
        Qt::QueuedConnection);
}

void HttpExchange::conclude(HttpExchangeResult result)
{
    if (m_done)
        return;
    m_done = true;
    if (QNetworkReply *reply = m_reply.data()) {
        m_reply.clear();
        reply->disconnect(this);
        if (reply->isRunning())
            reply->abort();
        reply->deleteLater();
    }
    emit finished(result);
}

} // namespace Console
