#include "statusbanner.h"

#include "config.h"
#include "endpointstatusmodel.h"
#include "healthpalette.h"
#include "roles.h"
#include "selfcheck.h"
#include "topologystate.h"

#include <QAbstractItemModel>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace Console {

namespace {
// More lines than this push the window's content down; the rest are counted, and listed in the
// status table anyway.
constexpr int kDetailLines = 3;
} // namespace

StatusBanner::StatusBanner(
    QAbstractItemModel *statusModel, const TopologyState *topology, QWidget *parent)
    : QWidget(parent)
    , m_model(statusModel)
    , m_topology(topology)
    , m_headline(new QLabel(this))
    , m_details(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("statusBanner"));
    setAutoFillBackground(true);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    auto *story = new QVBoxLayout;
    story->setSpacing(2);
    layout->addLayout(story, 1);
    QFont font = m_headline->font();
    font.setPointSizeF(font.pointSizeF() * 1.25);
    font.setBold(true);
    m_headline->setFont(font);
    m_headline->setObjectName(QStringLiteral("bannerHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setObjectName(QStringLiteral("bannerDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    story->addWidget(m_headline);
    story->addWidget(m_details);
    m_summary->setAlignment(Qt::AlignRight | Qt::AlignTop);
    layout->addWidget(m_summary, 0, Qt::AlignTop);

    connect(m_model, &QAbstractItemModel::dataChanged, this, &StatusBanner::refresh);
    connect(m_model, &QAbstractItemModel::modelReset, this, &StatusBanner::refresh);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &StatusBanner::refresh);
    if (m_topology)
        connect(m_topology, &TopologyState::changed, this, &StatusBanner::refresh);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &StatusBanner::refresh);
    m_tick->start();
    refresh();
}

QString StatusBanner::headline() const
{
    return m_headline->text();
}

QString StatusBanner::text() const
{
    QString text = m_headline->text();
    if (!m_details->text().isEmpty())
        text += QLatin1Char('\n') + m_details->text();
    return text + QLatin1Char('\n') + m_summary->text();
}

void StatusBanner::setSelfCheck(const SelfCheck *selfCheck)
{
    m_selfCheck = selfCheck;
    if (m_selfCheck)
        connect(m_selfCheck, &SelfCheck::changed, this, &StatusBanner::refresh);
    refresh();
}

StoryInput StatusBanner::storyInput() const
{
    StoryInput input;
    input.now = QDateTime::currentDateTimeUtc();
    input.serversReport = m_topology && !m_topology->nodes().isEmpty();
    if (m_topology) {
        input.primary = m_topology->primary();
        if (input.primary.status == PrimaryStatus::NoneReachable) {
            input.candidates = m_topology->candidates();
            if (const NodeState *lost = m_topology->node(input.primary.lastPrimaryId))
                input.lostPrimaryRegionId = lost->regionId;
        }
    }
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex name = m_model->index(row, 0);
        const QModelIndex status = name.siblingAtColumn(EndpointStatusModel::StatusColumn);
        RegionSituation region;
        region.id = name.data(RegionIdRole).toString();
        region.name = name.data(Qt::DisplayRole).toString();
        region.health = static_cast<Health>(name.data(HealthRole).toInt());
        region.cause = status.data(CauseRole).toString();
        region.since = status.data(SinceRole).toDateTime();
        const QVariant observed = name.data(ObservedRoleRole);
        region.standby = observed.isValid()
            && static_cast<PostgresRole>(observed.toInt()) == PostgresRole::Standby;
        region.primary = input.serversReport
            ? (input.primary.status == PrimaryStatus::Several ? observed.isValid()
                        && static_cast<PostgresRole>(observed.toInt()) == PostgresRole::Primary
                                                              : name.data(IsPrimaryRole).toBool())
            : static_cast<RegionRole>(name.data(RegionRoleRole).toInt()) == RegionRole::Primary;
        input.regions.append(region);
    }
    // A primary never seen answering is the configured one.
    if (input.primary.status == PrimaryStatus::NoneReachable
        && input.lostPrimaryRegionId.isEmpty()) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QModelIndex name = m_model->index(row, 0);
            if (static_cast<RegionRole>(name.data(RegionRoleRole).toInt()) == RegionRole::Primary)
                input.lostPrimaryRegionId = name.data(RegionIdRole).toString();
        }
    }
    if (m_selfCheck && m_selfCheck->suspected())
        input.selfCheckDoubt = m_selfCheck->reason();
    return input;
}

void StatusBanner::refresh()
{
    const QList<StoryLine> lines = IncidentStory::tell(storyInput());
    const StoryLine headline = lines.value(0, { Health::Unknown, tr("No regions configured") });
    m_headline->setText(headline.text);
    QStringList details;
    for (int i = 1; i < lines.size() && i <= kDetailLines; ++i)
        details << lines.at(i).text;
    if (lines.size() > kDetailLines + 1)
        details << tr(
            "and %n more (see the status table)", nullptr, int(lines.size()) - kDetailLines - 1);
    m_details->setText(details.join(QLatin1Char('\n')));
    m_details->setVisible(!details.isEmpty());

    int counts[4] = { 0, 0, 0, 0 };
    for (int row = 0; row < m_model->rowCount(); ++row)
        ++counts[qBound(0, m_model->index(row, 0).data(HealthRole).toInt(), 3)];
    m_summary->setText(tr("%1 healthy · %2 degraded · %3 unhealthy · %4 unknown")
                           .arg(counts[int(Health::Healthy)])
                           .arg(counts[int(Health::Degraded)])
                           .arg(counts[int(Health::Unhealthy)])
                           .arg(counts[int(Health::Unknown)]));

    if (headline.tone != m_tone || headline.text != m_lastHeadline) {
        m_tone = headline.tone;
        m_lastHeadline = headline.text;
        emit toneChanged(m_tone, headline.text);
    }
    // The colour is the headline's, so what the banner says and how it looks never disagree.
    const HealthStyle style = healthStyle(headline.tone);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, style.fill);
    pal.setColor(QPalette::WindowText, style.text);
    setPalette(pal);
}

} // namespace Console
