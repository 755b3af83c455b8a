#include "displaytext.h"
#include "eventfilterproxy.h"
#include "eventlogmodel.h"
#include "fakeclock.h"
#include "incidenttreemodel.h"
#include "roles.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>

#include <chrono>

using namespace Console;
using namespace std::chrono_literals;
using Tree = IncidentTreeModel;

namespace {
const QDateTime t0(QDate(2026, 5, 6), QTime(14, 0), Qt::UTC);
const QString east = QStringLiteral("us-east");
const QString west = QStringLiteral("eu-west");

ConsoleEvent makeEvent(quint64 sequence, int second, EventKind kind, const QString &region,
    EventSeverity severity, const QString &message, const QString &to = QString())
{
    ConsoleEvent e;
    e.sequence = sequence;
    e.wallTime = t0.addSecs(second);
    e.kind = kind;
    e.regionId = region;
    e.severity = severity;
    e.message = message;
    if (!to.isEmpty())
        e.fields.insert(QStringLiteral("to"), to);
    return e;
}

// One region's outage (degraded, unhealthy, healthy after 42 s) around an unrelated event.
void feedOutage(EventLogModel &log)
{
    log.append(makeEvent(1, 0, EventKind::ConsoleStarted, QString(), EventSeverity::Info,
        QStringLiteral("Watching 4 endpoints.")));
    log.append(makeEvent(2, 5, EventKind::RegionHealth, east, EventSeverity::Warning,
        QStringLiteral("US East is degraded: slow answers."), QStringLiteral("degraded")));
    log.append(makeEvent(3, 15, EventKind::RegionHealth, east, EventSeverity::Critical,
        QStringLiteral("US East is unhealthy: connection refused."), QStringLiteral("unhealthy")));
    log.append(makeEvent(4, 20, EventKind::BreakerTransition, west, EventSeverity::Info,
        QStringLiteral("EU West breaker closed.")));
    log.append(makeEvent(5, 47, EventKind::RegionHealth, east, EventSeverity::Info,
        QStringLiteral("US East is healthy again."), QStringLiteral("healthy")));
}

QString text(const QModelIndex &index, int column)
{
    return index.siblingAtColumn(column).data().toString();
}
} // namespace

class tst_IncidentTreeModel final : public QObject
{
    Q_OBJECT
private slots:
    void outageIsOneExpandableRow();
    void openIncidentDurationFollowsTheClock();
    void followsTheLogWithoutResetting();
    void lateEventKeepsStrictOrder();
    void trimmedEventsLeaveTheTree();
    void acknowledge();
    void recursiveFilterKeepsIncidentsWithMatchingEvents();
    void sourceResetRebuilds();
};

void tst_IncidentTreeModel::outageIsOneExpandableRow()
{
    EventLogModel log;
    FakeClock clock(t0.addSecs(3600));
    Tree tree(&log, &clock);
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    feedOutage(log);

    // Console started, the incident (by its start at +5 s), the breaker event at +20 s.
    QCOMPARE(tree.rowCount(), 3);
    const QModelIndex incident = tree.index(1, 0);
    QVERIFY(tree.isIncident(incident));
    QVERIFY(!tree.isIncident(tree.index(0, 0)));
    QVERIFY(!tree.isIncident(tree.index(2, 0)));
    QCOMPARE(
        text(tree.index(2, 0), Tree::MessageColumn), QStringLiteral("EU West breaker closed."));
    QCOMPARE(tree.rowCount(tree.index(0, 0)), 0);

    QCOMPARE(tree.rowCount(incident), 3);
    QCOMPARE(text(tree.index(0, 0, incident), Tree::MessageColumn),
        QStringLiteral("US East is degraded: slow answers."));
    QCOMPARE(text(tree.index(1, 0, incident), Tree::MessageColumn),
        QStringLiteral("US East is unhealthy: connection refused."));
    QCOMPARE(text(tree.index(2, 0, incident), Tree::MessageColumn),
        QStringLiteral("US East is healthy again."));
    QCOMPARE(tree.index(2, 0, incident).data(Tree::SequenceRole).toULongLong(), 5u);
    QCOMPARE(tree.parent(tree.index(2, 3, incident)), incident);

    // Resolved after 42 s: the clock's hour does not count.
    QCOMPARE(incident.data(Tree::DurationMsRole).toLongLong(), 42000);
    QCOMPARE(text(incident, Tree::DurationColumn), QStringLiteral("0:42"));
    QCOMPARE(text(tree.index(1, 0, incident), Tree::DurationColumn), QStringLiteral("+0:10"));
    QCOMPARE(text(incident, Tree::StateColumn), QStringLiteral("resolved"));
    QVERIFY(!incident.data(Tree::OngoingRole).toBool());
    QCOMPARE(
        text(incident, Tree::MessageColumn), QStringLiteral("US East is degraded: slow answers."));
    QCOMPARE(text(incident, Tree::RegionColumn), east);
    QCOMPARE(incident.data(SeverityRole).toInt(), int(EventSeverity::Critical));
    QCOMPARE(text(incident, Tree::SeverityColumn), QStringLiteral("critical"));
    QCOMPARE(incident.data(TimestampRole).toDateTime(), t0.addSecs(5));
    QCOMPARE(tree.events(incident).size(), 3);
    QCOMPARE(tree.events(incident).last().sequence, 5u);
    QCOMPARE(tree.incidentOf(tree.index(1, 0, incident)), 0);
    QCOMPARE(tree.incidentOf(tree.index(2, 0)), -1);
    QVERIFY(!tree.event(incident));
    QCOMPARE(tree.event(tree.index(0, 0, incident))->sequence, 2u);
}

