#include "bucketstats.h"

#include <algorithm>
#include <cmath>
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

QList<BucketStats> bucketStats(
    const QList<const TimeSeries *> &series, qint64 fromMs, qint64 toMs, int buckets)
{
    QList<BucketStats> result;
    if (buckets < 1 || toMs <= fromMs)
        return result;
    const double width = double(toMs - fromMs) / double(buckets);
    std::vector<std::vector<double>> values(std::size_t(buckets), std::vector<double> {});
    for (const TimeSeries *one : series) {
        if (!one)
            continue;
        for (int i = firstSampleAtOrAfter(*one, fromMs); i < one->size(); ++i) {
            const TimeSeries::Sample sample = one->at(i);
            if (sample.tMs >= toMs)
                break;
            const auto bucket = std::min<std::size_t>(
                std::size_t(double(sample.tMs - fromMs) / width), std::size_t(buckets - 1));
            values[bucket].push_back(sample.value);
        }
    }
    for (int b = 0; b < buckets; ++b) {
        std::vector<double> &in = values[std::size_t(b)];
        if (in.empty())
            continue;
        BucketStats stats;
        stats.startMs = fromMs + qint64(std::llround(b * width));
        stats.midMs = fromMs + qint64(std::llround((b + 0.5) * width));
        stats.count = int(in.size());
        double sum = 0;
        stats.min = in.front();
        stats.max = in.front();
        for (double v : in) {
            sum += v;
            stats.min = std::min(stats.min, v);
            stats.max = std::max(stats.max, v);
        }
        stats.mean = sum / double(in.size());
        stats.p95 = nearestRank(in, 0.95);
        stats.p50 = nearestRank(in, 0.50);
        result.append(stats);
    }
    return result;
}

} // namespace Console
