#include "landoutline.h"

#include <QTest>
#include <QtEndian>

#include <algorithm>
#include <cmath>

using namespace Console;

namespace {

// A land.bin holding these rings, in the format scripts/make-world-map writes.
QByteArray landFile(const QList<QList<QPointF>> &rings)
{
    QByteArray data("FCLM");
    auto put16 = [&data](quint16 value) {
        char bytes[2];
        qToLittleEndian(value, bytes);
        data.append(bytes, 2);
    };
    auto put32 = [&data](quint32 value) {
        char bytes[4];
        qToLittleEndian(value, bytes);
        data.append(bytes, 4);
    };
    put16(1);
    put16(0);
    put32(quint32(rings.size()));
    quint32 points = 0;
    for (const QList<QPointF> &ring : rings)
        points += quint32(ring.size());
    put32(points);
    for (const QList<QPointF> &ring : rings) {
        put32(quint32(ring.size()));
        for (const QPointF &point : ring) {
            put16(quint16(qint16(qRound(point.x() * 32767.0 / 180.0))));
            put16(quint16(qint16(qRound(point.y() * 32767.0 / 90.0))));
        }
    }
    return data;
}

double widestStep(const QList<QPointF> &ring)
{
    double widest = 0;
    for (qsizetype i = 1; i < ring.size(); ++i)
        widest = std::max(widest, std::abs(ring.at(i).x() - ring.at(i - 1).x()));
    return widest;
}

double area(const QList<QPointF> &ring)
{
    double twice = 0;
    for (qsizetype i = 0; i < ring.size(); ++i) {
        const QPointF &a = ring.at(i);
        const QPointF &b = ring.at((i + 1) % ring.size());
        twice += a.x() * b.y() - b.x() * a.y();
    }
    return std::abs(twice) / 2;
}

} // namespace

class tst_LandOutline : public QObject
{
    Q_OBJECT

private slots:
    // An island from 170° E to 170° W, as the merged land stores it: jumping from +180 to -180.
    void aRingAcrossTheAntimeridianIsCutInTwo()
    {
        const QList<QPointF> island
            = { { 170, 60 }, { 180, 60 }, { -170, 60 }, { -170, 70 }, { 180, 70 }, { 170, 70 } };
        const LandOutline land = LandOutline::read(landFile({ island }));
        QVERIFY2(land.error.isEmpty(), qPrintable(land.error));
        QCOMPARE(land.rings.size(), 2);
        double total = 0;
        for (const QList<QPointF> &ring : land.rings) {
            QVERIFY2(widestStep(ring) <= 180, "a ring still jumps across the map");
            const auto [west, east] = std::minmax_element(ring.cbegin(), ring.cend(),
                [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
            QVERIFY(west->x() >= -180.0001 && east->x() <= 180.0001);
            QVERIFY(east->x() - west->x() <= 10.01);
            total += area(ring);
        }
        // 20° × 10° of land, in two halves: none lost, none added.
        QVERIFY2(std::abs(total - 200) < 0.1, qPrintable(QString::number(total)));
    }

    void ringsThatStayOnOneSideAreUntouched()
    {
        const QList<QPointF> square = { { 10, 10 }, { 20, 10 }, { 20, 20 }, { 10, 20 } };
        // Around the south pole: it never comes back to its start longitude, and its long edge
        // along -90 is the map's bottom, not a band across it.
        const QList<QPointF> polar
            = { { -180, -80 }, { 0, -70 }, { 180, -80 }, { 180, -90 }, { -180, -90 } };
        const LandOutline land = LandOutline::read(landFile({ square, polar }));
        QCOMPARE(land.rings.size(), 2);
        QCOMPARE(land.rings.at(0).size(), 4);
        QCOMPARE(land.rings.at(1).size(), 5);
    }

    // The committed map: Chukotka and Wrangel Island crossed the antimeridian and drew a band
    // across the whole map at 70° N. No ring outside the polar ones may step more than 180°.
    void theWorldMapHasNoBandAcrossIt()
    {
        const LandOutline land = LandOutline::load();
        QVERIFY2(land.error.isEmpty(), qPrintable(land.error));
        int polar = 0;
        for (const QList<QPointF> &ring : land.rings) {
            if (widestStep(ring) <= 180)
                continue;
            // Only Antarctica's rings, whose long steps lie below 80° S.
            for (qsizetype i = 1; i < ring.size(); ++i) {
                if (std::abs(ring.at(i).x() - ring.at(i - 1).x()) > 180)
                    QVERIFY2(ring.at(i).y() < -80, qPrintable(QString::number(ring.at(i).y())));
            }
            ++polar;
        }
        QVERIFY(polar <= 2);
    }
};

QTEST_GUILESS_MAIN(tst_LandOutline)
#include "tst_landoutline.moc"
