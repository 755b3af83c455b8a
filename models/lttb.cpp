#include "lttb.h"

#include <cmath>

namespace Console {

QList<QPointF> lttb(const QList<QPointF> &points, int threshold)
{
    const qsizetype size = points.size();
    if (threshold >= size || threshold < 2)
        return points;
    if (threshold == 2)
        return { points.first(), points.last() };

    QList<QPointF> sampled;
    sampled.reserve(threshold);
    sampled.append(points.first());
    // Buckets cover the points strictly between the first and the last.
    const double every = double(size - 2) / double(threshold - 2);
    qsizetype chosen = 0;
    for (int bucket = 0; bucket < threshold - 2; ++bucket) {
        const qsizetype begin = qsizetype(std::floor(bucket * every)) + 1;
        const qsizetype end
            = std::min<qsizetype>(qsizetype(std::floor((bucket + 1) * every)) + 1, size - 1);
        // The next bucket's mean is the third corner; the last bucket's is the last point.
        const qsizetype nextBegin = end;
        const qsizetype nextEnd
            = std::min<qsizetype>(qsizetype(std::floor((bucket + 2) * every)) + 1, size);
        double meanX = 0;
        double meanY = 0;
        const qsizetype nextCount = std::max<qsizetype>(1, nextEnd - nextBegin);
        for (qsizetype i = nextBegin; i < nextBegin + nextCount && i < size; ++i) {
            meanX += points[i].x();
            meanY += points[i].y();
        }
        meanX /= double(nextCount);
        meanY /= double(nextCount);

        const QPointF a = points[chosen];
        double largest = -1;
        qsizetype best = begin;
        for (qsizetype i = begin; i < end; ++i) {
            const double area = std::abs((a.x() - meanX) * (points[i].y() - a.y())
                - (a.x() - points[i].x()) * (meanY - a.y()));
            if (area > largest) {
                largest = area;
                best = i;
            }
        }
        sampled.append(points[best]);
        chosen = best;
    }
    sampled.append(points.last());
    return sampled;
}

QList<QPointF> minMaxBuckets(const QList<QPointF> &points, int threshold)
{
    const qsizetype size = points.size();
    if (threshold >= size || threshold < 2)
        return points;
    if (threshold < 4)
        return { points.first(), points.last() };

    const int buckets = (threshold - 2) / 2;
    QList<QPointF> sampled;
    sampled.reserve(threshold);
    sampled.append(points.first());
    const double every = double(size - 2) / double(buckets);
    for (int bucket = 0; bucket < buckets; ++bucket) {
        const qsizetype begin = qsizetype(std::floor(bucket * every)) + 1;
        const qsizetype end
            = std::min<qsizetype>(qsizetype(std::floor((bucket + 1) * every)) + 1, size - 1);
        if (begin >= end)
            continue;
        qsizetype low = begin;
        qsizetype high = begin;
        for (qsizetype i = begin + 1; i < end; ++i) {
            if (points[i].y() < points[low].y())
                low = i;
            if (points[i].y() > points[high].y())
                high = i;
        }
        sampled.append(points[std::min(low, high)]);
        if (low != high)
            sampled.append(points[std::max(low, high)]);
    }
    sampled.append(points.last());
    return sampled;
}

} // namespace Console
