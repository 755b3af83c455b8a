#pragma once

#include <QLineF>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <optional>

namespace Console::LabelPlacement {

// Where map labels go so that none hides another or a region's marker. Pure geometry in
// pixels (the map's labels and markers keep a fixed pixel size at any zoom), so the view only
// measures and moves items, and the rules are tested without a window.

// One label: where it may go, best first, and where it was.
struct Request
{
    QList<QRectF> candidates; // in pixels, in order of preference
    // The candidate it had (an index into `candidates`), kept while it still fits so that a
    // label whose text changes every second does not hop around; -1: place afresh.
    int previous = -1;
    // Per candidate, where its leader line starts when it stands away from what the label
    // names (the line goes to its nearest point and may cross no other label either); unset,
    // or past the list's end: no leader.
    QList<std::optional<QPointF>> leaders;
};

struct Placement
{
    int candidate = -1; // index into the request's candidates; -1 only with no candidates
    QRectF rect;
    // Every label is somewhere; `clear` says that it hides nothing and stays in the bounds.
    bool clear = false;
    std::optional<QPointF> leader; // the view draws a leader line from here to `rect`
};

// The leader line from `anchor` to the nearest point of `rect`.
QLineF leaderLine(const QPointF &anchor, const QRectF &rect);

// Room kept between two labels, in pixels.
inline constexpr double Spacing = 2;

// Places the labels greedily in the order given (the caller puts the most important first):
// each takes its previous candidate if that still fits, else the first candidate that lies
// inside `bounds` and meets no placed label (nor its leader line) and no obstacle. When none does,
// the first that meets nothing even if it leaves the bounds (its marker is off-screen, or the pane
// is too small), and only then the one that hides the least. The same input always gives the same
// output.
QList<Placement> place(
    const QList<Request> &requests, const QList<QRectF> &obstacles, const QRectF &bounds);

// How many candidates aroundMarker() puts right beside the marker; those after it stand
// further out and need a leader line to show whose they are.
inline constexpr int AdjacentCandidates = 8;

// Candidates for a box of `size` beside a marker at `centre` whose drawing (ring included)
// fits in a square of half-side `keepOut`: right, left, above, below, then the four diagonals,
// all touching that square; then further out, columns to the right and left stepping up and
// down and stacks above and below, `steps` labels' heights at most, for a crowded cluster.
QList<QRectF> aroundMarker(
    const QPointF &centre, const QSizeF &size, double keepOut, int steps = 4);

// Candidates for a box centred on points along a line, given from its middle outwards.
QList<QRectF> alongLine(const QList<QPointF> &points, const QSizeF &size);

} // namespace Console::LabelPlacement
