#include "health.h"
#include "healthdelegate.h"
#include "healthpalette.h"
#include "roles.h"

#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>

using namespace Console;

class tst_HealthDelegate : public QObject
{
    Q_OBJECT
private slots:
    void badVerdictSaysHowLongAndProbeAge();
    void healthyRowSaysOnlyProbeAge();
    void noTimesWithoutThem();
    void toolTipHasReasonSinceAndLastProbe();
    void paintsTimesBesideThePill();

private:
    static QStandardItem *cell(Health health, const QDateTime &since, const QDateTime &probed);
    static const QDateTime now;
};

const QDateTime tst_HealthDelegate::now = QDateTime(QDate(2026, 11, 29), QTime(12, 0), Qt::UTC);

QStandardItem *tst_HealthDelegate::cell(
    Health health, const QDateTime &since, const QDateTime &probed)
{
    auto *item = new QStandardItem(QStringLiteral("Unhealthy · refused"));
    item->setData(int(health), HealthRole);
    item->setData(since, SinceRole);
    item->setData(probed, LastProbeRole);
    item->setData(QStringLiteral("connection refused by 127.0.0.1:5432"), Qt::ToolTipRole);
    return item;
}

void tst_HealthDelegate::badVerdictSaysHowLongAndProbeAge()
{
    QStandardItemModel model;
    model.appendRow(cell(Health::Unhealthy, now.addSecs(-130), now.addMSecs(-3400)));
    QCOMPARE(
        HealthDelegate::timesText(model.index(0, 0), now), QStringLiteral("for 2:10 · 3 s ago"));
}

void tst_HealthDelegate::healthyRowSaysOnlyProbeAge()
{
    QStandardItemModel model;
    model.appendRow(cell(Health::Healthy, now.addSecs(-600), now.addMSecs(-200)));
    QCOMPARE(HealthDelegate::timesText(model.index(0, 0), now), QStringLiteral("just now"));
    model.item(0)->setData(now.addSecs(-300), LastProbeRole);
    QCOMPARE(HealthDelegate::timesText(model.index(0, 0), now), QStringLiteral("5:00 ago"));
}

void tst_HealthDelegate::noTimesWithoutThem()
{
    QStandardItemModel model;
    model.appendRow(cell(Health::Degraded, {}, {}));
    QCOMPARE(HealthDelegate::timesText(model.index(0, 0), now), QString());
}

void tst_HealthDelegate::toolTipHasReasonSinceAndLastProbe()
{
    QStandardItemModel model;
    const QDateTime since = now.addSecs(-42);
    model.appendRow(cell(Health::Unhealthy, since, now.addSecs(-1)));
    const QString tip = HealthDelegate::toolTip(model.index(0, 0), now);
    const QStringList lines = tip.split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QStringLiteral("connection refused by 127.0.0.1:5432"));
    QCOMPARE(lines[1],
        QStringLiteral("Unhealthy since %1 (0:42)")
            .arg(since.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
    QVERIFY2(lines[2].startsWith(QStringLiteral("Last probe at ")), qPrintable(lines[2]));
}

void tst_HealthDelegate::paintsTimesBesideThePill()
{
    QStandardItemModel model;
    const QDateTime current = QDateTime::currentDateTimeUtc();
    model.appendRow(cell(Health::Unhealthy, current.addSecs(-90), current));
    QTreeView view;
    view.setModel(&model);
    view.setItemDelegate(new HealthDelegate(&view));
    view.resize(500, 80);
    view.setColumnWidth(0, 480);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QRect rect = view.visualRect(model.index(0, 0));
    const QImage image = view.viewport()->grab(rect).toImage();
    const QColor fill = healthStyle(Health::Unhealthy).fill;
    const QFontMetrics metrics(view.font());
    const int pillEnd = 6 + metrics.horizontalAdvance(model.item(0)->text()) + 16;
    // The pill is there, in the unhealthy colour...
    QCOMPARE(image.pixelColor(12, rect.height() / 2), fill);
    // ...and right of it, text: some pixels differ from the background.
    const QColor background = image.pixelColor(image.width() - 2, rect.height() / 2);
    int inked = 0;
    for (int x = pillEnd + 10; x < image.width() - 2; ++x) {
        for (int y = 0; y < image.height(); ++y)
            inked += image.pixelColor(x, y) != background;
    }
    QVERIFY2(inked > 20, qPrintable(QString::number(inked)));
}

QTEST_MAIN(tst_HealthDelegate)
#include "tst_healthdelegate.moc"
