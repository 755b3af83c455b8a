#include "httpverdict.h"

#include <QCoreApplication>

namespace Console {

namespace {

constexpr qsizetype MaxPhrase = 60;

} // namespace

bool isTransportError(QNetworkReply::NetworkError error)
{
    const int code = error;
    return (code >= QNetworkReply::ConnectionRefusedError
               && code <= QNetworkReply::UnknownNetworkError)
        || (code >= QNetworkReply::ProxyConnectionRefusedError
            && code <= QNetworkReply::UnknownProxyError)
        || error == QNetworkReply::ProtocolUnknownError || error == QNetworkReply::ProtocolFailure;
}

HttpVerdict transportVerdict(QNetworkReply::NetworkError error, const QUrl &url,
    const QString &qtText, const QStringList &tlsErrors, Milliseconds timeout, bool answerStarted)
{
    if (!tlsErrors.isEmpty()) {
        return { ProbeStatus::Tls,
            QCoreApplication::translate("Console::HttpVerdict", "TLS: %1")
                .arg(tlsErrors.join(QStringLiteral("; "))) };
    }
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return { ProbeStatus::Refused,
            QCoreApplication::translate("Console::HttpVerdict", "connection refused by %1")
                .arg(hostAndPort(url)) };
    case QNetworkReply::HostNotFoundError:
        return {
            ProbeStatus::Dns,
            QCoreApplication::translate("Console::HttpVerdict", "host %1 not found").arg(url.host())
        };
    // Qt 6.4 reports its own transfer timeout as a cancel; the prober's own cancels never get here.
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return { ProbeStatus::Timeout, timeoutReason(timeout, answerStarted) };
    case QNetworkReply::SslHandshakeFailedError:
        return { ProbeStatus::Tls,
            QCoreApplication::translate("Console::HttpVerdict", "TLS: %1")
                .arg(qtText.isEmpty()
                        ? QCoreApplication::translate("Console::HttpVerdict", "handshake failed")
                        : qtText) };
    default: break;
    }
    QString text = qtText;
    // Qt sometimes quotes the whole URL; the query may hold a token.
    text.replace(url.toString(), safeUrl(url));
    text.replace(url.toString(QUrl::FullyEncoded), safeUrl(url));
    if (text.isEmpty())
        text = QCoreApplication::translate("Console::HttpVerdict", "network error");
    return { ProbeStatus::NetworkError, text };
}

HttpVerdict statusVerdict(
    int status, const QByteArray &reasonPhrase, int expected, const QUrl &location)
{
    QString phrase = QString::fromLatin1(reasonPhrase).simplified();
    if (phrase.size() > MaxPhrase)
        phrase = phrase.left(MaxPhrase) + QStringLiteral("…");
    const QString got
        = phrase.isEmpty() ? QString::number(status) : QString::number(status) + u' ' + phrase;
    if (status >= 300 && status < 400 && location.isValid() && !location.isEmpty()) {
        return { ProbeStatus::HttpStatus,
            QCoreApplication::translate(
                "Console::HttpVerdict", "HTTP %1, expected %2 (redirect to %3)")
                .arg(got)
                .arg(expected)
                .arg(safeUrl(location)) };
    }
    return { ProbeStatus::HttpStatus,
        QCoreApplication::translate("Console::HttpVerdict", "HTTP %1, expected %2")
            .arg(got)
            .arg(expected) };
}

QString timeoutReason(Milliseconds timeout, bool answerStarted)
{
    if (answerStarted) {
        return QCoreApplication::translate(
            "Console::HttpVerdict", "answer not complete within %1 ms")
            .arg(timeout.count());
    }
    return QCoreApplication::translate("Console::HttpVerdict", "no answer within %1 ms")
        .arg(timeout.count());
}

QString hostAndPort(const QUrl &url)
{
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    const QString host = url.host().contains(u':') ? u'[' + url.host() + u']' : url.host();
    return host + u':' + QString::number(url.port(defaultPort));
}

QString safeUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

} // namespace Console
