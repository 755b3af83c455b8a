#pragma once

#include "config.h"

#include <QByteArray>
#include <QString>

namespace Console {

// The SQL of one probe: a single simple-protocol query string (no prepared statements, so it
// works through a transaction-mode pooler) whose statements run in one round trip and one
// implicit transaction. Every statement is valid on a primary and on a standby; role-specific
// functions sit behind CASE on pg_is_in_recovery(). The heartbeat statement comes last because
// an error aborts the statements after it.
class PostgresQuery final
{
public:
    enum class Heartbeat {
        None,
        Read, // the newest row this server holds (role unknown or standby)
        Write, // upsert this writer's row, returning what was committed (primary)
        CreateAndWrite, // the same, first creating failover_console.heartbeat when missing
    };

    // Columns of the status statement, in order.
    enum StatusColumn {
        InRecovery,
        ServerTime,
        ReceiveLsn,
        ReplayLsn,
        ReceiveReplayGap,
        LastReplayTime,
        ReplayDelay,
        ReplayPaused,
        Connections,
        MaxConnections,
        Commits,
        Timeline,
        CurrentLsn,
        ClusterName,
        SystemIdentifier,
        ReceiverStatus,
        SenderHost,
        SenderPort,
        ReceiverConninfo, // passwords come masked; only the application name is kept
        FlushedLsn,
        ReadOnly,
        StatusColumnCount
    };

    // Columns of the pg_stat_replication statement, in order.
    enum ReplicationColumn {
        Name,
        ClientAddr,
        State,
        SentLsn,
        WriteLsn,
        FlushLsn,
        ReplayLsnColumn,
        WriteLag,
        FlushLag,
        ReplayLag,
        LagBytes,
        ReplicationColumnCount
    };

    struct Options
    {
        Heartbeat heartbeat = Heartbeat::None;
        QString writerId; // the heartbeat row's key
        qint64 nextSeq = 1; // the lowest sequence number the write may use
        // When the startup "options" parameter cannot be used (a pooler rejects it), the timeout
        // is set per transaction with SET LOCAL instead; zero means no such statement.
        Milliseconds localStatementTimeout { 0 };
    };

    // Where each statement's result lands in the list of results.
    struct Plan
    {
        QByteArray sql;
        Heartbeat heartbeat = Heartbeat::None;
        int replicationIndex = 0;
        int statusIndex = 1;
        int heartbeatIndex = -1; // the first heartbeat statement; -1 without heartbeat
        int heartbeatLastIndex = -1; // the statement whose rows carry the heartbeat
    };

    static Plan build(const Options &options);

    // Keeps [A-Za-z0-9_.:@/-] and replaces the rest, so the id can be a plain SQL literal.
    static QString safeWriterId(const QString &id);
};

} // namespace Console
