#include "eventincidents.h"

#include <QTest>

using namespace Console;

namespace {
const QDateTime t0(QDate(2024, 5, 6), QTime(14, 0), Qt::UTC);

ConsoleEvent makeEvent(quint64 sequence, int second, EventKind kind, const QString &region,
    EventSeverity severity, const QString &to = QString())
{
    ConsoleEvent e;
    e.sequence = sequence;
    e.wallTime = t0.addSecs(second);
    e.kind = kind;
    e.regionId = region;
    e.severity = severity;
    if (!to.isEmpty())
        e.fields.insert(QStringLiteral("to"), to);
    return e;
}
} // namespace

class tst_EventIncidents final : public QObject
{
    Q_OBJECT
private slots:
    void oneOutageIsOneIncident();
    void regionsAreSeparateAndHealthyEventsStandAlone();
    void openIncidentLastsUntilNow();
    void acknowledge();
    void forgetKeepsOnlyWhatTheLogHolds();
};

void tst_EventIncidents::oneOutageIsOneIncident()
{
    EventIncidents incidents;
    const QString east = QStringLiteral("us-east");
    incidents.add(makeEvent(1, 0, EventKind::ConsoleStarted, QString(), EventSeverity::Info));
    incidents.add(makeEvent(2, 5, EventKind::EndpointHealth, east, EventSeverity::Critical,
        QStringLiteral("unhealthy")));
    incidents.add(makeEvent(
        3, 5, EventKind::RegionHealth, east, EventSeverity::Warning, QStringLiteral("degraded")));
    incidents.add(makeEvent(
        4, 9, EventKind::RegionHealth, east, EventSeverity::Critical, QStringLiteral("unhealthy")));
    incidents.add(makeEvent(5, 20, EventKind::PrimaryState, east, EventSeverity::Critical));
    incidents.add(makeEvent(
        6, 47, EventKind::RegionHealth, east, EventSeverity::Info, QStringLiteral("healthy")));
    incidents.add(makeEvent(
        7, 50, EventKind::EndpointHealth, east, EventSeverity::Info, QStringLiteral("healthy")));
    QCOMPARE(incidents.incidents().size(), 1);
    const EventIncident &incident = incidents.incidents().first();
    QCOMPARE(incident.regionId, east);
    QCOMPARE(incident.sequences, QList<quint64>({ 3, 4, 5, 6 }));
    QVERIFY(!incident.isOpen());
    QCOMPARE(incident.durationMs(t0.addSecs(3600)), 42000);
    QVERIFY(incident.worst == EventSeverity::Critical);
    QCOMPARE(incidents.incidentOf(4), 0);
    QCOMPARE(incidents.incidentOf(2), -1); // before the region turned bad
    QCOMPARE(incidents.incidentOf(7), -1); // after it recovered
}

void tst_EventIncidents::regionsAreSeparateAndHealthyEventsStandAlone()
{
    EventIncidents incidents;
    const QString east = QStringLiteral("us-east");
    const QString west = QStringLiteral("eu-west");
    incidents.add(makeEvent(
        1, 0, EventKind::RegionHealth, east, EventSeverity::Critical, QStringLiteral("unhealthy")));
    incidents.add(makeEvent(
        2, 1, EventKind::RegionHealth, west, EventSeverity::Warning, QStringLiteral("degraded")));
    incidents.add(makeEvent(3, 2, EventKind::EndpointHealth, west, EventSeverity::Critical,
        QStringLiteral("unhealthy")));
    incidents.add(makeEvent(
        4, 3, EventKind::RegionHealth, east, EventSeverity::Info, QStringLiteral("healthy")));
    incidents.add(makeEvent(
        5, 4, EventKind::RegionHealth, east, EventSeverity::Critical, QStringLiteral("unhealthy")));
    QCOMPARE(incidents.incidents().size(), 3);
    QCOMPARE(incidents.incidents().at(0).sequences, QList<quint64>({ 1, 4 }));
    QCOMPARE(incidents.incidents().at(1).sequences, QList<quint64>({ 2, 3 }));
    QCOMPARE(incidents.incidents().at(1).regionId, west);
    QVERIFY(incidents.incidents().at(1).isOpen());
    QCOMPARE(incidents.incidents().at(2).sequences, QList<quint64>({ 5 })); // a second outage
    incidents.clear();
    QVERIFY(incidents.incidents().isEmpty());
    QCOMPARE(incidents.incidentOf(1), -1);
}

void tst_EventIncidents::openIncidentLastsUntilNow()
{
    EventIncidents incidents;
    incidents.add(makeEvent(1, 10, EventKind::RegionHealth, QStringLiteral("a"),
        EventSeverity::Critical, QStringLiteral("unhealthy")));
    QCOMPARE(incidents.incidents().first().durationMs(t0.addSecs(70)), 60000);
}

void tst_EventIncidents::acknowledge()
{
    EventIncidents incidents;
    incidents.add(makeEvent(1, 0, EventKind::RegionHealth, QStringLiteral("a"),
        EventSeverity::Critical, QStringLiteral("unhealthy")));
    QVERIFY(!incidents.incidents().first().acknowledged);
    const QDateTime at = t0.addSecs(30);
    QVERIFY(incidents.acknowledge(0, QStringLiteral("alice"), at));
    QVERIFY(incidents.incidents().first().acknowledged);
    QCOMPARE(incidents.incidents().first().acknowledgedBy, QStringLiteral("alice"));
    QCOMPARE(incidents.incidents().first().acknowledgedAt, at);
    // The first acknowledgement stays: a second operator does not overwrite who saw it first.
    QVERIFY(!incidents.acknowledge(0, QStringLiteral("bob"), at.addSecs(5)));
    QCOMPARE(incidents.incidents().first().acknowledgedBy, QStringLiteral("alice"));
    QVERIFY(!incidents.acknowledge(1));
    QVERIFY(!incidents.acknowledge(-1));
}

// The log trims its oldest events; the grouping lets go of them too, and keeps the incident's
// opening for its place.
void tst_EventIncidents::forgetKeepsOnlyWhatTheLogHolds()
{
    EventIncidents incidents;
    const QString east = QStringLiteral("us-east");
    incidents.add(makeEvent(
        1, 0, EventKind::RegionHealth, east, EventSeverity::Warning, QStringLiteral("degraded")));
    incidents.add(makeEvent(2, 3, EventKind::PrimaryState, east, EventSeverity::Critical));
    incidents.add(makeEvent(3, 4, EventKind::PrimaryState, east, EventSeverity::Critical));
    incidents.forget(1);
    incidents.forget(2);
    incidents.forget(99); // never seen: nothing happens
    QCOMPARE(incidents.incidentOf(1), -1);
    QCOMPARE(incidents.incidentOf(3), 0);
    const EventIncident &incident = incidents.incidents().first();
    QCOMPARE(incident.sequences, QList<quint64>({ 3 }));
    QCOMPARE(incident.openingSequence, quint64(1));
    QCOMPARE(incident.start, t0);
    incidents.add(makeEvent(
        4, 9, EventKind::RegionHealth, east, EventSeverity::Info, QStringLiteral("healthy")));
    QCOMPARE(incidents.incidentOf(4), 0);
    QVERIFY(!incidents.incidents().first().isOpen());
}

QTEST_GUILESS_MAIN(tst_EventIncidents)
#include "tst_eventincidents.moc"
