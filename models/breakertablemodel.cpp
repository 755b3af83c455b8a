#include "breakertablemodel.h"

#include "displaytext.h"
#include "health.h"
#include "quantitytext.h"
#include "roles.h"

#include <QSet>

namespace Console {

namespace {

constexpr int kRoles[] = { Qt::DisplayRole, Qt::ToolTipRole, SortRole, HealthRole };

Health healthOf(BreakerState state)
{
    switch (state) {
    case BreakerState::Closed: return Health::Healthy;
    case BreakerState::HalfOpen: return Health::Degraded;
    case BreakerState::Open:
    case BreakerState::ForcedOpen: return Health::Unhealthy;
    case BreakerState::Disabled:
    case BreakerState::Unknown: return Health::Unknown;
    }
    return Health::Unknown;
}

QString scopeLabel(BreakerScope scope)
{
    switch (scope) {
    case BreakerScope::Endpoint: return BreakerTableModel::tr("endpoint");
    case BreakerScope::Region: return BreakerTableModel::tr("region");
    case BreakerScope::Remote: return BreakerTableModel::tr("remote");
    }
    return {};
}

std::chrono::milliseconds since(Clock::TimePoint from, Clock::TimePoint now)
{
    return std::max(std::chrono::milliseconds(0),
        std::chrono::duration_cast<std::chrono::milliseconds>(now - from));
}

} // namespace

BreakerTableModel::BreakerTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    qRegisterMetaType<Console::BreakerStatus>();
}

BreakerTableModel::~BreakerTableModel() = default;

int BreakerTableModel::urgency(BreakerState state)
{
    switch (state) {
    case BreakerState::Open:
    case BreakerState::ForcedOpen: return 0;
    case BreakerState::HalfOpen: return 1;
    case BreakerState::Unknown: return 2;
    case BreakerState::Closed: return 3;
    case BreakerState::Disabled: return 4;
    }
    return 2;
}

namespace {
// A region and an endpoint may share an id; their breakers must not share a row.
QString keyOf(const BreakerStatus &s)
{
    return toString(s.scope) + QLatin1Char(':') + s.id;
}
} // namespace

int BreakerTableModel::rowOf(const QString &id) const
{
    for (const BreakerScope scope :
        { BreakerScope::Endpoint, BreakerScope::Region, BreakerScope::Remote }) {
        const int row = m_index.value(toString(scope) + QLatin1Char(':') + id, -1);
        if (row >= 0)
            return row;
    }
    return -1;
}

int BreakerTableModel::count(BreakerState state) const
{
    int n = 0;
    for (const BreakerStatus &s : m_rows)
        n += s.state == state ? 1 : 0;
    return n;
}

void BreakerTableModel::reindex()
{
    m_index.clear();
    for (int row = 0; row < m_rows.size(); ++row)
        m_index.insert(keyOf(m_rows.at(row)), row);
}

void BreakerTableModel::setStatuses(const QList<BreakerStatus> &statuses)
{
    QSet<QString> wanted;
    for (const BreakerStatus &s : statuses)
        wanted.insert(keyOf(s));
    // Remove the rows that went, from the bottom so row numbers stay valid.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (wanted.contains(keyOf(m_rows.at(row))))
            continue;
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        endRemoveRows();
    }
    reindex();
    for (const BreakerStatus &s : statuses) {
        const int row = m_index.value(keyOf(s), -1);
        if (row < 0) {
            const int at = int(m_rows.size());
            beginInsertRows({}, at, at);
            m_rows.append(s);
            m_index.insert(keyOf(s), at);
            endInsertRows();
        } else if (!(m_rows.at(row) == s)) {
            const BreakerStatus before = m_rows.at(row);
            m_rows[row] = s;
            emitChanged(row, before);
        }
    }
}

