#include "statusbanner.h"

#include "config.h"
#include "healthpalette.h"
#include "quantitytext.h"
#include "roles.h"
#include "selfcheck.h"
#include "topologystate.h"

#include <QAbstractItemModel>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace Console {

namespace {
// How alarming a health is for the banner: unknown sits between healthy and degraded.
int severity(Health health)
{
    switch (health) {
    case Health::Healthy: return 0;
    case Health::Unknown: return 1;
    case Health::Degraded: return 2;
    case Health::Unhealthy: return 3;
    }
    return 1;
}
} // namespace

StatusBanner::StatusBanner(
    QAbstractItemModel *statusModel, const TopologyState *topology, QWidget *parent)
    : QWidget(parent)
    , m_model(statusModel)
    , m_topology(topology)
    , m_primary(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_doubt(new QLabel(this))
{
    setObjectName(QStringLiteral("statusBanner"));
    setAutoFillBackground(true);
    auto *rows = new QVBoxLayout(this);
    rows->setContentsMargins(12, 6, 12, 6);
    auto *layout = new QHBoxLayout;
    rows->addLayout(layout);
    m_doubt->setWordWrap(true);
    m_doubt->hide();
    rows->addWidget(m_doubt);
    QFont font = m_primary->font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    font.setBold(true);
    m_primary->setFont(font);
    m_summary->setFont(font);
    layout->addWidget(m_primary);
    layout->addStretch();
    layout->addWidget(m_summary);

    connect(m_model, &QAbstractItemModel::dataChanged, this, &StatusBanner::refresh);
    connect(m_model, &QAbstractItemModel::modelReset, this, &StatusBanner::refresh);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &StatusBanner::refresh);
    if (m_topology)
        connect(m_topology, &TopologyState::changed, this, &StatusBanner::refresh);
    refresh();
}

QString StatusBanner::text() const
{
    QString text = m_primary->text() + QLatin1Char(' ') + m_summary->text();
    if (m_doubt->isVisibleTo(this))
        text += QLatin1Char(' ') + m_doubt->text();
    return text;
}

void StatusBanner::setSelfCheck(const SelfCheck *selfCheck)
{
    m_selfCheck = selfCheck;
    if (m_selfCheck)
        connect(m_selfCheck, &SelfCheck::changed, this, &StatusBanner::refresh);
    refresh();
}

QString StatusBanner::regionName(const QString &regionId) const
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        if (index.data(RegionIdRole).toString() == regionId)
            return index.data(Qt::DisplayRole).toString();
    }
    return regionId;
}

QString StatusBanner::primaryText(bool *alarm) const
{
    *alarm = false;
    const bool hasServers = m_topology && !m_topology->nodes().isEmpty();
    if (!hasServers) {
        // Nothing reports a role: say plainly that the primary shown is the configured one.
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex index = m_model->index(row, 0);
            if (static_cast<RegionRole>(index.data(RegionRoleRole).toInt()) == RegionRole::Primary)
                return tr("Primary (configured): %1 — %2")
                    .arg(index.data(Qt::DisplayRole).toString(),
                        healthStyle(static_cast<Health>(index.data(HealthRole).toInt())).label);
        }
        return tr("No primary region configured");
    }
    const PrimaryState &primary = m_topology->primary();
    switch (primary.status) {
    case PrimaryStatus::Unknown: return tr("Primary: waiting for the servers to report");
    case PrimaryStatus::One: {
        const QModelIndex region = [this, &primary] {
            for (int row = 0; row < m_model->rowCount(); ++row) {
                const QModelIndex index = m_model->index(row, 0);
                if (index.data(RegionIdRole).toString() == primary.regionId)
                    return index;
            }
            return QModelIndex();
        }();
        const auto health = static_cast<Health>(region.data(HealthRole).toInt());
        return tr("Primary: %1 — %2").arg(regionName(primary.regionId), healthStyle(health).label);
    }
    case PrimaryStatus::NoneReachable: {
        *alarm = true;
        const QList<PromotionCandidate> candidates = m_topology->candidates();
        if (candidates.isEmpty())
            return tr("NO REACHABLE PRIMARY — no standby to promote");
        const PromotionCandidate &best = candidates.constFirst();
        const std::optional<qint64> loss = best.loss.bytes;
        if (!loss)
            return tr("NO REACHABLE PRIMARY — best candidate %1 (loss unknown)")
                .arg(regionName(best.regionId));
        return best.loss.bytesIsLowerBound
            ? tr("NO REACHABLE PRIMARY — best candidate %1 (loses at least %2)")
                  .arg(regionName(best.regionId), QuantityText::bytes(*loss))
            : tr("NO REACHABLE PRIMARY — best candidate %1 (loses %2)")
                  .arg(regionName(best.regionId), QuantityText::bytes(*loss));
    }
    case PrimaryStatus::Several: {
        *alarm = true;
        QStringList names;
        for (const QString &id : primary.writableIds) {
            const NodeState *node = m_topology->node(id);
            names << (node ? regionName(node->regionId) : id);
        }
        return tr("%n WRITABLE PRIMARIES: %1", nullptr, int(names.size()))
            .arg(names.join(QStringLiteral(", ")));
    }
    }
    return {};
}

void StatusBanner::refresh()
{
    int counts[4] = { 0, 0, 0, 0 };
    Health worst = Health::Healthy;
    const int rows = m_model->rowCount();
    for (int row = 0; row < rows; ++row) {
        const auto health = static_cast<Health>(m_model->index(row, 0).data(HealthRole).toInt());
        ++counts[int(health)];
        if (severity(health) > severity(worst))
            worst = health;
    }
    if (rows == 0)
        worst = Health::Unknown;

    bool alarm = false;
    QString text = primaryText(&alarm);
    // The colour follows the worst region; when that is not the primary, say which it is, so a
    // red banner never reads as "the primary is down".
    const QString primaryRegion = m_topology && m_topology->primary().status == PrimaryStatus::One
        ? m_topology->primary().regionId
        : QString();
    for (int row = 0; row < rows && !primaryRegion.isEmpty(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const auto health = static_cast<Health>(index.data(HealthRole).toInt());
        if (health != worst || index.data(RegionIdRole).toString() == primaryRegion
            || (health != Health::Unhealthy && health != Health::Degraded))
            continue;
        text += tr(" · %1 %2")
                    .arg(index.data(Qt::DisplayRole).toString(),
                        healthStyle(health).label.toLower());
        break;
    }
    m_primary->setText(text);
    if (alarm)
        worst = Health::Unhealthy;
    // The doubt comes first in the reading order of a stressed operator: red regions may all be
    // the console's own network.
    const bool doubt = m_selfCheck && m_selfCheck->suspected();
    m_doubt->setVisible(doubt);
    if (doubt) {
        m_doubt->setText(
            tr("SELF-CHECK: %1. Automatic actions are held.").arg(m_selfCheck->reason()));
        worst = Health::Unhealthy;
    }
    m_summary->setText(tr("%1 healthy · %2 degraded · %3 unhealthy · %4 unknown")
                           .arg(counts[int(Health::Healthy)])
                           .arg(counts[int(Health::Degraded)])
                           .arg(counts[int(Health::Unhealthy)])
                           .arg(counts[int(Health::Unknown)]));

    const HealthStyle style = healthStyle(worst);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, style.fill);
    pal.setColor(QPalette::WindowText, style.text);
    setPalette(pal);
}

} // namespace Console
