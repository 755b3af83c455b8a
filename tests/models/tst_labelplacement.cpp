#include "labelplacement.h"

#include <QTest>

using namespace Console;
using namespace Console::LabelPlacement;

namespace {

constexpr double KeepOut = 12; // a marker's half-side, as the map uses
const QSizeF LabelSize(110, 34); // a region's name over its verdict

QRectF square(const QPointF &centre, double half)
{
    return QRectF(centre - QPointF(half, half), QSizeF(2 * half, 2 * half));
}

struct Scene
{
    QList<QPointF> markers;
    QList<QSizeF> sizes;
    QRectF bounds;

    QList<QRectF> obstacles() const
    {
        QList<QRectF> list;
        for (const QPointF &m : markers)
            list.append(square(m, KeepOut));
        return list;
    }
    QList<Request> requests(const QList<int> &previous = {}) const
    {
        QList<Request> list;
        for (qsizetype i = 0; i < markers.size(); ++i) {
            Request r;
            r.candidates = aroundMarker(markers.at(i), sizes.at(i), KeepOut);
            r.previous = previous.value(i, -1);
            list.append(r);
        }
        return list;
    }
    QList<Placement> place(const QList<int> &previous = {}) const
    {
        return LabelPlacement::place(requests(previous), obstacles(), bounds);
    }
};

// Why a placement is not clean, or empty.
QString problems(
    const QList<Placement> &placements, const QList<QRectF> &obstacles, const QRectF &bounds)
{
    QStringList found;
    for (qsizetype i = 0; i < placements.size(); ++i) {
        const QRectF a = placements.at(i).rect;
        if (!placements.at(i).clear)
            found << QStringLiteral("label %1 is not clear").arg(i);
        if (!bounds.contains(a))
            found << QStringLiteral("label %1 leaves the bounds").arg(i);
        for (qsizetype j = i + 1; j < placements.size(); ++j) {
            if (a.intersects(placements.at(j).rect))
                found << QStringLiteral("labels %1 and %2 overlap").arg(i).arg(j);
        }
        for (qsizetype o = 0; o < obstacles.size(); ++o) {
            if (a.intersects(obstacles.at(o)))
                found << QStringLiteral("label %1 covers obstacle %2").arg(i).arg(o);
        }
    }
    return found.join(QStringLiteral("; "));
}

QList<int> candidatesOf(const QList<Placement> &placements)
{
    QList<int> list;
    for (const Placement &p : placements)
        list.append(p.candidate);
    return list;
}

} // namespace

class tst_LabelPlacement final : public QObject
{
    Q_OBJECT
private slots:
    void candidatesBesideTheMarkerComeFirst();
    void aLoneLabelGoesRight();
    void aMarkerInTheWayPushesTheLabelLeft();
    void aLabelAtTheEdgeStaysInView();
    void twoNeighboursLikeDublinAndFrankfurt();
    void aCrowdedClusterGetsEveryLabelClear();
    void sameInputSameOutput();
    void aLabelKeepsItsPlaceWhileItFits();
    void aLabelThatNoLongerFitsMovesAndStillHidesNothing();
    void aPreviousOutOfRangeIsIgnored();
    void offScreenLabelsStillHideNothing();
    void withNoFreePlaceTheLeastBadIsTaken();
    void aLagLabelMovesAlongItsLine();
    void aLeaderLineCrossesNoLabel();
};

void tst_LabelPlacement::candidatesBesideTheMarkerComeFirst()
{
    const QPointF centre(100, 100);
    const QList<QRectF> candidates = aroundMarker(centre, LabelSize, KeepOut);
    QVERIFY(candidates.size() > AdjacentCandidates);
    const QRectF marker = square(centre, KeepOut);
    for (qsizetype i = 0; i < candidates.size(); ++i) {
        QCOMPARE(candidates.at(i).size(), LabelSize);
        QVERIFY2(!candidates.at(i).intersects(marker), qPrintable(QString::number(i)));
    }
    // Right, left, above, below, in that order, each close to the marker.
    QCOMPARE(candidates.at(0).left(), marker.right() + 2);
    QCOMPARE(candidates.at(0).center().y(), centre.y());
    QCOMPARE(candidates.at(1).right(), marker.left() - 2);
    QCOMPARE(candidates.at(2).bottom(), marker.top() - 2);
    QCOMPARE(candidates.at(2).center().x(), centre.x());
    QCOMPARE(candidates.at(3).top(), marker.bottom() + 2);
    // The diagonals touch a corner of the marker's square.
    QCOMPARE(candidates.at(4).bottomLeft(), marker.topRight() + QPointF(2, -2));
    QCOMPARE(candidates.at(7).topRight(), marker.bottomLeft() + QPointF(-2, 2));
    // The rest stand further out.
    for (qsizetype i = AdjacentCandidates; i < candidates.size(); ++i) {
        const QRectF near = marker.adjusted(-4, -4, 4, 4);
        QVERIFY2(!candidates.at(i).intersects(near), qPrintable(QString::number(i)));
    }
}