void tst_IncidentTreeModel::openIncidentDurationFollowsTheClock()
{
    EventLogModel log;
    FakeClock clock(t0.addSecs(10));
    Tree tree(&log, &clock);
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.append(makeEvent(1, 5, EventKind::RegionHealth, east, EventSeverity::Critical,
        QStringLiteral("US East is unhealthy."), QStringLiteral("unhealthy")));
    log.append(makeEvent(2, 6, EventKind::BreakerTransition, west, EventSeverity::Info,
        QStringLiteral("EU West breaker closed.")));
    const QModelIndex incident = tree.index(0, 0);
    QVERIFY(incident.data(Tree::OngoingRole).toBool());
    QCOMPARE(text(incident, Tree::StateColumn), QStringLiteral("ongoing"));
    QCOMPARE(text(incident, Tree::DurationColumn), QStringLiteral("0:05"));

    QSignalSpy changed(&tree, &QAbstractItemModel::dataChanged);
    clock.advance(60s);
    tree.refreshDurations();
    // Only the open incident's duration cell, nothing else.
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex(), incident.siblingAtColumn(Tree::DurationColumn));
    QCOMPARE(changed.first().at(1).toModelIndex(), incident.siblingAtColumn(Tree::DurationColumn));
    QCOMPARE(text(incident, Tree::DurationColumn), QStringLiteral("1:05"));

    log.append(makeEvent(3, 90, EventKind::RegionHealth, east, EventSeverity::Info,
        QStringLiteral("US East is healthy."), QStringLiteral("healthy")));
    QCOMPARE(text(incident, Tree::StateColumn), QStringLiteral("resolved"));
    QCOMPARE(text(incident, Tree::DurationColumn), QStringLiteral("1:25"));
    changed.clear();
    clock.advance(60s);
    tree.refreshDurations();
    QCOMPARE(changed.size(), 0); // a resolved incident's duration no longer moves
}

void tst_IncidentTreeModel::followsTheLogWithoutResetting()
{
    EventLogModel log;
    Tree tree(&log);
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&tree, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&tree, &QAbstractItemModel::rowsInserted);
    log.append(makeEvent(1, 0, EventKind::RegionHealth, east, EventSeverity::Warning,
        QStringLiteral("US East is degraded."), QStringLiteral("degraded")));
    const QPersistentModelIndex incident = tree.index(0, 0);
    QVERIFY(tree.isIncident(incident));
    QCOMPARE(inserted.size(), 1);
    QVERIFY(!inserted.last().at(0).toModelIndex().isValid());

    log.append(makeEvent(2, 1, EventKind::BreakerTransition, west, EventSeverity::Info,
        QStringLiteral("EU West breaker closed.")));
    log.append(makeEvent(3, 2, EventKind::EndpointHealth, east, EventSeverity::Critical,
        QStringLiteral("US East DB is unhealthy.")));
    QCOMPARE(inserted.size(), 3);
    // The endpoint's event went under the incident, as its second child.
    QCOMPARE(inserted.last().at(0).toModelIndex(), QModelIndex(incident));
    QCOMPARE(inserted.last().at(1).toInt(), 1);
    QCOMPARE(resets.size(), 0);
    QVERIFY(incident.isValid());
    QCOMPARE(incident.row(), 0);
    QCOMPARE(tree.rowCount(incident), 2);
    QCOMPARE(tree.rowCount(), 2);
    // The new event made the incident critical.
    QCOMPARE(incident.data(SeverityRole).toInt(), int(EventSeverity::Critical));
}

