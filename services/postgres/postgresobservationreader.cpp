#include "postgresobservationreader.h"

namespace Console {

namespace {

using Cell = std::optional<QString>;

std::optional<double> toDouble(const Cell &cell)
{
    bool ok = false;
    const double value = cell ? cell->toDouble(&ok) : 0;
    return ok ? std::optional<double>(value) : std::nullopt;
}

std::optional<qint64> toInt64(const Cell &cell)
{
    bool ok = false;
    const qint64 value = cell ? cell->toLongLong(&ok) : 0;
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

std::optional<QDateTime> fromEpoch(const Cell &cell)
{
    const std::optional<double> seconds = toDouble(cell);
    if (!seconds)
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(qRound64(*seconds * 1000.0), Qt::UTC);
}

QString text(const Cell &cell)
{
    return cell.value_or(QString());
}

// The value of `key` in the conninfo pg_stat_wal_receiver shows: PostgreSQL prints it as
// "key=value key=value" without quoting, so a value ends at the next space.
QString conninfoValue(const QString &conninfo, QStringView key)
{
    for (const QStringView pair : QStringView(conninfo).split(u' ', Qt::SkipEmptyParts)) {
        const qsizetype eq = pair.indexOf(u'=');
        if (eq > 0 && pair.left(eq) == key)
            return pair.mid(eq + 1).toString();
    }
    return {};
}

// As the walsender stores application_name for pg_stat_replication in PostgreSQL 15: bytes
// outside printable ASCII become '?' (pg_clean_ascii), then NAMEDATALEN - 1 bytes are kept.
QString asShownByWalSender(const QString &name)
{
    QByteArray bytes = name.toUtf8();
    for (char &c : bytes) {
        if (c < 32 || c > 126)
            c = '?';
    }
    return QString::fromLatin1(bytes.left(63));
}

// The name the upstream lists this standby under; libpq's fallback_application_name is what the
// walreceiver passes (cluster_name, else "walreceiver"), and it shows in conninfo.
QString receiverApplicationName(const QString &conninfo, const QString &clusterName)
{
    QString name = conninfoValue(conninfo, u"application_name");
    if (name.isEmpty())
        name = conninfoValue(conninfo, u"fallback_application_name");
    if (name.isEmpty())
        name = clusterName.isEmpty() ? QStringLiteral("walreceiver") : clusterName;
    return asShownByWalSender(name);
}

} // namespace

PostgresObservationReader::Outcome PostgresObservationReader::read(
    const QList<PgResultSet> &results, const PostgresQuery::Plan &plan)
{
    Outcome outcome;
    for (int i = 0; i <= qMax(plan.statusIndex, plan.replicationIndex); ++i) {
        if (i >= results.size()) {
            outcome.error = tr("the server answered %1 of the probe's statements").arg(i);
            return outcome;
        }
        if (!results[i].ok) {
            outcome.error = results[i].error;
            outcome.sqlState = results[i].sqlState;
            return outcome;
        }
    }
    if (!readStatus(results[plan.statusIndex], &outcome.observation)) {
        outcome.error = tr("unexpected answer to the status query");
        return outcome;
    }
    readReplication(results[plan.replicationIndex], &outcome.observation);
    outcome.ok = true;
    readHeartbeat(results, plan, &outcome);
    return outcome;
}

bool PostgresObservationReader::readStatus(const PgResultSet &set, PostgresObservation *o)
{
    using Q = PostgresQuery;
    if (set.rows.size() != 1 || set.columnCount != Q::StatusColumnCount)
        return false;
    const PgResultSet::Row &row = set.rows.first();
    const QString inRecovery = text(row[Q::InRecovery]);
    const std::optional<QDateTime> serverTime = fromEpoch(row[Q::ServerTime]);
    if ((inRecovery != u"t" && inRecovery != u"f") || !serverTime)
        return false;
    o->role = inRecovery == u"t" ? PostgresRole::Standby : PostgresRole::Primary;
    o->serverTime = *serverTime;
    o->receiveLsn = text(row[Q::ReceiveLsn]);
    o->replayLsn = text(row[Q::ReplayLsn]);
    o->receiveReplayGapBytes = toInt64(row[Q::ReceiveReplayGap]);
    o->lastReplayTimestamp = fromEpoch(row[Q::LastReplayTime]);
    o->replayDelayS = toDouble(row[Q::ReplayDelay]);
    o->replayPaused = text(row[Q::ReplayPaused]) == u"t";
    o->connections = static_cast<int>(toInt64(row[Q::Connections]).value_or(0));
    o->maxConnections = static_cast<int>(toInt64(row[Q::MaxConnections]).value_or(0));
    o->commitsTotal = toInt64(row[Q::Commits]).value_or(0);
    if (const std::optional<qint64> timeline = toInt64(row[Q::Timeline]))
        o->timeline = static_cast<int>(*timeline);
    o->currentLsn = text(row[Q::CurrentLsn]);
    o->clusterName = text(row[Q::ClusterName]);
    o->systemIdentifier = text(row[Q::SystemIdentifier]);
    o->receiverStatus = text(row[Q::ReceiverStatus]);
    o->senderHost = text(row[Q::SenderHost]);
    if (const std::optional<qint64> port = toInt64(row[Q::SenderPort]))
        o->senderPort = static_cast<int>(*port);
    // Without a readable conninfo (no receiver, or no pg_monitor) a name would be a guess: an
    // application_name set in primary_conninfo overrides cluster_name.
    if (const Cell &conninfo = row[Q::ReceiverConninfo])
        o->receiverApplicationName = receiverApplicationName(*conninfo, o->clusterName);
    o->flushedLsn = text(row[Q::FlushedLsn]);
    o->readOnly = text(row[Q::ReadOnly]) == u"on";
    return true;
}

void PostgresObservationReader::readReplication(const PgResultSet &set, PostgresObservation *o)
{
    using Q = PostgresQuery;
    if (set.columnCount != Q::ReplicationColumnCount)
        return;
    for (const PgResultSet::Row &row : set.rows) {
        StandbyReplication s;
        s.name = text(row[Q::Name]);
        s.clientAddr = text(row[Q::ClientAddr]);
        s.state = text(row[Q::State]);
        s.sentLsn = text(row[Q::SentLsn]);
        s.writeLsn = text(row[Q::WriteLsn]);
        s.flushLsn = text(row[Q::FlushLsn]);
        s.replayLsn = text(row[Q::ReplayLsnColumn]);
        s.writeLagS = toDouble(row[Q::WriteLag]);
        s.flushLagS = toDouble(row[Q::FlushLag]);
        s.replayLagS = toDouble(row[Q::ReplayLag]);
        s.lagBytes = toInt64(row[Q::LagBytes]);
        o->standbys += s;
    }
}

void PostgresObservationReader::readHeartbeat(
    const QList<PgResultSet> &results, const PostgresQuery::Plan &plan, Outcome *outcome)
{
    if (plan.heartbeatIndex < 0)
        return;
    PostgresObservation &o = outcome->observation;
    const bool reading = plan.heartbeat == PostgresQuery::Heartbeat::Read;
    // A failure after the write (the commit itself) also means nothing was acknowledged.
    for (int i = plan.heartbeatIndex; i < results.size(); ++i) {
        const PgResultSet &set = results[i];
        if (set.ok)
            continue;
        if (reading && (set.sqlState == "42P01" || set.sqlState == "3F000"))
            o.heartbeatError = tr("no heartbeat table yet (the primary creates it)");
        else if (set.sqlState == "25006")
            o.heartbeatError = tr("cannot write the heartbeat: the server is read-only");
        else if (set.sqlState == "42501")
            o.heartbeatError = tr("heartbeat: %1 (the role needs CREATE on the database once, "
                                  "or SELECT, INSERT, UPDATE on failover_console.heartbeat)")
                                   .arg(set.error);
        else
            o.heartbeatError = tr("heartbeat: %1").arg(set.error);
        return;
    }
    if (results.size() <= plan.heartbeatLastIndex) {
        o.heartbeatError = tr("heartbeat: no answer");
        return;
    }
    const PgResultSet &set = results[plan.heartbeatLastIndex];
    if (set.rows.isEmpty() || set.columnCount < 2) {
        o.heartbeatError = reading ? tr("no heartbeat written yet") : tr("heartbeat: no row");
        return;
    }
    const PgResultSet::Row &row = set.rows.first();
    o.heartbeatSeqSeen = toInt64(row[0]);
    o.heartbeatWrittenAt = fromEpoch(row[1]);
    if (reading) {
        if (set.columnCount > 2)
            o.heartbeatLagS = toDouble(row[2]);
        return;
    }
    o.heartbeatSeqWritten = o.heartbeatSeqSeen;
    outcome->heartbeatCommitted = o.heartbeatSeqWritten.has_value();
}

} // namespace Console
