#include "replicationsummary.h"

#include "displaytext.h"
#include "quantitytext.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace Console {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("Console::ReplicationSummary", text, nullptr, n);
}

QString loadLine(const PostgresObservation &o)
{
    QString line = tr("%1 of %2 connections in use").arg(o.connections).arg(o.maxConnections);
    if (o.commitsPerSecond)
        line += tr(", %1 commits/s").arg(*o.commitsPerSecond, 0, 'f', 1);
    return line;
}

// pg_stat_replication leaves the lag columns NULL once a standby has caught up and no WAL flows;
// with nothing outstanding in bytes that means no lag, not an unknown one.
std::optional<double> standbyLagSeconds(const StandbyReplication &s)
{
    if (s.replayLagS)
        return s.replayLagS;
    if (s.lagBytes && *s.lagBytes == 0)
        return 0.0;
    return std::nullopt;
}

ReplicationSummary summarizePrimary(const PostgresObservation &o)
{
    ReplicationSummary summary;
    QStringList lines;
    for (const StandbyReplication &s : o.standbys) {
        const std::optional<double> lagS = standbyLagSeconds(s);
        if (s.lagBytes)
            summary.worstLagBytes = std::max(summary.worstLagBytes.value_or(0), *s.lagBytes);
        if (lagS)
            summary.worstLagSeconds = std::max(summary.worstLagSeconds.value_or(0.0), *lagS);
        lines << tr("%1 (%2): %3, %4 behind, replay lag %5")
                     .arg(s.name.isEmpty() ? tr("unnamed") : s.name,
                         s.clientAddr.isEmpty() ? tr("local socket") : s.clientAddr, s.state,
                         s.lagBytes ? QuantityText::bytes(*s.lagBytes) : tr("unknown"),
                         lagS ? QuantityText::seconds(*lagS) : tr("unknown"));
    }
    if (o.standbys.isEmpty()) {
        summary.text = tr("no standby connected");
        summary.warning = true;
    } else {
        summary.text = tr("%n standby(s)", int(o.standbys.size()));
        if (summary.worstLagBytes)
            summary.text += tr(" · max %1").arg(QuantityText::bytes(*summary.worstLagBytes));
        if (summary.worstLagSeconds)
            summary.text += tr(" · %1").arg(QuantityText::seconds(*summary.worstLagSeconds));
    }
    lines << loadLine(o);
    summary.detail = lines.join(QLatin1Char('\n'));
    return summary;
}

ReplicationSummary summarizeStandby(const PostgresObservation &o)
{
    ReplicationSummary summary;
    summary.worstLagBytes = o.receiveReplayGapBytes;
    summary.worstLagSeconds = o.heartbeatLagS;
    summary.text = o.heartbeatLagS ? tr("lag %1").arg(QuantityText::seconds(*o.heartbeatLagS))
                                   : tr("lag unknown (no heartbeat)");
    if (o.receiveReplayGapBytes && *o.receiveReplayGapBytes > 0)
        summary.text
            += tr(" · replay %1 behind").arg(QuantityText::bytes(*o.receiveReplayGapBytes));
    if (o.replayPaused) {
        summary.text += tr(" · replay paused");
        summary.warning = true;
    }

    QStringList lines;
    lines << tr("received up to %1, replayed up to %2")
                 .arg(o.receiveLsn.isEmpty() ? tr("nothing") : o.receiveLsn,
                     o.replayLsn.isEmpty() ? tr("nothing") : o.replayLsn);
    if (o.lastReplayTimestamp) {
        lines << tr("last replayed commit at %1 (%2 ago; grows while the primary is idle)")
                     .arg(DisplayText::clockTime(*o.lastReplayTimestamp),
                         o.replayDelayS ? QuantityText::seconds(*o.replayDelayS) : tr("?"));
    } else {
        lines << tr("no commit replayed yet");
    }
    if (o.heartbeatSeqSeen)
        lines << tr("newest heartbeat held: #%1").arg(*o.heartbeatSeqSeen);
    if (!o.heartbeatError.isEmpty())
        lines << tr("heartbeat: %1").arg(o.heartbeatError);
    lines << loadLine(o);
    summary.detail = lines.join(QLatin1Char('\n'));
    return summary;
}

} // namespace

ReplicationSummary summarizeReportedLag(double seconds)
{
    ReplicationSummary summary;
    summary.worstLagSeconds = seconds;
    summary.text = tr("lag %1 (reported)").arg(QuantityText::seconds(seconds));
    summary.detail = tr("The replication lag this endpoint reports in its health answer.");
    return summary;
}

ReplicationSummary summarizeReplication(const PostgresObservation &observation)
{
    return observation.role == PostgresRole::Primary ? summarizePrimary(observation)
                                                     : summarizeStandby(observation);
}

} // namespace Console
