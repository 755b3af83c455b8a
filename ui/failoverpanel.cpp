#include "failoverpanel.h"

#include "clock.h"
#include "failovercontroller.h"
#include "healthpalette.h"
#include "runtext.h"
#include "stepdelegate.h"
#include "steplistmodel.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace Console {

FailoverPanel::FailoverPanel(
    FailoverController *controller, const ConfigOverview &config, Clock *clock, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_config(config)
    , m_clock(clock)
    , m_steps(new StepListModel(this))
    , m_state(new QLabel(this))
    , m_run(new QLabel(this))
    , m_view(new QTableView(this))
    , m_outcome(new QLabel(this))
    , m_figures(new QLabel(this))
    , m_ticker(new QTimer(this))
{
    setObjectName(QStringLiteral("failoverPanel"));
    m_state->setObjectName(QStringLiteral("failoverStateLabel"));
    m_state->setWordWrap(true);
    m_run->setObjectName(QStringLiteral("runLabel"));
    m_run->setWordWrap(true);
    m_outcome->setObjectName(QStringLiteral("outcomeLabel"));
    m_outcome->setWordWrap(true);
    m_outcome->hide();
    m_figures->setObjectName(QStringLiteral("figuresLabel"));
    m_figures->setWordWrap(true);

    m_view->setObjectName(QStringLiteral("stepView"));
    m_view->setModel(m_steps);
    m_view->setItemDelegate(new StepDelegate(m_view));
    m_view->verticalHeader()->hide();
    // Summaries are sentences: the step column shows them under the step's name, wrapped, and
    // rows grow to hold them whole in the narrow pane beside the status tree.
    m_view->setColumnHidden(StepListModel::SummaryColumn, true);
    m_view->setWordWrap(true);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(StepListModel::StateColumn, QHeaderView::Fixed);
    header->setSectionResizeMode(StepListModel::StepColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(StepListModel::DurationColumn, QHeaderView::Fixed);
    m_view->setColumnWidth(StepListModel::StateColumn, 104);
    m_view->setColumnWidth(StepListModel::DurationColumn, 64);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(
        header, &QHeaderView::sectionResized, m_view, [this] { m_view->resizeRowsToContents(); });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_state);
    layout->addWidget(m_run);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_outcome);
    layout->addWidget(m_figures);

    connect(m_controller, &FailoverController::runStarted, this, &FailoverPanel::onRunStarted);
    connect(m_controller, &FailoverController::stepChanged, this, &FailoverPanel::onStepChanged);
    connect(m_controller, &FailoverController::runFinished, this, &FailoverPanel::onRunFinished);
    connect(m_controller, &FailoverController::stateChanged, this, &FailoverPanel::refreshState);
    // Pausing and resuming is announced as a possible gate change.
    connect(
        m_controller, &FailoverController::gatesMayHaveChanged, this, &FailoverPanel::refreshState);
    m_ticker->setInterval(500);
    connect(m_ticker, &QTimer::timeout, this, &FailoverPanel::tick);

    if (const FailoverRun *run = m_controller->currentRun()) {
        onRunStarted(run->plan());
        m_steps->setSteps(run->steps());
    } else if (const std::optional<RunResult> last = m_controller->lastResult()) {
        showResult(*last);
    } else {
        m_run->setText(tr("No failover, failback or rejoin has run since the console started."));
    }
    refreshState();
}

FailoverPanel::~FailoverPanel() = default;

QString FailoverPanel::regionName(const QString &regionId) const
{
    const QString name = m_config.regionName(regionId);
    return name.isEmpty() ? regionId : name;
}

QString FailoverPanel::stateText() const
{
    const QString automation = m_controller->paused() ? tr("automation paused")
        : m_controller->automatic()                   ? tr("automation on")
                                                      : tr("automation off (manual mode)");
    return tr("%1 · %2").arg(stateLabel(m_controller->state()), automation);
}

void FailoverPanel::refreshState()
{
    const QString text = stateText();
    if (text == m_stateText)
        return;
    m_stateText = text;
    m_state->setText(tr("<b>Failover state:</b> %1").arg(text.toHtmlEscaped()));
    emit stateTextChanged(text);
}

QString FailoverPanel::runText() const
{
    return m_run->text();
}

QString FailoverPanel::outcomeText() const
{
    return m_outcome->isHidden() ? QString() : m_outcome->text();
}

QString FailoverPanel::figuresText() const
{
    return m_figures->text();
}

void FailoverPanel::onRunStarted(const RunPlan &plan)
{
    m_steps->setPlan(plan.steps);
    m_outcome->hide();
    m_figures->clear();
    m_run->setText(
        tr("<b>%1</b> from %2, %3, started %4.")
            .arg(RunText::title(plan.kind, regionName(plan.targetRegion)).toHtmlEscaped(),
                regionName(plan.fromRegion).toHtmlEscaped(),
                plan.automatic ? tr("automatic")
                               : tr("by %1").arg(plan.operatorName.toHtmlEscaped()),
                QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"))));
    m_ticker->start();
    refreshState();
}

void FailoverPanel::onStepChanged(const StepRecord &step)
{
    m_steps->updateStep(step);
    tick();
}

void FailoverPanel::onRunFinished(const RunResult &result)
{
    m_ticker->stop();
    showResult(result);
    refreshState();
}

void FailoverPanel::showResult(const RunResult &result)
{
    m_steps->setSteps(result.steps);
    if (m_run->text().isEmpty() || !m_run->text().contains(QStringLiteral("<b>")))
        m_run->setText(
            tr("<b>%1</b> from %2.")
                .arg(RunText::title(result.kind, regionName(result.targetRegion)).toHtmlEscaped(),
                    regionName(result.fromRegion).toHtmlEscaped()));
    const HealthStyle style = healthStyle(RunText::outcomeHealth(result.outcome));
    m_outcome->setText(
        tr("%1 — %2").arg(RunText::outcome(result.outcome), result.summary.simplified()));
    m_outcome->setStyleSheet(
        QStringLiteral("QLabel { background: %1; color: %2; padding: 4px 8px; font-weight: bold; }")
            .arg(style.fill.name(), style.text.name()));
    m_outcome->show();
    const QString figures = RunText::figures(result.figures);
    m_figures->setText(figures.isEmpty() ? tr("No figures were measured.") : figures);
}

void FailoverPanel::tick()
{
    m_steps->setNow(monotonicMs(m_clock->now()));
}

} // namespace Console
