#include "httpverdict.h"

#include <QCoreApplication>

namespace Console {

namespace {

constexpr qsizetype MaxPhrase = 60;

} // namespace

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
