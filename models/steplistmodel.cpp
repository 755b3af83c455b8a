#include "steplistmodel.h"

#include "health.h"
#include "quantitytext.h"
#include "roles.h"

namespace Console {

namespace {

Health healthOf(StepState state)
{
    switch (state) {
    case StepState::Done: return Health::Healthy;
    case StepState::Running: return Health::Degraded;
    case StepState::Failed: return Health::Unhealthy;
    case StepState::Pending:
    case StepState::Skipped: return Health::Unknown;
    }
    return Health::Unknown;
}

} // namespace

StepListModel::StepListModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

StepListModel::~StepListModel() = default;

void StepListModel::setPlan(const QList<StepKind> &steps)
{
    QList<StepRecord> rows;
    for (StepKind kind : steps) {
        StepRecord record;
        record.kind = kind;
        rows.append(record);
    }
    setSteps(rows);
}

void StepListModel::setSteps(const QList<StepRecord> &steps)
{
    // A run is a new list, not an edit of the last one: a reset is what it is.
    beginResetModel();
    m_rows = steps;
    endResetModel();
}

void StepListModel::updateStep(const StepRecord &step)
{
    const int row = rowOf(step.kind);
    if (row < 0) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
        m_rows.append(step);
        endInsertRows();
        return;
    }
    m_rows[row] = step;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void StepListModel::setNow(qint64 nowMs)
{
    m_nowMs = nowMs;
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).state == StepState::Running)
            emit dataChanged(
                index(row, DurationColumn), index(row, DurationColumn), { Qt::DisplayRole });
    }
}

int StepListModel::rowOf(StepKind kind) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).kind == kind)
            return row;
    }
    return -1;
}

int StepListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int StepListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString StepListModel::stateText(StepState state)
{
    switch (state) {
    case StepState::Pending: return tr("\u25cb pending");
    case StepState::Running: return tr("\u25b6 running");
    case StepState::Done: return tr("\u2714 done");
    case StepState::Failed: return tr("\u2716 failed");
    case StepState::Skipped: return tr("\u21b7 skipped");
    }
    return {};
}

QString StepListModel::durationText(const StepRecord &step) const
{
    switch (step.state) {
    case StepState::Pending: return {};
    case StepState::Running:
        return step.startedMs > 0 && m_nowMs > step.startedMs
            ? QuantityText::duration(std::chrono::milliseconds(m_nowMs - step.startedMs))
            : QString();
    case StepState::Done:
    case StepState::Failed:
    case StepState::Skipped: return QuantityText::duration(step.duration());
    }
    return {};
}

QVariant StepListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const StepRecord &step = m_rows.at(index.row());
    switch (role) {
    case StepStateRole: return int(step.state);
    case StepKindRole: return int(step.kind);
    case HealthRole:
        return index.column() == StateColumn ? QVariant(int(healthOf(step.state))) : QVariant();
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case StateColumn: return stateText(step.state);
        case StepColumn: return stepLabel(step.kind);
        case DurationColumn: return durationText(step);
        // Errors quoted from libpq span lines with tabs; a cell reads them as one sentence.
        case SummaryColumn: return step.summary.simplified();
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == DurationColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        break;
    }
    return {};
}

QVariant StepListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StateColumn: return tr("State");
    case StepColumn: return tr("Step");
    case DurationColumn: return tr("Time");
    case SummaryColumn: return tr("What happened");
    }
    return {};
}

} // namespace Console
