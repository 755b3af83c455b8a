#include "topologystate.h"

#include "clock.h"
#include "eventhub.h"
#include "heartbeatledger.h"
#include "lsn.h"
#include "promotionranking.h"
#include "quantitytext.h"

#include <algorithm>

namespace Console {

namespace {

QString roleWord(PostgresRole role)
{
    return role == PostgresRole::Primary ? TopologyState::tr("the primary")
                                         : TopologyState::tr("a standby");
}

QString configuredWord(RegionRole role)
{
    switch (role) {
    case RegionRole::Primary: return TopologyState::tr("the primary");
    case RegionRole::Replica: return TopologyState::tr("a replica");
    case RegionRole::Standby: return TopologyState::tr("a standby");
    }
    return {};
}

// pg_stat_replication leaves the lag columns NULL once a standby has caught up and no WAL flows;
// with nothing outstanding in bytes that means no lag, not an unknown one.
std::optional<double> upstreamLagSeconds(const StandbyReplication &row)
{
    if (row.replayLagS)
        return row.replayLagS;
    if (row.lagBytes && *row.lagBytes == 0)
        return 0.0;
    return std::nullopt;
}

QVariant orNull(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant();
}

QVariant orNull(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant();
}

QString receivedPosition(const PostgresObservation &o)
{
    return o.receiveLsn.isEmpty() ? o.replayLsn : o.receiveLsn;
}

} // namespace

QString toString(PrimaryStatus status)
{
    switch (status) {
    case PrimaryStatus::Unknown: return QStringLiteral("unknown");
    case PrimaryStatus::One: return QStringLiteral("one");
    case PrimaryStatus::NoneReachable: return QStringLiteral("none-reachable");
    case PrimaryStatus::Several: return QStringLiteral("several");
    }
    return {};
}

bool NodeState::contradictsConfig() const
{
    return role && (configuredRole == RegionRole::Primary) != (*role == PostgresRole::Primary);
}

TopologyState::TopologyState(const ConsoleConfig &config, QObject *parent)
    : QObject(parent)
    , m_clock(Clock::system())
{
    // Every region may call its health endpoint "API health": events name such a node with its
    // region, or "API health is now the primary (it was API health)" says nothing.
    QHash<QString, int> nameCount;
    for (const RegionConfig &region : config.regions) {
        for (const EndpointConfig &endpoint : region.endpoints)
            ++nameCount[endpoint.name.isEmpty() ? endpoint.id : endpoint.name];
    }
    int order = 0;
    for (const RegionConfig &region : config.regions) {
        for (const EndpointConfig &endpoint : region.endpoints) {
            const QString name = endpoint.name.isEmpty() ? endpoint.id : endpoint.name;
            m_plainNames.insert(endpoint.id, name);
            m_names.insert(endpoint.id,
                nameCount.value(name) > 1
                    ? tr("%1 in %2").arg(name, region.name.isEmpty() ? region.id : region.name)
                    : name);
            const bool reportsRole
                = endpoint.kind == EndpointKind::Http && !endpoint.http.roleJson.isEmpty();
            if (endpoint.kind != EndpointKind::Postgres && !reportsRole)
                continue;
            NodeState node;
            node.viaHttp = reportsRole;
            node.endpointId = endpoint.id;
            node.regionId = region.id;
            node.configuredRole = region.role;
            node.order = order++;
            node.failoverPriority = region.failoverPriority;
            m_nodeIndex.insert(endpoint.id, int(m_nodes.size()));
            m_nodes.append(node);
        }
    }
}

TopologyState::~TopologyState() = default;

void TopologyState::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
}

void TopologyState::setEventHub(EventHub *hub)
{
    m_hub = hub;
}

void TopologyState::setHeartbeatLedger(const HeartbeatLedger *ledger)
{
    m_ledger = ledger;
}

QList<NodeState> TopologyState::nodes() const
{
    return m_nodes;
}

const NodeState *TopologyState::node(const QString &endpointId) const
{
    const auto it = m_nodeIndex.constFind(endpointId);
    return it == m_nodeIndex.cend() ? nullptr : &m_nodes.at(*it);
}

