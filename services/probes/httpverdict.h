#pragma once

#include "config.h"
#include "proberesult.h"

#include <QNetworkReply>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Console {

// How an HTTP probe ended, before timing and identity are added. The rules are pure functions
// so each Qt error code's classification is tested without provoking it on a real socket.
struct HttpVerdict
{
    ProbeStatus status = ProbeStatus::NetworkError;
    QString reason;
};

// True for errors where the transport failed (connect, TLS, proxy, broken framing), so any HTTP
// status seen is not an answer; false for Qt's codes that merely restate an HTTP status.
bool isTransportError(QNetworkReply::NetworkError error);

HttpVerdict transportVerdict(QNetworkReply::NetworkError error, const QUrl &url,
    const QString &qtText, const QStringList &tlsErrors, Milliseconds timeout, bool answerStarted);

// The verdict for a status other than the expected one; a redirect names where it points.
HttpVerdict statusVerdict(
    int status, const QByteArray &reasonPhrase, int expected, const QUrl &location);

QString timeoutReason(Milliseconds timeout, bool answerStarted);

// "host:port" with the scheme's default port filled in; never user info or path.
QString hostAndPort(const QUrl &url);

// A URL fit for a reason or a log: no user info, no query (tokens live there), no fragment.
QString safeUrl(const QUrl &url);

} // namespace Console
