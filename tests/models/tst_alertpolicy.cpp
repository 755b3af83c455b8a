#include "alertpolicy.h"

#include <QTest>

using namespace Console;

class tst_AlertPolicy : public QObject
{
    Q_OBJECT
private slots:
    void regionChangesAlert();
    void firstVerdictsAreNotNews();
    void primaryLostAndSplitBrainAreCritical();
    void failoverStartAlerts();
    void routineEventsStayInTheLog();
    void muteHoldsAlertsUntilItEnds();

private:
    static ConsoleEvent region(const QString &from, const QString &to);
    static const QDateTime now;
};

const QDateTime tst_AlertPolicy::now = QDateTime(QDate(2026, 11, 29), QTime(12, 0), Qt::UTC);

ConsoleEvent tst_AlertPolicy::region(const QString &from, const QString &to)
{
    ConsoleEvent e;
    e.kind = EventKind::RegionHealth;
    e.severity = to == u"unhealthy" ? EventSeverity::Critical : EventSeverity::Info;
    e.regionId = QStringLiteral("eu-west");
    e.message = QStringLiteral("Region EU West is %1: connection refused.").arg(to);
    e.fields = { { QStringLiteral("from"), from }, { QStringLiteral("to"), to } };
    return e;
}

void tst_AlertPolicy::regionChangesAlert()
{
    AlertPolicy policy;
    ConfigOverview config;
    RegionOverview west;
    west.id = QStringLiteral("eu-west");
    west.name = QStringLiteral("EU West");
    config.regions = { west };
    policy.setConfig(config);
    const std::optional<Alert> down = policy.alertFor(region(u"healthy"_qs, u"unhealthy"_qs), now);
    QVERIFY(down);
    QCOMPARE(down->title, QStringLiteral("EU West: unhealthy"));
    QCOMPARE(down->text, QStringLiteral("Region EU West is unhealthy: connection refused."));
    QCOMPARE(int(down->severity), int(EventSeverity::Critical));
    const std::optional<Alert> back = policy.alertFor(region(u"unhealthy"_qs, u"healthy"_qs), now);
    QVERIFY(back);
    QCOMPARE(back->title, QStringLiteral("EU West: healthy"));
}

void tst_AlertPolicy::firstVerdictsAreNotNews()
{
    AlertPolicy policy;
    QVERIFY(!policy.alertFor(region(u"unknown"_qs, u"healthy"_qs), now));
    QVERIFY(!policy.alertFor(region(u"unknown"_qs, u"unhealthy"_qs), now));
}

void tst_AlertPolicy::primaryLostAndSplitBrainAreCritical()
{
    AlertPolicy policy;
    ConsoleEvent lost;
    lost.kind = EventKind::PrimaryState;
    lost.fields = { { QStringLiteral("status"), QStringLiteral("none-reachable") } };
    QCOMPARE(policy.alertFor(lost, now)->title, QStringLiteral("Primary lost"));
    lost.fields = { { QStringLiteral("status"), QStringLiteral("several") } };
    QCOMPARE(int(policy.alertFor(lost, now)->severity), int(EventSeverity::Critical));
    lost.fields = { { QStringLiteral("status"), QStringLiteral("one") } };
    QVERIFY(!policy.alertFor(lost, now));
    ConsoleEvent split;
    split.kind = EventKind::SplitBrain;
    QCOMPARE(policy.alertFor(split, now)->title, QStringLiteral("Split brain"));
}

void tst_AlertPolicy::failoverStartAlerts()
{
    AlertPolicy policy;
    ConsoleEvent started;
    started.kind = EventKind::FailoverStarted;
    started.message = QStringLiteral("Failover to EU West started by alice.");
    QCOMPARE(policy.alertFor(started, now)->text, started.message);
}

void tst_AlertPolicy::routineEventsStayInTheLog()
{
    AlertPolicy policy;
    for (EventKind kind : allEventKinds()) {
        if (kind == EventKind::RegionHealth || kind == EventKind::PrimaryState
            || kind == EventKind::SplitBrain || kind == EventKind::FailoverStarted)
            continue;
        ConsoleEvent e;
        e.kind = kind;
        e.severity = EventSeverity::Critical;
        QVERIFY2(!policy.alertFor(e, now), qPrintable(toString(kind)));
    }
}

void tst_AlertPolicy::muteHoldsAlertsUntilItEnds()
{
    AlertPolicy policy;
    policy.muteUntil(now.addSecs(15 * 60));
    QVERIFY(policy.isMuted(now));
    QVERIFY(!policy.alertFor(region(u"healthy"_qs, u"unhealthy"_qs), now.addSecs(60)));
    QVERIFY(policy.alertFor(region(u"healthy"_qs, u"unhealthy"_qs), now.addSecs(15 * 60)));
    policy.muteUntil(now.addSecs(3600));
    policy.unmute();
    QVERIFY(!policy.isMuted(now));
    QVERIFY(policy.alertFor(region(u"healthy"_qs, u"unhealthy"_qs), now));
}

QTEST_GUILESS_MAIN(tst_AlertPolicy)
#include "tst_alertpolicy.moc"
