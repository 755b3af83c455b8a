#include "curlverdict.h"

#include <QCoreApplication>

#include <cerrno>

namespace Console {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Console::HttpVerdict", text);
}

bool isTlsFailure(CURLcode code)
{
    switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_USE_SSL_FAILED: return true;
    default: return false;
    }
}

// curl's TLS texts start with their own "SSL ..." label; the reason already says "TLS: ".
QString tlsText(QString text)
{
    for (const QLatin1String prefix : { QLatin1String("SSL certificate problem: "),
             QLatin1String("SSL: "), QLatin1String("OpenSSL SSL_connect: ") }) {
        if (text.startsWith(prefix))
            return text.mid(prefix.size());
    }
    return text;
}

} // namespace

HttpVerdict curlTransportVerdict(CURLcode code, long osErrno, const QByteArray &curlText,
    const QUrl &url, Milliseconds timeout, bool answerStarted)
{
    QString text = QString::fromUtf8(curlText).trimmed();
    if (text.isEmpty())
        text = QString::fromUtf8(curl_easy_strerror(code));

    if (code == CURLE_COULDNT_RESOLVE_HOST)
        return { ProbeStatus::Dns, tr("host %1 not found").arg(url.host()) };
    if (code == CURLE_COULDNT_CONNECT && osErrno == ECONNREFUSED)
        return { ProbeStatus::Refused, tr("connection refused by %1").arg(hostAndPort(url)) };
    if (code == CURLE_OPERATION_TIMEDOUT)
        return { ProbeStatus::Timeout, timeoutReason(timeout, answerStarted) };
    if (isTlsFailure(code))
        return { ProbeStatus::Tls, tr("TLS: %1").arg(tlsText(text)) };

    // curl rarely quotes the URL, but the query may hold a token.
    text.replace(url.toString(), safeUrl(url));
    text.replace(url.toString(QUrl::FullyEncoded), safeUrl(url));
    return { ProbeStatus::NetworkError, text };
}

} // namespace Console
