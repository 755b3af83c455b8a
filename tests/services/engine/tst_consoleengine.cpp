#include "consoleengine.h"
#include "demotopology.h"
#include "eventhub.h"
#include "eventjson.h"
#include "eventlinewriter.h"
#include "eventlogmodel.h"
#include "healthmonitor.h"
#include "roles.h"
#include "selfcheck.h"
#include "topologystate.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cstdio>

using namespace Console;

// The engine runs here with no QApplication and no widget library: everything the console knows
// and decides is reachable without a display.
class tst_ConsoleEngine final : public QObject
{
    Q_OBJECT
private slots:
    void noWidgetsLinked();
    void oneFaultGivesTheExpectedEventsEverywhere();
    void stopIsCleanAndIdempotent();
    void badConfigKeepsTheEngineIdle();
    void everyRegionDownAtOnceIsSelfDoubt();
    void slowAndHangReadDifferently();
};

void tst_ConsoleEngine::noWidgetsLinked()
{
    QVERIFY(!QCoreApplication::instance()->inherits("QGuiApplication"));
    QFile maps(QStringLiteral("/proc/self/maps"));
    QVERIFY(maps.open(QIODevice::ReadOnly));
    const QByteArray mapped = maps.readAll();
    QVERIFY(mapped.contains("libQt6Core"));
    QVERIFY2(!mapped.contains("libQt6Widgets"), "the engine must not pull in QtWidgets");
}

