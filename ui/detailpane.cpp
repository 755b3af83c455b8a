#include "detailpane.h"

#include "endpointstatusmodel.h"
#include "healthpalette.h"
#include "nodedetails.h"
#include "roles.h"
#include "topologystate.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace Console {

DetailPane::DetailPane(
    const EndpointStatusModel *model, const TopologyState *topology, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_topology(topology)
    , m_hint(new QLabel(tr("Select a region or an endpoint to see its details."), this))
    , m_table(new QTableWidget(0, 2, this))
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("detailPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    m_hint->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_hint);
    layout->addWidget(m_table);
    m_table->setObjectName(QStringLiteral("detailTable"));
    m_table->horizontalHeader()->hide();
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    m_table->setShowGrid(false);
    m_table->hide();

    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &topLeft) {
        if (m_index.isValid() && topLeft.parent() == m_index.parent()
            && topLeft.row() == m_index.row())
            refresh();
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { showIndex({}); });
    if (m_topology)
        connect(m_topology, &TopologyState::changed, this, &DetailPane::refresh);
    // Ages ("for 0:42", "12 s ago") count even when nothing else changes.
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &DetailPane::refresh);
}

void DetailPane::showIndex(const QModelIndex &index)
{
    m_index = index.isValid() ? index.siblingAtColumn(0) : QModelIndex();
    refresh();
}

QString DetailPane::endpointToShow() const
{
    if (!m_index.isValid())
        return {};
    const QString endpointId = m_index.data(EndpointIdRole).toString();
    if (!endpointId.isEmpty())
        return endpointId;
    // A region: its database node speaks for it, else its first endpoint.
    const int children = m_model->rowCount(m_index);
    for (int row = 0; row < children && m_topology; ++row) {
        const QString id = m_model->index(row, 0, m_index).data(EndpointIdRole).toString();
        const NodeState *node = m_topology->node(id);
        if (node && !node->viaHttp)
            return id;
    }
    return children > 0 ? m_model->index(0, 0, m_index).data(EndpointIdRole).toString() : QString();
}

void DetailPane::refresh()
{
    const QString endpointId = endpointToShow();
    m_hint->setVisible(endpointId.isEmpty());
    m_table->setVisible(!endpointId.isEmpty());
    if (endpointId.isEmpty()) {
        m_tick->stop();
        m_table->setRowCount(0);
        return;
    }
    if (!m_tick->isActive())
        m_tick->start();
    const QModelIndex row = m_model->indexForEndpoint(endpointId);
    const QModelIndex status = row.siblingAtColumn(EndpointStatusModel::StatusColumn);
    NodeDetails::Input input;
    input.name = row.data().toString();
    input.target = row.siblingAtColumn(EndpointStatusModel::TargetColumn).data().toString();
    input.health = static_cast<Health>(row.data(HealthRole).toInt());
    input.reason = status.data(Qt::ToolTipRole).toString();
    input.since = status.data(SinceRole).toDateTime();
    input.errors = m_model->recentErrors(endpointId);
    if (m_topology) {
        input.node = m_topology->node(endpointId);
        input.replication = m_topology->replicationOf(endpointId);
    }
    const QList<DetailRow> rows = NodeDetails::rows(input, QDateTime::currentDateTimeUtc());

    const QColor warning = healthStyle(Health::Degraded).fill;
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        auto *label = new QTableWidgetItem(rows.at(i).label);
        auto *value = new QTableWidgetItem(rows.at(i).value);
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        if (rows.at(i).warning) {
            label->setData(Qt::DecorationRole, warning);
            value->setData(WarningRole, true);
        }
        m_table->setItem(i, 0, label);
        m_table->setItem(i, 1, value);
    }
}

QString DetailPane::text() const
{
    QStringList lines;
    for (int row = 0; row < m_table->rowCount(); ++row)
        lines << QStringLiteral("%1: %2").arg(
            m_table->item(row, 0)->text().trimmed(), m_table->item(row, 1)->text());
    return lines.join(QLatin1Char('\n'));
}

} // namespace Console
