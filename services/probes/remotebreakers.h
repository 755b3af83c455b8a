#pragma once

#include "breakerstatus.h"
#include "config.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Console {

// One circuit breaker as an application reports it (endpoint kind "breakers").
struct RemoteBreaker
{
    QString name;
    BreakerState state = BreakerState::Unknown;
    QString stateWord; // as the application wrote it ("HALF_OPEN"), kept for an Unknown state
    // Resilience4j reports -1 until the breaker has seen its minimum number of calls: nothing then.
    std::optional<double> failureRatePercent;
    std::optional<int> bufferedCalls;
    std::optional<int> failedCalls;

    bool operator==(const RemoteBreaker &) const = default;
};

// What an answer body holds: the breakers, or why it does not hold them.
struct RemoteBreakersReading
{
    QList<RemoteBreaker> breakers;
    QString error; // empty when the body was read; never more than a short excerpt of the body

    bool ok() const { return error.isEmpty(); }
};

// Reads the breakers out of a body in the endpoint's format. Pure, so each format's real payloads
// and broken ones are tested without a server. Breakers come in the body's order (an actuator
// object's members by name).
RemoteBreakersReading readRemoteBreakers(
    const QByteArray &body, const BreakersEndpointConfig &config);

// Resilience4j's state words (CLOSED, OPEN, HALF_OPEN, DISABLED, FORCED_OPEN, METRICS_ONLY) in any
// case, with "-" or " " for "_"; METRICS_ONLY lets every call through, so it reads as Disabled.
// Any other word is Unknown.
BreakerState remoteBreakerState(const QString &word);

} // namespace Console

Q_DECLARE_METATYPE(Console::RemoteBreaker)
