#pragma once

#include "config.h"
#include "proberesult.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace Console {

// How an HTTP probe ended, before timing and identity are added. The rules are pure functions
// (curlverdict.h holds the transport ones) so each is tested without provoking it on a socket.
struct HttpVerdict
{
    ProbeStatus status = ProbeStatus::NetworkError;
    QString reason;
};

// The verdict for a status other than the expected one; a redirect names where it points.
HttpVerdict statusVerdict(
    int status, const QByteArray &reasonPhrase, int expected, const QUrl &location);

QString timeoutReason(Milliseconds timeout, bool answerStarted);

// "host:port" with the scheme's default port filled in; never user info or path.
QString hostAndPort(const QUrl &url);

// A URL fit for a reason or a log: no user info, no query (tokens live there), no fragment.
QString safeUrl(const QUrl &url);

} // namespace Console