std::optional<ReplicationLink> TopologyState::linkFor(const QString &standbyId) const
{
    for (const ReplicationLink &link : m_links) {
        if (link.standbyId == standbyId)
            return link;
    }
    return std::nullopt;
}

QString TopologyState::nameOf(const QString &endpointId) const
{
    return m_names.value(endpointId, endpointId);
}

void TopologyState::observe(const ProbeResult &result)
{
    const auto previous = m_reportedLag.constFind(result.endpointId);
    const bool lagMoved = result.reportedLagSeconds
        && (previous == m_reportedLag.cend() || previous->seconds != *result.reportedLagSeconds);
    if (result.reportedLagSeconds)
        m_reportedLag.insert(result.endpointId,
            { *result.reportedLagSeconds,
                result.startedAt.isValid() ? result.startedAt : m_clock->wallNow() });
    const auto it = m_nodeIndex.constFind(result.endpointId);
    if (it == m_nodeIndex.cend()) {
        if (lagMoved)
            emit changed();
        return;
    }
    NodeState &node = m_nodes[*it];
    node.probed = true;
    const QDateTime at = result.startedAt.isValid() ? result.startedAt : m_clock->wallNow();
    if (result.postgres) {
        node.answering = true;
        node.lastAnswerAt = at;
        observeRole(node, result.postgres->role, at);
        node.observation = result.postgres;
    } else if (node.viaHttp && result.ok() && result.reportedRole) {
        node.answering = true;
        node.lastAnswerAt = at;
        observeRole(node, *result.reportedRole, at);
    } else {
        node.answering = false;
    }
    recompute();
}

void TopologyState::observeRole(NodeState &node, PostgresRole role, const QDateTime &at)
{
    const std::optional<PostgresRole> before = node.role;
    if (before == role)
        return;
    node.role = role;
    const bool mismatch = node.contradictsConfig();
    const QString name = nameOf(node.endpointId);
    QString message;
    if (!before && !mismatch)
        message = tr("%1 reports it is %2.").arg(name, roleWord(role));
    else if (!before)
        message = tr("%1 reports it is %2, but the configuration says %3.")
                      .arg(name, roleWord(role), configuredWord(node.configuredRole));
    else
        message = tr("%1 is now %2 (it was %3).").arg(name, roleWord(role), roleWord(*before));
    const EventSeverity severity
        = before || mismatch ? EventSeverity::Warning : EventSeverity::Info;
    ConsoleEvent event;
    event.wallTime = at;
    publish(before ? EventKind::RoleChanged : EventKind::RoleObserved, severity, node.endpointId,
        message,
        { { QStringLiteral("from"),
              before ? QVariant(*before == PostgresRole::Primary ? QStringLiteral("primary")
                                                                 : QStringLiteral("standby"))
                     : QVariant() },
            { QStringLiteral("to"),
                role == PostgresRole::Primary ? QStringLiteral("primary")
                                              : QStringLiteral("standby") },
            { QStringLiteral("configured"), toString(node.configuredRole) },
            { QStringLiteral("contradicts_config"), mismatch } });
}

void TopologyState::onHealthChanged(const HealthChange &change)
{
    if (change.isRegion())
        return;
    const auto it = m_nodeIndex.constFind(change.endpointId);
    if (it == m_nodeIndex.cend())
        return;
    m_nodes[*it].health = change.to;
    recompute();
}

void TopologyState::recompute()
{
    const Snapshot before { m_primary, m_links, m_candidates };
    if (m_primary.status == PrimaryStatus::One) {
        // The last readings taken while a primary was reachable: what lag stays at once it is lost.
        m_lagAtLoss.clear();
        for (const NodeState &n : std::as_const(m_nodes)) {
            if (const std::optional<LagReading> reading = lagReading(n.endpointId))
                m_lagAtLoss.insert(n.endpointId, *reading);
        }
        m_reportAtLoss.clear();
        for (auto it = m_reportedLag.cbegin(); it != m_reportedLag.cend(); ++it) {
            const NodeState *n = node(it.key());
            if (!n || n->role != PostgresRole::Primary)
                m_reportAtLoss.insert(it.key(), *it);
        }
    }
    m_primary = computePrimary();
    if (m_primary.status == PrimaryStatus::One)
        m_primaryLostAt = QDateTime();
    else if (before.primary.status == PrimaryStatus::One)
        m_primaryLostAt = m_clock->wallNow();
    m_links = computeLinks();
    m_candidates = computeCandidates();
    publishDifferences(before);
    emit changed();
}

