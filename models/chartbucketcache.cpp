#include "chartbucketcache.h"

#include <algorithm>
#include <limits>

namespace Console {

ChartBucketCache::Seen ChartBucketCache::seen(const TieredSeries &series)
{
    Seen seen;
    seen.raw = series.raw;
    seen.minutes = series.minutes;
    if (series.raw) {
        seen.rawSerial = series.raw->serial();
        seen.appended = series.raw->appendedCount();
        seen.size = series.raw->size();
        seen.oldestMs = series.raw->isEmpty() ? 0 : series.raw->at(0).tMs;
    }
    if (series.minutes) {
        seen.minutesSerial = series.minutes->serial();
        seen.closed = series.minutes->closedCount();
    }
    seen.rawTierStartMs = rawTierStartMs(series);
    return seen;
}

void ChartBucketCache::clear()
{
    m_seen.clear();
    m_buckets.clear();
    m_widthMs = 0;
}

void ChartBucketCache::forgetFrom(qint64 tMs)
{
    m_buckets.erase(m_buckets.lower_bound(alignedBucketOf(tMs, m_widthMs)), m_buckets.end());
}

void ChartBucketCache::forgetRange(qint64 fromMs, qint64 toMs)
{
    if (toMs <= fromMs)
        return;
    m_buckets.erase(m_buckets.lower_bound(alignedBucketOf(fromMs, m_widthMs)),
        m_buckets.upper_bound(alignedBucketOf(toMs - 1, m_widthMs)));
}

bool ChartBucketCache::forgetChanged(const Seen &before, const TieredSeries &now)
{
    if (before.raw != now.raw || before.minutes != now.minutes)
        return false;
    if (!now.raw)
        return true; // a series without samples is not read
    const TimeSeries &raw = *now.raw;
    if (before.rawSerial != raw.serial() || before.appended > raw.appendedCount())
        return false;
    const quint64 added = raw.appendedCount() - before.appended;
    if (added > 0) {
        if (added >= quint64(raw.size()))
            return false;
        // Samples come in time order, but a late one belongs where its time says.
        qint64 earliest = std::numeric_limits<qint64>::max();
        for (int i = raw.size() - int(added); i < raw.size(); ++i)
            earliest = std::min(earliest, raw.at(i).tMs);
        forgetFrom(earliest);
        // The ring dropped its oldest samples: the buckets they were read into lose them. Those
        // before the raw tier's start were not read (the range below covers its move).
        if (quint64(before.size) + added > quint64(raw.capacity()))
            forgetRange(std::max(before.oldestMs, before.rawTierStartMs), raw.at(0).tMs + 1);
    }
    // A minute is read in place of raw samples only before the raw tier's start: one completed
    // after it matters once that start passes it, which the range below covers.
    const qint64 rawStart = rawTierStartMs(now);
    if (now.minutes) {
        const MinuteRollup &minutes = *now.minutes;
        if (before.minutesSerial != minutes.serial() || before.closed > minutes.closedCount())
            return false;
        const quint64 closed = minutes.closedCount() - before.closed;
        if (closed >= quint64(minutes.size()) && closed > 0)
            return false;
        for (int i = minutes.size() - int(closed); i < minutes.size(); ++i) {
            const qint64 startMs = minutes.at(i).startMs();
            if (startMs < rawStart)
                forgetRange(startMs, startMs + 1);
        }
    }
    // Between the old and the new start of the raw tier, samples gave way to minutes.
    forgetRange(
        std::min(rawStart, before.rawTierStartMs), std::max(rawStart, before.rawTierStartMs));
    return true;
}

QList<BucketStats> ChartBucketCache::stats(const QList<TieredSeries> &series, qint64 fromMs,
    qint64 toMs, qint64 widthMs, Percentiles percentiles)
{
    QList<BucketStats> result;
    walk(series, fromMs, toMs, widthMs, percentiles,
        [&result](const BucketStats &bucket) { result.append(bucket); });
    return result;
}

BucketStats ChartBucketCache::totals(
    const QList<TieredSeries> &series, qint64 fromMs, qint64 toMs, qint64 widthMs)
{
    BucketStats window;
    window.startMs = fromMs;
    window.midMs = fromMs + (toMs - fromMs) / 2;
    walk(series, fromMs, toMs, widthMs, Percentiles::Skip, [&window](const BucketStats &bucket) {
        window.min = window.count == 0 ? bucket.min : std::min(window.min, bucket.min);
        window.max = window.count == 0 ? bucket.max : std::max(window.max, bucket.max);
        window.count += bucket.count;
        window.sum += bucket.sum;
    });
    window.mean = window.count > 0 ? window.sum / double(window.count) : 0.0;
    return window;
}

void ChartBucketCache::walk(const QList<TieredSeries> &series, qint64 fromMs, qint64 toMs,
    qint64 widthMs, Percentiles percentiles, const std::function<void(const BucketStats &)> &visit)
{
    m_computed = 0;
    if (widthMs < 1 || toMs <= fromMs)
        return;
    bool keep = widthMs == m_widthMs && percentiles == m_percentiles
        && m_seen.size() == std::size_t(series.size());
    m_widthMs = widthMs;
    m_percentiles = percentiles;
    for (qsizetype i = 0; keep && i < series.size(); ++i)
        keep = forgetChanged(m_seen[std::size_t(i)], series[i]);
    if (!keep)
        m_buckets.clear();
    m_seen.clear();
    for (const TieredSeries &one : series)
        m_seen.push_back(seen(one));

    const qint64 first = alignedBucketOf(fromMs, widthMs);
    const qint64 last = alignedBucketOf(toMs - 1, widthMs);
    // What the window left behind is never asked for again.
    m_buckets.erase(m_buckets.begin(), m_buckets.lower_bound(first));
    // Only a bucket wholly inside the window holds what it will hold next time (but for changes).
    const auto whole = [fromMs, toMs, widthMs](
                           qint64 k) { return k * widthMs >= fromMs && (k + 1) * widthMs <= toMs; };
    // The buckets are visited in order, so the cached ones are found by walking the map along.
    auto at = m_buckets.begin();
    const auto cached = [this, &at, &whole](qint64 k) {
        while (at != m_buckets.end() && at->first < k)
            ++at;
        return at != m_buckets.end() && at->first == k && whole(k);
    };
    qint64 k = first;
    while (k <= last) {
        if (cached(k)) {
            if (at->second.count > 0)
                visit(at->second);
            ++k;
            continue;
        }
        // The run of buckets up to the next cached one, summarised in one pass.
        qint64 end = k;
        while (end < last && !cached(end + 1))
            ++end;
        const QList<BucketStats> fresh = alignedBucketStats(series, std::max(fromMs, k * widthMs),
            std::min(toMs, (end + 1) * widthMs), widthMs, percentiles);
        m_computed += int(end - k + 1);
        qsizetype next = 0;
        for (qint64 j = k; j <= end; ++j) {
            BucketStats b;
            if (next < fresh.size() && alignedBucketOf(fresh[next].startMs, widthMs) == j) {
                b = fresh[next++];
                visit(b);
            } else {
                b.startMs = j * widthMs; // no samples: remembered as such
            }
            if (whole(j))
                m_buckets.insert_or_assign(j, b); // `at` stays valid: std::map
        }
        k = end + 1;
    }
}

} // namespace Console
