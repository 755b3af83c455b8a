#pragma once

#include "config.h"
#include "pgconnection.h"
#include "pgconnectparams.h"
#include "postgreserrorclassifier.h"
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
//
// A kept session hides a server that refuses new ones (a pg_hba.conf "reject", max_connections
// reached, a smart shutdown): applications that connect anew fail while the probe still answers.
// So every acceptanceCheckEvery() probes on a kept session, and on every probe while the last
// check failed, a second, fresh connection is opened beside the probe query (connect only, then
// dropped) under the same deadline. Its failure fails the probe with the connect's own status and
// reason, and the result still carries the kept session's observation: the server runs.
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
    // How many probes on a kept session pass between two fresh-connection checks: about one per
    // 10 s, never more often than every 5th probe. A check costs a whole login (SCRAM hashing
    // on both sides, a backend started and ended), which a probe on the kept session does not.
    int acceptanceCheckEvery() const { return m_acceptanceEvery; }

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
    void startAcceptanceCheck();
    void onAcceptanceConnected();
    void onAcceptanceFailed(const PgFailure &failure);
    void finishAnswered();
    void applyHeartbeat(
        const PostgresObservationReader::Outcome &outcome, PostgresObservation *observation);
    void applyCommitRate(PostgresObservation *observation);
    QString timeoutReason(const PgConnection &connection) const;
    void finish(ProbeStatus status, const QString &reason,
        const std::optional<PostgresObservation> &observation = std::nullopt);

    EndpointConfig m_config;
    PgConnectParams m_params;
    PgConnection m_connection;
    PgConnection m_acceptance; // the fresh-connection check; open only during a check
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
    enum class Check { None, Running, Passed, Failed };
    Check m_check = Check::None; // this probe's fresh-connection check
    PgVerdict m_checkVerdict; // with Check::Failed
    bool m_acceptanceFailing = false; // the last check failed: check again on every probe
    int m_acceptanceEvery = 5;
    int m_probesSinceFreshConnect = 0;
    std::optional<PostgresObservation> m_answer; // the kept session's answer, waiting for the check
    double m_answerLatencyMs = -1;
};

} // namespace Console