// A server that answers and says it is writable is writable now, whatever its verdict says
// (an old primary coming back must show as a second primary at once); one that stopped
// answering still counts until its verdict turns unhealthy, so one lost probe loses nothing.
PrimaryState TopologyState::computePrimary() const
{
    PrimaryState state;
    state.lastPrimaryId = m_primary.lastPrimaryId;
    state.lastPrimarySeenAt = m_primary.lastPrimarySeenAt;
    state.lastPrimaryLsn = m_primary.lastPrimaryLsn;

    // Until every server was probed once, "none reachable" would only mean "not asked yet".
    bool allProbed = true;
    for (const NodeState &node : m_nodes) {
        allProbed = allProbed && node.probed;
        if (node.role == PostgresRole::Primary && node.reachable()) {
            if (node.fenced())
                state.fencedIds.append(node.endpointId);
            else
                state.writableIds.append(node.endpointId);
        }
    }
    // A health endpoint that reports its database as primary, in a region where that database is
    // itself watched and writable, is the same primary seen twice, not a second one.
    if (state.writableIds.size() > 1) {
        QSet<QString> regionsWithServer;
        for (const QString &id : std::as_const(state.writableIds)) {
            if (!node(id)->viaHttp)
                regionsWithServer.insert(node(id)->regionId);
        }
        state.writableIds.removeIf([this, &regionsWithServer](const QString &id) {
            return node(id)->viaHttp && regionsWithServer.contains(node(id)->regionId);
        });
    }
    if (state.writableIds.size() == 1) {
        state.status = PrimaryStatus::One;
        const NodeState &primary = *node(state.writableIds.constFirst());
        state.endpointId = primary.endpointId;
        state.regionId = primary.regionId;
        state.lastPrimaryId = primary.endpointId;
        // A health endpoint reporting the role has no observation, but its answer dates it too.
        if (primary.answering)
            state.lastPrimarySeenAt = primary.lastAnswerAt;
        if (primary.answering && primary.observation && !primary.observation->currentLsn.isEmpty())
            state.lastPrimaryLsn = primary.observation->currentLsn;
        state.writableIds.clear();
    } else if (state.writableIds.size() > 1) {
        state.status = PrimaryStatus::Several;
    } else {
        state.status = allProbed && !m_nodes.isEmpty() ? PrimaryStatus::NoneReachable
                                                       : PrimaryStatus::Unknown;
    }
    if (state.lastPrimaryId != m_primary.lastPrimaryId && state.status == PrimaryStatus::One
        && state.lastPrimaryLsn == m_primary.lastPrimaryLsn) {
        // A new primary whose position was not read yet: the old one's says nothing about it.
        state.lastPrimaryLsn.clear();
    }
    return state;
}