void tst_LabelPlacement::aLoneLabelGoesRight()
{
    const Scene scene { { QPointF(200, 200) }, { LabelSize }, QRectF(0, 0, 800, 600) };
    const QList<Placement> placed = scene.place();
    QCOMPARE(placed.size(), 1);
    QCOMPARE(placed.constFirst().candidate, 0);
    QVERIFY(placed.constFirst().clear);
    QCOMPARE(placed.constFirst().rect, aroundMarker(QPointF(200, 200), LabelSize, KeepOut).at(0));
}

void tst_LabelPlacement::aMarkerInTheWayPushesTheLabelLeft()
{
    // Another region 40 px to the east: the first label cannot go right.
    const Scene scene { { QPointF(200, 200), QPointF(240, 200) }, { LabelSize, LabelSize },
        QRectF(0, 0, 800, 600) };
    const QList<Placement> placed = scene.place();
    QCOMPARE(placed.at(0).candidate, 1); // left
    QCOMPARE(placed.at(1).candidate, 0); // right
    QCOMPARE(problems(placed, scene.obstacles(), scene.bounds), QString());
}

void tst_LabelPlacement::aLabelAtTheEdgeStaysInView()
{
    const Scene scene { { QPointF(760, 300) }, { LabelSize }, QRectF(0, 0, 800, 600) };
    const QList<Placement> placed = scene.place();
    QCOMPARE(placed.constFirst().candidate, 1); // left: right would leave the view
    QVERIFY(scene.bounds.contains(placed.constFirst().rect));
    // In a corner, above and left.
    const Scene corner { { QPointF(790, 590) }, { LabelSize }, QRectF(0, 0, 800, 600) };
    const QList<Placement> cornered = corner.place();
    QCOMPARE(cornered.constFirst().candidate, 6); // above left
    QCOMPARE(problems(cornered, corner.obstacles(), corner.bounds), QString());
}

void tst_LabelPlacement::twoNeighboursLikeDublinAndFrankfurt()
{
    // At the default pane width the two are about 30 px apart and 13 px apart in height: each
    // label is wider than that.
    const Scene scene { { QPointF(330, 160), QPointF(300, 147) },
        { QSizeF(150, 34), QSizeF(130, 34) }, QRectF(0, 0, 700, 400) };
    const QList<Placement> placed = scene.place();
    QCOMPARE(problems(placed, scene.obstacles(), scene.bounds), QString());
    QCOMPARE(placed.at(0).candidate, 0); // Frankfurt, placed first, right
    QVERIFY(placed.at(1).rect.right() < placed.at(0).rect.left()); // Dublin to the west
}

