#include "breakertablemodel.h"
#include "health.h"
#include "roles.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;
using Col = BreakerTableModel::Column;

namespace {

const Clock::TimePoint T0 = Clock::TimePoint {} + 10h;

BreakerStatus breaker(
    const QString &id, BreakerState state, BreakerScope scope = BreakerScope::Endpoint)
{
    BreakerStatus s;
    s.id = id;
    s.subject = id;
    s.scope = scope;
    s.state = state;
    s.failureThreshold = 5;
    s.halfOpenNeeded = 3;
    s.stateSince = T0;
    return s;
}

} // namespace

class tst_BreakerTableModel final : public QObject
{
    Q_OBJECT
private slots:
    void rowsFollowTheStatuses();
    void onlyChangedCellsSignal();
    void timeColumnsTick();
    void openFirstWhenSorted();
    void remoteBreakersShowTheirRate();
    void regionAndEndpointMayShareAnId();
};

void tst_BreakerTableModel::rowsFollowTheStatuses()
{
    BreakerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setStatuses(
        { breaker(u"a"_qs, BreakerState::Closed), breaker(u"b"_qs, BreakerState::Open) });
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.count(BreakerState::Open), 1);
    QCOMPARE(model.index(1, Col::StateColumn).data().toString(), QStringLiteral("Open"));
    QCOMPARE(model.index(1, Col::StateColumn).data(HealthRole).toInt(), int(Health::Unhealthy));
    QCOMPARE(model.index(0, Col::StateColumn).data(HealthRole).toInt(), int(Health::Healthy));
    // b goes away, c arrives: rows move, the model never resets.
    model.setStatuses(
        { breaker(u"a"_qs, BreakerState::Closed), breaker(u"c"_qs, BreakerState::HalfOpen) });
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.rowOf(u"b"_qs), -1);
    QCOMPARE(model.rowOf(u"c"_qs), 1);
    QCOMPARE(model.index(1, Col::StateColumn).data(HealthRole).toInt(), int(Health::Degraded));
    QCOMPARE(reset.count(), 0);
}

void tst_BreakerTableModel::onlyChangedCellsSignal()
{
    BreakerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    BreakerStatus a = breaker(u"a"_qs, BreakerState::Closed);
    model.setStatuses({ a });
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setStatuses({ a });
    QCOMPARE(changed.count(), 0);
    a.consecutiveFailures = 2;
    model.setStatuses({ a });
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(Col::FailuresColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(Col::FailuresColumn));
    QCOMPARE(
        model.index(0, Col::FailuresColumn).data().toString(), QStringLiteral("2 of 5 in a row"));
}

void tst_BreakerTableModel::timeColumnsTick()
{
    BreakerTableModel model;
    BreakerStatus open = breaker(u"db"_qs, BreakerState::Open);
    open.nextTrialAt = T0 + 30s;
    model.setStatuses({ open });
    model.setNow(T0 + 12s);
    QCOMPARE(model.index(0, Col::InStateColumn).data().toString(), QStringLiteral("12.0 s"));
    QCOMPARE(model.index(0, Col::NextTrialColumn).data().toString(), QStringLiteral("in 18.0 s"));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setNow(T0 + 29500ms);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().column(), int(Col::InStateColumn));
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(Col::NextTrialColumn));
    QCOMPARE(model.index(0, Col::NextTrialColumn).data().toString(), QStringLiteral("in 0.50 s"));
    // A late tick never shows a negative wait.
    model.setNow(T0 + 40s);
    QCOMPARE(model.index(0, Col::NextTrialColumn).data().toString(), QStringLiteral("in 0.00 s"));
    // A closed breaker has no next trial.
    QVERIFY(model.index(0, Col::NextTrialColumn).data().isValid());
    model.setStatuses({ breaker(u"db"_qs, BreakerState::Closed) });
    QVERIFY(!model.index(0, Col::NextTrialColumn).data().isValid());
}

void tst_BreakerTableModel::openFirstWhenSorted()
{
    BreakerTableModel model;
    model.setStatuses({ breaker(u"a-closed"_qs, BreakerState::Closed),
        breaker(u"b-disabled"_qs, BreakerState::Disabled, BreakerScope::Remote),
        breaker(u"c-half"_qs, BreakerState::HalfOpen), breaker(u"d-open"_qs, BreakerState::Open),
        breaker(u"e-forced"_qs, BreakerState::ForcedOpen, BreakerScope::Remote) });
    QSortFilterProxyModel sorted;
    sorted.setSourceModel(&model);
    sorted.setSortRole(SortRole);
    sorted.sort(Col::SubjectColumn);
    QStringList order;
    for (int row = 0; row < sorted.rowCount(); ++row)
        order << sorted.index(row, Col::SubjectColumn).data().toString();
    QCOMPARE(order,
        QStringList(
            { u"d-open"_qs, u"e-forced"_qs, u"c-half"_qs, u"a-closed"_qs, u"b-disabled"_qs }));
}

void tst_BreakerTableModel::remoteBreakersShowTheirRate()
{
    BreakerTableModel model;
    BreakerStatus remote = breaker(u"shop/payments"_qs, BreakerState::Open, BreakerScope::Remote);
    remote.subject = u"payments"_qs;
    remote.failureRatePercent = 62.5;
    BreakerStatus fresh = breaker(u"shop/search"_qs, BreakerState::Closed, BreakerScope::Remote);
    fresh.failureRatePercent = -1; // Resilience4j: not enough calls yet
    model.setStatuses({ remote, fresh });
    QCOMPARE(
        model.index(0, Col::FailuresColumn).data().toString(), QStringLiteral("62.5 % failed"));
    QCOMPARE(model.index(0, Col::ScopeColumn).data().toString(), QStringLiteral("remote"));
    QCOMPARE(model.index(0, Col::RegionColumn).data().toString(), QString()); // no region id
    BreakerStatus placed = remote;
    placed.regionId = u"eu-west"_qs;
    model.setStatuses({ placed, fresh });
    QCOMPARE(model.index(0, Col::RegionColumn).data().toString(), u"eu-west"_qs);
    model.setRegionNames({ { u"eu-west"_qs, u"EU West (Ireland)"_qs } });
    QCOMPARE(model.index(0, Col::RegionColumn).data().toString(), u"EU West (Ireland)"_qs);
    QVERIFY(model.index(1, Col::FailuresColumn).data().toString().isEmpty());
    QVERIFY(!model.index(0, Col::OpenedColumn).data().isValid());
}

void tst_BreakerTableModel::regionAndEndpointMayShareAnId()
{
    BreakerTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStatuses({ breaker(u"db"_qs, BreakerState::Open, BreakerScope::Region),
        breaker(u"db"_qs, BreakerState::Closed, BreakerScope::Endpoint) });
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.count(BreakerState::Open), 1);
    model.setStatuses({ breaker(u"db"_qs, BreakerState::Closed, BreakerScope::Region),
        breaker(u"db"_qs, BreakerState::Closed, BreakerScope::Endpoint) });
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.count(BreakerState::Open), 0);
}

QTEST_GUILESS_MAIN(tst_BreakerTableModel)
#include "tst_breakertablemodel.moc"
