#pragma once

#include "breakerstatus.h"
#include "clock.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace Console {

// Every circuit breaker, the console's own (per endpoint and per region) and the remote ones
// applications report, one row each. setStatuses() diffs by id: rows are inserted, removed or
// signalled for exactly the cells that moved, never reset. Time in state and time to the next
// trial move with setNow(), which signals only those two columns.
//
// StateColumn carries HealthRole (open red, half-open amber, closed green, disabled/unknown
// grey) so the health delegate paints it; SortRole on every column sorts open first.
class BreakerTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BreakerTableModel)
public:
    enum Column {
        SubjectColumn,
        StateColumn, // next to the name: in a narrow pane it must never scroll out of sight
        RegionColumn,
        ScopeColumn,
        FailuresColumn, // consecutive failures of the threshold, trials, or a remote failure rate
        InStateColumn,
        NextTrialColumn,
        OpenedColumn, // how many times it opened
        ColumnCount
    };
    Q_ENUM(Column)

    explicit BreakerTableModel(QObject *parent = nullptr);
    ~BreakerTableModel() override;

    void setStatuses(const QList<BreakerStatus> &statuses);
    void setNow(Clock::TimePoint now);
    // Region names for the Region column (ids are shown where a name is missing).
    void setRegionNames(const QHash<QString, QString> &names);
    const BreakerStatus &status(int row) const { return m_rows.at(row); }
    // The row of the breaker with `id` (an endpoint's before a region's of the same id), or -1.
    int rowOf(const QString &id) const;
    // How many breakers are in `state`.
    int count(BreakerState state) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(
        int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Open and forced open first, then half-open, unknown, closed, disabled.
    static int urgency(BreakerState state);

private:
    QVariant cellData(const BreakerStatus &s, int column, int role) const;
    void emitChanged(int row, const BreakerStatus &before);
    void reindex();

    QList<BreakerStatus> m_rows;
    QHash<QString, int> m_index;
    Clock::TimePoint m_now {};
    QHash<QString, QString> m_regionNames;
};

} // namespace Console
