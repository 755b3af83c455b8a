#include "clock.h"
#include "displaytext.h"
#include "eventfilterproxy.h"
#include "eventhub.h"
#include "eventlogmodel.h"
#include "eventlogpanel.h"
#include "healthpalette.h"
#include "incidenttreemodel.h"
#include "journal.h"
#include "severitydelegate.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QGuiApplication>
#include <QHeaderView>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Console;
using Col = EventLogModel::Column;
using Tree = IncidentTreeModel;

namespace {
const QDateTime t0(QDate(2026, 5, 6), QTime(14, 0), Qt::UTC);
const QString east = QStringLiteral("us-east");
const QString west = QStringLiteral("eu-west");
} // namespace

class tst_EventLogPanel : public QObject
{
    Q_OBJECT
private slots:
    void filtersLeaveTheRightRows();
    void copyPutsRowsOnTheClipboard();
    void severityHasColourAndShape();
    void groupedByDefaultWithOneRowPerIncident();
    void toggleToTheFlatTableByKeyboard();
    void expandedIncidentStaysExpandedAsEventsArrive();
    void filtersWorkGrouped();
    void acknowledgeTheSelectedIncident();
    void copyAndExportGrouped();

private:
    static void publish(EventHub &hub, EventKind kind, EventSeverity severity,
        const QString &region, const QString &message);
    static void publishAt(EventHub &hub, int second, EventKind kind, EventSeverity severity,
        const QString &region, const QString &message, const QString &to = QString());
    // US East degraded at +5 s, unhealthy at +15 s, healthy at +47 s; EU West's breaker at +20 s
    // and the console's start at 0 around it.
    static void publishOutage(EventHub &hub);
    static QStringList shownMessages(const QTableView *view);
    static QStringList childMessages(const QAbstractItemModel *model, const QModelIndex &parent);
    static void selectRow(QTreeView *tree, const QModelIndex &index);
};

void tst_EventLogPanel::publishAt(EventHub &hub, int second, EventKind kind, EventSeverity severity,
    const QString &region, const QString &message, const QString &to)
{
    ConsoleEvent e;
    e.wallTime = t0.addSecs(second);
    e.kind = kind;
    e.severity = severity;
    e.regionId = region;
    e.message = message;
    if (!to.isEmpty())
        e.fields.insert(QStringLiteral("to"), to);
    hub.publish(e);
}

void tst_EventLogPanel::publishOutage(EventHub &hub)
{
    publishAt(hub, 0, EventKind::ConsoleStarted, EventSeverity::Info, QString(),
        QStringLiteral("Watching 4 endpoints in 2 regions."));
    publishAt(hub, 5, EventKind::RegionHealth, EventSeverity::Warning, east,
        QStringLiteral("US East is degraded: slow answers."), QStringLiteral("degraded"));
    publishAt(hub, 15, EventKind::RegionHealth, EventSeverity::Critical, east,
        QStringLiteral("US East is unhealthy: connection refused."), QStringLiteral("unhealthy"));
    publishAt(hub, 20, EventKind::BreakerTransition, EventSeverity::Info, west,
        QStringLiteral("EU West breaker closed."));
    publishAt(hub, 47, EventKind::RegionHealth, EventSeverity::Info, east,
        QStringLiteral("US East is healthy again."), QStringLiteral("healthy"));
}

QStringList tst_EventLogPanel::childMessages(
    const QAbstractItemModel *model, const QModelIndex &parent)
{
    QStringList out;
    for (int row = 0; row < model->rowCount(parent); ++row)
        out << model->index(row, Tree::MessageColumn, parent).data().toString();
    return out;
}

