#pragma once

#include "bucketstats.h"

#include <QList>

#include <functional>
#include <map>
#include <vector>

namespace Console {

// alignedBucketStats() of one chart line (a set of series merged) kept from one redraw to the
// next: a bucket wholly inside an earlier window is reused until a sample arrives in it, a minute
// completes in it, or a series' raw tier start moves across it, so a live redraw computes the
// newest bucket and the window's two cut ends, not the whole window. The result always equals
// alignedBucketStats() of the same series and window (tst_chartbucketcache).
class ChartBucketCache final
{
public:
    // Same arguments and result as alignedBucketStats(). The series must be the same objects
    // from call to call for the cache to help; any other set, order or width starts it afresh.
    QList<BucketStats> stats(const QList<TieredSeries> &series, qint64 fromMs, qint64 toMs,
        qint64 widthMs, Percentiles percentiles = Percentiles::Compute);
    // The window as one bucket (count, sum, mean, min, max; no percentiles) from the same cache,
    // for ranking many series cheaply: windowTotals() of one series, the mean summed per bucket.
    BucketStats totals(
        const QList<TieredSeries> &series, qint64 fromMs, qint64 toMs, qint64 widthMs);
    void clear();

    int cachedBuckets() const { return int(m_buckets.size()); }
    // Buckets the last stats() call summarised from samples rather than took from the cache.
    int computedLastTime() const { return m_computed; }

private:
    struct Seen
    {
        const TimeSeries *raw = nullptr;
        const MinuteRollup *minutes = nullptr;
        quint64 rawSerial = 0;
        quint64 appended = 0;
        int size = 0;
        qint64 oldestMs = 0;
        quint64 minutesSerial = 0;
        quint64 closed = 0;
        qint64 rawTierStartMs = 0;
    };
    static Seen seen(const TieredSeries &series);
    // Visits the window's non-empty buckets in time order, cached or summarised.
    void walk(const QList<TieredSeries> &series, qint64 fromMs, qint64 toMs, qint64 widthMs,
        Percentiles percentiles, const std::function<void(const BucketStats &)> &visit);
    // Drops the buckets the changes since `before` may have altered; false when nothing can be
    // kept.
    bool forgetChanged(const Seen &before, const TieredSeries &now);
    void forgetFrom(qint64 tMs);
    void forgetRange(qint64 fromMs, qint64 toMs);

    std::vector<Seen> m_seen;
    qint64 m_widthMs = 0;
    Percentiles m_percentiles = Percentiles::Compute;
    // By aligned bucket index; count 0 for a bucket without samples.
    std::map<qint64, BucketStats> m_buckets;
    int m_computed = 0;
};

} // namespace Console
