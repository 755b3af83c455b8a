#include "chartmarkers.h"
#include "eventhub.h"
#include "fakeclock.h"

#include <QTest>

using namespace Console;

// The chart markers keep only the events a time axis marks, bounded, by window and region.
class tst_ChartMarkers : public QObject
{
    Q_OBJECT

private:
    static ConsoleEvent event(EventKind kind, qint64 tMs, const QString &regionId = {})
    {
        ConsoleEvent e;
        e.kind = kind;
        e.wallTime = QDateTime::fromMSecsSinceEpoch(tMs, Qt::UTC);
        e.regionId = regionId;
        e.message = QStringLiteral("m");
        return e;
    }

private slots:
    void keepsMarkedKindsInWindowAndRegion()
    {
        ChartMarkers markers(100);
        markers.add(event(EventKind::EndpointHealth, 1000, QStringLiteral("a"))); // not marked
        markers.add(event(EventKind::DemoFault, 2000, QStringLiteral("a")));
        markers.add(event(EventKind::BreakerTransition, 3000, QStringLiteral("b")));
        markers.add(event(EventKind::FailoverStarted, 4000)); // console-wide
        QCOMPARE(markers.size(), 3);
        QCOMPARE(markers.markers(0, 10000).size(), 3);
        QCOMPARE(markers.markers(2500, 4000).size(), 1); // the end is excluded
        const QList<ChartMarker> a = markers.markers(0, 10000, QStringLiteral("a"));
        QCOMPARE(a.size(), 2);
        QVERIFY(a[0].kind == EventKind::DemoFault);
        QVERIFY(a[1].kind == EventKind::FailoverStarted);
    }

    void boundedAndFollowsTheHub()
    {
        FakeClock clock;
        EventHub hub(&clock);
        hub.publish(event(EventKind::FailoverFinished, 500)); // in the backlog before attach
        ChartMarkers markers(3);
        markers.attach(&hub);
        QCOMPARE(markers.size(), 1);
        for (int i = 0; i < 10; ++i)
            hub.publish(event(EventKind::BreakerTransition, 1000 + i));
        QCOMPARE(markers.size(), 3);
        QCOMPARE(markers.markers(0, 100000).first().tMs, 1007);
    }
};

QTEST_GUILESS_MAIN(tst_ChartMarkers)
#include "tst_chartmarkers.moc"
