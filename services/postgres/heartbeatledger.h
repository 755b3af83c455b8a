#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace Console {

// One heartbeat row: its sequence number and the writing primary's clock when it was written.
struct HeartbeatMark
{
    qint64 seq = 0;
    QDateTime writtenAt;
};

// What a promotion lost, measured with the console's own heartbeat rows.
struct RpoEstimate
{
    bool known = false;
    QString unknownReason; // when !known
    qint64 lastAcknowledged = 0; // the old primary's newest committed heartbeat
    qint64 newestOnPromoted = 0; // the newest heartbeat the promoted node holds
    // Heartbeats the old primary acknowledged that the promoted node lacks, >= 0. Counted from
    // the acknowledgements themselves (sequences may have gaps when writers changed).
    qint64 rowsLost = 0;
    bool rowsLostIsLowerBound = false; // older acknowledgements fell out of the bounded history
    // The old primary's time between the newest row that survived and the last one it
    // acknowledged, >= 0: writes in that span may be lost (one probe interval of resolution).
    double secondsLost = 0;
};

// Pure bookkeeping of heartbeats, no I/O: what each primary endpoint acknowledged (the write
// committed) and the newest row each endpoint was seen to hold. Shared by the probers of one
// deployment so a replica's lag can be counted in heartbeats and a promotion's data loss
// measured. Sequences are global: a writer continues after the highest acknowledged one.
class HeartbeatLedger final
{
public:
    // Acknowledgements kept per primary: about an hour at one probe a second.
    static constexpr qsizetype HistoryLimit = 4096;

    void recordAcknowledged(const QString &primaryId, qint64 seq, const QDateTime &writtenAt);
    // The newest row `nodeId` holds, read from it; the latest reading wins (a rebuilt node may
    // hold less than before).
    void recordSeen(const QString &nodeId, qint64 seq, const QDateTime &writtenAt);

    std::optional<HeartbeatMark> lastAcknowledged(const QString &primaryId) const;
    std::optional<HeartbeatMark> lastSeen(const QString &nodeId) const;
    // 0 when nothing was acknowledged yet.
    qint64 highestAcknowledged() const;

    // Acknowledged heartbeats `replicaId` does not hold yet, >= 0 (counted, not subtracted).
    std::optional<qint64> sequencesBehind(const QString &primaryId, const QString &replicaId) const;
    // The same against whichever primary acknowledged the highest sequence.
    std::optional<qint64> sequencesBehindNewest(const QString &replicaId) const;

    // How long the oldest acknowledged heartbeat that `replicaId` lacks has been waiting, at the
    // replica's clock `now`: 0 when it holds everything the newest writer acknowledged. Unlike
    // "now minus the newest row held" this has no one-interval sawtooth on an idle primary.
    std::optional<double> secondsBehindNewest(const QString &replicaId, const QDateTime &now) const;

    // Call once the promoted node has been read after its promotion (its first probe reads
    // before it writes), so lastSeen(promotedId) is what it held when it took over.
    RpoEstimate rpoAfterPromotion(const QString &oldPrimaryId, const QString &promotedId) const;
    // The same, given the newest of the old primary's heartbeats the promoted node holds, read
    // from it right after its promotion (seq 0: it holds none); exact, unlike the last probe.
    RpoEstimate rpoIfHolding(const QString &oldPrimaryId, const HeartbeatMark &held) const;

    void clear();

private:
    struct History
    {
        QList<HeartbeatMark> marks; // ascending seq, at most HistoryLimit
        bool truncated = false;
    };

    // Acknowledgements after `seq`: sequences may have gaps (another writer took numbers).
    static qint64 countAfter(const History &history, qint64 seq);

    QHash<QString, History> m_acknowledged;
    QHash<QString, HeartbeatMark> m_seen;
    QString m_newestWriter;
};

} // namespace Console
