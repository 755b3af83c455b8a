#include "timeseries.h"

#include <QTest>

using namespace Console;

class tst_TimeSeries final : public QObject
{
    Q_OBJECT
private slots:
    void startsEmpty();
    void keepsOrderBeforeWrapping();
    void wrapsOldestFirst_data();
    void wrapsOldestFirst();
    void pointsSince();
    void valueRange();
    void neverGrowsPastCapacity();
    void clearKeepsCapacity();
    void capacityAtLeastOne();
};

void tst_TimeSeries::startsEmpty()
{
    const TimeSeries s(10);
    QCOMPARE(s.size(), 0);
    QCOMPARE(s.capacity(), 10);
    QVERIFY(s.isEmpty());
    QVERIFY(s.points().isEmpty());
    QVERIFY(!s.valueRange().has_value());
}

void tst_TimeSeries::keepsOrderBeforeWrapping()
{
    TimeSeries s(5);
    s.append(100, 1.5);
    s.append(200, 2.5);
    QCOMPARE(s.size(), 2);
    QCOMPARE(s.at(0).tMs, 100);
    QCOMPARE(s.at(1).value, 2.5);
    QCOMPARE(s.latest().tMs, 200);
}

void tst_TimeSeries::wrapsOldestFirst_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("appends");

    QTest::newRow("exactly full") << 4 << 4;
    QTest::newRow("one over") << 4 << 5;
    QTest::newRow("wrapped twice and a bit") << 4 << 11;
    QTest::newRow("capacity one") << 1 << 7;
}

void tst_TimeSeries::wrapsOldestFirst()
{
    QFETCH(int, capacity);
    QFETCH(int, appends);

    TimeSeries s(capacity);
    for (int i = 0; i < appends; ++i)
        s.append(i * 1000, i);
    const int kept = std::min(capacity, appends);
    QCOMPARE(s.size(), kept);
    for (int i = 0; i < kept; ++i) {
        const int expected = appends - kept + i;
        QCOMPARE(s.at(i).tMs, qint64(expected) * 1000);
        QCOMPARE(s.at(i).value, double(expected));
    }
    QCOMPARE(s.latest().value, double(appends - 1));
    const QList<QPointF> points = s.points();
    QCOMPARE(points.size(), kept);
    QCOMPARE(points.first(), QPointF(double(appends - kept) * 1000, appends - kept));
}

void tst_TimeSeries::pointsSince()
{
    TimeSeries s(3);
    for (int i = 0; i < 5; ++i) // keeps t = 2000, 3000, 4000
        s.append(i * 1000, i * 10);
    QCOMPARE(s.points(3000), QList<QPointF>({ QPointF(3000, 30), QPointF(4000, 40) }));
    QCOMPARE(s.points(3001), QList<QPointF>({ QPointF(4000, 40) }));
    QVERIFY(s.points(5000).isEmpty());
    QCOMPARE(s.points(0).size(), 3);
}

void tst_TimeSeries::valueRange()
{
    TimeSeries s(4);
    s.append(0, 100); // pushed out below
    s.append(1000, 5);
    s.append(2000, -3);
    s.append(3000, 42);
    s.append(4000, 7);
    auto r = s.valueRange();
    QVERIFY(r.has_value());
    QCOMPARE(r->min, -3.0);
    QCOMPARE(r->max, 42.0);
    r = s.valueRange(2500);
    QCOMPARE(r->min, 7.0);
    QCOMPARE(r->max, 42.0);
    r = s.valueRange(1000, 2000);
    QCOMPARE(r->min, -3.0);
    QCOMPARE(r->max, 5.0);
    QVERIFY(!s.valueRange(9000).has_value());
}

void tst_TimeSeries::neverGrowsPastCapacity()
{
    TimeSeries s(3600);
    for (int i = 0; i < 100000; ++i)
        s.append(i, i % 97);
    QCOMPARE(s.size(), 3600);
    QCOMPARE(s.capacity(), 3600);
    QCOMPARE(s.at(0).tMs, 100000 - 3600);
    QCOMPARE(s.latest().tMs, 99999);
}

void tst_TimeSeries::clearKeepsCapacity()
{
    TimeSeries s(3);
    for (int i = 0; i < 5; ++i)
        s.append(i, i);
    s.clear();
    QCOMPARE(s.size(), 0);
    QCOMPARE(s.capacity(), 3);
    s.append(9, 9);
    QCOMPARE(s.at(0).tMs, 9);
}

void tst_TimeSeries::capacityAtLeastOne()
{
    TimeSeries s(0);
    QCOMPARE(s.capacity(), 1);
    s.append(1, 1);
    s.append(2, 2);
    QCOMPARE(s.size(), 1);
    QCOMPARE(s.latest().tMs, 2);
}

QTEST_GUILESS_MAIN(tst_TimeSeries)
#include "tst_timeseries.moc"
