#include "eventlogmodel.h"
#include "roles.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Console;
using Col = EventLogModel::Column;

class tst_EventLogModel final : public QObject
{
    Q_OBJECT
private slots:
    void appendsNewestLast();
    void healthChangeMessages_data();
    void healthChangeMessages();
    void boundRemovesOldest();
    void shrinkingTheBound();
    void headersAndConstructors();
    void roleChanges();
};

void tst_EventLogModel::appendsNewestLast()
{
    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const QDateTime t1(QDate(2024, 5, 6), QTime(14, 2, 11), Qt::UTC);
    model.append(t1, EventSeverity::Info, QStringLiteral("us-east"), QString(),
        QStringLiteral("config loaded"));
    model.append(t1.addSecs(5), EventSeverity::Critical, QStringLiteral("us-east"),
        QStringLiteral("us-east-db"), QStringLiteral("down"));
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
}

void tst_EventLogModel::healthChangeMessages_data()
{
    QTest::addColumn<QString>("endpointId");
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("severity");

    QTest::newRow("endpoint down")
        << QStringLiteral("us-east-rest") << int(Health::Healthy) << int(Health::Unhealthy)
        << QStringLiteral("connection refused by 10.0.0.1:443")
        << QStringLiteral("us-east-rest: Healthy → Unhealthy (connection refused by 10.0.0.1:443)")
        << int(EventSeverity::Critical);
    QTest::newRow("endpoint degraded")
        << QStringLiteral("us-east-rest") << int(Health::Healthy) << int(Health::Degraded)
        << QStringLiteral("1 of 3 failed probes: timeout")
        << QStringLiteral("us-east-rest: Healthy → Degraded (1 of 3 failed probes: timeout)")
        << int(EventSeverity::Warning);
    QTest::newRow("region recovered")
        << QString() << int(Health::Unhealthy) << int(Health::Healthy) << QString()
        << QStringLiteral("us-east: Unhealthy → Healthy") << int(EventSeverity::Info);
    QTest::newRow("first verdict")
        << QStringLiteral("us-east-rest") << int(Health::Unknown) << int(Health::Healthy)
        << QString() << QStringLiteral("us-east-rest: Unknown → Healthy")
        << int(EventSeverity::Info);
}

void tst_EventLogModel::healthChangeMessages()
{
    QFETCH(QString, endpointId);
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(QString, reason);
    QFETCH(QString, message);
    QFETCH(int, severity);

    EventLogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    HealthChange c;
    c.at = QDateTime(QDate(2024, 5, 6), QTime(14, 2, 11), Qt::UTC);
    c.regionId = QStringLiteral("us-east");
    c.endpointId = endpointId;
    c.from = Health(from);
    c.to = Health(to);
    c.reason = reason;
    model.onHealthChanged(c);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, Col::MessageColumn).data().toString(), message);
    QCOMPARE(model.index(0, Col::MessageColumn).data(SeverityRole).toInt(), severity);
    QCOMPARE(model.index(0, Col::EndpointColumn).data().toString(), endpointId);
    QCOMPARE(model.index(0, Col::RegionColumn).data().toString(), QStringLiteral("us-east"));
    QCOMPARE(model.event(0).at, c.at);
}

void tst_EventLogModel::boundRemovesOldest()
{
    EventLogModel model(100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    const QDateTime t0 = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 1000; ++i)
        model.append(t0.addSecs(i), EventSeverity::Info, QString(), QString(), QString::number(i));
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
        model.append(t0, EventSeverity::Warning, QString(), QString(), QString::number(i));
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

void tst_EventLogModel::roleChanges()
{
    EventLogModel model;
    RoleChange first;
    first.at = QDateTime::currentDateTimeUtc();
    first.regionId = QStringLiteral("eu-west");
    first.endpointId = QStringLiteral("eu-west-db");
    first.to = PostgresRole::Standby;
    first.configured = RegionRole::Standby;
    model.onRoleChanged(first);
    QCOMPARE(model.index(0, EventLogModel::MessageColumn).data().toString(),
        QStringLiteral("eu-west-db: the server reports standby"));
    QCOMPARE(model.index(0, 0).data(SeverityRole).toInt(), int(EventSeverity::Info));

    RoleChange promoted = first;
    promoted.from = PostgresRole::Standby;
    promoted.to = PostgresRole::Primary;
    promoted.mismatch = true;
    model.onRoleChanged(promoted);
    QCOMPARE(model.index(1, EventLogModel::MessageColumn).data().toString(),
        QStringLiteral("eu-west-db: the server is now primary (was standby), but the "
                       "configuration says standby"));
    QCOMPARE(model.index(1, 0).data(SeverityRole).toInt(), int(EventSeverity::Warning));
    QCOMPARE(model.index(1, 0).data(RegionIdRole).toString(), QStringLiteral("eu-west"));
}

QTEST_GUILESS_MAIN(tst_EventLogModel)
#include "tst_eventlogmodel.moc"
