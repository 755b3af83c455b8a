#include "replicationsummary.h"

#include "displaytext.h"
#include "quantitytext.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <chrono>

namespace Console {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("Console::ReplicationSummary", text, nullptr, n);
}

QString orUnknown(const std::optional<qint64> &bytes)
{
    return bytes ? QuantityText::bytes(*bytes) : tr("unknown");
}

QString orUnknown(const std::optional<double> &seconds)
{
    return seconds ? QuantityText::seconds(*seconds) : tr("unknown");
}

QString loadLine(const PostgresObservation &o)
{
    if (o.commitsPerSecond)
        return tr("%1 of %2 connections in use, %3 commits/s")
            .arg(o.connections)
            .arg(o.maxConnections)
            .arg(*o.commitsPerSecond, 0, 'f', 1);
    return tr("%1 of %2 connections in use").arg(o.connections).arg(o.maxConnections);
}

QString linkLine(const ReplicationLink &link)
{
    const QString name = link.standbyId.isEmpty()
        ? tr("%1 (not in the configuration)").arg(link.standbyName)
        : link.standbyId;
    return tr("%1: %2, %3 behind, lag %4")
        .arg(name, link.state.isEmpty() ? tr("not streaming") : link.state,
            orUnknown(link.lagBytes), orUnknown(link.lagSeconds));
}

// Whole phrases per case, so a translation never has to glue "at least" onto a figure.
QString lossText(const ExpectedLoss &loss)
{
    if (loss.bytes && loss.rows) {
        const QString bytes = QuantityText::bytes(*loss.bytes);
        return loss.bytesIsLowerBound
            ? tr("at least %1 and %n heartbeat row(s)", int(*loss.rows)).arg(bytes)
            : tr("%1 and %n heartbeat row(s)", int(*loss.rows)).arg(bytes);
    }
    if (loss.bytes) {
        return loss.bytesIsLowerBound ? tr("at least %1").arg(QuantityText::bytes(*loss.bytes))
                                      : QuantityText::bytes(*loss.bytes);
    }
    if (loss.bytesBehindBestStandby)
        return tr("an unknown amount (%1 behind the most advanced standby)")
            .arg(QuantityText::bytes(*loss.bytesBehindBestStandby));
    return tr("an unknown amount");
}

void summarizeUpstream(const NodeReplication &r, ReplicationSummary &s)
{
    s.worstLagBytes = r.worstLagBytes;
    s.worstLagSeconds = r.worstLagSeconds;
    if (r.standbys.isEmpty()) {
        s.text = tr("no standby connected");
        s.compact = tr("no standby");
    } else if (r.worstLagBytes && r.worstLagSeconds) {
        s.text = tr("%1 of %2 standbys streaming · max %3 · %4")
                     .arg(r.streamingStandbys)
                     .arg(r.standbys.size())
                     .arg(QuantityText::bytes(*r.worstLagBytes),
                         QuantityText::seconds(*r.worstLagSeconds));
        s.compact = tr("%1/%2 · %3 · %4")
                        .arg(r.streamingStandbys)
                        .arg(r.standbys.size())
                        .arg(QuantityText::bytes(*r.worstLagBytes),
                            QuantityText::seconds(*r.worstLagSeconds));
    } else {
        s.text = tr("%1 of %2 standbys streaming").arg(r.streamingStandbys).arg(r.standbys.size());
        s.compact = tr("%1/%2 streaming").arg(r.streamingStandbys).arg(r.standbys.size());
    }
}