void BreakerTableModel::emitChanged(int row, const BreakerStatus &before)
{
    int first = -1;
    int last = -1;
    for (int column = 0; column < ColumnCount; ++column) {
        for (int role : kRoles) {
            if (cellData(before, column, role) != cellData(m_rows.at(row), column, role)) {
                first = first < 0 ? column : first;
                last = column;
                break;
            }
        }
    }
    if (first >= 0)
        emit dataChanged(index(row, first), index(row, last));
}

void BreakerTableModel::setRegionNames(const QHash<QString, QString> &names)
{
    m_regionNames = names;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, RegionColumn), index(int(m_rows.size()) - 1, RegionColumn));
}

void BreakerTableModel::setNow(Clock::TimePoint now)
{
    m_now = now;
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0, InStateColumn), index(int(m_rows.size()) - 1, NextTrialColumn),
            { Qt::DisplayRole, SortRole });
    }
}

int BreakerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BreakerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BreakerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return cellData(m_rows.at(index.row()), index.column(), role);
}

QVariant BreakerTableModel::cellData(const BreakerStatus &s, int column, int role) const
{
    if (role == RegionIdRole)
        return s.regionId;
    switch (column) {
    case SubjectColumn:
        if (role == Qt::DisplayRole)
            return s.subject;
        if (role == SortRole)
            return QStringLiteral("%1 %2").arg(urgency(s.state)).arg(s.subject);
        if (role == Qt::ToolTipRole)
            return s.id;
        break;
    case RegionColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return m_regionNames.value(s.regionId, s.regionId);
        break;
    case ScopeColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return scopeLabel(s.scope);
        break;
    case StateColumn:
        if (role == Qt::DisplayRole)
            return breakerStateLabel(s.state);
        if (role == HealthRole)
            return int(healthOf(s.state));
        if (role == SortRole)
            return urgency(s.state);
        break;
    case FailuresColumn:
        if (role == Qt::DisplayRole) {
            if (s.scope == BreakerScope::Remote)
                return s.failureRatePercent && *s.failureRatePercent >= 0
                    ? tr("%1 % failed").arg(*s.failureRatePercent, 0, 'f', 1)
                    : QString();
            if (s.state == BreakerState::HalfOpen)
                return tr("trial %1 of %2 good").arg(s.halfOpenSuccesses).arg(s.halfOpenNeeded);
            return tr("%1 of %2 in a row").arg(s.consecutiveFailures).arg(s.failureThreshold);
        }
        if (role == SortRole)
            return s.consecutiveFailures;
        if (role == Qt::ToolTipRole)
            return tr("%1 good and %2 failed calls since the console started")
                .arg(s.totalSuccesses)
                .arg(s.totalFailures);
        break;
    case InStateColumn:
        if (role == Qt::DisplayRole)
            return QuantityText::seconds(double(since(s.stateSince, m_now).count()) / 1000.0);
        if (role == SortRole)
            return qint64(since(s.stateSince, m_now).count());
        break;
    case NextTrialColumn: {
        if (!s.nextTrialAt)
            break;
        const auto left = since(m_now, *s.nextTrialAt);
        if (role == Qt::DisplayRole)
            return tr("in %1").arg(QuantityText::seconds(double(left.count()) / 1000.0));
        if (role == SortRole)
            return qint64(left.count());
        break;
    }
    case OpenedColumn:
        if (role == Qt::DisplayRole || role == SortRole)
            return s.scope == BreakerScope::Remote ? QVariant() : QVariant(s.timesOpened);
        break;
    default: break;
    }
    return {};
}

QVariant BreakerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SubjectColumn: return tr("Breaker");
    case RegionColumn: return tr("Region");
    case ScopeColumn: return tr("Scope");
    case StateColumn: return tr("State");
    case FailuresColumn: return tr("Failures");
    case InStateColumn: return tr("In state");
    case NextTrialColumn: return tr("Next trial");
    case OpenedColumn: return tr("Opened");
    default: return {};
    }
}

} // namespace Console
