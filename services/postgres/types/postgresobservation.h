#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Console {

// What pg_is_in_recovery() said when the probe ran.
enum class PostgresRole { Primary, Standby };

// One row of pg_stat_replication as the primary (or a cascading standby) sees its standby.
// Columns the monitoring role may not read (no pg_monitor) stay empty / unset.
struct StandbyReplication
{
    QString name; // application_name
    QString clientAddr; // empty for a Unix-socket standby
    QString state; // streaming, catchup, startup, backup, stopping
    QString sentLsn, writeLsn, flushLsn, replayLsn;
    // Unset when PostgreSQL reports NULL: it does so once a standby has caught up and no WAL flows.
    std::optional<double> writeLagS, flushLagS, replayLagS;
    // The server's current WAL position minus what the standby has replayed.
    std::optional<qint64> lagBytes;
};

// The figures one PostgreSQL probe brings back, all read in one round trip.
struct PostgresObservation
{
    PostgresRole role = PostgresRole::Primary;
    QDateTime serverTime; // the server's now(), UTC
    std::optional<int> timeline; // primary: from the WAL insert position; standby: receiver's TLI
    QString currentLsn; // primary: pg_current_wal_lsn() as text; empty on a standby
    QString clusterName; // current_setting('cluster_name'), may be empty
    // pg_control_system().system_identifier as text: equal on every node of one cluster (a
    // standby is a copy of its primary), different for a server that was initdb'ed apart.
    QString systemIdentifier;

    QList<StandbyReplication> standbys;

    // Standby side; LSNs are empty on a primary.
    QString receiveLsn;
    QString replayLsn;
    std::optional<qint64> receiveReplayGapBytes;
    std::optional<QDateTime> lastReplayTimestamp; // NULL until the standby replays a commit
    // Server now() minus the last replayed commit's time. Not a lag: it also grows while the
    // primary is simply idle. Only the heartbeat below measures lag on an idle primary.
    std::optional<double> replayDelayS;
    bool replayPaused = false;

    // Standby: its WAL receiver (pg_stat_wal_receiver). All empty / unset while no receiver
    // runs: PostgreSQL 15 drops the row as soon as the upstream is gone and shows it again only
    // once a new connection streams. Without pg_monitor (pg_read_all_stats) the row shows its
    // pid only, and these stay empty too.
    QString receiverStatus; // "streaming", "waiting", "stopping", ...
    QString senderHost; // the upstream's host, or its socket folder over a Unix socket
    std::optional<int> senderPort;
    // The name the standby's upstream shows it under in pg_stat_replication.application_name:
    // application_name from the receiver's conninfo when set, else cluster_name, else
    // "walreceiver".
    QString receiverApplicationName;
    QString flushedLsn; // pg_stat_wal_receiver.flushed_lsn (received and flushed to disk)
    // default_transaction_read_only: how the console fences a primary it can still reach (with
    // its sessions terminated). A session may still SET it off, so this is a fence against
    // ordinary clients, not against a determined one; the fence command is the hard one.
    bool readOnly = false;

    // Load, for the drill's "active connections" and "queries/second".
    int connections = 0; // client backends now
    int maxConnections = 0;
    qint64 commitsTotal = 0; // sum of pg_stat_database.xact_commit (counts the probe's own)
    std::optional<double> commitsPerSecond; // from the previous probe's total; unset on the first

    // Heartbeat (only with PostgresEndpointConfig::heartbeat).
    std::optional<qint64> heartbeatSeqWritten; // primary: committed by this probe
    std::optional<qint64> heartbeatSeqSeen; // the newest heartbeat this server holds
    std::optional<QDateTime> heartbeatWrittenAt; // primary's clock when that row was written
    // Standby: with a HeartbeatLedger, how long the oldest acknowledged heartbeat it lacks has
    // been waiting (0 when it holds them all), unset until this console acknowledged one (the
    // table may hold an earlier run's rows); without one, server now() minus
    // heartbeatWrittenAt, true to within one probe interval. Both include any clock skew
    // between the two servers.
    std::optional<double> heartbeatLagS;
    // Standby: how many acknowledged heartbeats it misses, when a HeartbeatLedger is attached.
    std::optional<qint64> heartbeatSeqLag;
    // Why the heartbeat gives no figure (it failed, or this console's first heartbeat is still
    // to come); the probe itself may still be Ok.
    QString heartbeatError;
};

} // namespace Console
