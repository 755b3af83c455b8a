#include "drillrunview.h"

#include "drillrunner.h"
#include "health.h"
#include "healthpalette.h"
#include "journal.h"
#include "quantitytext.h"
#include "themecolours.h"

#include <QBoxLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>

namespace Console {

namespace {

enum StepColumn { StateColumn, TitleColumn, TimeColumn };

// Meaning becomes colour in the health palette: a passed step reads like a healthy region.
QColor stateColour(DrillStepState state)
{
    switch (state) {
    case DrillStepState::Passed: return healthStyle(Health::Healthy).fill;
    case DrillStepState::Failed: return healthStyle(Health::Unhealthy).fill;
    case DrillStepState::Running: return QColor(0x25, 0x63, 0xeb);
    case DrillStepState::Skipped:
    case DrillStepState::Pending: break;
    }
    return healthStyle(Health::Unknown).fill;
}

const DrillStep *definitionOf(const DrillDefinition &drill, const DrillStepRecord &record)
{
    for (const DrillStep &step : record.rollback ? drill.rollback : drill.steps) {
        if (step.id == record.id)
            return &step;
    }
    return nullptr;
}

} // namespace

DrillRunView::DrillRunView(DrillRunner *runner, QWidget *parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_ticker(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("drillRunHeader"));
    QFont big = m_header->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_header->setFont(big);
    m_header->setWordWrap(true);
    layout->addWidget(m_header);

    m_steps = new QTreeWidget(this);
    m_steps->setObjectName(QStringLiteral("drillSteps"));
    m_steps->setRootIsDecorated(false);
    m_steps->setHeaderLabels({ tr("State"), tr("Step"), tr("Time") });
    m_steps->header()->setStretchLastSection(false);
    m_steps->header()->setSectionResizeMode(StateColumn, QHeaderView::ResizeToContents);
    m_steps->header()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    m_steps->header()->setSectionResizeMode(TimeColumn, QHeaderView::ResizeToContents);
    m_steps->setSelectionMode(QAbstractItemView::NoSelection);
    m_steps->setFocusPolicy(Qt::TabFocus);
    layout->addWidget(m_steps, 1);

    m_current = new QLabel(this);
    m_current->setObjectName(QStringLiteral("drillCurrentStep"));
    m_current->setWordWrap(true);
    m_current->setTextFormat(Qt::PlainText);
    m_current->setFrameShape(QFrame::StyledPanel);
    m_current->setMargin(6);
    layout->addWidget(m_current);

    m_manualRow = new QWidget(this);
    auto *manual = new QHBoxLayout(m_manualRow);
    manual->setContentsMargins(0, 0, 0, 0);
    auto *noteLabel = new QLabel(tr("&Note:"), m_manualRow);
    m_note = new QLineEdit(m_manualRow);
    m_note->setObjectName(QStringLiteral("drillNote"));
    m_note->setPlaceholderText(tr("What you saw (optional, goes into the report)"));
    noteLabel->setBuddy(m_note);
    m_pass = new QPushButton(tr("&Passed"), m_manualRow);
    m_pass->setObjectName(QStringLiteral("drillStepPassed"));
    m_fail = new QPushButton(tr("&Failed"), m_manualRow);
    m_fail->setObjectName(QStringLiteral("drillStepFailed"));
    manual->addWidget(noteLabel);
    manual->addWidget(m_note, 1);
    manual->addWidget(m_pass);
    manual->addWidget(m_fail);
    layout->addWidget(m_manualRow);

    m_abort = new QPushButton(tr("A&bort drill"), this);
    m_abort->setObjectName(QStringLiteral("drillAbort"));
    m_abort->setToolTip(tr("Stops the method at once; the rollback still runs to its end."));
    auto *abortRow = new QHBoxLayout;
    abortRow->addStretch(1);
    abortRow->addWidget(m_abort);
    layout->addLayout(abortRow);

    m_resultBox = new QGroupBox(tr("Result"), this);
    auto *result = new QVBoxLayout(m_resultBox);
    m_outcome = new QLabel(m_resultBox);
    m_outcome->setObjectName(QStringLiteral("drillOutcome"));
    m_outcome->setWordWrap(true);
    m_outcome->setFont(big);
    m_results = new QTreeWidget(m_resultBox);
    m_results->setObjectName(QStringLiteral("drillResults"));
    m_results->setRootIsDecorated(false);
    m_results->setHeaderLabels({ tr("Figure"), tr("Target"), tr("Actual"), tr("Pass") });
    m_results->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_results->setMaximumHeight(140);
    m_saveMarkdown = new QPushButton(tr("Save report (&Markdown)…"), m_resultBox);
    m_saveMarkdown->setObjectName(QStringLiteral("drillSaveMarkdown"));
    m_savePdf = new QPushButton(tr("Save report (P&DF)…"), m_resultBox);
    m_savePdf->setObjectName(QStringLiteral("drillSavePdf"));
    m_back = new QPushButton(tr("Back to &drills"), m_resultBox);
    m_back->setObjectName(QStringLiteral("drillBack"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_saveMarkdown);
    buttons->addWidget(m_savePdf);
    buttons->addStretch(1);
    buttons->addWidget(m_back);
    result->addWidget(m_outcome);
    result->addWidget(m_results);
    result->addLayout(buttons);
    layout->addWidget(m_resultBox);

    connect(m_pass, &QPushButton::clicked, this, [this] { complete(true); });
    connect(m_fail, &QPushButton::clicked, this, [this] { complete(false); });
    connect(m_abort, &QPushButton::clicked, this, &DrillRunView::abort);
    connect(m_saveMarkdown, &QPushButton::clicked, this, &DrillRunView::saveMarkdownRequested);
    connect(m_savePdf, &QPushButton::clicked, this, &DrillRunView::savePdfRequested);
    connect(m_back, &QPushButton::clicked, this, &DrillRunView::backRequested);
    connect(m_runner, &DrillRunner::started, this, &DrillRunView::refresh);
    connect(m_runner, &DrillRunner::stepChanged, this, &DrillRunView::onStepChanged);
    connect(m_runner, &DrillRunner::finished, this, &DrillRunView::onFinished);
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &DrillRunView::tick);
    refresh();
}

DrillRunView::~DrillRunView() = default;

QString DrillRunView::stateText(DrillStepState state)
{
    switch (state) {
    case DrillStepState::Pending: return tr("○ Pending");
    case DrillStepState::Running: return tr("▶ Running");
    case DrillStepState::Passed: return tr("✔ Passed");
    case DrillStepState::Failed: return tr("✖ Failed");
    case DrillStepState::Skipped: return tr("– Skipped");
    }
    return {};
}

QString DrillRunView::headerText() const
{
    return m_header->text();
}
QString DrillRunView::outcomeText() const
{
    return m_outcome->text();
}
QString DrillRunView::currentStepText() const
{
    return m_current->text();
}

void DrillRunView::clear()
{
    m_finished = false;
    m_shown.clear();
    m_steps->clear();
    m_results->clear();
    refresh();
}

void DrillRunView::refresh()
{
    const bool running = m_runner->isRunning();
    if (running) {
        m_finished = false;
        m_shown = m_runner->steps();
        m_ticker->start();
    } else if (m_finished && m_runner->lastResult()) {
        m_shown = m_runner->lastResult()->steps;
        m_ticker->stop();
    }
    const int current = running ? m_runner->currentIndex() : -1;
    while (m_steps->topLevelItemCount() > m_shown.size())
        delete m_steps->takeTopLevelItem(m_steps->topLevelItemCount() - 1);
    for (int i = 0; i < m_shown.size(); ++i) {
        QTreeWidgetItem *item = m_steps->topLevelItem(i);
        if (!item)
            item = new QTreeWidgetItem(m_steps);
        fillStep(item, m_shown.at(i), i == current);
    }
    if (current >= 0 && current < m_steps->topLevelItemCount())
        m_steps->scrollToItem(m_steps->topLevelItem(current));
    showCurrent();
    tick();
}

void DrillRunView::fillStep(
    QTreeWidgetItem *item, const DrillStepRecord &record, bool current) const
{
    item->setText(StateColumn, stateText(record.state));
    // Live: the tick refills the running step, and the others on each step change.
    item->setForeground(StateColumn,
        ThemeColours::readableOn(
            stateColour(record.state), m_steps->palette().color(QPalette::Base)));
    QString title = record.rollback ? tr("↺ Rollback: %1").arg(record.title) : record.title;
    if (!record.note.isEmpty())
        title = tr("%1 — note: %2").arg(title, record.note);
    item->setText(TitleColumn, title);
    item->setToolTip(TitleColumn, record.summary);
    const bool started = record.startedMs > 0;
    const qint64 end
        = record.state == DrillStepState::Running ? m_runner->nowMs() : record.finishedMs;
    item->setText(TimeColumn,
        started && end >= record.startedMs
            ? QuantityText::elapsed(std::chrono::milliseconds(end - record.startedMs))
            : QString());
    QFont font = m_steps->font();
    font.setBold(current);
    for (int column = StateColumn; column <= TimeColumn; ++column) {
        item->setFont(column, font);
        item->setBackground(column, current ? m_steps->palette().alternateBase() : QBrush());
    }
}

void DrillRunView::showCurrent()
{
    const bool running = m_runner->isRunning();
    const int index = m_runner->currentIndex();
    const bool valid = running && index >= 0 && index < m_shown.size();
    bool manual = false;
    if (valid) {
        const DrillStepRecord &record = m_shown.at(index);
        const DrillStep *step = definitionOf(m_runner->drill(), record);
        manual = record.kind == DrillStepKind::Manual && record.state == DrillStepState::Running;
        QString text = tr("Step %1 of %2: %3").arg(index + 1).arg(m_shown.size()).arg(record.title);
        if (step && !step->instructions.isEmpty())
            text += QLatin1Char('\n') + step->instructions;
        if (manual)
            text += QLatin1Char('\n') + tr("Check it, then say whether it passed.");
        else if (!record.summary.isEmpty())
            text += QLatin1Char('\n') + record.summary;
        m_current->setText(text);
    }
    m_current->setVisible(valid);
    m_manualRow->setVisible(manual);
    m_pass->setEnabled(manual);
    m_fail->setEnabled(manual);
    // Visible while the drill runs; enabled while the method runs (the rollback always ends).
    m_abort->setVisible(running);
    m_abort->setEnabled(running && !m_runner->inRollback());
    m_resultBox->setVisible(!running && m_finished);
}

void DrillRunView::tick()
{
    const bool running = m_runner->isRunning();
    const int current = running ? m_runner->currentIndex() : -1;
    if (current >= 0 && current < m_shown.size() && current < m_steps->topLevelItemCount())
        fillStep(m_steps->topLevelItem(current), m_shown.at(current), true);
    if (running) {
        const QString total = QuantityText::elapsed(
            std::chrono::milliseconds(m_runner->nowMs() - m_runner->startedMs()));
        m_header->setText(m_runner->inRollback()
                ? tr("%1 — Rolling back… · %2 elapsed").arg(m_runner->drill().name, total)
                : tr("%1 — running · %2 elapsed").arg(m_runner->drill().name, total));
    } else if (m_finished && m_runner->lastResult()) {
        m_header->setText(tr("%1 — finished").arg(m_runner->drill().name));
    } else {
        m_header->setText(tr("No drill is running."));
    }
}

void DrillRunView::onStepChanged(int index)
{
    Q_UNUSED(index);
    refresh();
}

void DrillRunView::onFinished(const DrillResult &result)
{
    m_finished = true;
    m_shown = result.steps;
    refresh();
    // The summary usually starts with the outcome's label already: say it once.
    const QString label = drillOutcomeLabel(toString(result.outcome));
    if (result.summary.startsWith(label))
        m_outcome->setText(result.summary);
    else if (result.summary.isEmpty())
        m_outcome->setText(label);
    else
        m_outcome->setText(tr("%1 — %2").arg(label, result.summary));
    m_results->clear();
    for (const DrillTargetVerdict &verdict : result.verdicts) {
        auto *item = new QTreeWidgetItem(m_results);
        item->setText(0, drillFigureLabel(verdict.figure));
        item->setText(1, verdict.target);
        item->setText(2, verdict.actual);
        const QString pass = verdict.passed ? tr("✔ Pass")
            : verdict.measured              ? tr("✖ Fail")
                                            : tr("✖ Fail (not measured)");
        item->setText(3, pass);
        item->setForeground(
            3, healthStyle(verdict.passed ? Health::Healthy : Health::Unhealthy).fill);
    }
    if (result.verdicts.isEmpty()) {
        auto *item = new QTreeWidgetItem(m_results);
        item->setText(0, tr("This drill sets no targets."));
    }
    m_saveMarkdown->setFocus();
}

void DrillRunView::complete(bool passed)
{
    const QString note = m_note->text().trimmed();
    if (m_runner->completeManual(passed, note))
        m_note->clear();
}

void DrillRunView::abort()
{
    m_runner->abort(Journal::osUser());
    showCurrent();
    tick();
}

} // namespace Console
