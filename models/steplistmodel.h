#pragma once

#include "failovertypes.h"

#include <QAbstractTableModel>
#include <QList>

namespace Console {

// The steps of the current (or last) failover run, one row each, in the order the run takes
// them: pending rows from the plan, then each row updated in place as the run reports the step.
// StateColumn carries HealthRole (done green, running amber, failed red, pending and skipped
// grey) so the health delegate paints it, and StepStateRole for tests and filters.
class StepListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StepListModel)
public:
    enum Column { StateColumn, StepColumn, DurationColumn, SummaryColumn, ColumnCount };
    Q_ENUM(Column)
    // Beyond the shared roles in roles.h: only this model has steps.
    enum Role { StepStateRole = Qt::UserRole + 64, StepKindRole };

    explicit StepListModel(QObject *parent = nullptr);
    ~StepListModel() override;

    // A new run: every step pending.
    void setPlan(const QList<StepKind> &steps);
    // The records as a run ended with them (replaces the rows).
    void setSteps(const QList<StepRecord> &steps);
    // One step started or ended; a kind the plan did not list is appended.
    void updateStep(const StepRecord &step);
    // Monotonic ms now: a running step's duration counts up from its start.
    void setNow(qint64 nowMs);

    int rowOf(StepKind kind) const;
    const StepRecord &step(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "✔ done", "▶ running": a glyph so the state never rests on colour alone.
    static QString stateText(StepState state);

private:
    QString durationText(const StepRecord &step) const;

    QList<StepRecord> m_rows;
    qint64 m_nowMs = 0;
};

} // namespace Console