QList<ReplicationLink> TopologyState::computeLinks() const
{
    QList<ReplicationLink> links;
    QSet<QString> listedNames; // application names some configured upstream lists
    // From the upstream side: every row of every answering node's pg_stat_replication.
    for (const NodeState &upstream : m_nodes) {
        if (!upstream.answering || !upstream.observation)
            continue;
        for (const StandbyReplication &row : upstream.observation->standbys) {
            ReplicationLink link;
            link.standbyName = row.name;
            link.upstreamId = upstream.endpointId;
            link.state = row.state;
            link.lagBytes = row.lagBytes;
            link.lagSeconds = upstreamLagSeconds(row);
            link.seenFromUpstream = true;
            listedNames.insert(row.name);
            links.append(link);
        }
    }
    // From the standby side: match each standby to the row that names it.
    for (const NodeState &standby : m_nodes) {
        if (standby.role != PostgresRole::Standby || !standby.observation)
            continue;
        const PostgresObservation &o = *standby.observation;
        const QString name
            = o.receiverApplicationName.isEmpty() ? o.clusterName : o.receiverApplicationName;
        auto match = std::find_if(links.begin(), links.end(), [&name](const ReplicationLink &l) {
            return l.seenFromUpstream && l.standbyId.isEmpty() && !name.isEmpty()
                && l.standbyName == name;
        });
        if (match == links.end()) {
            ReplicationLink link;
            link.standbyName = name;
            link.state = standby.answering ? o.receiverStatus : QString();
            links.append(link);
            match = links.end() - 1;
        }
        match->standbyId = standby.endpointId;
        match->seenFromStandby = standby.answering;
        match->replayPaused = standby.answering && o.replayPaused;
        if (!o.senderHost.isEmpty())
            match->upstreamAddress = o.senderPort
                ? QStringLiteral("%1:%2").arg(o.senderHost).arg(*o.senderPort)
                : o.senderHost;
        if (match->upstreamId.isEmpty()) {
            // The upstream stopped answering: it is still the one this standby was matched to
            // while it streams from the same address.
            for (const ReplicationLink &known : m_links) {
                if (known.standbyId == standby.endpointId && !known.upstreamId.isEmpty()
                    && (known.upstreamAddress == match->upstreamAddress
                        || match->upstreamAddress.isEmpty()))
                    match->upstreamId = known.upstreamId;
            }
        }
        if (!match->lagBytes && o.receiveReplayGapBytes)
            match->lagBytes = o.receiveReplayGapBytes;
        // The heartbeat measures end to end, also on an idle primary, where the upstream's
        // replay lag stays at its last figure for a while after catching up: it wins. But it
        // counts only this console's heartbeats: a standby whose replay stopped before the
        // console started holds none of them and is known behind only since the first, while
        // the upstream's replay lag counts from where the replay stopped. So while WAL waits to
        // be replayed, the larger of the two.
        if (standby.answering && o.heartbeatLagS) {
            const bool waiting = o.replayPaused || match->lagBytes.value_or(0) > 0;
            match->lagSeconds = waiting
                ? std::max(match->lagSeconds.value_or(0.0), *o.heartbeatLagS)
                : *o.heartbeatLagS;
        }
    }
    return links;
}

ExpectedLoss TopologyState::expectedLoss(const QString &standbyId) const
{
    ExpectedLoss loss;
    const NodeState *standby = node(standbyId);
    if (standby && standby->viaHttp) {
        // Shown in the node's own row and detail: its plain name, not "... in REGION".
        loss.unknownReason = tr("%1 reports only its role and lag over HTTP, not its WAL position")
                                 .arg(m_plainNames.value(standbyId, standbyId));
        return loss;
    }
    if (!standby || !standby->observation)
        return loss;
    const QString held = receivedPosition(*standby->observation);

    // Against the most advanced standby: known even when the old primary never was.
    std::optional<qint64> best;
    for (const NodeState &other : m_nodes) {
        if (other.role != PostgresRole::Standby || !other.observation || !other.reachable())
            continue;
        const std::optional<qint64> ahead = lsnDiff(receivedPosition(*other.observation), held);
        if (ahead)
            best = std::max(best.value_or(0), *ahead);
    }
    loss.bytesBehindBestStandby = best;

    const bool primaryUp = m_primary.status == PrimaryStatus::One;
    const QString oldPrimary = primaryUp ? m_primary.endpointId : m_primary.lastPrimaryId;
    if (oldPrimary.isEmpty()) {
        loss.unknownReason = tr("no primary was seen since the console started, so what it held "
                                "is unknown");
        return loss;
    }
    if (const std::optional<qint64> behind = lsnDiff(m_primary.lastPrimaryLsn, held)) {
        loss.bytes = std::max<qint64>(0, *behind);
        loss.bytesIsLowerBound = !primaryUp;
    } else {
        loss.unknownReason = tr("the WAL position of %1 was never read").arg(nameOf(oldPrimary));
    }
    if (m_ledger) {
        const RpoEstimate rpo = m_ledger->rpoAfterPromotion(oldPrimary, standbyId);
        if (rpo.known) {
            loss.rows = rpo.rowsLost;
            loss.seconds = rpo.secondsLost;
        }
    }
    return loss;
}

