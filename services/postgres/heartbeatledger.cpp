#include "heartbeatledger.h"

#include <algorithm>

#include <QCoreApplication>

namespace Console {

void HeartbeatLedger::recordAcknowledged(
    const QString &primaryId, qint64 seq, const QDateTime &writtenAt)
{
    History &history = m_acknowledged[primaryId];
    // A late or repeated answer never moves a primary's mark back.
    if (!history.marks.isEmpty() && history.marks.constLast().seq >= seq)
        return;
    const bool newest = seq >= highestAcknowledged();
    history.marks.append(HeartbeatMark { seq, writtenAt });
    if (history.marks.size() > HistoryLimit) {
        history.marks.removeFirst();
        history.truncated = true;
    }
    if (newest)
        m_newestWriter = primaryId;
}

void HeartbeatLedger::recordSeen(const QString &nodeId, qint64 seq, const QDateTime &writtenAt)
{
    m_seen.insert(nodeId, HeartbeatMark { seq, writtenAt });
}

std::optional<HeartbeatMark> HeartbeatLedger::lastAcknowledged(const QString &primaryId) const
{
    const auto it = m_acknowledged.constFind(primaryId);
    if (it == m_acknowledged.cend() || it->marks.isEmpty())
        return std::nullopt;
    return it->marks.constLast();
}

std::optional<HeartbeatMark> HeartbeatLedger::lastSeen(const QString &nodeId) const
{
    const auto it = m_seen.constFind(nodeId);
    return it == m_seen.cend() ? std::nullopt : std::optional<HeartbeatMark>(*it);
}

qint64 HeartbeatLedger::highestAcknowledged() const
{
    const std::optional<HeartbeatMark> newest = lastAcknowledged(m_newestWriter);
    return newest ? newest->seq : 0;
}

std::optional<qint64> HeartbeatLedger::sequencesBehind(
    const QString &primaryId, const QString &replicaId) const
{
    const std::optional<HeartbeatMark> acknowledged = lastAcknowledged(primaryId);
    if (!acknowledged)
        return std::nullopt;
    const std::optional<HeartbeatMark> seen = lastSeen(replicaId);
    return countAfter(*m_acknowledged.constFind(primaryId), seen ? seen->seq : 0);
}

std::optional<qint64> HeartbeatLedger::sequencesBehindNewest(const QString &replicaId) const
{
    if (m_newestWriter.isEmpty() || m_newestWriter == replicaId)
        return std::nullopt;
    return sequencesBehind(m_newestWriter, replicaId);
}

std::optional<double> HeartbeatLedger::secondsBehindNewest(
    const QString &replicaId, const QDateTime &now) const
{
    if (m_newestWriter.isEmpty() || m_newestWriter == replicaId || !now.isValid())
        return std::nullopt;
    const std::optional<HeartbeatMark> seen = lastSeen(replicaId);
    const QList<HeartbeatMark> &marks = m_acknowledged.constFind(m_newestWriter)->marks;
    const qint64 held = seen ? seen->seq : 0;
    const auto firstMissing = std::upper_bound(marks.cbegin(), marks.cend(), held,
        [](qint64 seq, const HeartbeatMark &mark) { return seq < mark.seq; });
    if (firstMissing == marks.cend())
        return 0.0;
    if (!firstMissing->writtenAt.isValid())
        return std::nullopt;
    return std::max(0.0, double(firstMissing->writtenAt.msecsTo(now)) / 1000.0);
}

RpoEstimate HeartbeatLedger::rpoAfterPromotion(
    const QString &oldPrimaryId, const QString &promotedId) const
{
    RpoEstimate estimate;
    const std::optional<HeartbeatMark> acknowledged = lastAcknowledged(oldPrimaryId);
    const std::optional<HeartbeatMark> seen = lastSeen(promotedId);
    if (!acknowledged) {
        estimate.unknownReason = QCoreApplication::translate(
            "Console::HeartbeatLedger", "%1 never acknowledged a heartbeat")
                                     .arg(oldPrimaryId);
        return estimate;
    }
    if (!seen) {
        estimate.unknownReason = QCoreApplication::translate(
            "Console::HeartbeatLedger", "no heartbeat was ever read from %1")
                                     .arg(promotedId);
        return estimate;
    }
    return rpoIfHolding(oldPrimaryId, *seen);
}

RpoEstimate HeartbeatLedger::rpoIfHolding(
    const QString &oldPrimaryId, const HeartbeatMark &held) const
{
    RpoEstimate estimate;
    const std::optional<HeartbeatMark> acknowledged = lastAcknowledged(oldPrimaryId);
    if (!acknowledged) {
        estimate.unknownReason = QCoreApplication::translate(
            "Console::HeartbeatLedger", "%1 never acknowledged a heartbeat")
                                     .arg(oldPrimaryId);
        return estimate;
    }
    estimate.known = true;
    estimate.lastAcknowledged = acknowledged->seq;
    estimate.newestOnPromoted = held.seq;
    const History &history = *m_acknowledged.constFind(oldPrimaryId);
    estimate.rowsLost = countAfter(history, held.seq);
    estimate.rowsLostIsLowerBound = history.truncated && estimate.rowsLost == history.marks.size();
    if (estimate.rowsLost > 0 && acknowledged->writtenAt.isValid()) {
        // Without a surviving row, the span runs from the oldest acknowledgement kept.
        const QDateTime from
            = held.writtenAt.isValid() ? held.writtenAt : history.marks.constFirst().writtenAt;
        if (from.isValid())
            estimate.secondsLost = qMax<qint64>(0, from.msecsTo(acknowledged->writtenAt)) / 1000.0;
    }
    return estimate;
}

qint64 HeartbeatLedger::countAfter(const History &history, qint64 seq)
{
    qint64 count = 0;
    for (auto it = history.marks.crbegin(); it != history.marks.crend() && it->seq > seq; ++it)
        ++count;
    return count;
}

void HeartbeatLedger::clear()
{
    m_acknowledged.clear();
    m_seen.clear();
    m_newestWriter.clear();
}

} // namespace Console
