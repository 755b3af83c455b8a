#include "eventhub.h"
#include "eventlogmodel.h"
#include "fakeclock.h"
#include "roles.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Console;
using Col = EventLogModel::Column;

namespace {
ConsoleEvent makeEvent(const QDateTime &at, EventSeverity severity, const QString &regionId,
    const QString &endpointId, const QString &message)
{
    ConsoleEvent event;
    event.wallTime = at;
    event.severity = severity;
    event.regionId = regionId;
    event.endpointId = endpointId;
    event.message = message;
    return event;
}
} // namespace

class tst_EventLogModel final : public QObject
{
    Q_OBJECT
private slots:
    void appendsNewestLast();
    void boundRemovesOldest();
    void shrinkingTheBound();
    void headersAndConstructors();
    void followsTheHub();
    void keepsStrictTimeOrder();
};

void tst_EventLogModel::appendsNewestLast()
{
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const QDateTime t1(QDate(2024, 5, 6), QTime(14, 2, 11), Qt::UTC);
    model.append(makeEvent(t1, EventSeverity::Info, QStringLiteral("us-east"), QString(),
        QStringLiteral("config loaded")));
    model.append(makeEvent(t1.addSecs(5), EventSeverity::Critical, QStringLiteral("us-east"),
        QStringLiteral("us-east-db"), QStringLiteral("down")));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 1);
    QCOMPARE(model.columnCount(), int(Col::ColumnCount));

    const QModelIndex last = model.index(1, Col::MessageColumn);
    QCOMPARE(last.data().toString(), QStringLiteral("down"));
    QCOMPARE(last.data(TimestampRole).toDateTime(), t1.addSecs(5));
    QCOMPARE(last.data(SeverityRole).toInt(), int(EventSeverity::Critical));
    QCOMPARE(model.index(1, Col::SeverityColumn).data().toString(), QStringLiteral("critical"));
    QCOMPARE(model.index(1, Col::EndpointColumn).data().toString(), QStringLiteral("us-east-db"));
    QCOMPARE(model.index(0, Col::RegionColumn).data().toString(), QStringLiteral("us-east"));
    QCOMPARE(model.index(0, Col::TimeColumn).data().toString(),
        t1.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
    QCOMPARE(model.index(0, Col::TimeColumn).data(SortRole).toLongLong(), t1.toMSecsSinceEpoch());
    QVERIFY(!model.index(0, Col::MessageColumn).data(Qt::DecorationRole).isValid());
    QVERIFY(!model.index(0, Col::SeverityColumn).data(Qt::ForegroundRole).isValid());
    QCOMPARE(model.event(0).message, QStringLiteral("config loaded"));
    QCOMPARE(model.event(1).wallTime, t1.addSecs(5));
}

void tst_EventLogModel::boundRemovesOldest()
{
    EventLogModel model(100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 1000; ++i)
        model.append(makeEvent(
            t0.addSecs(i), EventSeverity::Info, QString(), QString(), QString::number(i)));
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(removed.count(), 900);
    QCOMPARE(removed.first().at(1).toInt(), 0); // always the oldest row
    QCOMPARE(removed.first().at(2).toInt(), 0);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.index(0, Col::MessageColumn).data().toString(), QStringLiteral("900"));
    QCOMPARE(model.index(99, Col::MessageColumn).data().toString(), QStringLiteral("999"));
}

void tst_EventLogModel::shrinkingTheBound()
{
    EventLogModel model;
    QCOMPARE(model.maxRows(), 5000);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 6000; ++i)
        model.append(
            makeEvent(t0, EventSeverity::Warning, QString(), QString(), QString::number(i)));
    QCOMPARE(model.rowCount(), 5000);
    // Attached after the fill: the tester re-reads the model on every change, and 6000 changes
    // of a 5000-row model would take a minute (boundRemovesOldest runs it through every append).
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    model.setMaxRows(10);
    QCOMPARE(model.rowCount(), 10);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().at(2).toInt(), 4989);
    QCOMPARE(model.index(0, Col::MessageColumn).data().toString(), QStringLiteral("5990"));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_EventLogModel::headersAndConstructors()
{
    QObject parent;
    auto *model = new EventLogModel(&parent);
    QCOMPARE(model->parent(), &parent);
    QCOMPARE(model->maxRows(), EventLogModel::defaultMaxRows);
    QCOMPARE(model->headerData(Col::TimeColumn, Qt::Horizontal).toString(), QStringLiteral("Time"));
    QCOMPARE(model->headerData(Col::MessageColumn, Qt::Horizontal).toString(),
        QStringLiteral("Message"));
    QVERIFY(!model->headerData(Col::ColumnCount, Qt::Horizontal).isValid());
    const EventLogModel one(0);
    QCOMPARE(one.maxRows(), 1);
}