void tst_LabelPlacement::aCrowdedClusterGetsEveryLabelClear()
{
    // Six regions within a few pixels, as a zoomed-out map draws one metro area.
    Scene scene;
    scene.bounds = QRectF(0, 0, 900, 600);
    const QPointF at(450, 300);
    const QPointF offsets[] = { { 0, 0 }, { 3, 1 }, { -2, 2 }, { 1, -3 }, { 4, 4 }, { -3, -2 } };
    for (const QPointF &d : offsets) {
        scene.markers.append(at + d);
        scene.sizes.append(QSizeF(100 + 10 * scene.sizes.size(), 34));
    }
    const QList<Placement> placed = scene.place();
    QCOMPARE(placed.size(), 6);
    QCOMPARE(problems(placed, scene.obstacles(), scene.bounds), QString());
    // Labels kept apart by the spacing, not only not overlapping.
    for (qsizetype i = 0; i < placed.size(); ++i) {
        for (qsizetype j = i + 1; j < placed.size(); ++j) {
            const QRectF spaced = placed.at(i).rect.adjusted(-Spacing, -Spacing, Spacing, Spacing);
            QVERIFY(!spaced.intersects(placed.at(j).rect));
        }
    }
    // Some had to stand further out, with a leader line.
    int further = 0;
    for (const Placement &p : placed)
        further += p.candidate >= AdjacentCandidates ? 1 : 0;
    QVERIFY(further >= 1);
    // The first label (the primary, say) stays right beside its marker.
    QVERIFY(placed.constFirst().candidate < AdjacentCandidates);
}

void tst_LabelPlacement::sameInputSameOutput()
{
    Scene scene;
    scene.bounds = QRectF(0, 0, 640, 480);
    for (int i = 0; i < 8; ++i) {
        scene.markers.append(QPointF(300 + 7 * (i % 3), 240 + 5 * i));
        scene.sizes.append(QSizeF(80 + 5 * i, 20 + 2 * (i % 2)));
    }
    const QList<Placement> first = scene.place();
    for (int run = 0; run < 5; ++run) {
        const QList<Placement> again = scene.place();
        QCOMPARE(candidatesOf(again), candidatesOf(first));
        for (qsizetype i = 0; i < first.size(); ++i)
            QCOMPARE(again.at(i).rect, first.at(i).rect);
    }
    // And placing afresh from the last result's own indices changes nothing.
    QCOMPARE(candidatesOf(scene.place(candidatesOf(first))), candidatesOf(first));
}

void tst_LabelPlacement::aLabelKeepsItsPlaceWhileItFits()
{
    // Two neighbours: the second went left because the first's marker blocks its right.
    Scene scene { { QPointF(300, 200), QPointF(260, 200) }, { LabelSize, LabelSize },
        QRectF(0, 0, 800, 600) };
    const QList<Placement> before = scene.place();
    QCOMPARE(candidatesOf(before), QList<int>({ 0, 1 }));

    // The first marker goes, so right would be free for the second; kept where it is, it
    // does not jump.
    Scene later = scene;
    later.markers[0] = QPointF(300, 500);
    const QList<Placement> kept = later.place(candidatesOf(before));
    QCOMPARE(kept.at(1).candidate, 1);
    // Placed afresh it would take the right.
    QCOMPARE(later.place().at(1).candidate, 0);

    // A label growing a little (a lag's text, every second) stays put too.
    Scene grown = scene;
    grown.sizes[0] = LabelSize + QSizeF(12, 0);
    grown.sizes[1] = LabelSize + QSizeF(6, 0);
    const QList<Placement> after = grown.place(candidatesOf(before));
    QCOMPARE(candidatesOf(after), candidatesOf(before));
    QCOMPARE(problems(after, grown.obstacles(), grown.bounds), QString());
}

void tst_LabelPlacement::aLabelThatNoLongerFitsMovesAndStillHidesNothing()
{
    const Scene scene { { QPointF(300, 200), QPointF(300 + 12 + 2 + 110 + 20, 200) },
        { LabelSize, LabelSize }, QRectF(0, 0, 800, 600) };
    const QList<Placement> before = scene.place();
    QCOMPARE(candidatesOf(before), QList<int>({ 0, 0 }));
    // The first label's text grows into the second marker: it has to move.
    Scene grown = scene;
    grown.sizes[0] = QSizeF(200, 34);
    const QList<Placement> after = grown.place(candidatesOf(before));
    QVERIFY(after.at(0).candidate != 0);
    QCOMPARE(after.at(1).candidate, 0);
    QCOMPARE(problems(after, grown.obstacles(), grown.bounds), QString());
}

void tst_LabelPlacement::aPreviousOutOfRangeIsIgnored()
{
    const Scene scene { { QPointF(200, 200) }, { LabelSize }, QRectF(0, 0, 800, 600) };
    QCOMPARE(scene.place({ 999 }).constFirst().candidate, 0);
    QCOMPARE(scene.place({ -7 }).constFirst().candidate, 0);
    // No candidates at all: nothing to place, and no crash.
    const QList<Placement> none = place({ Request {} }, {}, QRectF(0, 0, 10, 10));
    QCOMPARE(none.size(), 1);
    QCOMPARE(none.constFirst().candidate, -1);
    QVERIFY(!none.constFirst().clear);
}

