#include "health.h"
#include "quantitytext.h"
#include "roles.h"
#include "steplistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Console;

// The steps of a run as the progress panel lists them: pending from the plan, then updated in
// place, with a state that reads as text as well as colour.
class tst_StepListModel final : public QObject
{
    Q_OBJECT
private slots:
    void planThenUpdatesInPlace()
    {
        StepListModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan({ StepKind::Fence, StepKind::Promote, StepKind::Verify });
        QCOMPARE(model.rowCount(), 3);
        const QModelIndex promoteState = model.index(1, StepListModel::StateColumn);
        QCOMPARE(promoteState.data(StepListModel::StepStateRole).toInt(), int(StepState::Pending));
        QVERIFY(promoteState.data().toString().contains(QStringLiteral("pending")));
        QCOMPARE(model.index(1, StepListModel::StepColumn).data().toString(),
            stepLabel(StepKind::Promote));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        StepRecord running;
        running.kind = StepKind::Promote;
        running.state = StepState::Running;
        running.startedMs = 1000;
        model.updateStep(running);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        model.setNow(3500);
        QCOMPARE(model.index(1, StepListModel::DurationColumn).data().toString(),
            QuantityText::duration(std::chrono::milliseconds(2500)));

        StepRecord failed = running;
        failed.state = StepState::Failed;
        failed.finishedMs = 1400;
        failed.summary = QStringLiteral("connection refused");
        model.updateStep(failed);
        QCOMPARE(promoteState.data(HealthRole).toInt(), int(Health::Unhealthy));
        QVERIFY(promoteState.data().toString().contains(QStringLiteral("failed")));
        QCOMPARE(model.index(1, StepListModel::SummaryColumn).data().toString(),
            QStringLiteral("connection refused"));
        QVERIFY(!model.index(1, StepListModel::DurationColumn).data().toString().isEmpty());
    }

    void unplannedStepIsAppended()
    {
        StepListModel model;
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlan({ StepKind::Fence });
        StepRecord rejoin;
        rejoin.kind = StepKind::Rejoin;
        rejoin.state = StepState::Skipped;
        model.updateStep(rejoin);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(StepKind::Rejoin), 1);
    }
};

QTEST_GUILESS_MAIN(tst_StepListModel)
#include "tst_steplistmodel.moc"
