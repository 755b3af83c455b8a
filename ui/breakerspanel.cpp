#include "breakerspanel.h"

#include "breakertablemodel.h"
#include "clock.h"
#include "healthdelegate.h"
#include "roles.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Console {

BreakersPanel::BreakersPanel(BreakerTableModel *model, Clock *clock, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_clock(clock)
    , m_summary(new QLabel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_ticker(new QTimer(this))
{
    setObjectName(QStringLiteral("breakersPanel"));
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(SortRole);
    // Keeps open breakers on top as states change, not only when the operator clicks a header.
    m_sorted->setDynamicSortFilter(true);
    m_sorted->sort(BreakerTableModel::SubjectColumn);

    m_view->setObjectName(QStringLiteral("breakerView"));
    m_view->setModel(m_sorted);
    m_view->setItemDelegateForColumn(BreakerTableModel::StateColumn, new HealthDelegate(m_view));
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(BreakerTableModel::SubjectColumn, Qt::AscendingOrder);
    m_view->setWordWrap(false);
    m_view->setColumnWidth(BreakerTableModel::SubjectColumn, 140);
    m_view->setColumnWidth(BreakerTableModel::StateColumn, 95);
    m_view->setColumnWidth(BreakerTableModel::RegionColumn, 130);
    m_view->setColumnWidth(BreakerTableModel::ScopeColumn, 70);
    m_view->setColumnWidth(BreakerTableModel::FailuresColumn, 120);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);

    connect(m_model, &QAbstractItemModel::dataChanged, this, &BreakersPanel::refreshSummary);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &BreakersPanel::refreshSummary);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &BreakersPanel::refreshSummary);
    connect(m_ticker, &QTimer::timeout, this, &BreakersPanel::tick);
    m_ticker->start(1000);
    tick();
    refreshSummary();
}

QString BreakersPanel::summary() const
{
    return m_summary->text();
}

void BreakersPanel::tick()
{
    m_model->setNow(m_clock->now());
}

void BreakersPanel::refreshSummary()
{
    const int open = m_model->count(BreakerState::Open) + m_model->count(BreakerState::ForcedOpen);
    m_summary->setText(tr("%1 open · %2 half-open · %3 closed · %4 other")
                           .arg(open)
                           .arg(m_model->count(BreakerState::HalfOpen))
                           .arg(m_model->count(BreakerState::Closed))
                           .arg(m_model->rowCount() - open - m_model->count(BreakerState::HalfOpen)
                               - m_model->count(BreakerState::Closed)));
}

} // namespace Console