QList<PromotionCandidate> TopologyState::computeCandidates() const
{
    QList<PromotionCandidate> candidates;
    for (const NodeState &node : m_nodes) {
        if (node.role != PostgresRole::Standby || !node.reachable())
            continue;
        PromotionCandidate candidate;
        candidate.endpointId = node.endpointId;
        candidate.regionId = node.regionId;
        candidate.health = node.health;
        candidate.loss = expectedLoss(node.endpointId);
        candidate.failoverPriority = node.failoverPriority;
        candidates.append(candidate);
    }
    candidates = rankCandidates(candidates);
    for (int i = 0; i < candidates.size(); ++i) {
        PromotionCandidate &c = candidates[i];
        const std::optional<qint64> loss = comparableLossBytes(c.loss);
        const QString lossText = loss ? QuantityText::bytes(*loss) : tr("unknown");
        c.why = i == 0
            ? tr("best: %1, expected loss %2").arg(healthLabel(c.health).toLower(), lossText)
            : tr("%1, expected loss %2").arg(healthLabel(c.health).toLower(), lossText);
    }
    return candidates;
}

NodeReplication TopologyState::replicationOf(const QString &endpointId) const
{
    NodeReplication r;
    const NodeState *n = node(endpointId);
    const auto reported = m_reportedLag.constFind(endpointId);
    if (reported != m_reportedLag.cend() && (!n || n->viaHttp)) {
        // A reported lag means something only for a standby; a primary reporting 0 says nothing.
        if (n && n->role == PostgresRole::Primary)
            return r;
        r.side = NodeReplication::Side::Reported;
        r.reportedLagSeconds = reported->seconds;
        r.stale = n && !n->answering;
        r.lastAnswerAt = n ? n->lastAnswerAt : QDateTime();
        return r;
    }
    if (!n || !n->role || !n->observation)
        return r;
    r.stale = !n->answering;
    r.lastAnswerAt = n->lastAnswerAt;
    if (n->role == PostgresRole::Primary) {
        r.side = NodeReplication::Side::Upstream;
        QList<ReplicationLink> links;
        if (r.stale) {
            // Its standbys as its last answer listed them, marked stale by the caller.
            for (const StandbyReplication &row : n->observation->standbys) {
                ReplicationLink link;
                link.standbyName = row.name;
                link.upstreamId = endpointId;
                link.state = row.state;
                link.lagBytes = row.lagBytes;
                link.lagSeconds = upstreamLagSeconds(row);
                link.seenFromUpstream = true;
                links.append(link);
            }
        } else {
            links = m_links;
        }
        for (const ReplicationLink &link : std::as_const(links)) {
            if (link.upstreamId != endpointId)
                continue;
            r.standbys.append(link);
            r.streamingStandbys += link.streaming() ? 1 : 0;
            if (link.lagBytes)
                r.worstLagBytes = std::max(r.worstLagBytes.value_or(0), *link.lagBytes);
            if (link.lagSeconds)
                r.worstLagSeconds = std::max(r.worstLagSeconds.value_or(0.0), *link.lagSeconds);
        }
        r.noStandbyStreaming = !r.stale && r.streamingStandbys == 0;
        return r;
    }
    r.side = NodeReplication::Side::Standby;
    r.link = linkFor(endpointId);
    r.replayPaused = r.link && r.link->replayPaused;
    if (m_primary.status == PrimaryStatus::NoneReachable)
        r.expectedLoss = expectedLoss(endpointId);
    return r;
}

std::optional<LagReading> TopologyState::lagReading(const QString &endpointId) const
{
    const auto reported = m_reportedLag.constFind(endpointId);
    const NodeState *standby = node(endpointId);
    if (!standby) {
        if (reported == m_reportedLag.cend())
            return std::nullopt;
        return LagReading { std::nullopt, reported->seconds, false, false, false };
    }
    if (!standby->answering)
        return std::nullopt;
    if (standby->role == PostgresRole::Primary)
        return LagReading { std::nullopt, std::nullopt, false, false, true };
    if (m_primary.status != PrimaryStatus::One) {
        // The figures stop where the primary was lost (they would only count the time since);
        // a paused replay is the standby's own state and still counts.
        const auto frozen = m_lagAtLoss.constFind(endpointId);
        LagReading reading = frozen == m_lagAtLoss.cend() ? LagReading() : *frozen;
        // With the primary gone, streaming from nobody is expected, not a fault of this standby.
        reading.notStreaming = false;
        reading.replayPaused
            = !standby->viaHttp && standby->observation && standby->observation->replayPaused;
        return reading;
    }
    if (standby->viaHttp) {
        if (reported == m_reportedLag.cend())
            return std::nullopt;
        return LagReading { std::nullopt, reported->seconds, false, false, false };
    }
    const std::optional<ReplicationLink> link = linkFor(endpointId);
    if (!link)
        return LagReading { std::nullopt, std::nullopt, false, true, false };
    return LagReading { link->lagBytes, link->lagSeconds, link->replayPaused, !link->streaming(),
        false };
}

