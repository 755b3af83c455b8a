#include "drillhistoryview.h"

#include "drillfigures.h"
#include "drillrecord.h"
#include "drillreport.h"
#include "drilltrendchart.h"
#include "health.h"
#include "healthpalette.h"
#include "journal.h"

#include <QBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>

namespace Console {

namespace {

constexpr int RunIdRole = Qt::UserRole + 1;
constexpr int HistoryLimit = 1000; // runs of every kind read from the journal

QString drillIdOf(const JournalRun &run)
{
    return run.figures.value(QStringLiteral("drill_id")).toString();
}

Health outcomeHealth(const QString &outcome)
{
    if (outcome == QLatin1String("passed") || outcome == QLatin1String("rolled-back"))
        return Health::Healthy;
    if (outcome == QLatin1String("missed") || outcome == QLatin1String("aborted"))
        return Health::Degraded;
    if (outcome.isEmpty())
        return Health::Unknown;
    return Health::Unhealthy;
}

} // namespace

DrillHistoryView::DrillHistoryView(Journal *journal, QWidget *parent)
    : QWidget(parent)
    , m_journal(journal)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_empty = new QLabel(this);
    m_empty->setWordWrap(true);
    layout->addWidget(m_empty);

    m_runs = new QTreeWidget(this);
    m_runs->setObjectName(QStringLiteral("drillHistory"));
    m_runs->setRootIsDecorated(false);
    m_runs->setAlternatingRowColors(true);
    m_runs->setHeaderLabels(
        { tr("Date"), tr("Drill"), tr("Outcome"), tr("RTO"), tr("RPO"), tr("Detection") });
    m_runs->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_runs->header()->setStretchLastSection(true);

    m_report = new QTextBrowser(this);
    m_report->setObjectName(QStringLiteral("drillReport"));
    m_report->setReadOnly(true);
    m_report->setOpenExternalLinks(false);
    m_trend = new DrillTrendChart(this);
    m_trend->setMinimumHeight(160);
    m_trend->setMinimumWidth(320); // dates and the title readable beside the report

    auto *lower = new QSplitter(Qt::Horizontal, this);
    lower->addWidget(m_report);
    lower->addWidget(m_trend);
    lower->setStretchFactor(0, 1);
    lower->setStretchFactor(1, 1);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_runs);
    split->addWidget(lower);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_runs, &QTreeWidget::currentItemChanged, this, &DrillHistoryView::showSelected);
    reload();
}

DrillHistoryView::~DrillHistoryView() = default;

void DrillHistoryView::setDrills(const QList<DrillDefinition> &drills)
{
    m_drills = drills;
    showSelected();
}

qint64 DrillHistoryView::selectedRunId() const
{
    const QTreeWidgetItem *item = m_runs->currentItem();
    return item ? item->data(DateColumn, RunIdRole).toLongLong() : 0;
}

void DrillHistoryView::reload()
{
    const qint64 selected = selectedRunId();
    m_drillRuns.clear();
    if (m_journal) {
        for (const JournalRun &run : m_journal->runs(HistoryLimit)) {
            if (run.kind == QLatin1String("drill"))
                m_drillRuns.append(run);
        }
    }
    m_empty->setText(!m_journal ? tr("No journal is kept, so no drill history: start the console "
                                     "with a journal to keep drill runs and their reports.")
                                : tr("No drill has run yet."));
    m_empty->setVisible(m_drillRuns.isEmpty());
    const QSignalBlocker blocker(m_runs);
    m_runs->clear();
    for (const JournalRun &run : std::as_const(m_drillRuns)) {
        auto *item = new QTreeWidgetItem(m_runs);
        item->setData(DateColumn, RunIdRole, run.id);
        item->setText(
            DateColumn, run.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
        QString name = run.figures.value(QStringLiteral("drill_name")).toString();
        if (run.mode == QLatin1String("recovery"))
            name = tr("%1 (rollback of run %2)")
                       .arg(name, run.figures.value(QStringLiteral("recovers_run")).toString());
        item->setText(DrillColumn, name.isEmpty() ? drillIdOf(run) : name);
        item->setText(OutcomeColumn, drillOutcomeLabel(run.outcome));
        item->setForeground(OutcomeColumn, healthStyle(outcomeHealth(run.outcome)).fill);
        const auto figure = [&run](DrillFigure which) {
            return run.figures.contains(drillFigureKey(which))
                ? DrillFigures::figureText(which, run.figures)
                : QStringLiteral("—");
        };
        item->setText(RtoColumn, figure(DrillFigure::Rto));
        item->setText(RpoColumn, figure(DrillFigure::Rpo));
        item->setText(DetectColumn, figure(DrillFigure::TimeToDetect));
    }
    if (!selectRun(selected) && m_runs->topLevelItemCount() > 0)
        m_runs->setCurrentItem(m_runs->topLevelItem(0));
    showSelected();
}

bool DrillHistoryView::selectRun(qint64 runId)
{
    for (int i = 0; runId && i < m_runs->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_runs->topLevelItem(i);
        if (item->data(DateColumn, RunIdRole).toLongLong() == runId) {
            m_runs->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

void DrillHistoryView::showSelected()
{
    const qint64 id = selectedRunId();
    const JournalRun *run = nullptr;
    for (const JournalRun &candidate : std::as_const(m_drillRuns)) {
        if (candidate.id == id)
            run = &candidate;
    }
    if (!run || !m_journal) {
        m_report->setMarkdown(QString());
        m_report->setPlaceholderText(tr("Select a drill run to read its report."));
        m_trend->setTrend({}, {}, 0);
        return;
    }
    const QString report = DrillReport::journalled(m_journal->entries(run->id));
    if (report.isEmpty()) {
        m_report->setMarkdown(QString());
        m_report->setPlaceholderText(run->isOpen()
                ? tr("This drill is still running: its report is written when it ends.")
                : tr("This run has no report in the journal (a console stopped before writing "
                     "it)."));
    } else {
        m_report->setMarkdown(report);
    }

    const QString drillId = drillIdOf(*run);
    QList<DrillTrendPoint> points;
    for (const JournalRun &other : std::as_const(m_drillRuns)) {
        if (drillIdOf(other) == drillId && other.figures.contains(QStringLiteral("rto_ms")))
            points.append({ other.startedAt.toLocalTime(),
                other.figures.value(QStringLiteral("rto_ms")).toLongLong() });
    }
    qint64 target = 0;
    for (const DrillDefinition &drill : std::as_const(m_drills)) {
        if (drill.id == drillId && drill.targets.rto)
            target = drill.targets.rto->count();
    }
    const QString name = run->figures.value(QStringLiteral("drill_name")).toString();
    m_trend->setTrend(name.isEmpty() ? drillId : name, points, target);
}

} // namespace Console
