#pragma once

#include "config.h"
#include "httpverdict.h"

#include <QByteArray>
#include <QUrl>

#include <curl/curl.h>

namespace Console {

// How a libcurl transfer that failed in transport ended, in the same words as the rest of the
// console: refused, host not found, timeout, TLS, or a network error in curl's own words.
// `osErrno` is CURLINFO_OS_ERRNO (tells a refusal from an unreachable host), `curlText` the
// transfer's error buffer (may be empty). Pure, so each code is tested without a socket.
HttpVerdict curlTransportVerdict(CURLcode code, long osErrno, const QByteArray &curlText,
    const QUrl &url, Milliseconds timeout, bool answerStarted);

} // namespace Console
