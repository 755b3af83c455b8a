#pragma once

#include "config.h"
#include "consoleevent.h"
#include "healthevents.h"
#include "lagevaluator.h"
#include "proberesult.h"
#include "topologytypes.h"

#include <QHash>
#include <QObject>

#include <optional>

namespace Console {

class Clock;
class EventHub;
class HeartbeatLedger;

// The single source for "who is primary" and "who streams from whom", built from what the
// servers report, never from the configured roles (a contradiction with the configuration is a
// warning event, not the truth). Fed every probe result before the health monitor judges it
// (so lagReading() is current) and every endpoint health change (so a refused primary counts
// as lost at once while one timeout does not). Publishes role, primary-state, replication-link,
// replay-paused and promotion-candidate events; emits changed() whenever what it holds moved.
//
// After the primary is lost, lag stops counting up: each standby's figures become its expected
// data loss if promoted now, measured against the last position the primary was seen at.
class TopologyState final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TopologyState)
public:
    explicit TopologyState(const ConsoleConfig &config, QObject *parent = nullptr);
    ~TopologyState() override;

    // Not owned; each must outlive this. Without a clock the system clock is used.
    void setClock(Clock *clock);
    void setEventHub(EventHub *hub);
    void setHeartbeatLedger(const HeartbeatLedger *ledger);

    void observe(const Console::ProbeResult &result);

    const PrimaryState &primary() const { return m_primary; }
    QList<NodeState> nodes() const; // configuration order
    const NodeState *node(const QString &endpointId) const;
    QList<ReplicationLink> links() const { return m_links; }
    std::optional<ReplicationLink> linkFor(const QString &standbyId) const;
    // Reachable standbys, best promotion candidate first.
    QList<PromotionCandidate> candidates() const { return m_candidates; }
    ExpectedLoss expectedLoss(const QString &standbyId) const;
    NodeReplication replicationOf(const QString &endpointId) const;

    // The lag the health monitor should judge for this endpoint now: a streaming standby's
    // figures, or an HTTP endpoint's reported lag; for a primary, a reading that says so (a
    // promoted standby's lag verdict ends). Unset for an endpoint that reports nothing. While no
    // primary is reachable a standby's figures stay where they were at the loss (they would only
    // count the time since); only its paused replay is current.
    std::optional<LagReading> lagReading(const QString &endpointId) const;

    // An HTTP standby's newest lag report taken while a primary was up: once the primary is
    // lost, the last one before the loss (later ones come from a standby with nothing to follow).
    // Unset when it reported none then, or reported as the primary.
    std::optional<LagReport> lagReportAtLoss(const QString &endpointId) const;
    // When the one primary was last counted lost (wall clock); invalid while one is up.
    QDateTime primaryLostAt() const { return m_primaryLostAt; }

public slots:
    void onHealthChanged(const Console::HealthChange &change);

signals:
    void changed();

private:
    struct Snapshot
    {
        PrimaryState primary;
        QList<ReplicationLink> links;
        QList<PromotionCandidate> candidates;
    };

    void observeRole(NodeState &node, PostgresRole role, const QDateTime &at);
    void recompute();
    PrimaryState computePrimary() const;
    QList<ReplicationLink> computeLinks() const;
    QList<PromotionCandidate> computeCandidates() const;
    void publishDifferences(const Snapshot &before);
    void publish(EventKind kind, EventSeverity severity, const QString &endpointId,
        const QString &message, const QVariantMap &fields);
    QString nameOf(const QString &endpointId) const;

    Clock *m_clock; // not owned
    EventHub *m_hub = nullptr; // not owned
    const HeartbeatLedger *m_ledger = nullptr; // not owned
    QList<NodeState> m_nodes; // configuration order
    QHash<QString, int> m_nodeIndex; // endpoint id -> m_nodes index
    QHash<QString, QString> m_names; // endpoint id -> display name, "NAME in REGION" if shared
    QHash<QString, QString> m_plainNames; // endpoint id -> its configured name
    QHash<QString, LagReport> m_reportedLag; // HTTP endpoints' own lag reports
    QHash<QString, LagReading> m_lagAtLoss; // each standby's last lag while a primary was up
    QHash<QString, LagReport> m_reportAtLoss; // each HTTP standby's last report while one was up
    QDateTime m_primaryLostAt;
    PrimaryState m_primary;
    QList<ReplicationLink> m_links;
    QList<PromotionCandidate> m_candidates;
};

} // namespace Console