void tst_IncidentTreeModel::lateEventKeepsStrictOrder()
{
    EventLogModel log;
    Tree tree(&log);
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.append(makeEvent(1, 10, EventKind::RegionHealth, east, EventSeverity::Critical,
        QStringLiteral("US East is unhealthy."), QStringLiteral("unhealthy")));
    log.append(makeEvent(2, 30, EventKind::EndpointHealth, east, EventSeverity::Critical,
        QStringLiteral("US East DB refused.")));
    log.append(makeEvent(3, 40, EventKind::BreakerTransition, west, EventSeverity::Info,
        QStringLiteral("EU West breaker closed.")));
    // Published later, stamped earlier (a probe's verdict carries its start time).
    log.append(makeEvent(4, 20, EventKind::EndpointHealth, east, EventSeverity::Warning,
        QStringLiteral("US East DB is slow.")));
    log.append(makeEvent(5, 5, EventKind::BreakerTransition, west, EventSeverity::Info,
        QStringLiteral("EU West breaker half-open.")));

    QCOMPARE(tree.rowCount(), 3);
    QCOMPARE(
        text(tree.index(0, 0), Tree::MessageColumn), QStringLiteral("EU West breaker half-open."));
    const QModelIndex incident = tree.index(1, 0);
    QVERIFY(tree.isIncident(incident));
    QCOMPARE(
        text(tree.index(2, 0), Tree::MessageColumn), QStringLiteral("EU West breaker closed."));
    QStringList children;
    for (int row = 0; row < tree.rowCount(incident); ++row)
        children << text(tree.index(row, 0, incident), Tree::MessageColumn);
    QCOMPARE(children,
        QStringList({ QStringLiteral("US East is unhealthy."),
            QStringLiteral("US East DB is slow."), QStringLiteral("US East DB refused.") }));
}

void tst_IncidentTreeModel::trimmedEventsLeaveTheTree()
{
    EventLogModel log(3);
    Tree tree(&log);
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    log.append(makeEvent(1, 0, EventKind::BreakerTransition, west, EventSeverity::Info,
        QStringLiteral("EU West breaker closed.")));
    log.append(makeEvent(2, 1, EventKind::RegionHealth, east, EventSeverity::Critical,
        QStringLiteral("US East is unhealthy."), QStringLiteral("unhealthy")));
    log.append(makeEvent(3, 2, EventKind::EndpointHealth, east, EventSeverity::Critical,
        QStringLiteral("US East DB refused.")));
    QCOMPARE(tree.rowCount(), 2);
    log.append(makeEvent(4, 3, EventKind::EndpointHealth, east, EventSeverity::Critical,
        QStringLiteral("US East DB refused again.")));
    // The breaker event left the log, and the tree.
    QCOMPARE(tree.rowCount(), 1);
    QVERIFY(tree.isIncident(tree.index(0, 0)));
    QCOMPARE(tree.rowCount(tree.index(0, 0)), 3);
    log.append(makeEvent(5, 4, EventKind::BreakerTransition, west, EventSeverity::Info,
        QStringLiteral("EU West breaker open.")));
    // The opening event left: the incident keeps its start and its summary.
    const QModelIndex incident = tree.index(0, 0);
    QCOMPARE(tree.rowCount(incident), 2);
    QCOMPARE(incident.data(TimestampRole).toDateTime(), t0.addSecs(1));
    QCOMPARE(text(incident, Tree::MessageColumn), QStringLiteral("US East is unhealthy."));
    log.append(makeEvent(6, 5, EventKind::BreakerTransition, west, EventSeverity::Info,
        QStringLiteral("EU West breaker closed.")));
    log.append(makeEvent(7, 6, EventKind::BreakerTransition, west, EventSeverity::Info,
        QStringLiteral("EU West breaker open.")));
    // Every event of the incident left: so did its row.
    QCOMPARE(tree.rowCount(), 3);
    for (int row = 0; row < 3; ++row)
        QVERIFY(!tree.isIncident(tree.index(row, 0)));
    QVERIFY(!tree.indexOfIncident(0).isValid());
    // A later event of the still-open incident brings its row back.
    log.append(makeEvent(8, 7, EventKind::EndpointHealth, east, EventSeverity::Critical,
        QStringLiteral("US East DB still refused.")));
    QCOMPARE(tree.indexOfIncident(0).row(), 0);
    QCOMPARE(tree.rowCount(tree.indexOfIncident(0)), 1);
}

