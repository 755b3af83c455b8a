#include "postgresquery.h"

namespace Console {

namespace {

// Empty on a standby unless it cascades; lag bytes are measured from the position this server
// has (insert position on a primary, replay position on a cascading standby). It runs before
// the status statement: a position read afterwards is at least every standby's sent, flushed
// and replayed LSN, so "current minus flushed" never goes negative however busy the primary is.
const char ReplicationSql[] = R"(select application_name, client_addr::text, state,
  sent_lsn::text, write_lsn::text, flush_lsn::text, replay_lsn::text,
  extract(epoch from write_lag), extract(epoch from flush_lag), extract(epoch from replay_lag),
  pg_wal_lsn_diff(case when pg_is_in_recovery() then pg_last_wal_replay_lsn()
                       else pg_current_wal_lsn() end, replay_lsn)::bigint
from pg_stat_replication order by application_name, client_addr::text;
)";

// The role decides per row at run time; pg_is_wal_replay_paused(), pg_walfile_name() and
// pg_current_wal_lsn() raise errors on the wrong role, CASE keeps them from running there.
// Timestamps come as epoch seconds so parsing does not depend on the session's DateStyle or
// TimeZone. pg_stat_wal_receiver has no row while no receiver streams (and on a primary), hence
// the left join to a single row: its columns then read NULL, and so they do without pg_monitor.
// pg_control_system() is executable by PUBLIC in PostgreSQL 15.
const char StatusSql[] = R"(select pg_is_in_recovery(),
  extract(epoch from now()),
  pg_last_wal_receive_lsn()::text,
  pg_last_wal_replay_lsn()::text,
  pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint,
  extract(epoch from pg_last_xact_replay_timestamp()),
  extract(epoch from now() - pg_last_xact_replay_timestamp()),
  case when pg_is_in_recovery() then pg_is_wal_replay_paused() else false end,
  (select count(*) from pg_stat_activity where backend_type = 'client backend'),
  current_setting('max_connections')::int,
  (select sum(xact_commit) from pg_stat_database)::bigint,
  case when pg_is_in_recovery() then r.received_tli
       else ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int end,
  case when pg_is_in_recovery() then null else pg_current_wal_lsn()::text end,
  current_setting('cluster_name'),
  (select system_identifier::text from pg_control_system()),
  r.status, r.sender_host, r.sender_port, r.conninfo, r.flushed_lsn::text,
  current_setting('default_transaction_read_only')
from (select 1) as probe left join pg_stat_wal_receiver as r on true;
)";

// CREATE SCHEMA checks the database's CREATE privilege even when the schema exists, so the
// statements run only when the table is missing: a role without that privilege can still
// write into a table an administrator created for it.
const char CreateSql[] = R"(do $$ begin
  if to_regclass('failover_console.heartbeat') is null then
    create schema if not exists failover_console;
    create table if not exists failover_console.heartbeat (
      writer text primary key, seq bigint not null, written_at timestamptz not null);
  end if;
end $$;
)";

// One row per writer keeps the table bounded. The sequence continues past every row present,
// so a restarted console or another console never reuses a number.
const char WriteSql[] = R"(insert into failover_console.heartbeat as h (writer, seq, written_at)
values ('%1', greatest(%2, (select coalesce(max(seq), 0) + 1 from failover_console.heartbeat)),
        now())
on conflict (writer) do update set seq = excluded.seq, written_at = excluded.written_at
returning seq, extract(epoch from written_at);
)";

const char ReadSql[] = R"(select seq, extract(epoch from written_at),
  extract(epoch from now() - written_at)
from failover_console.heartbeat order by seq desc limit 1;
)";

} // namespace

PostgresQuery::Plan PostgresQuery::build(const Options &options)
{
    Plan plan;
    plan.heartbeat = options.heartbeat;
    int index = 0;
    if (options.localStatementTimeout.count() > 0) {
        plan.sql += "set local statement_timeout = "
            + QByteArray::number(options.localStatementTimeout.count()) + ";\n";
        ++index;
    }
    plan.sql += ReplicationSql;
    plan.replicationIndex = index++;
    plan.sql += StatusSql;
    plan.statusIndex = index++;
    switch (options.heartbeat) {
    case Heartbeat::None: return plan;
    case Heartbeat::Read:
        plan.sql += ReadSql;
        plan.heartbeatIndex = plan.heartbeatLastIndex = index;
        return plan;
    case Heartbeat::CreateAndWrite:
        plan.sql += CreateSql;
        plan.heartbeatIndex = index++;
        break;
    case Heartbeat::Write: plan.heartbeatIndex = index; break;
    }
    plan.sql += QString::fromLatin1(WriteSql)
                    .arg(safeWriterId(options.writerId))
                    .arg(qMax<qint64>(1, options.nextSeq))
                    .toUtf8();
    plan.heartbeatLastIndex = index;
    return plan;
}

QString PostgresQuery::safeWriterId(const QString &id)
{
    QString safe = id.left(200);
    for (QChar &c : safe) {
        const bool keep = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
            || (c >= u'0' && c <= u'9') || QStringView(u"_.:@/-").contains(c);
        if (!keep)
            c = u'_';
    }
    return safe.isEmpty() ? QStringLiteral("console") : safe;
}

} // namespace Console