void summarizeStandby(const NodeReplication &r, ReplicationSummary &s)
{
    if (r.expectedLoss) {
        // The primary is lost: lag would only count the time since; what matters is the loss.
        s.text = tr("if promoted now, loses %1").arg(lossText(*r.expectedLoss));
        s.compact = tr("loses %1").arg(lossText(*r.expectedLoss));
        s.worstLagBytes = r.expectedLoss->bytes;
        s.worstLagSeconds = r.expectedLoss->seconds;
        return;
    }
    if (!r.link) {
        s.text = tr("not streaming");
        s.compact = s.text;
        return;
    }
    s.worstLagBytes = r.link->lagBytes;
    s.worstLagSeconds = r.link->lagSeconds;
    s.text = r.link->streaming()
        ? tr("lag %1 · %2 behind").arg(orUnknown(r.link->lagSeconds), orUnknown(r.link->lagBytes))
        : tr("not streaming (%1)").arg(r.link->state.isEmpty() ? tr("no receiver") : r.link->state);
    s.compact = r.link->streaming()
        ? tr("%1 · %2").arg(orUnknown(r.link->lagSeconds), orUnknown(r.link->lagBytes))
        : tr("not streaming");
    if (r.replayPaused) {
        s.text = tr("%1 · replay paused").arg(s.text);
        s.compact = tr("%1 · paused").arg(s.compact);
    }
}

// Whole seconds, at least one: "12 s", "4 min 10 s", "1 h 2 min".
QString age(const QDateTime &since, const QDateTime &now)
{
    const qint64 seconds = std::max<qint64>(1, since.secsTo(now));
    return QuantityText::duration(std::chrono::seconds(seconds));
}

QStringList observationLines(const PostgresObservation &o)
{
    QStringList lines;
    if (o.role == PostgresRole::Primary) {
        if (!o.currentLsn.isEmpty())
            lines << tr("WAL written up to %1").arg(o.currentLsn);
    } else {
        lines << tr("received up to %1, replayed up to %2")
                     .arg(o.receiveLsn.isEmpty() ? tr("nothing") : o.receiveLsn,
                         o.replayLsn.isEmpty() ? tr("nothing") : o.replayLsn);
        if (!o.senderHost.isEmpty())
            lines << tr("upstream %1:%2").arg(o.senderHost).arg(o.senderPort.value_or(0));
        if (o.heartbeatSeqSeen)
            lines << tr("newest heartbeat held: #%1").arg(*o.heartbeatSeqSeen);
    }
    if (!o.heartbeatError.isEmpty())
        lines << tr("heartbeat: %1").arg(o.heartbeatError);
    lines << loadLine(o);
    return lines;
}

} // namespace

ReplicationSummary summarizeReplication(
    const NodeReplication &r, const NodeState *node, const QDateTime &now)
{
    ReplicationSummary s;
    QStringList lines;
    switch (r.side) {
    case NodeReplication::Side::None: return s;
    case NodeReplication::Side::Reported:
        s.worstLagSeconds = r.reportedLagSeconds;
        s.text = tr("lag %1 (reported)").arg(orUnknown(r.reportedLagSeconds));
        s.compact = tr("%1 reported").arg(orUnknown(r.reportedLagSeconds));
        s.detail = tr("The replication lag this endpoint reports in its health answer.");
        return s;
    case NodeReplication::Side::Upstream:
        summarizeUpstream(r, s);
        for (const ReplicationLink &link : r.standbys)
            lines << linkLine(link);
        break;
    case NodeReplication::Side::Standby:
        summarizeStandby(r, s);
        if (r.expectedLoss && !r.expectedLoss->unknownReason.isEmpty())
            lines << tr("expected loss: %1").arg(r.expectedLoss->unknownReason);
        if (r.expectedLoss && r.expectedLoss->bytesIsLowerBound)
            lines << tr("a lower bound: the primary may have written after it was last seen");
        break;
    }
    if (node && node->observation)
        lines += observationLines(*node->observation);
    if (r.stale && r.lastAnswerAt.isValid()) {
        // First, not last: a narrow column elides the end of the text, and a dead primary's
        // "2 of 2 standbys streaming" must never read as current.
        const QString ago = age(r.lastAnswerAt, now);
        s.text = tr("last seen %1 ago: %2").arg(ago, s.text);
        s.compact = tr("%1 ago: %2").arg(ago, s.compact);
        lines.prepend(tr("No answer since %1 (%2 ago): these are the figures of its last answer.")
                          .arg(DisplayText::clockTime(r.lastAnswerAt), ago));
    } else if (r.stale) {
        s.text = tr("stale: %1").arg(s.text);
        s.compact = tr("stale: %1").arg(s.compact);
    }
    s.warning = r.warning();
    s.detail = lines.join(QLatin1Char('\n'));
    return s;
}

} // namespace Console
