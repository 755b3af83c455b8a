#include "eventhub.h"
#include "eventjson.h"
#include "fakeclock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

class tst_EventHub final : public QObject
{
    Q_OBJECT
private slots:
    void stampsSequenceAndTime();
    void keepsPublishersTimes();
    void backlogIsBounded();
    void jsonCarriesEnvelopeAndFields();
    void fieldsNeverShadowTheEnvelope();
    void everyKindHasAName();
};

void tst_EventHub::stampsSequenceAndTime()
{
    FakeClock clock;
    EventHub hub(&clock);
    QSignalSpy spy(&hub, &EventHub::published);
    const ConsoleEvent first = hub.publish(ConsoleEvent());
    clock.advance(1500ms);
    const ConsoleEvent second = hub.publish(ConsoleEvent());
    QCOMPARE(first.sequence, quint64(1));
    QCOMPARE(second.sequence, quint64(2));
    QCOMPARE(hub.lastSequence(), quint64(2));
    QCOMPARE(first.wallTime, FakeClock::defaultWallStart());
    QCOMPARE(second.wallTime, FakeClock::defaultWallStart().addMSecs(1500));
    QCOMPARE(second.monotonicMs - first.monotonicMs, qint64(1500));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).value<ConsoleEvent>().sequence, quint64(2));
}

void tst_EventHub::keepsPublishersTimes()
{
    FakeClock clock;
    EventHub hub(&clock);
    ConsoleEvent event;
    const QDateTime probeTime = FakeClock::defaultWallStart().addSecs(-3);
    event.wallTime = probeTime;
    event.monotonicMs = 42;
    const ConsoleEvent published = hub.publish(event);
    QCOMPARE(published.wallTime, probeTime);
    QCOMPARE(published.monotonicMs, qint64(42));
}

void tst_EventHub::backlogIsBounded()
{
    FakeClock clock;
    EventHub hub(&clock);
    for (int i = 0; i < EventHub::defaultBacklog + 10; ++i) {
        ConsoleEvent event;
        event.message = QString::number(i);
        hub.publish(event);
    }
    const QList<ConsoleEvent> backlog = hub.backlog();
    QCOMPARE(backlog.size(), EventHub::defaultBacklog);
    QCOMPARE(backlog.constFirst().message, QStringLiteral("10"));
    QCOMPARE(backlog.constLast().sequence, quint64(EventHub::defaultBacklog + 10));
}

void tst_EventHub::jsonCarriesEnvelopeAndFields()
{
    FakeClock clock;
    EventHub hub(&clock);
    ConsoleEvent event;
    event.kind = EventKind::EndpointHealth;
    event.severity = EventSeverity::Critical;
    event.regionId = QStringLiteral("us-east");
    event.endpointId = QStringLiteral("us-east-db");
    event.message = QStringLiteral("US East DB is unhealthy: connection refused.");
    event.fields = { { QStringLiteral("from"), QStringLiteral("healthy") },
        { QStringLiteral("failure_run"), 1 }, { QStringLiteral("lag_bytes"), QVariant() },
        { QStringLiteral("replay_paused"), false } };
    const QByteArray line = eventToJsonLine(hub.publish(event));
    QVERIFY(line.endsWith('\n'));
    QCOMPARE(line.count('\n'), 1);
    QJsonParseError error;
    const QJsonObject json = QJsonDocument::fromJson(line, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(json.value(QStringLiteral("seq")).toInt(), 1);
    QCOMPARE(
        json.value(QStringLiteral("time")).toString(), QStringLiteral("2026-01-01T00:00:00.000Z"));
    QCOMPARE(json.value(QStringLiteral("kind")).toString(), QStringLiteral("endpoint-health"));
    QCOMPARE(json.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
    QCOMPARE(json.value(QStringLiteral("region")).toString(), QStringLiteral("us-east"));
    QCOMPARE(json.value(QStringLiteral("endpoint")).toString(), QStringLiteral("us-east-db"));
    QCOMPARE(json.value(QStringLiteral("message")).toString(), event.message);
    QCOMPARE(json.value(QStringLiteral("from")).toString(), QStringLiteral("healthy"));
    QCOMPARE(json.value(QStringLiteral("failure_run")).toInt(), 1);
    QVERIFY(json.value(QStringLiteral("lag_bytes")).isNull());
    QCOMPARE(json.value(QStringLiteral("replay_paused")).toBool(true), false);
    QVERIFY(json.contains(QStringLiteral("mono_ms")));

    ConsoleEvent global;
    const QJsonObject nulls = eventToJson(hub.publish(global));
    QVERIFY(nulls.value(QStringLiteral("region")).isNull());
    QVERIFY(nulls.value(QStringLiteral("endpoint")).isNull());
}

void tst_EventHub::fieldsNeverShadowTheEnvelope()
{
    FakeClock clock;
    EventHub hub(&clock);
    ConsoleEvent event;
    event.kind = EventKind::DemoFault;
    event.fields
        = { { QStringLiteral("kind"), QStringLiteral("spoof") }, { QStringLiteral("seq"), 999 } };
    const QJsonObject json = eventToJson(hub.publish(event));
    QCOMPARE(json.value(QStringLiteral("kind")).toString(), QStringLiteral("demo-fault"));
    QCOMPARE(json.value(QStringLiteral("seq")).toInt(), 1);
}

void tst_EventHub::everyKindHasAName()
{
    QSet<QString> names;
    for (EventKind kind : allEventKinds()) {
        const QString name = toString(kind);
        QVERIFY(!name.isEmpty());
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
    }
}

QTEST_GUILESS_MAIN(tst_EventHub)
#include "tst_eventhub.moc"
