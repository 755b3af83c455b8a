#pragma once

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
    double p50 = 0;
    double p95 = 0;
    double mean = 0;
    double min = 0;
    double max = 0;
};

// Splits [fromMs, toMs) into `buckets` equal buckets and summarises the samples of all `series`
// that fall in each (several series merge, as a region's endpoints do). Empty buckets are left
// out, so a gap in probing stays a gap. Percentiles are nearest-rank. Cost: the samples in the
// window plus a binary search per series; nothing outside the window is read.
QList<BucketStats> bucketStats(
    const QList<const TimeSeries *> &series, qint64 fromMs, qint64 toMs, int buckets);

// Index of the first sample with tMs >= sinceMs (size() if none): samples are in time order.
int firstSampleAtOrAfter(const TimeSeries &series, qint64 sinceMs);

} // namespace Console
