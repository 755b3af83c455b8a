#include "statusbanner.h"

#include "config.h"
#include "healthpalette.h"
#include "roles.h"

#include <QAbstractItemModel>
#include <QHBoxLayout>
#include <QLabel>

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

StatusBanner::StatusBanner(QAbstractItemModel *statusModel, QWidget *parent)
    : QWidget(parent)
    , m_model(statusModel)
    , m_primary(new QLabel(this))
    , m_summary(new QLabel(this))
{
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
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
    refresh();
}

QString StatusBanner::text() const
{
    return m_primary->text() + QLatin1Char(' ') + m_summary->text();
}

void StatusBanner::refresh()
{
    int counts[4] = { 0, 0, 0, 0 };
    Health worst = Health::Healthy;
    QString primaryName;
    Health primaryHealth = Health::Unknown;
    const int rows = m_model->rowCount();
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = m_model->index(row, 0);
        const auto health = static_cast<Health>(index.data(HealthRole).toInt());
        ++counts[int(health)];
        if (severity(health) > severity(worst))
            worst = health;
        if (static_cast<RegionRole>(index.data(RegionRoleRole).toInt()) == RegionRole::Primary) {
            primaryName = index.data(Qt::DisplayRole).toString();
            primaryHealth = health;
        }
    }
    if (rows == 0)
        worst = Health::Unknown;

    m_primary->setText(primaryName.isEmpty()
            ? tr("No primary region")
            : tr("Primary: %1 — %2").arg(primaryName, healthStyle(primaryHealth).label));
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
