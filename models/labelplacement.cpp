#include "labelplacement.h"

#include <algorithm>
#include <limits>
#include <optional>

namespace Console::LabelPlacement {

namespace {

// Between a marker's square and a label beside it.
constexpr double Gap = 2;
// The length of the leader line to a label that stands further out.
constexpr double Leader = 14;

double overlapArea(const QRectF &a, const QRectF &b)
{
    const QRectF both = a.intersected(b);
    return both.isEmpty() ? 0 : both.width() * both.height();
}

bool crosses(const QLineF &line, const QRectF &rect)
{
    if (rect.contains(line.p1()) || rect.contains(line.p2()))
        return true;
    const QLineF edges[] = { QLineF(rect.topLeft(), rect.topRight()),
        QLineF(rect.topRight(), rect.bottomRight()), QLineF(rect.bottomRight(), rect.bottomLeft()),
        QLineF(rect.bottomLeft(), rect.topLeft()) };
    for (const QLineF &edge : edges) {
        if (line.intersects(edge, nullptr) == QLineF::BoundedIntersection)
            return true;
    }
    return false;
}

} // namespace

QLineF leaderLine(const QPointF &anchor, const QRectF &rect)
{
    return QLineF(anchor,
        QPointF(std::clamp(anchor.x(), rect.left(), rect.right()),
            std::clamp(anchor.y(), rect.top(), rect.bottom())));
}

QList<Placement> place(
    const QList<Request> &requests, const QList<QRectF> &obstacles, const QRectF &bounds)
{
    QList<Placement> result;
    result.reserve(requests.size());
    QList<QRectF> placed;
    placed.reserve(requests.size());
    QList<QLineF> leaders;

    auto hidesSomething
        = [&placed, &leaders, &obstacles](const QRectF &rect, const std::optional<QLineF> &leader) {
              const QRectF spaced = rect.adjusted(-Spacing, -Spacing, Spacing, Spacing);
              for (const QRectF &other : std::as_const(placed)) {
                  if (spaced.intersects(other) || (leader && crosses(*leader, other)))
                      return true;
              }
              for (const QLineF &line : std::as_const(leaders)) {
                  if (crosses(line, spaced))
                      return true;
              }
              for (const QRectF &obstacle : obstacles) {
                  if (rect.intersects(obstacle))
                      return true;
              }
              return false;
          };
    // What a label would hide, and how much of it would be out of view, for the last resort.
    auto badness = [&placed, &obstacles, &bounds](const QRectF &rect) {
        double area = rect.width() * rect.height() - overlapArea(rect, bounds);
        for (const QRectF &other : std::as_const(placed))
            area += overlapArea(rect, other);
        for (const QRectF &obstacle : obstacles)
            area += overlapArea(rect, obstacle);
        return area;
    };

    for (const Request &request : requests) {
        const QList<QRectF> &candidates = request.candidates;
        Placement placement;
        if (candidates.isEmpty()) {
            result.append(placement);
            continue;
        }
        auto leaderOf = [&request](qsizetype i) -> std::optional<QLineF> {
            const std::optional<QPointF> from = request.leaders.value(i);
            if (!from)
                return std::nullopt;
            return leaderLine(*from, request.candidates.at(i));
        };
        auto hides = [&](qsizetype i) { return hidesSomething(candidates.at(i), leaderOf(i)); };
        auto fits = [&](qsizetype i) { return bounds.contains(candidates.at(i)) && !hides(i); };
        qsizetype chosen = -1;
        if (request.previous >= 0 && request.previous < candidates.size() && fits(request.previous))
            chosen = request.previous;
        for (qsizetype i = 0; chosen < 0 && i < candidates.size(); ++i) {
            if (fits(i))
                chosen = i;
        }
        placement.clear = chosen >= 0;
        for (qsizetype i = 0; chosen < 0 && i < candidates.size(); ++i) {
            if (!hides(i))
                chosen = i;
        }
        if (chosen < 0) {
            double least = std::numeric_limits<double>::max();
            for (qsizetype i = 0; i < candidates.size(); ++i) {
                const double bad = badness(candidates.at(i));
                if (bad < least) {
                    least = bad;
                    chosen = i;
                }
            }
        }
        placement.candidate = int(chosen);
        placement.rect = candidates.at(chosen);
        placed.append(placement.rect);
        if (const std::optional<QLineF> leader = leaderOf(chosen)) {
            placement.leader = leader->p1();
            leaders.append(*leader);
        }
        result.append(placement);
    }
    return result;
}

QList<QRectF> aroundMarker(const QPointF &centre, const QSizeF &size, double keepOut, int steps)
{
    const double w = size.width();
    const double h = size.height();
    const double c = keepOut + Gap;
    const double x = centre.x();
    const double y = centre.y();
    QList<QRectF> candidates;
    candidates.reserve(AdjacentCandidates + 6 * std::max(steps, 0));
    candidates << QRectF(x + c, y - h / 2, w, h) // right
               << QRectF(x - c - w, y - h / 2, w, h) // left
               << QRectF(x - w / 2, y - c - h, w, h) // above
               << QRectF(x - w / 2, y + c, w, h) // below
               << QRectF(x + c, y - c - h, w, h) // above right
               << QRectF(x + c, y + c, w, h) // below right
               << QRectF(x - c - w, y - c - h, w, h) // above left
               << QRectF(x - c - w, y + c, w, h); // below left
    // Further out, one label's height (and the spacing) at a time, so that a cluster's labels
    // stack into tidy columns beside it and piles above and below it.
    const double step = h + Spacing + 1;
    for (int k = 1; k <= steps; ++k) {
        const double d = k * step;
        candidates << QRectF(x + c + Leader, y - d - h / 2, w, h)
                   << QRectF(x + c + Leader, y + d - h / 2, w, h)
                   << QRectF(x - c - Leader - w, y - d - h / 2, w, h)
                   << QRectF(x - c - Leader - w, y + d - h / 2, w, h)
                   << QRectF(x - w / 2, y - c - h - d, w, h) << QRectF(x - w / 2, y + c + d, w, h);
    }
    return candidates;
}

QList<QRectF> alongLine(const QList<QPointF> &points, const QSizeF &size)
{
    QList<QRectF> candidates;
    candidates.reserve(points.size());
    for (const QPointF &point : points) {
        QRectF rect(QPointF(), size);
        rect.moveCenter(point);
        candidates.append(rect);
    }
    return candidates;
}

} // namespace Console::LabelPlacement