void tst_EventLogPanel::selectRow(QTreeView *tree, const QModelIndex &index)
{
    tree->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void tst_EventLogPanel::publish(EventHub &hub, EventKind kind, EventSeverity severity,
    const QString &region, const QString &message)
{
    ConsoleEvent e;
    e.kind = kind;
    e.severity = severity;
    e.regionId = region;
    e.message = message;
    hub.publish(e);
}

QStringList tst_EventLogPanel::shownMessages(const QTableView *view)
{
    QStringList out;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        out << view->model()->index(row, Col::MessageColumn).data().toString();
    return out;
}

void tst_EventLogPanel::filtersLeaveTheRightRows()
{
    EventHub hub(Clock::system());
    EventLogModel model;
    model.attach(&hub);
    EventLogPanel panel(&model);
    panel.resize(900, 300);
    panel.show();
    publish(hub, EventKind::ConsoleStarted, EventSeverity::Info, QString(),
        QStringLiteral("Watching 4 endpoints in 2 regions."));
    publish(hub, EventKind::RegionHealth, EventSeverity::Critical, QStringLiteral("us-east"),
        QStringLiteral("US East is unhealthy: connection refused."));
    publish(hub, EventKind::RegionHealth, EventSeverity::Warning, QStringLiteral("eu-west"),
        QStringLiteral("EU West is degraded: slow answers."));
    publish(hub, EventKind::EndpointHealth, EventSeverity::Info, QStringLiteral("us-east"),
        QStringLiteral("US East DB is healthy again."));
    QCOMPARE(panel.view()->model()->rowCount(), 4);

    // Regions appear in the combo as events name them, sorted after "All regions".
    QCOMPARE(panel.regionCombo()->count(), 3);
    QCOMPARE(panel.regionCombo()->itemData(1).toString(), QStringLiteral("eu-west"));
    panel.regionCombo()->setCurrentIndex(panel.regionCombo()->findData(QStringLiteral("us-east")));
    QCOMPARE(shownMessages(panel.view()),
        QStringList({ QStringLiteral("US East is unhealthy: connection refused."),
            QStringLiteral("US East DB is healthy again.") }));

    panel.severityCombo()->setCurrentIndex(
        panel.severityCombo()->findData(int(EventSeverity::Critical)));
    QCOMPARE(shownMessages(panel.view()),
        QStringList({ QStringLiteral("US East is unhealthy: connection refused.") }));

    panel.regionCombo()->setCurrentIndex(0);
    panel.severityCombo()->setCurrentIndex(
        panel.severityCombo()->findData(int(EventSeverity::Warning)));
    QCOMPARE(panel.view()->model()->rowCount(), 2);
    panel.kindCombo()->setCurrentIndex(panel.kindCombo()->findData(int(EventKind::RegionHealth)));
    QCOMPARE(panel.view()->model()->rowCount(), 2);

    panel.severityCombo()->setCurrentIndex(0);
    panel.kindCombo()->setCurrentIndex(0);
    QTest::keyClicks(panel.searchEdit(), QStringLiteral("SLOW"));
    QCOMPARE(shownMessages(panel.view()),
        QStringList({ QStringLiteral("EU West is degraded: slow answers.") }));
    // A new matching event shows while the filter holds; others stay hidden.
    publish(hub, EventKind::RegionHealth, EventSeverity::Critical, QStringLiteral("ap-south"),
        QStringLiteral("AP South is slow to answer."));
    publish(hub, EventKind::RegionHealth, EventSeverity::Critical, QStringLiteral("ap-south"),
        QStringLiteral("AP South is down."));
    QCOMPARE(panel.view()->model()->rowCount(), 2);
    QCOMPARE(panel.regionCombo()->findData(QStringLiteral("ap-south")), 1);
    panel.searchEdit()->clear();
    QCOMPARE(panel.view()->model()->rowCount(), 6);
    QCOMPARE(panel.shownEvents().size(), 6);
}

void tst_EventLogPanel::copyPutsRowsOnTheClipboard()
{
    EventHub hub(Clock::system());
    EventLogModel model;
    model.attach(&hub);
    EventLogPanel panel(&model);
    panel.resize(900, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    publish(hub, EventKind::RegionHealth, EventSeverity::Critical, QStringLiteral("us-east"),
        QStringLiteral("US East is unhealthy, said \"refused\"."));
    publish(hub, EventKind::RegionHealth, EventSeverity::Warning, QStringLiteral("eu-west"),
        QStringLiteral("EU West is degraded."));
    publish(hub, EventKind::RegionHealth, EventSeverity::Info, QStringLiteral("us-east"),
        QStringLiteral("US East is healthy."));

    panel.setGrouped(false);
    panel.searchEdit()->setText(QStringLiteral("us east"));
    QCOMPARE(panel.view()->model()->rowCount(), 2);
    QGuiApplication::clipboard()->clear();
    panel.view()->setFocus();
    panel.view()->selectAll();
    QTest::keySequence(panel.view(), QKeySequence::Copy);
    const QStringList lines
        = QGuiApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines.at(0).endsWith(
                 QStringLiteral("\tcritical\tus-east\t\tUS East is unhealthy, said \"refused\".")),
        qPrintable(lines.at(0)));
    QVERIFY2(lines.at(1).endsWith(QStringLiteral("\tinfo\tus-east\t\tUS East is healthy.")),
        qPrintable(lines.at(1)));
}

// Counts the pixels of exactly `colour` in a cell: the inside of a filled shape.
static int pixelsOf(const QImage &image, const QRect &cell, const QColor &colour)
{
    int count = 0;
    for (int y = cell.top(); y <= cell.bottom(); ++y)
        for (int x = cell.left(); x <= cell.right(); ++x)
            count += image.pixelColor(x, y).rgb() == colour.rgb() ? 1 : 0;
    return count;
}

void tst_EventLogPanel::severityHasColourAndShape()
{
    EventHub hub(Clock::system());
    EventLogModel model;
    model.attach(&hub);
    EventLogPanel panel(&model);
    panel.resize(900, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    publish(hub, EventKind::RegionHealth, EventSeverity::Critical, QStringLiteral("us-east"),
        QStringLiteral("US East is unhealthy."));
    publish(hub, EventKind::RegionHealth, EventSeverity::Info, QStringLiteral("us-east"),
        QStringLiteral("US East is healthy."));
    panel.setGrouped(false);
    QTableView *view = panel.view();
    QVERIFY(view->isVisible());
    QVERIFY(qobject_cast<SeverityDelegate *>(
        view->itemDelegateForColumn(EventLogModel::SeverityColumn)));
    const QImage image = view->viewport()->grab().toImage();
    const QRect critical = view->visualRect(view->model()->index(0, Col::SeverityColumn));
    const QRect info = view->visualRect(view->model()->index(1, Col::SeverityColumn));
    const QColor red = healthStyle(Health::Unhealthy).fill;
    const QColor grey = healthStyle(Health::Unknown).fill;
    QVERIFY(pixelsOf(image, critical, red) > 10);
    QCOMPARE(pixelsOf(image, info, red), 0);
    QVERIFY(pixelsOf(image, info, grey) > 5);
    // The word is still there beside the shape.
    QCOMPARE(
        view->model()->index(0, Col::SeverityColumn).data().toString(), QStringLiteral("critical"));
}

void tst_EventLogPanel::groupedByDefaultWithOneRowPerIncident()
{
    EventHub hub(Clock::system());
    EventLogModel model;
    model.attach(&hub);
    EventLogPanel panel(&model);
    panel.resize(1000, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    publishOutage(hub);
    QVERIFY(panel.isGrouped());
    QVERIFY(panel.groupToggle()->isChecked());
    QTreeView *tree = panel.treeView();
    QVERIFY(tree->isVisible());
    QVERIFY(!panel.view()->isVisible());

    // Five events, three rows: the start, the outage, the breaker, in time order.
    const QAbstractItemModel *shown = tree->model();
    QCOMPARE(shown->rowCount(), 3);
    QCOMPARE(shown->index(0, Tree::MessageColumn).data().toString(),
        QStringLiteral("Watching 4 endpoints in 2 regions."));
    const QModelIndex incident = shown->index(1, 0);
    QVERIFY(incident.data(Tree::IsIncidentRole).toBool());
    QCOMPARE(shown->index(2, Tree::MessageColumn).data().toString(),
        QStringLiteral("EU West breaker closed."));
    QVERIFY(shown->hasChildren(incident));
    QVERIFY(!shown->hasChildren(shown->index(0, 0)));
    QCOMPARE(childMessages(shown, incident),
        QStringList({ QStringLiteral("US East is degraded: slow answers."),
            QStringLiteral("US East is unhealthy: connection refused."),
            QStringLiteral("US East is healthy again.") }));
    QCOMPARE(
        incident.siblingAtColumn(Tree::DurationColumn).data().toString(), QStringLiteral("0:42"));
    QCOMPARE(
        incident.siblingAtColumn(Tree::StateColumn).data().toString(), QStringLiteral("resolved"));
    QCOMPARE(incident.siblingAtColumn(Tree::SeverityColumn).data().toString(),
        QStringLiteral("critical"));
    QCOMPARE(incident.siblingAtColumn(Tree::RegionColumn).data().toString(), east);
    QVERIFY(qobject_cast<SeverityDelegate *>(tree->itemDelegateForColumn(Tree::SeverityColumn)));
    // The duration sits beside the time, the message takes the rest.
    QCOMPARE(tree->header()->visualIndex(Tree::DurationColumn), 1);
    QCOMPARE(tree->header()->logicalIndex(Tree::ColumnCount - 1), int(Tree::MessageColumn));

    // Keyboard: Right opens the incident, Down walks into its events, Left goes back and closes.
    tree->setFocus();
    tree->setCurrentIndex(incident);
    QVERIFY(!tree->isExpanded(incident));
    QTest::keyClick(tree, Qt::Key_Right);
    QVERIFY(tree->isExpanded(incident));
    QTest::keyClick(tree, Qt::Key_Down);
    QCOMPARE(tree->currentIndex().parent(), incident);
    QCOMPARE(tree->currentIndex().row(), 0);
    QTest::keyClick(tree, Qt::Key_Left);
    QCOMPARE(tree->currentIndex(), incident);
    QTest::keyClick(tree, Qt::Key_Left);
    QVERIFY(!tree->isExpanded(incident));
}

void tst_EventLogPanel::toggleToTheFlatTableByKeyboard()
{
    EventHub hub(Clock::system());
    EventLogModel model;
    model.attach(&hub);
    EventLogPanel panel(&model);
    panel.resize(1000, 300);
    panel.show();
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    publishOutage(hub);
    // Alt+I: Alt+G opens the window's Go menu.
    QVERIFY(panel.groupToggle()->text().contains(QStringLiteral("&i")));
    QCOMPARE(panel.groupToggle()->shortcut(), QKeySequence(Qt::ALT | Qt::Key_I));
    panel.treeView()->setFocus();
    // A mnemonic clicks its button the animated way, a moment later.
    QTest::keyClick(panel.treeView(), Qt::Key_I, Qt::AltModifier);
    QTRY_VERIFY(!panel.isGrouped());
    QVERIFY(panel.view()->isVisible());
    QVERIFY(!panel.treeView()->isVisible());
    QCOMPARE(panel.view()->model()->rowCount(), 5);
    QCOMPARE(panel.shownEvents().size(), 5);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_I, Qt::AltModifier);
    QTRY_VERIFY(panel.isGrouped());
    QVERIFY(panel.treeView()->isVisible());
}

void tst_EventLogPanel::expandedIncidentStaysExpandedAsEventsArrive()
{
    EventHub hub(Clock::system());
    EventLogModel model;
    model.attach(&hub);
    EventLogPanel panel(&model);
    panel.resize(1000, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    publishAt(hub, 0, EventKind::RegionHealth, EventSeverity::Warning, east,
        QStringLiteral("US East is degraded."), QStringLiteral("degraded"));
    QTreeView *tree = panel.treeView();
    const QPersistentModelIndex incident = tree->model()->index(0, 0);
    tree->expand(incident);
    QSignalSpy resets(tree->model(), &QAbstractItemModel::modelReset);
    QSignalSpy layouts(tree->model(), &QAbstractItemModel::layoutChanged);
    publishAt(hub, 1, EventKind::BreakerTransition, EventSeverity::Info, west,
        QStringLiteral("EU West breaker closed."));
    publishAt(hub, 2, EventKind::EndpointHealth, EventSeverity::Critical, east,
        QStringLiteral("US East DB is unhealthy."));
    publishAt(hub, 3, EventKind::RegionHealth, EventSeverity::Critical, east,
        QStringLiteral("US East is unhealthy."), QStringLiteral("unhealthy"));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(layouts.size(), 0);
    QVERIFY(incident.isValid());
    QVERIFY(tree->isExpanded(incident));
    QCOMPARE(tree->model()->rowCount(incident), 3);
    QCOMPARE(tree->model()->rowCount(), 2);
    QCOMPARE(incident.data(Tree::OngoingRole).toBool(), true);
    QCOMPARE(incident.sibling(incident.row(), Tree::StateColumn).data().toString(),
        QStringLiteral("ongoing"));
    QCOMPARE(incident.sibling(incident.row(), Tree::SeverityColumn).data().toString(),
        QStringLiteral("critical"));
}

void tst_EventLogPanel::filtersWorkGrouped()
{
    EventHub hub(Clock::system());
    EventLogModel model;
    model.attach(&hub);
    EventLogPanel panel(&model);
    panel.resize(1000, 300);
    panel.show();
    publishOutage(hub);
    const QAbstractItemModel *shown = panel.treeView()->model();

    panel.regionCombo()->setCurrentIndex(panel.regionCombo()->findData(west));
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(shown->index(0, Tree::MessageColumn).data().toString(),
        QStringLiteral("EU West breaker closed."));

    panel.regionCombo()->setCurrentIndex(panel.regionCombo()->findData(east));
    QCOMPARE(shown->rowCount(), 1);
    QVERIFY(shown->index(0, 0).data(Tree::IsIncidentRole).toBool());
    QCOMPARE(shown->rowCount(shown->index(0, 0)), 3);

    // Critical only: the incident (its worst is critical) with its one critical event.
    panel.regionCombo()->setCurrentIndex(0);
    panel.severityCombo()->setCurrentIndex(
        panel.severityCombo()->findData(int(EventSeverity::Critical)));
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(childMessages(shown, shown->index(0, 0)),
        QStringList({ QStringLiteral("US East is unhealthy: connection refused.") }));

    // A search that matches an event inside an incident shows the incident with that event.
    panel.severityCombo()->setCurrentIndex(0);
    QTest::keyClicks(panel.searchEdit(), QStringLiteral("healthy again"));
    QCOMPARE(shown->rowCount(), 1);
    QCOMPARE(childMessages(shown, shown->index(0, 0)),
        QStringList({ QStringLiteral("US East is healthy again.") }));
    QCOMPARE(panel.shownEvents().size(), 1);

    panel.searchEdit()->clear();
    panel.kindCombo()->setCurrentIndex(
        panel.kindCombo()->findData(int(EventKind::BreakerTransition)));
    QCOMPARE(shown->rowCount(), 1);
    QVERIFY(!shown->index(0, 0).data(Tree::IsIncidentRole).toBool());
    panel.kindCombo()->setCurrentIndex(0);
    QCOMPARE(shown->rowCount(), 3);
    QCOMPARE(panel.shownEvents().size(), 5);
}

void tst_EventLogPanel::acknowledgeTheSelectedIncident()
{
    EventHub hub(Clock::system());
    EventLogModel model;
    model.attach(&hub);
    EventLogPanel panel(&model);
    panel.resize(1000, 300);
    panel.show();
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    publishOutage(hub);
    QTreeView *tree = panel.treeView();
    const QAbstractItemModel *shown = tree->model();
    QAction *acknowledge = panel.acknowledgeAction();
    QVERIFY(tree->actions().contains(acknowledge)); // in the context menu
    QVERIFY(!acknowledge->isEnabled()); // nothing selected
    QVERIFY(!panel.acknowledgeButton()->isEnabled());
    QVERIFY(!panel.operatorName().isEmpty());
    QCOMPARE(panel.operatorName(), Journal::osUser());

    selectRow(tree, shown->index(2, 0)); // a standalone event
    QVERIFY(panel.selectedIncidents().isEmpty());
    QVERIFY(!acknowledge->isEnabled());
    QVERIFY(!panel.acknowledgeButton()->isEnabled());

    const QPersistentModelIndex incident = shown->index(1, 0);
    tree->scrollTo(incident);
    const QRect rowRect = tree->visualRect(incident.sibling(incident.row(), Tree::MessageColumn));
    selectRow(tree, incident);
    QVERIFY(acknowledge->isEnabled());
    QVERIFY(panel.acknowledgeButton()->isEnabled());
    QCOMPARE(panel.selectedIncidents(), QList<int>({ 0 }));
    // How the row looks before, unselected (the selection's colour would hide the text's).
    tree->clearSelection();
    const QImage before = tree->viewport()->grab().toImage().copy(rowRect);
    selectRow(tree, incident);

    QSignalSpy acknowledged(&panel, &EventLogPanel::incidentAcknowledged);
    tree->setFocus();
    QTest::keyClick(tree, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(acknowledged.size(), 1);
    QCOMPARE(acknowledged.first().at(0).toString(), east);
    QCOMPARE(acknowledged.first().at(1).toDateTime(), t0.addSecs(5));
    QCOMPARE(acknowledged.first().at(2).toString(), Journal::osUser());
    QVERIFY(acknowledged.first().at(3).toDateTime().isValid());

    // The model and the row say so.
    QVERIFY(panel.treeModel()->incidents().incidents().first().acknowledged);
    QVERIFY(incident.data(Tree::AcknowledgedRole).toBool());
    QCOMPARE(incident.data(Tree::AcknowledgedByRole).toString(), Journal::osUser());
    const QString state = incident.sibling(incident.row(), Tree::StateColumn).data().toString();
    const QDateTime at = acknowledged.first().at(3).toDateTime();
    QCOMPARE(state,
        QStringLiteral("✓ resolved · ack %1 %2")
            .arg(Journal::osUser(), DisplayText::clockTime(at)));
    QVERIFY(incident.sibling(incident.row(), Tree::StateColumn)
                .data(Qt::ToolTipRole)
                .toString()
                .startsWith(QStringLiteral("Acknowledged by %1 at ").arg(Journal::osUser())));
    tree->clearSelection();
    const QImage after = tree->viewport()->grab().toImage().copy(rowRect);
    QVERIFY(before != after); // drawn muted now, not bold

    // Done: no second acknowledgement, neither of the incident nor through one of its events.
    selectRow(tree, incident);
    QVERIFY(!acknowledge->isEnabled());
    QVERIFY(!panel.acknowledgeButton()->isEnabled());
    tree->expand(incident);
    selectRow(tree, shown->index(0, 0, incident));
    QCOMPARE(panel.selectedIncidents(), QList<int>({ 0 }));
    QVERIFY(!acknowledge->isEnabled());
    panel.acknowledgeSelected();
    QCOMPARE(acknowledged.size(), 1);

    // A new outage can be acknowledged through one of its events, with the button.
    publishAt(hub, 60, EventKind::RegionHealth, EventSeverity::Critical, west,
        QStringLiteral("EU West is unhealthy."), QStringLiteral("unhealthy"));
    const QModelIndex second = shown->index(3, 0);
    QVERIFY(second.data(Tree::IsIncidentRole).toBool());
    tree->expand(second);
    selectRow(tree, shown->index(0, 0, second));
    QVERIFY(panel.acknowledgeButton()->isEnabled());
    QTest::mouseClick(panel.acknowledgeButton(), Qt::LeftButton);
    QCOMPARE(acknowledged.size(), 2);
    QVERIFY(second.data(Tree::AcknowledgedRole).toBool());
    QCOMPARE(second.siblingAtColumn(Tree::StateColumn).data().toString(),
        QStringLiteral("✓ ongoing · ack %1 %2")
            .arg(
                Journal::osUser(), DisplayText::clockTime(acknowledged.last().at(3).toDateTime())));

    // The flat table has no incidents to acknowledge.
    panel.setGrouped(false);
    QVERIFY(!acknowledge->isEnabled());
}

void tst_EventLogPanel::copyAndExportGrouped()
{
    EventHub hub(Clock::system());
    EventLogModel model;
    model.attach(&hub);
    EventLogPanel panel(&model);
    panel.resize(1000, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    publishOutage(hub);
    QTreeView *tree = panel.treeView();
    const QAbstractItemModel *shown = tree->model();

    // A collapsed incident copies as its events.
    selectRow(tree, shown->index(1, 0));
    QGuiApplication::clipboard()->clear();
    tree->setFocus();
    QTest::keySequence(tree, QKeySequence::Copy);
    QStringList lines
        = QGuiApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).endsWith(
                 QStringLiteral("\twarning\tus-east\t\tUS East is degraded: slow answers.")),
        qPrintable(lines.at(0)));
    QVERIFY2(lines.at(2).endsWith(QStringLiteral("\tinfo\tus-east\t\tUS East is healthy again.")),
        qPrintable(lines.at(2)));

    // The incident and one of its events, plus a standalone event: each event once, in order.
    tree->expand(shown->index(1, 0));
    tree->selectionModel()->select(shown->index(1, 0, shown->index(1, 0)),
        QItemSelectionModel::Select | QItemSelectionModel::Rows);
    tree->selectionModel()->select(
        shown->index(2, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QList<quint64> sequences;
    for (const ConsoleEvent &event : panel.selectedEvents())
        sequences << event.sequence;
    QCOMPARE(sequences, QList<quint64>({ 2, 3, 4, 5 }));

    // Export writes what the filter shows: here the incident's critical event only.
    panel.severityCombo()->setCurrentIndex(
        panel.severityCombo()->findData(int(EventSeverity::Critical)));
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString csvPath = dir.filePath(QStringLiteral("events.csv"));
    QVERIFY(panel.exportTo(csvPath, EventExport::Format::Csv));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> rows = csv.readAll().split('\n');
    QCOMPARE(rows.size(), 3); // header, one event, the empty rest after the last CRLF
    QVERIFY2(rows.at(1).startsWith("3,"), rows.at(1).constData());
    QVERIFY(rows.at(1).contains("US East is unhealthy: connection refused."));

    panel.severityCombo()->setCurrentIndex(0);
    panel.regionCombo()->setCurrentIndex(panel.regionCombo()->findData(east));
    const QString jsonPath = dir.filePath(QStringLiteral("events.json"));
    QVERIFY(panel.exportTo(jsonPath, EventExport::Format::Json));
    QFile json(jsonPath);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonArray array = QJsonDocument::fromJson(json.readAll()).array();
    QCOMPARE(array.size(), 3);
    QCOMPARE(array.at(0).toObject().value(QStringLiteral("seq")).toInteger(), 2);
    QCOMPARE(array.at(2).toObject().value(QStringLiteral("seq")).toInteger(), 5);
}

QTEST_MAIN(tst_EventLogPanel)
#include "tst_eventlogpanel.moc"