void tst_EventLogModel::followsTheHub()
{
    FakeClock clock;
    EventHub hub(&clock);
    ConsoleEvent early;
    early.kind = EventKind::ConsoleStarted;
    early.message = QStringLiteral("Watching 2 endpoints in 1 region.");
    hub.publish(early);

    // A model attached late shows what it missed, then follows.
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.attach(&hub);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.event(0).sequence, quint64(1));

    clock.advance(std::chrono::seconds(3));
    ConsoleEvent down;
    down.kind = EventKind::EndpointHealth;
    down.severity = EventSeverity::Critical;
    down.regionId = QStringLiteral("us-east");
    down.endpointId = QStringLiteral("us-east-db");
    down.message = QStringLiteral("US East DB is unhealthy: connection refused.");
    down.fields = { { QStringLiteral("cause"), QStringLiteral("strong-failure") },
        { QStringLiteral("failure_run"), 1 }, { QStringLiteral("lag_bytes"), QVariant() },
        { QStringLiteral("writable"), QStringList { QStringLiteral("a"), QStringLiteral("b") } } };
    hub.publish(down);
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex message = model.index(1, Col::MessageColumn);
    QCOMPARE(message.data().toString(), down.message);
    QCOMPARE(message.data(EventKindRole).toInt(), int(EventKind::EndpointHealth));
    QCOMPARE(message.data(EventFieldsRole).toMap().value(QStringLiteral("failure_run")).toInt(), 1);
    QCOMPARE(message.data(TimestampRole).toDateTime(), clock.wallNow());
    // The tooltip carries the structured facts; an unknown one is left out, not shown as empty.
    const QString tip = message.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("cause: strong-failure")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("kind: endpoint-health")), qPrintable(tip));
    QVERIFY2(!tip.contains(QStringLiteral("lag_bytes")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("writable: a, b")), qPrintable(tip));
    QCOMPARE(model.index(1, Col::SeverityColumn).data().toString(), QStringLiteral("critical"));
}

void tst_EventLogModel::keepsStrictTimeOrder()
{
    FakeClock clock;
    EventHub hub(&clock);
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.attach(&hub);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const QDateTime probeStart = clock.wallNow();
    clock.advance(std::chrono::seconds(2));
    ConsoleEvent now;
    now.message = QStringLiteral("now");
    hub.publish(now); // seq 1, stamped now
    // A verdict published later but stamped with its probe's start, two seconds earlier.
    ConsoleEvent late;
    late.wallTime = probeStart;
    late.message = QStringLiteral("late verdict");
    hub.publish(late); // seq 2
    ConsoleEvent sameTime;
    sameTime.wallTime = probeStart;
    sameTime.message = QStringLiteral("same time, later sequence");
    hub.publish(sameTime); // seq 3
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0, Col::MessageColumn).data().toString(), QStringLiteral("late verdict"));
    QCOMPARE(model.index(1, Col::MessageColumn).data().toString(),
        QStringLiteral("same time, later sequence"));
    QCOMPARE(model.index(2, Col::MessageColumn).data().toString(), QStringLiteral("now"));
    QCOMPARE(inserted.at(1).at(1).toInt(), 0); // inserted where it belongs, not appended
    QCOMPARE(inserted.at(2).at(1).toInt(), 1);
    for (int row = 1; row < model.rowCount(); ++row)
        QVERIFY(model.event(row - 1).wallTime <= model.event(row).wallTime);
}

QTEST_GUILESS_MAIN(tst_EventLogModel)
#include "tst_eventlogmodel.moc"