std::optional<LagReport> TopologyState::lagReportAtLoss(const QString &endpointId) const
{
    const QHash<QString, LagReport> &reports
        = m_primary.status == PrimaryStatus::One ? m_reportedLag : m_reportAtLoss;
    const auto it = reports.constFind(endpointId);
    if (it == reports.cend())
        return std::nullopt;
    const NodeState *n = node(endpointId);
    if (m_primary.status == PrimaryStatus::One && n && n->role == PostgresRole::Primary)
        return std::nullopt;
    return *it;
}

void TopologyState::publish(EventKind kind, EventSeverity severity, const QString &endpointId,
    const QString &message, const QVariantMap &fields)
{
    if (!m_hub)
        return;
    ConsoleEvent event;
    event.kind = kind;
    event.severity = severity;
    event.endpointId = endpointId;
    if (const NodeState *n = node(endpointId))
        event.regionId = n->regionId;
    event.message = message;
    event.fields = fields;
    m_hub->publish(event);
}

void TopologyState::publishDifferences(const Snapshot &before)
{
    const PrimaryState &now = m_primary;
    if (now.status != before.primary.status || now.endpointId != before.primary.endpointId
        || now.writableIds != before.primary.writableIds) {
        QString message;
        EventSeverity severity = EventSeverity::Info;
        QString subject;
        switch (now.status) {
        case PrimaryStatus::Unknown: break;
        case PrimaryStatus::One:
            subject = now.endpointId;
            if (before.primary.lastPrimaryId.isEmpty()
                || before.primary.lastPrimaryId == now.endpointId) {
                message = tr("%1 is the primary, as the servers report.").arg(nameOf(subject));
            } else {
                message = tr("%1 is now the primary, as the servers report (it was %2).")
                              .arg(nameOf(subject), nameOf(before.primary.lastPrimaryId));
                severity = EventSeverity::Warning;
            }
            break;
        case PrimaryStatus::NoneReachable:
            severity = EventSeverity::Critical;
            subject = now.lastPrimaryId;
            message = now.lastPrimaryId.isEmpty()
                ? tr("No reachable server accepts writes.")
                : tr("No reachable primary: %1 was last seen as primary at %2.")
                      .arg(nameOf(now.lastPrimaryId),
                          now.lastPrimarySeenAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
            break;
        case PrimaryStatus::Several: {
            severity = EventSeverity::Critical;
            QStringList names;
            for (const QString &id : now.writableIds)
                names << nameOf(id);
            message = tr(
                "%n writable primaries: %1. Writes to them diverge.", nullptr, int(names.size()))
                          .arg(names.join(QStringLiteral(", ")));
            break;
        }
        }
        if (!message.isEmpty()) {
            publish(EventKind::PrimaryState, severity, subject, message,
                { { QStringLiteral("status"), toString(now.status) },
                    { QStringLiteral("primary"),
                        now.endpointId.isEmpty() ? QVariant() : QVariant(now.endpointId) },
                    { QStringLiteral("previous_primary"),
                        before.primary.lastPrimaryId.isEmpty()
                            ? QVariant()
                            : QVariant(before.primary.lastPrimaryId) },
                    { QStringLiteral("writable"), QVariant(now.writableIds) },
                    { QStringLiteral("last_primary_lsn"),
                        now.lastPrimaryLsn.isEmpty() ? QVariant()
                                                     : QVariant(now.lastPrimaryLsn) } });
        }
    }

    // Links of configured standbys: streaming started or stopped, replay paused or resumed.
    for (const ReplicationLink &link : m_links) {
        if (link.standbyId.isEmpty())
            continue;
        const auto old = std::find_if(before.links.cbegin(), before.links.cend(),
            [&link](const ReplicationLink &l) { return l.standbyId == link.standbyId; });
        const bool wasStreaming = old != before.links.cend() && old->streaming();
        const QString upstream
            = link.upstreamId.isEmpty() ? link.upstreamAddress : nameOf(link.upstreamId);
        if (link.streaming() != wasStreaming) {
            const QString message = link.streaming()
                ? tr("%1 streams from %2.").arg(nameOf(link.standbyId), upstream)
                : link.state.isEmpty()
                ? tr("%1 no longer streams from %2.")
                      .arg(nameOf(link.standbyId),
                          old->upstreamId.isEmpty() ? old->upstreamAddress
                                                    : nameOf(old->upstreamId))
                : tr("%1 no longer streams (%2).").arg(nameOf(link.standbyId), link.state);
            publish(EventKind::ReplicationLink,
                link.streaming() ? EventSeverity::Info : EventSeverity::Warning, link.standbyId,
                message,
                { { QStringLiteral("standby"), link.standbyId },
                    { QStringLiteral("upstream"),
                        link.upstreamId.isEmpty() ? QVariant() : QVariant(link.upstreamId) },
                    { QStringLiteral("upstream_address"),
                        link.upstreamAddress.isEmpty() ? QVariant()
                                                       : QVariant(link.upstreamAddress) },
                    { QStringLiteral("state"), link.state },
                    { QStringLiteral("streaming"), link.streaming() } });
        }
        const bool wasPaused = old != before.links.cend() && old->replayPaused;
        if (link.replayPaused != wasPaused && (link.replayPaused || link.seenFromStandby)) {
            publish(EventKind::ReplayPaused,
                link.replayPaused ? EventSeverity::Warning : EventSeverity::Info, link.standbyId,
                link.replayPaused ? tr("%1 paused its replay: it receives WAL but applies none.")
                                        .arg(nameOf(link.standbyId))
                                  : tr("%1 resumed its replay.").arg(nameOf(link.standbyId)),
                { { QStringLiteral("paused"), link.replayPaused },
                    { QStringLiteral("lag_bytes"), orNull(link.lagBytes) } });
        }
    }

    // While no primary is reachable, say which standby to promote, and again when that changes.
    if (m_primary.status == PrimaryStatus::NoneReachable && !m_candidates.isEmpty()) {
        const PromotionCandidate &best = m_candidates.constFirst();
        const bool wasLost = before.primary.status == PrimaryStatus::NoneReachable;
        if (!wasLost || before.candidates.isEmpty()
            || before.candidates.constFirst().endpointId != best.endpointId) {
            const ExpectedLoss &loss = best.loss;
            QString lossText;
            if (loss.bytes && loss.rows)
                lossText = tr("at least %1 and %n heartbeat row(s)", nullptr, int(*loss.rows))
                               .arg(QuantityText::bytes(*loss.bytes));
            else if (loss.bytes)
                lossText = tr("at least %1").arg(QuantityText::bytes(*loss.bytes));
            else
                lossText = tr("unknown (%1)").arg(loss.unknownReason);
            publish(EventKind::PromotionCandidate, EventSeverity::Warning, best.endpointId,
                tr("Best standby to promote: %1; expected data loss %2.")
                    .arg(nameOf(best.endpointId), lossText),
                { { QStringLiteral("candidate"), best.endpointId },
                    { QStringLiteral("health"), toString(best.health) },
                    { QStringLiteral("loss_bytes"), orNull(loss.bytes) },
                    { QStringLiteral("loss_bytes_lower_bound"), loss.bytesIsLowerBound },
                    { QStringLiteral("loss_rows"), orNull(loss.rows) },
                    { QStringLiteral("loss_seconds"), orNull(loss.seconds) },
                    { QStringLiteral("bytes_behind_best_standby"),
                        orNull(loss.bytesBehindBestStandby) },
                    { QStringLiteral("unknown_reason"),
                        loss.unknownReason.isEmpty() ? QVariant()
                                                     : QVariant(loss.unknownReason) } });
        }
    }
}

} // namespace Console
