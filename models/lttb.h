#pragma once

#include <QList>
#include <QPointF>

namespace Console {

// Downsamplers that keep a series' shape in about as many points as the plot has pixels, so a
// 24-hour window costs the chart the same to draw as a 5-minute one. Points must be in x order.

// Largest-Triangle-Three-Buckets (Steinarsson, 2013): the first and last points, and from each
// of threshold - 2 equal buckets between them the point that spans the largest triangle with its
// neighbours. Returns the input when threshold >= its size or threshold < 2.
QList<QPointF> lttb(const QList<QPointF> &points, int threshold);

// The smallest and largest point of each of threshold / 2 equal buckets, in x order, plus the
// first and last points: every peak survives, which matters more than shape for lag. At most
// threshold points (only the first and last below 4); the input when threshold >= its size or
// threshold < 2.
QList<QPointF> minMaxBuckets(const QList<QPointF> &points, int threshold);

} // namespace Console
