#pragma once

#include "config.h"
#include "pgconnection.h"
#include "pgconnectparams.h"
#include "postgresobservationreader.h"
#include "postgresquery.h"
#include "prober.h"
#include "probescheduler.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>

#include <optional>

class QHostInfo;

namespace Console {

class HeartbeatLedger;

// Probes one PostgreSQL endpoint: role, replication, load and (optionally) the heartbeat, in one
// round trip per probe on a session kept between probes and re-established after a failure.
// Everything is asynchronous on the caller's thread (no thread per endpoint, no blocking libpq
// call); the whole probe, connect included, is bounded by EndpointConfig::timeout, after which
// the session is dropped rather than cancelled (PQcancel blocks) and the server's own
// statement_timeout ends the orphaned query.
class PostgresProber final : public Prober
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PostgresProber)
public:
    explicit PostgresProber(const EndpointConfig &config, QObject *parent = nullptr);
    ~PostgresProber() override;

    void start() override;
    bool isRunning() const { return m_running; }
    const EndpointConfig &config() const { return m_config; }

    // Heartbeats this prober writes or reads are recorded there; it must outlive the prober.
    void setHeartbeatLedger(HeartbeatLedger *ledger) { m_ledger = ledger; }

    // For ProbeScheduler: PostgresProbers sharing `ledger` (may be null); nullptr for other kinds.
    static ProbeScheduler::ProberFactory factory(HeartbeatLedger *ledger = nullptr);

private:
    void connectToServer();
    void onLookedUp(const QHostInfo &info);
    void onConnected();
    void onResults(const QList<PgResultSet> &results);
    void onFailed(const PgFailure &failure);
    void onDeadline();
    void sendProbe();
    void applyHeartbeat(
        const PostgresObservationReader::Outcome &outcome, PostgresObservation *observation);
    void applyCommitRate(PostgresObservation *observation);
    QString timeoutReason() const;
    void finish(ProbeStatus status, const QString &reason,
        const std::optional<PostgresObservation> &observation = std::nullopt);

    EndpointConfig m_config;
    PgConnectParams m_params;
    PgConnection m_connection;
    HeartbeatLedger *m_ledger = nullptr; // not owned
    QTimer m_deadline;
    QElapsedTimer m_clock; // this probe
    QElapsedTimer m_lifetime; // commits/second between probes
    QDateTime m_startedAt;
    PostgresQuery::Plan m_plan;
    int m_lookupId = -1;
    std::optional<PostgresRole> m_lastRole;
    bool m_heartbeatTableReady = false;
    qint64 m_nextSeq = 1;
    std::optional<qint64> m_lastCommits;
    qint64 m_lastCommitsAtNs = 0;
    bool m_running = false;
    bool m_inStart = false;
    bool m_sessionReused = false; // this probe started on a session kept from an earlier one
};

} // namespace Console
