#include "lttb.h"

#include <QTest>

#include <cmath>

using namespace Console;

// The downsamplers keep the shape of a series in a pixel budget: bounded, first and last kept,
// peaks kept, and harmless on the inputs a fresh or idle endpoint gives.
class tst_Lttb : public QObject
{
    Q_OBJECT

private:
    static QList<QPointF> wave(int size)
    {
        QList<QPointF> points;
        for (int i = 0; i < size; ++i)
            points.append(QPointF(i * 1000.0, 50 + 20 * std::sin(i / 30.0)));
        return points;
    }

    static bool inXOrder(const QList<QPointF> &points)
    {
        for (qsizetype i = 1; i < points.size(); ++i) {
            if (points[i].x() < points[i - 1].x())
                return false;
        }
        return true;
    }

private slots:
    void boundedAndKeepsEnds_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("threshold");
        QTest::newRow("24h into 800") << 86400 << 800;
        QTest::newRow("1h into 800") << 3600 << 800;
        QTest::newRow("just over") << 801 << 800;
        QTest::newRow("tiny budget") << 1000 << 3;
        QTest::newRow("ends only") << 1000 << 2;
        QTest::newRow("odd budget") << 1000 << 7;
    }
    void boundedAndKeepsEnds()
    {
        QFETCH(int, size);
        QFETCH(int, threshold);
        const QList<QPointF> points = wave(size);
        for (const auto &down : { lttb(points, threshold), minMaxBuckets(points, threshold) }) {
            QVERIFY(down.size() <= threshold);
            QVERIFY(down.size() >= 2);
            QCOMPARE(down.first(), points.first());
            QCOMPARE(down.last(), points.last());
            QVERIFY(inXOrder(down));
        }
        QCOMPARE(lttb(points, threshold).size(), threshold);
    }

    void keepsASpikeAndADip()
    {
        QList<QPointF> points = wave(10000);
        points[4321].setY(5000); // a latency spike
        points[7777].setY(-3000); // a dip
        for (const auto &down : { lttb(points, 200), minMaxBuckets(points, 200) }) {
            QVERIFY(down.contains(points[4321]));
            QVERIFY(down.contains(points[7777]));
        }
    }

    void minMaxKeepsEveryBucketExtreme()
    {
        const QList<QPointF> points = wave(5000);
        const QList<QPointF> down = minMaxBuckets(points, 100);
        double low = points.first().y();
        double high = low;
        for (const QPointF &p : points) {
            low = std::min(low, p.y());
            high = std::max(high, p.y());
        }
        double downLow = down.first().y();
        double downHigh = downLow;
        for (const QPointF &p : down) {
            downLow = std::min(downLow, p.y());
            downHigh = std::max(downHigh, p.y());
        }
        QCOMPARE(downLow, low);
        QCOMPARE(downHigh, high);
    }

    void budgetAtLeastSizeReturnsInput()
    {
        const QList<QPointF> points = wave(500);
        QCOMPARE(lttb(points, 500), points);
        QCOMPARE(lttb(points, 10000), points);
        QCOMPARE(minMaxBuckets(points, 500), points);
    }

    void degenerateInputs()
    {
        QCOMPARE(lttb({}, 100), QList<QPointF> {});
        QCOMPARE(minMaxBuckets({}, 100), QList<QPointF> {});
        const QList<QPointF> one { QPointF(1, 2) };
        QCOMPARE(lttb(one, 1), one);
        QCOMPARE(lttb(one, 0), one);
        const QList<QPointF> two { QPointF(1, 2), QPointF(2, 3) };
        QCOMPARE(lttb(two, 1), two);
        QCOMPARE(minMaxBuckets(two, -5), two);
        // A flat line and repeated x (two probes in one millisecond) do not upset the areas.
        QList<QPointF> flat;
        for (int i = 0; i < 1000; ++i)
            flat.append(QPointF(i / 10, 7));
        const QList<QPointF> down = lttb(flat, 50);
        QCOMPARE(down.size(), 50);
        for (const QPointF &p : down)
            QCOMPARE(p.y(), 7.0);
        QCOMPARE(minMaxBuckets(flat, 50).size() <= 50, true);
    }
};

QTEST_GUILESS_MAIN(tst_Lttb)
#include "tst_lttb.moc"
