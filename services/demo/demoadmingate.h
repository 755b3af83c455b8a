#pragma once

#include "demoreply.h"

#include <QByteArray>
#include <QHostAddress>

#include <optional>

namespace Console {

// The header every demo admin request carries its token in (a webhook, which sends no headers,
// carries it in its URL instead, as Slack's do).
inline constexpr char DemoTokenHeader[] = "X-Demo-Token";

// Whether a request may change a demo region's role: only from this machine's loopback and only
// with the token of this demo run, so another program on the machine cannot promote or fence a
// region behind the console's back. Nothing means allowed; otherwise the answer to send (403
// from elsewhere, 401 without the token or with another one). `token` must not be empty.
std::optional<DemoReply> rejectAdminRequest(
    const QHostAddress &peer, const QByteArray &presented, const QByteArray &token);

} // namespace Console
