#include "clock.h"
#include "eventhub.h"
#include "trayalerts.h"

#include <QAction>
#include <QTest>
#include <QWidget>

using namespace Console;

class tst_TrayAlerts : public QObject
{
    Q_OBJECT
private slots:
    void titleFollowsTheWorstState();
    void regionChangeRaisesAnAlert();
    void muteHoldsAlertsUntilUnmuted();

private:
    static ConfigOverview config();
    static ConsoleEvent regionDown();
};

ConfigOverview tst_TrayAlerts::config()
{
    ConfigOverview overview;
    RegionOverview west;
    west.id = QStringLiteral("eu-west");
    west.name = QStringLiteral("EU West");
    overview.regions = { west };
    return overview;
}

ConsoleEvent tst_TrayAlerts::regionDown()
{
    ConsoleEvent e;
    e.kind = EventKind::RegionHealth;
    e.severity = EventSeverity::Critical;
    e.regionId = QStringLiteral("eu-west");
    e.message = QStringLiteral("Region EU West is unhealthy: connection refused.");
    e.fields = { { QStringLiteral("from"), QStringLiteral("healthy") },
        { QStringLiteral("to"), QStringLiteral("unhealthy") } };
    return e;
}

void tst_TrayAlerts::titleFollowsTheWorstState()
{
    QWidget window;
    window.setWindowTitle(QStringLiteral("Failover Console — demo.yaml"));
    EventHub hub(Clock::system());
    TrayAlerts alerts(&window, &hub, config());
    alerts.setState(Health::Unhealthy, QStringLiteral("PRIMARY DOWN 0:42"));
    QCOMPARE(window.windowTitle(), QStringLiteral("Unhealthy — Failover Console — demo.yaml"));
    alerts.setState(Health::Healthy, QStringLiteral("Primary: US East — healthy"));
    QCOMPARE(window.windowTitle(), QStringLiteral("Healthy — Failover Console — demo.yaml"));
}

void tst_TrayAlerts::regionChangeRaisesAnAlert()
{
    QWidget window;
    EventHub hub(Clock::system());
    TrayAlerts alerts(&window, &hub, config());
    QVERIFY(!alerts.lastAlert());
    hub.publish(regionDown());
    QCOMPARE(alerts.alertCount(), 1);
    QCOMPARE(alerts.lastAlert()->title, QStringLiteral("EU West: unhealthy"));
    // Routine news stays in the log.
    ConsoleEvent breaker;
    breaker.kind = EventKind::BreakerTransition;
    hub.publish(breaker);
    QCOMPARE(alerts.alertCount(), 1);
}

void tst_TrayAlerts::muteHoldsAlertsUntilUnmuted()
{
    QWidget window;
    EventHub hub(Clock::system());
    TrayAlerts alerts(&window, &hub, config());
    QVERIFY(!alerts.unmuteAction()->isEnabled());
    alerts.muteShortAction()->trigger();
    QVERIFY(alerts.isMuted());
    QVERIFY(alerts.unmuteAction()->isEnabled());
    QVERIFY(
        alerts.unmuteAction()->text().startsWith(QStringLiteral("&Unmute alerts (muted until ")));
    hub.publish(regionDown());
    QCOMPARE(alerts.alertCount(), 0);
    alerts.unmuteAction()->trigger();
    QVERIFY(!alerts.isMuted());
    hub.publish(regionDown());
    QCOMPARE(alerts.alertCount(), 1);
}

QTEST_MAIN(tst_TrayAlerts)
#include "tst_trayalerts.moc"