void tst_IncidentTreeModel::acknowledge()
{
    EventLogModel log;
    FakeClock clock(t0.addSecs(60));
    Tree tree(&log, &clock);
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    feedOutage(log);
    const QModelIndex incident = tree.index(1, 0);
    QVERIFY(!incident.data(Tree::AcknowledgedRole).toBool());
    QVERIFY(!tree.index(0, 0, incident).data(Tree::AcknowledgedRole).toBool());

    QSignalSpy changed(&tree, &QAbstractItemModel::dataChanged);
    QSignalSpy acknowledged(&tree, &IncidentTreeModel::acknowledged);
    QVERIFY(tree.acknowledge(0, QStringLiteral("alice")));
    QCOMPARE(acknowledged.size(), 1);
    QCOMPARE(acknowledged.first().at(0).toInt(), 0);
    QCOMPARE(changed.size(), 2); // the incident's row, then its events
    QCOMPARE(changed.at(0).at(0).toModelIndex(), incident);
    QCOMPARE(changed.at(0).at(1).toModelIndex(), incident.siblingAtColumn(Tree::StateColumn));
    QVERIFY(incident.data(Tree::AcknowledgedRole).toBool());
    QCOMPARE(incident.data(Tree::AcknowledgedByRole).toString(), QStringLiteral("alice"));
    QCOMPARE(incident.data(Tree::AcknowledgedAtRole).toDateTime(), t0.addSecs(60));
    QCOMPARE(text(incident, Tree::StateColumn),
        QStringLiteral("✓ resolved · ack alice %1").arg(DisplayText::clockTime(t0.addSecs(60))));
    QVERIFY(incident.siblingAtColumn(Tree::StateColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .startsWith(QStringLiteral("Acknowledged by alice at ")));
    QVERIFY(tree.index(2, 0, incident).data(Tree::AcknowledgedRole).toBool());
    QVERIFY(!tree.index(0, 0).data(Tree::AcknowledgedRole).toBool());

    QVERIFY(!tree.acknowledge(0, QStringLiteral("bob")));
    QCOMPARE(incident.data(Tree::AcknowledgedByRole).toString(), QStringLiteral("alice"));
    QVERIFY(!tree.acknowledge(1, QStringLiteral("bob")));
    QCOMPARE(acknowledged.size(), 1);
}

void tst_IncidentTreeModel::recursiveFilterKeepsIncidentsWithMatchingEvents()
{
    EventLogModel log;
    Tree tree(&log);
    EventFilterProxy proxy;
    proxy.setRecursiveFilteringEnabled(true);
    proxy.setSourceModel(&tree);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    feedOutage(log);
    QCOMPARE(proxy.rowCount(), 3);

    proxy.setSearchText(QStringLiteral("refused"));
    QCOMPARE(proxy.rowCount(), 1);
    const QModelIndex incident = proxy.index(0, 0);
    QVERIFY(incident.data(Tree::IsIncidentRole).toBool());
    QCOMPARE(proxy.rowCount(incident), 1);
    QCOMPARE(text(proxy.index(0, 0, incident), Tree::MessageColumn),
        QStringLiteral("US East is unhealthy: connection refused."));

    proxy.setSearchText(QString());
    proxy.setRegionId(west);
    QCOMPARE(proxy.rowCount(), 1);
    QVERIFY(!proxy.index(0, 0).data(Tree::IsIncidentRole).toBool());

    proxy.setRegionId(QString());
    proxy.setMinimumSeverity(EventSeverity::Critical);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 1);

    proxy.setMinimumSeverity(EventSeverity::Info);
    proxy.setKind(EventKind::BreakerTransition);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(
        text(proxy.index(0, 0), Tree::MessageColumn), QStringLiteral("EU West breaker closed."));
    proxy.setKind(EventKind::RegionHealth);
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 3);

    // A new event of the incident shows under it while the filter holds.
    proxy.setKind(std::nullopt);
    log.append(makeEvent(6, 50, EventKind::RegionHealth, west, EventSeverity::Warning,
        QStringLiteral("EU West is degraded."), QStringLiteral("degraded")));
    proxy.setSearchText(QStringLiteral("replica"));
    QCOMPARE(proxy.rowCount(), 0);
    log.append(makeEvent(7, 60, EventKind::ReplicationLink, west, EventSeverity::Warning,
        QStringLiteral("EU West replica stopped streaming.")));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.rowCount(proxy.index(0, 0)), 1);
}

void tst_IncidentTreeModel::sourceResetRebuilds()
{
    EventLogModel log;
    feedOutage(log);
    Tree tree(&log);
    QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(tree.rowCount(), 3); // the log's rows before the tree existed are grouped too
    QVERIFY(tree.isIncident(tree.index(1, 0)));
    QSignalSpy resets(&tree, &QAbstractItemModel::modelReset);
    log.clear();
    QCOMPARE(resets.size(), 1);
    QCOMPARE(tree.rowCount(), 0);
    QVERIFY(tree.incidents().incidents().isEmpty());
    feedOutage(log);
    QCOMPARE(tree.rowCount(), 3);
    QCOMPARE(tree.incidents().incidents().size(), 1);
}

QTEST_GUILESS_MAIN(tst_IncidentTreeModel)
#include "tst_incidenttreemodel.moc"
