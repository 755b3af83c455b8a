#include "clock.h"
#include "eventfilterproxy.h"
#include "eventhub.h"
#include "eventlogmodel.h"
#include "eventlogpanel.h"
#include "healthpalette.h"
#include "severitydelegate.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QGuiApplication>
#include <QImage>
#include <QLineEdit>
#include <QTableView>
#include <QTest>

using namespace Console;
using Col = EventLogModel::Column;

class tst_EventLogPanel : public QObject
{
    Q_OBJECT
private slots:
    void filtersLeaveTheRightRows();
    void copyPutsRowsOnTheClipboard();
    void severityHasColourAndShape();

private:
    static void publish(EventHub &hub, EventKind kind, EventSeverity severity,
        const QString &region, const QString &message);
    static QStringList shownMessages(const QTableView *view);
};

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
    QTableView *view = panel.view();
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

QTEST_MAIN(tst_EventLogPanel)
#include "tst_eventlogpanel.moc"
