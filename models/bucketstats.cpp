#include "bucketstats.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>
#include <vector>

namespace Console {

namespace {

double nearestRank(std::vector<double> &values, double quantile)
{
    const auto rank = std::size_t(std::ceil(quantile * double(values.size())));
    const std::size_t index = std::clamp<std::size_t>(rank, 1, values.size()) - 1;
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(index), values.end());
    return values[index];
}

} // namespace

int firstSampleAtOrAfter(const TimeSeries &series, qint64 sinceMs)
{
    int low = 0;
    int high = series.size();
    while (low < high) {
        const int mid = low + (high - low) / 2;
        if (series.at(mid).tMs < sinceMs)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

qint64 rawTierStartMs(const TieredSeries &series)
{
    if (!series.raw || !series.minutes || series.raw->isEmpty()
        || series.raw->size() < series.raw->capacity())
        return TimeSeries::beginningOfTime;
    const qint64 oldestMinute = MinuteRollup::minuteOf(series.raw->at(0).tMs);
    const qint64 newestMinute = MinuteRollup::minuteOf(series.raw->latest().tMs);
    return std::min(oldestMinute + 1, newestMinute) * MinuteRollup::minuteMs;
}

QList<BucketStats> bucketStats(
    const QList<const TimeSeries *> &series, qint64 fromMs, qint64 toMs, int buckets)
{
    QList<TieredSeries> tiered;
    tiered.reserve(series.size());
    for (const TimeSeries *one : series)
        tiered.append(TieredSeries { one, nullptr });
    return tieredBucketStats(tiered, fromMs, toMs, buckets);
}

namespace {

// The summary of [fromMs, toMs) in `buckets` buckets: bucketOf maps a time in the window to its
// bucket, bounds maps a bucket to its (startMs, midMs).
template <typename BucketOf, typename Bounds>
QList<BucketStats> summarise(const QList<TieredSeries> &series, qint64 fromMs, qint64 toMs,
    std::size_t buckets, BucketOf bucketOf, Bounds bounds, Percentiles percentiles)
{
    QList<BucketStats> result;
    // Minutes summarised per bucket: sums weighted by each minute's count.
    struct Rolled
    {
        qint64 count = 0;
        double sum = 0;
        double p50Sum = 0;
        double p95Sum = 0;
        double min = 0;
        double max = 0;
    };
    std::vector<std::vector<double>> values(buckets, std::vector<double> {});
    std::vector<Rolled> rolled(buckets, Rolled {});
    for (const TieredSeries &one : series) {
        if (!one.raw)
            continue;
        const qint64 rawFrom = std::max(fromMs, rawTierStartMs(one));
        if (one.minutes && rawFrom > fromMs) {
            for (int i = one.minutes->firstAtOrAfter(fromMs); i < one.minutes->size(); ++i) {
                const MinuteRollup::Minute minute = one.minutes->at(i);
                if (minute.startMs() >= std::min(rawFrom, toMs))
                    break;
                Rolled &r = rolled[bucketOf(minute.startMs())];
                r.min = r.count == 0 ? minute.min : std::min(r.min, double(minute.min));
                r.max = r.count == 0 ? minute.max : std::max(r.max, double(minute.max));
                r.count += minute.count;
                r.sum += double(minute.mean) * minute.count;
                r.p50Sum += double(minute.p50) * minute.count;
                r.p95Sum += double(minute.p95) * minute.count;
            }
        }
        for (int i = firstSampleAtOrAfter(*one.raw, rawFrom); i < one.raw->size(); ++i) {
            const TimeSeries::Sample sample = one.raw->at(i);
            if (sample.tMs >= toMs)
                break;
            values[bucketOf(sample.tMs)].push_back(sample.value);
        }
    }
    for (std::size_t b = 0; b < buckets; ++b) {
        std::vector<double> &in = values[b];
        const Rolled &r = rolled[b];
        if (in.empty() && r.count == 0)
            continue;
        BucketStats stats;
        std::tie(stats.startMs, stats.midMs) = bounds(b);
        const auto rawCount = qint64(in.size());
        stats.count = int(rawCount + r.count);
        double sum = r.sum;
        stats.min = r.count > 0 ? r.min : in.front();
        stats.max = r.count > 0 ? r.max : in.front();
        for (double v : in) {
            sum += v;
            stats.min = std::min(stats.min, v);
            stats.max = std::max(stats.max, v);
        }
        stats.sum = sum;
        stats.mean = sum / double(stats.count);
        if (percentiles == Percentiles::Compute) {
            const double rawP95 = in.empty() ? 0.0 : nearestRank(in, 0.95);
            const double rawP50 = in.empty() ? 0.0 : nearestRank(in, 0.50);
            if (r.count == 0) {
                stats.p95 = rawP95;
                stats.p50 = rawP50;
            } else {
                stats.p95 = (rawP95 * double(rawCount) + r.p95Sum) / double(stats.count);
                stats.p50 = (rawP50 * double(rawCount) + r.p50Sum) / double(stats.count);
            }
        }
        result.append(stats);
    }
    return result;
}

} // namespace

QList<BucketStats> tieredBucketStats(
    const QList<TieredSeries> &series, qint64 fromMs, qint64 toMs, int buckets)
{
    if (buckets < 1 || toMs <= fromMs)
        return {};
    const double width = double(toMs - fromMs) / double(buckets);
    const auto bucketOf = [fromMs, width, buckets](qint64 tMs) {
        return std::min<std::size_t>(
            std::size_t(double(tMs - fromMs) / width), std::size_t(buckets - 1));
    };
    const auto bounds = [fromMs, width](std::size_t b) {
        return std::pair { fromMs + qint64(std::llround(double(b) * width)),
            fromMs + qint64(std::llround((double(b) + 0.5) * width)) };
    };
    return summarise(
        series, fromMs, toMs, std::size_t(buckets), bucketOf, bounds, Percentiles::Compute);
}

qint64 alignedBucketOf(qint64 tMs, qint64 widthMs)
{
    qint64 index = tMs / widthMs;
    if (tMs % widthMs < 0)
        --index;
    return index;
}

QList<BucketStats> alignedBucketStats(const QList<TieredSeries> &series, qint64 fromMs, qint64 toMs,
    qint64 widthMs, Percentiles percentiles)
{
    if (widthMs < 1 || toMs <= fromMs)
        return {};
    const qint64 first = alignedBucketOf(fromMs, widthMs);
    const qint64 last = alignedBucketOf(toMs - 1, widthMs);
    const auto bucketOf = [first, widthMs](qint64 tMs) {
        return std::size_t(alignedBucketOf(tMs, widthMs) - first);
    };
    const auto bounds = [first, widthMs, fromMs, toMs](std::size_t b) {
        const qint64 start = std::max(fromMs, (first + qint64(b)) * widthMs);
        const qint64 end = std::min(toMs, (first + qint64(b) + 1) * widthMs);
        return std::pair { start, start + (end - start) / 2 };
    };
    return summarise(
        series, fromMs, toMs, std::size_t(last - first + 1), bucketOf, bounds, percentiles);
}

BucketStats windowTotals(const TieredSeries &series, qint64 fromMs, qint64 toMs)
{
    BucketStats stats;
    stats.startMs = fromMs;
    stats.midMs = fromMs + (toMs - fromMs) / 2;
    if (!series.raw || toMs <= fromMs)
        return stats;
    double sum = 0;
    qint64 count = 0;
    const auto take = [&stats, &sum, &count](double min, double max, double total, qint64 n) {
        stats.min = count == 0 ? min : std::min(stats.min, min);
        stats.max = count == 0 ? max : std::max(stats.max, max);
        sum += total;
        count += n;
    };
    const qint64 rawFrom = std::max(fromMs, rawTierStartMs(series));
    if (series.minutes && rawFrom > fromMs) {
        for (int i = series.minutes->firstAtOrAfter(fromMs); i < series.minutes->size(); ++i) {
            const MinuteRollup::Minute minute = series.minutes->at(i);
            if (minute.startMs() >= std::min(rawFrom, toMs))
                break;
            take(minute.min, minute.max, double(minute.mean) * minute.count, minute.count);
        }
    }
    for (int i = firstSampleAtOrAfter(*series.raw, rawFrom); i < series.raw->size(); ++i) {
        const TimeSeries::Sample sample = series.raw->at(i);
        if (sample.tMs >= toMs)
            break;
        take(sample.value, sample.value, sample.value, 1);
    }
    stats.count = int(count);
    stats.sum = sum;
    stats.mean = count > 0 ? sum / double(count) : 0.0;
    return stats;
}

QList<QPointF> tieredPoints(const TieredSeries &series, qint64 fromMs, qint64 toMs)
{
    QList<QPointF> points;
    if (!series.raw || toMs <= fromMs)
        return points;
    const qint64 rawFrom = std::max(fromMs, rawTierStartMs(series));
    const int firstRaw = firstSampleAtOrAfter(*series.raw, rawFrom);
    if (series.minutes && rawFrom > fromMs) {
        const int firstMinute = series.minutes->firstAtOrAfter(fromMs);
        points.reserve(2 * (series.minutes->size() - firstMinute) + series.raw->size() - firstRaw);
        for (int i = firstMinute; i < series.minutes->size(); ++i) {
            const MinuteRollup::Minute minute = series.minutes->at(i);
            if (minute.startMs() >= std::min(rawFrom, toMs))
                break;
            const qint64 quarter = MinuteRollup::minuteMs / 4;
            points.append(QPointF(double(minute.startMs() + quarter), minute.min));
            points.append(QPointF(double(minute.startMs() + 3 * quarter), minute.max));
        }
    } else {
        points.reserve(series.raw->size() - firstRaw);
    }
    for (int i = firstRaw; i < series.raw->size(); ++i) {
        const TimeSeries::Sample sample = series.raw->at(i);
        if (sample.tMs >= toMs)
            break;
        points.append(QPointF(double(sample.tMs), sample.value));
    }
    return points;
}

} // namespace Console