void tst_LabelPlacement::offScreenLabelsStillHideNothing()
{
    // Both markers outside the bounds (panned away), or a view not shown yet (empty bounds):
    // the labels still keep off each other.
    for (const QRectF &bounds : { QRectF(0, 0, 100, 100), QRectF() }) {
        const Scene scene { { QPointF(500, 500), QPointF(505, 502) }, { LabelSize, LabelSize },
            bounds };
        const QList<Placement> placed = scene.place();
        QVERIFY(!placed.at(0).clear);
        QVERIFY(!placed.at(0).rect.intersects(placed.at(1).rect));
        for (const Placement &p : placed) {
            for (const QRectF &o : scene.obstacles())
                QVERIFY(!p.rect.intersects(o));
        }
    }
}

void tst_LabelPlacement::withNoFreePlaceTheLeastBadIsTaken()
{
    // Three candidates, each on an obstacle; the last hides the least.
    Request request;
    request.candidates = { QRectF(0, 0, 10, 10), QRectF(20, 0, 10, 10), QRectF(40, 0, 10, 10) };
    const QList<QRectF> obstacles
        = { QRectF(0, 0, 10, 10), QRectF(20, 0, 10, 5), QRectF(40, 0, 10, 2) };
    const QList<Placement> placed = place({ request }, obstacles, QRectF(0, 0, 100, 100));
    QCOMPARE(placed.constFirst().candidate, 2);
    QVERIFY(!placed.constFirst().clear);
}

void tst_LabelPlacement::aLagLabelMovesAlongItsLine()
{
    const QList<QPointF> points = { QPointF(200, 100), QPointF(180, 100), QPointF(220, 100) };
    const QSizeF size(60, 18);
    const QList<QRectF> candidates = alongLine(points, size);
    QCOMPARE(candidates.size(), 3);
    QCOMPARE(candidates.at(0).center(), points.at(0));
    QCOMPARE(candidates.at(2).size(), size);

    // A region's label already sits on the middle and the first step towards the start.
    Request region;
    region.candidates = { QRectF(130, 90, 55, 20) };
    Request lag;
    lag.candidates = candidates;
    const QList<Placement> placed = place({ region, lag }, {}, QRectF(0, 0, 400, 200));
    QCOMPARE(placed.at(1).candidate, 2);
    QVERIFY(!placed.at(1).rect.intersects(placed.at(0).rect));
}

void tst_LabelPlacement::aLeaderLineCrossesNoLabel()
{
    // A label already sits between the anchor (100, 100) and the first far candidate above.
    Request placedFirst;
    placedFirst.candidates = { QRectF(80, 60, 40, 20) };
    Request far;
    const QPointF anchor(100, 100);
    far.leaders = { anchor, anchor };
    far.candidates = { QRectF(80, 10, 40, 20), QRectF(150, 90, 40, 20) };
    const QList<Placement> placed = place({ placedFirst, far }, {}, QRectF(0, 0, 400, 400));
    QVERIFY(!placed.at(0).leader);
    QCOMPARE(placed.at(1).candidate, 1);
    QCOMPARE(placed.at(1).leader, anchor);
    QCOMPARE(leaderLine(anchor, placed.at(1).rect), QLineF(100, 100, 150, 100));

    // And a label placed later keeps off that leader line.
    Request later;
    later.candidates = { QRectF(110, 95, 20, 10), QRectF(110, 120, 20, 10) };
    const QList<Placement> three = place({ placedFirst, far, later }, {}, QRectF(0, 0, 400, 400));
    QCOMPARE(three.at(2).candidate, 1);

    // Without a leader, the first candidate would have done.
    far.leaders.clear();
    QCOMPARE(place({ placedFirst, far }, {}, QRectF(0, 0, 400, 400)).at(1).candidate, 0);
}

QTEST_GUILESS_MAIN(tst_LabelPlacement)
#include "tst_labelplacement.moc"
