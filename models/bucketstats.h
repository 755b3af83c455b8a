#pragma once

#include "minuterollup.h"
#include "timeseries.h"

#include <QList>

namespace Console {

// One pixel-column's worth of samples, summarised for a chart: the p50/p95 of latency, the mean
// of success (1 - error rate), the worst lag.
struct BucketStats
{
    qint64 startMs = 0;
    qint64 midMs = 0; // where the chart draws the bucket
    int count = 0;
    double sum = 0; // of the values, so that buckets add up to a window's mean
    double p50 = 0;
    double p95 = 0;
    double mean = 0;
    double min = 0;
    double max = 0;
};

// One chart series in its two tiers (TimeSeriesStore): the raw samples, and the completed
// minutes that stand in for the samples the raw ring buffer dropped. minutes may be null.
struct TieredSeries
{
    const TimeSeries *raw = nullptr;
    const MinuteRollup *minutes = nullptr;
};

// Where a series' raw samples take over from its minutes: the first minute boundary after the
// oldest raw sample once the ring buffer is full (the minute it starts in may be partial), but
// never past the newest sample's minute; the beginning of time while nothing was dropped.
qint64 rawTierStartMs(const TieredSeries &series);

// Splits [fromMs, toMs) into `buckets` equal buckets and summarises the samples of all `series`
// that fall in each (several series merge, as a region's endpoints do). Empty buckets are left
// out, so a gap in probing stays a gap. Percentiles are nearest-rank. Cost: the samples in the
// window plus a binary search per series; nothing outside the window is read.
QList<BucketStats> bucketStats(
    const QList<const TimeSeries *> &series, qint64 fromMs, qint64 toMs, int buckets);
// bucketStats() over two tiers: before each series' rawTierStartMs() a minute counts in the bucket
// it starts in, with its count; count, min, max and mean stay exact, and a bucket's p50/p95 there
// is the count-weighted mean of its minutes' p50/p95 (and of the raw percentile, when a bucket
// holds both), an approximation that follows a spike without inventing one.
QList<BucketStats> tieredBucketStats(
    const QList<TieredSeries> &series, qint64 fromMs, qint64 toMs, int buckets);
// tieredBucketStats() on buckets aligned to absolute time rather than to fromMs: bucket k covers
// [k * widthMs, (k + 1) * widthMs), cut to [fromMs, toMs) at the window's two ends (startMs and
// midMs then describe the part inside). A bucket wholly inside the window therefore holds the same
// samples whenever it is asked for, until samples arrive in it or the raw tier's start passes
// it, which is what lets ChartBucketCache keep it. Without percentiles, p50 and p95 stay 0 and
// the cost is a pass over the samples.
enum class Percentiles { Compute, Skip };
QList<BucketStats> alignedBucketStats(const QList<TieredSeries> &series, qint64 fromMs, qint64 toMs,
    qint64 widthMs, Percentiles percentiles = Percentiles::Compute);
// The index of the aligned bucket holding tMs (floor division, also before 1970).
qint64 alignedBucketOf(qint64 tMs, qint64 widthMs);
// One series over [fromMs, toMs) as a single bucket of count, min, max and mean (no
// percentiles, so cheap enough to rank many series); count 0 when nothing falls in it.
BucketStats windowTotals(const TieredSeries &series, qint64 fromMs, qint64 toMs);
// One series' points in [fromMs, toMs) for a peak-keeping downsampler: the raw samples, and
// before rawTierStartMs() each minute as its min (at a quarter of it) and max (at three quarters).
QList<QPointF> tieredPoints(const TieredSeries &series, qint64 fromMs, qint64 toMs);

// Index of the first sample with tMs >= sinceMs (size() if none): samples are in time order.
int firstSampleAtOrAfter(const TimeSeries &series, qint64 sinceMs);

} // namespace Console