void tst_ConsoleEngine::oneFaultGivesTheExpectedEventsEverywhere()
{
    // Declared before the engine, which publishes console-stopping as it goes.
    QList<ConsoleEvent> events;
    ConsoleEngine engine;
    QVERIFY2(engine.startDemo(), qPrintable(engine.errors().join(QLatin1Char('\n'))));
    std::FILE *jsonFile = std::tmpfile();
    QVERIFY(jsonFile);
    connect(engine.events(), &EventHub::published, this,
        [&events](const ConsoleEvent &e) { events.append(e); });
    engine.start();
    // Subscribers that arrive after the start catch up from the backlog.
    EventLogModel log;
    log.attach(engine.events());
    const EventLineWriter writer(engine.events(), jsonFile, true);
    QVERIFY(engine.isRunning());
    QCOMPARE(toString(events.constFirst().kind), toString(EventKind::ConsoleStarted));

    const QString victim = QStringLiteral("eu-west");
    const auto allHealthy = [&engine, &victim] {
        for (const EndpointOverview &e : engine.overview().region(victim)->endpoints) {
            if (engine.health()->endpointHealth(e.id) != Health::Healthy)
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allHealthy(), 10000);
    const qsizetype before = events.size();
    engine.demo()->setFault(victim, DemoFault::Down);
    QTRY_COMPARE_WITH_TIMEOUT(
        toString(engine.health()->regionHealth(victim)), toString(Health::Unhealthy), 5000);

    // In order: the fault, the first endpoint that fails (refused: unhealthy at once), then its
    // region, which that endpoint explains.
    QList<ConsoleEvent> after;
    for (const ConsoleEvent &e : events.mid(before)) {
        if (e.regionId == victim) // other regions go on with their own news meanwhile
            after.append(e);
    }
    QVERIFY(after.size() >= 3);
    QCOMPARE(toString(after.at(0).kind), toString(EventKind::DemoFault));
    QCOMPARE(after.at(0).regionId, victim);
    QCOMPARE(after.at(0).field(QStringLiteral("fault")).toString(), QStringLiteral("down"));
    const ConsoleEvent &endpoint = after.at(1);
    QCOMPARE(toString(endpoint.kind), toString(EventKind::EndpointHealth));
    QCOMPARE(endpoint.regionId, victim);
    QCOMPARE(toString(endpoint.severity), toString(EventSeverity::Critical));
    QCOMPARE(endpoint.field(QStringLiteral("from")).toString(), QStringLiteral("healthy"));
    QCOMPARE(endpoint.field(QStringLiteral("to")).toString(), QStringLiteral("unhealthy"));
    QCOMPARE(endpoint.field(QStringLiteral("cause")).toString(), QStringLiteral("strong-failure"));
    QCOMPARE(endpoint.field(QStringLiteral("probe_status")).toString(), QStringLiteral("refused"));
    QCOMPARE(endpoint.field(QStringLiteral("failure_run")).toInt(), 1);
    QCOMPARE(endpoint.field(QStringLiteral("failures_needed")).toInt(), 3);
    QVERIFY2(endpoint.message.contains(QStringLiteral("connection refused")),
        qPrintable(endpoint.message));
    const ConsoleEvent &region = after.at(2);
    QCOMPARE(toString(region.kind), toString(EventKind::RegionHealth));
    QCOMPARE(region.regionId, victim);
    QCOMPARE(region.field(QStringLiteral("culprit")).toString(), endpoint.endpointId);
    // A region that turned healthy blames nobody.
    for (const ConsoleEvent &e : events) {
        if (e.kind == EventKind::RegionHealth && e.field(QStringLiteral("to")) == u"healthy"_qs)
            QVERIFY2(e.field(QStringLiteral("culprit")).isNull(), qPrintable(e.message));
    }
    QCOMPARE(region.field(QStringLiteral("to")).toString(), QStringLiteral("unhealthy"));

    // The log model and the JSON lines carry the same events with the same structured fields.
    std::fflush(jsonFile);
    std::rewind(jsonFile);
    QHash<quint64, QJsonObject> lines;
    char buffer[65536];
    while (std::fgets(buffer, sizeof buffer, jsonFile)) {
        const QJsonObject json = QJsonDocument::fromJson(QByteArray(buffer)).object();
        QVERIFY(!json.isEmpty());
        lines.insert(quint64(json.value(QStringLiteral("seq")).toInteger()), json);
    }
    std::fclose(jsonFile);
    QCOMPARE(lines.size(), log.rowCount());
    QCOMPARE(qsizetype(log.rowCount()), events.size());
    for (int row = 0; row < log.rowCount(); ++row) {
        const ConsoleEvent &shown = log.event(row);
        QCOMPARE(shown.sequence, events.at(row).sequence);
        const QJsonObject json = lines.value(shown.sequence);
        QCOMPARE(json.value(QStringLiteral("kind")).toString(), toString(shown.kind));
        QCOMPARE(json.value(QStringLiteral("message")).toString(), shown.message);
        const QVariantMap fields = log.index(row, 0).data(EventFieldsRole).toMap();
        QCOMPARE(fields, events.at(row).fields);
        for (auto it = fields.cbegin(); it != fields.cend(); ++it)
            QCOMPARE(json.value(it.key()), QJsonValue::fromVariant(it.value()));
    }
    QCOMPARE(lines.value(endpoint.sequence).value(QStringLiteral("cause")).toString(),
        QStringLiteral("strong-failure"));
}

void tst_ConsoleEngine::stopIsCleanAndIdempotent()
{
    QList<ConsoleEvent> events;
    ConsoleEngine engine;
    QVERIFY(engine.startDemo());
    connect(engine.events(), &EventHub::published, this,
        [&events](const ConsoleEvent &e) { events.append(e); });
    engine.start();
    QTRY_VERIFY_WITH_TIMEOUT(
        engine.health()->endpointHealth(QStringLiteral("us-east-rest")) == Health::Healthy, 5000);
    engine.stop(QStringLiteral("the test is over"));
    QVERIFY(!engine.isRunning());
    QVERIFY(!engine.scheduler());
    QCOMPARE(toString(events.constLast().kind), toString(EventKind::ConsoleStopping));
    QCOMPARE(events.constLast().field(QStringLiteral("why")).toString(),
        QStringLiteral("the test is over"));
    const qsizetype count = events.size();
    engine.stop(QStringLiteral("again"));
    // No probe reports after the stop, and a second stop says nothing.
    QTest::qWait(1500);
    QCOMPARE(events.size(), count);
    // What the engine knew stays readable after the stop (a report may still need it).
    QCOMPARE(toString(engine.health()->endpointHealth(QStringLiteral("us-east-rest"))),
        toString(Health::Healthy));
    QVERIFY(engine.topology());
}

void tst_ConsoleEngine::badConfigKeepsTheEngineIdle()
{
    ConsoleEngine engine;
    QVERIFY(!engine.loadConfig(QStringLiteral("/nonexistent/console.yaml")));
    QVERIFY(!engine.errors().isEmpty());
    QVERIFY(!engine.isRunning());
    QVERIFY(!engine.health());
    QVERIFY(!engine.applyDemoFaults({ QStringLiteral("eu-west=down") }));
    QVERIFY(engine.errors().constFirst().contains(QStringLiteral("--demo-fault")));
}

// Every region refusing at the same moment is likelier the console's own network than three
// regions at once: the self-check says so, on the stream, and the breakers still open.
void tst_ConsoleEngine::everyRegionDownAtOnceIsSelfDoubt()
{
    QList<ConsoleEvent> events;
    ConsoleEngine engine;
    QVERIFY(engine.startDemo());
    connect(engine.events(), &EventHub::published, this,
        [&events](const ConsoleEvent &e) { events.append(e); });
    engine.start();
    const auto all = [&engine](Health health) {
        for (const RegionOverview &r : engine.overview().regions) {
            if (engine.health()->regionHealth(r.id) != health)
                return false;
        }
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(all(Health::Healthy), 10000);
    QVERIFY(!engine.selfCheck()->suspected());
    for (const QString &region : engine.demo()->regionIds())
        engine.demo()->setFault(region, DemoFault::Down);
    QTRY_VERIFY_WITH_TIMEOUT(engine.selfCheck()->suspected(), 5000);
    QCOMPARE(toString(engine.selfCheck()->cause()), QStringLiteral("common-failure"));
    QVERIFY2(engine.selfCheck()->reason().contains(QStringLiteral("refused")),
        qPrintable(engine.selfCheck()->reason()));
    bool published = false;
    for (const ConsoleEvent &e : events)
        published
            |= e.kind == EventKind::SelfCheck && e.field(QStringLiteral("suspected")).toBool();
    QVERIFY(published);
    // One region back is a difference the console can see: the doubt clears.
    engine.demo()->setFault(engine.demo()->regionIds().constFirst(), DemoFault::None);
    QTRY_VERIFY_WITH_TIMEOUT(!engine.selfCheck()->suspected(), 10000);
}

void tst_ConsoleEngine::slowAndHangReadDifferently()
{
    // Slow answers inside the timeout: a latency verdict once it lasts (the demo's 5 s); Hang
    // answers after it: timeouts. Each verdict can be seen, and they differ.
    QList<ConsoleEvent> events;
    ConsoleEngine engine;
    QVERIFY(engine.startDemo());
    connect(engine.events(), &EventHub::published, this,
        [&events](const ConsoleEvent &e) { events.append(e); });
    engine.start();
    const QString slow = QStringLiteral("eu-west");
    const QString hung = QStringLiteral("ap-southeast");
    QTRY_COMPARE_WITH_TIMEOUT(
        toString(engine.health()->regionHealth(slow)), toString(Health::Healthy), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(
        toString(engine.health()->regionHealth(hung)), toString(Health::Healthy), 10000);
    engine.demo()->setFault(slow, DemoFault::Slow);
    engine.demo()->setFault(hung, DemoFault::Hang);
    const auto verdict = [&events](const QString &region, const QString &cause) {
        for (const ConsoleEvent &e : events) {
            if (e.kind == EventKind::EndpointHealth && e.regionId == region
                && e.field(QStringLiteral("cause")).toString() == cause)
                return &e;
        }
        return static_cast<const ConsoleEvent *>(nullptr);
    };
    QTRY_VERIFY_WITH_TIMEOUT(verdict(hung, QStringLiteral("failure-run")), 6000);
    QCOMPARE(verdict(hung, QStringLiteral("failure-run"))
                 ->field(QStringLiteral("probe_status"))
                 .toString(),
        QStringLiteral("timeout"));
    QTRY_VERIFY_WITH_TIMEOUT(verdict(slow, QStringLiteral("slowness")), 12000);
    const ConsoleEvent *slowness = verdict(slow, QStringLiteral("slowness"));
    QCOMPARE(slowness->field(QStringLiteral("to")).toString(), QStringLiteral("degraded"));
    QCOMPARE(slowness->field(QStringLiteral("probe_status")).toString(), QStringLiteral("ok"));
    // A slow region never timed out.
    for (const ConsoleEvent &e : events) {
        if (e.regionId == slow && e.kind == EventKind::EndpointHealth)
            QVERIFY2(e.field(QStringLiteral("probe_status")).toString() != u"timeout"_qs,
                qPrintable(e.message));
    }
}

QTEST_GUILESS_MAIN(tst_ConsoleEngine)
#include "tst_consoleengine.moc"
