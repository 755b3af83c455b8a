#pragma once

#include "config.h"
#include "health.h"
#include "postgresobservation.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Console {

// Who is primary, as the servers report it (never as the configuration says).
enum class PrimaryStatus {
    Unknown, // not every server has been probed yet, and none accepts writes
    One, // exactly one reachable server accepts writes
    NoneReachable, // no reachable server accepts writes: the primary is lost
    Several, // two or more reachable servers accept writes: split brain
};

QString toString(PrimaryStatus status); // "unknown", "one", "none-reachable", "several"

struct PrimaryState
{
    PrimaryStatus status = PrimaryStatus::Unknown;
    QString endpointId; // with One: the primary's endpoint
    QString regionId; // with One: its region
    QStringList writableIds; // with Several: every writable endpoint, config order
    // Reachable primaries the console fenced (read-only): they are not writable, so not counted.
    QStringList fencedIds;
    // The last endpoint seen as the one primary, and when (kept after it is lost).
    QString lastPrimaryId;
    QDateTime lastPrimarySeenAt;
    QString lastPrimaryLsn; // its WAL position at that last answer

    bool operator==(const PrimaryState &) const = default;
};

// One endpoint that reports a role: a PostgreSQL server, or an HTTP health endpoint that
// reports the role of its region's database (its answer carries no observation).
struct NodeState
{
    QString endpointId;
    QString regionId;
    RegionRole configuredRole = RegionRole::Replica;
    int order = 0; // position in the configuration
    int failoverPriority = 0;
    bool viaHttp = false; // an HTTP health endpoint reporting its database's role (role_json)
    std::optional<PostgresRole> role; // the last role it reported
    bool probed = false; // at least one probe ended, answered or not
    bool answering = false; // its last probe answered
    Health health = Health::Unknown;
    QDateTime lastAnswerAt;
    std::optional<PostgresObservation> observation; // its last answer, PostgreSQL only
    std::optional<double> reportedLagSeconds; // an HTTP endpoint's own report

    // Reachable for the topology: it reported a role, and it answers now or its verdict is not
    // Unhealthy. One timeout does not make a primary lost (a refused connection does), and a
    // server that answers counts at once, even while its verdict still waits for a recovery run.
    bool reachable() const
    {
        return role.has_value() && (answering || health != Health::Unhealthy);
    }
    bool contradictsConfig() const;
    // A primary set read-only by a fence: it answers as primary but takes no ordinary writes.
    bool fenced() const
    {
        return role == PostgresRole::Primary && observation && observation->readOnly;
    }
};

// An HTTP endpoint's own report of its replication lag (lag_json_ms), and when it was taken.
struct LagReport
{
    double seconds = 0;
    QDateTime reportedAt; // the start of the probe that read it

    bool operator==(const LagReport &) const = default;
};

// A standby streaming (or meant to stream) from an upstream, seen from either side.
struct ReplicationLink
{
    QString standbyId; // configured endpoint; empty for a standby the configuration lacks
    QString standbyName; // the application_name the upstream lists it under
    QString upstreamId; // configured endpoint; empty when no configured node lists the standby
    QString upstreamAddress; // "host:port" from the standby's WAL receiver, when it has one
    QString state; // the upstream's view (streaming, catchup...), else the receiver's status
    std::optional<qint64> lagBytes;
    std::optional<double> lagSeconds;
    bool replayPaused = false;
    bool seenFromUpstream = false;
    bool seenFromStandby = false;

    bool streaming() const { return state == QLatin1String("streaming"); }
    bool operator==(const ReplicationLink &) const = default;
};

// What promoting one standby now would lose, against the last position the primary was seen
// at. Each figure is unset when it cannot be known; `unknownReason` then says why.
struct ExpectedLoss
{
    std::optional<qint64> bytes; // the primary's last seen WAL position minus what it received
    bool bytesIsLowerBound = false; // the primary may have written after it was last seen
    std::optional<qint64> rows; // acknowledged heartbeats it lacks
    std::optional<double> seconds; // the span of those heartbeats
    // Without the old primary's position: how far behind the most advanced standby it is.
    std::optional<qint64> bytesBehindBestStandby;
    QString unknownReason;

    bool operator==(const ExpectedLoss &) const = default;
};

struct PromotionCandidate
{
    QString endpointId;
    QString regionId;
    Health health = Health::Unknown;
    ExpectedLoss loss;
    int failoverPriority = 0;
    QString why; // one sentence: why it ranks where it does

    bool operator==(const PromotionCandidate &) const = default;
};

// What replication means for one endpoint's row, computed here so that every view says the
// same thing: a primary's standbys and their worst lag, a standby's own link and lag, or, once
// the primary is lost, the standby's expected data loss if promoted now.
struct NodeReplication
{
    enum class Side { None, Upstream, Standby, Reported };

    Side side = Side::None;
    bool stale = false; // the endpoint stopped answering: these are its last answer's figures
    QDateTime lastAnswerAt;
    // Upstream side.
    int streamingStandbys = 0;
    QList<ReplicationLink> standbys; // every link this node is the upstream of
    std::optional<qint64> worstLagBytes;
    std::optional<double> worstLagSeconds;
    bool noStandbyStreaming = false; // a primary with nobody streaming from it
    // Standby side.
    std::optional<ReplicationLink> link;
    bool replayPaused = false;
    std::optional<ExpectedLoss> expectedLoss; // only while no primary is reachable
    // Reported side: an HTTP endpoint's own lag report.
    std::optional<double> reportedLagSeconds;

    bool warning() const { return noStandbyStreaming || replayPaused || stale; }
    bool operator==(const NodeReplication &) const = default;
};

} // namespace Console
