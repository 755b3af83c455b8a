#include "drillspanel.h"

#include "drillfigures.h"
#include "drillhistoryview.h"
#include "drillinterruptedstrip.h"
#include "drillrecord.h"
#include "drillreport.h"
#include "drillrunner.h"
#include "drillrunview.h"
#include "journal.h"
#include "themecolours.h"

#include <QApplication>
#include <QCheckBox>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Console {

namespace {

constexpr int DrillIdRole = Qt::UserRole + 1;
constexpr int RunsRead = 1000; // runs of every kind read for last results and interruptions

enum ListColumn { NameColumn, TypeColumn, LastColumn };

QString drillIdOf(const JournalRun &run)
{
    return run.figures.value(QStringLiteral("drill_id")).toString();
}

} // namespace

DrillsPanel::DrillsPanel(DrillRunner *runner, Journal *journal, QWidget *parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_journal(journal)
    , m_preflightTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("drillsPanel"));
    auto *layout = new QVBoxLayout(this);

    // What a stopped console left undone comes first: its rollback has not run.
    m_interrupted = new DrillInterruptedStrip(journal, this);
    layout->addWidget(m_interrupted);

    m_pages = new QTabWidget(this);
    m_pages->setDocumentMode(true);
    layout->addWidget(m_pages, 1);

    // The drills.
    auto *runPage = new QSplitter(Qt::Vertical, m_pages);
    auto *listBox = new QWidget(runPage);
    auto *listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    m_list = new QTreeWidget(listBox);
    m_list->setObjectName(QStringLiteral("drillList"));
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({ tr("Drill"), tr("Type"), tr("Last result") });
    m_list->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(true);
    m_problems = new QLabel(listBox);
    m_problems->setObjectName(QStringLiteral("drillProblems"));
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->setTextFormat(Qt::PlainText);
    applyProblemColour();
    listLayout->addWidget(m_list, 1);
    listLayout->addWidget(m_problems);
    runPage->addWidget(listBox);

    m_stack = new QStackedWidget(runPage);
    auto *scroll = new QScrollArea(m_stack);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *setup = new QWidget(scroll);
    auto *setupLayout = new QVBoxLayout(setup);
    m_title = new QLabel(setup);
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_title->setFont(big);
    m_about = new QLabel(setup);
    m_about->setObjectName(QStringLiteral("drillAbout"));
    m_about->setWordWrap(true);
    m_about->setTextFormat(Qt::PlainText);
    m_checklistBox = new QGroupBox(tr("Before you start: tick every item"), setup);
    m_checklistLayout = new QVBoxLayout(m_checklistBox);
    m_start = new QPushButton(tr("&Start drill"), setup);
    m_start->setObjectName(QStringLiteral("drillStart"));
    m_blocked = new QLabel(setup);
    m_blocked->setObjectName(QStringLiteral("drillStartBlocked"));
    m_blocked->setWordWrap(true);
    m_blocked->setTextFormat(Qt::PlainText);
    auto *startRow = new QHBoxLayout;
    startRow->addWidget(m_start, 0, Qt::AlignTop);
    startRow->addWidget(m_blocked, 1);
    setupLayout->addWidget(m_title);
    setupLayout->addWidget(m_about);
    setupLayout->addWidget(m_checklistBox);
    setupLayout->addLayout(startRow);
    setupLayout->addStretch(1);
    scroll->setWidget(setup);
    m_stack->addWidget(scroll);
    m_runView = new DrillRunView(runner, m_stack);
    m_stack->addWidget(m_runView);
    runPage->addWidget(m_stack);
    // Ten drills fit without scrolling; the setup below needs far less than the run view.
    runPage->setStretchFactor(0, 2);
    runPage->setStretchFactor(1, 3);
    m_list->setMinimumHeight(m_list->fontMetrics().height() * 12);
    m_pages->addTab(runPage, tr("&Run a drill"));

    m_history = new DrillHistoryView(journal, m_pages);
    m_pages->addTab(m_history, tr("&History"));

    connect(m_list, &QTreeWidget::currentItemChanged, this, &DrillsPanel::showSelectedDrill);
    connect(m_start, &QPushButton::clicked, this, &DrillsPanel::start);
    connect(m_runner, &DrillRunner::started, this, &DrillsPanel::onStarted);
    connect(m_runner, &DrillRunner::finished, this, &DrillsPanel::onFinished);
    connect(m_runView, &DrillRunView::backRequested, this, &DrillsPanel::backToDrills);
    connect(
        m_runView, &DrillRunView::saveMarkdownRequested, this, &DrillsPanel::saveMarkdownDialog);
    connect(m_runView, &DrillRunView::savePdfRequested, this, &DrillsPanel::savePdfDialog);
    connect(m_interrupted, &DrillInterruptedStrip::recoveryRequested, this, &DrillsPanel::recover);
    m_preflightTimer->setInterval(1000);
    connect(m_preflightTimer, &QTimer::timeout, this, &DrillsPanel::updateStart);
    m_preflightTimer->start();

    refreshInterrupted();
    showSelectedDrill();
}

DrillsPanel::~DrillsPanel() = default;

void DrillsPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::ApplicationPaletteChange)
        applyProblemColour();
}

void DrillsPanel::applyProblemColour()
{
    QPalette problemText = m_problems->palette();
    problemText.setColor(QPalette::WindowText,
        ThemeColours::readableOn(
            QColor(0x99, 0x1b, 0x1b), QApplication::palette().color(QPalette::Window)));
    m_problems->setPalette(problemText);
}

const DrillDefinition *DrillsPanel::drillById(const QString &id) const
{
    for (const DrillDefinition &drill : m_drills) {
        if (drill.id == id)
            return &drill;
    }
    return nullptr;
}

void DrillsPanel::setDrills(
    const QList<DrillDefinition> &drills, const QList<DrillFileProblems> &problems)
{
    const QString selected = selectedDrillId();
    m_drills = drills;
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const DrillDefinition &drill : drills) {
            auto *item = new QTreeWidgetItem(m_list);
            item->setData(NameColumn, DrillIdRole, drill.id);
            item->setText(NameColumn, drill.name);
            item->setText(TypeColumn, drillTypeLabel(drill.type));
            item->setToolTip(NameColumn, drill.sourceFile);
        }
    }
    QStringList lines;
    for (const DrillFileProblems &file : problems) {
        for (const ConfigDiagnostic &diagnostic : file.diagnostics)
            lines.append(diagnostic.toString());
    }
    m_problems->setText(lines.isEmpty()
            ? QString()
            : tr("⚠ %n drill file(s) could not be loaded:", nullptr, int(problems.size()))
                + QLatin1Char('\n') + lines.join(QLatin1Char('\n')));
    m_problems->setVisible(!lines.isEmpty());
    m_history->setDrills(drills);
    refreshLastResults();
    if (!selectDrill(selected) && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    showSelectedDrill();
    refreshInterrupted();
}

bool DrillsPanel::selectDrill(const QString &id)
{
    for (int i = 0; !id.isEmpty() && i < m_list->topLevelItemCount(); ++i) {
        if (m_list->topLevelItem(i)->data(NameColumn, DrillIdRole).toString() == id) {
            m_list->setCurrentItem(m_list->topLevelItem(i));
            return true;
        }
    }
    return false;
}

QString DrillsPanel::selectedDrillId() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    return item ? item->data(NameColumn, DrillIdRole).toString() : QString();
}

void DrillsPanel::refreshLastResults()
{
    QHash<QString, JournalRun> last; // drill id -> its newest finished run
    if (m_journal) {
        for (const JournalRun &run : m_journal->runs(RunsRead)) {
            if (run.kind == QLatin1String("drill") && !run.isOpen()
                && !last.contains(drillIdOf(run)))
                last.insert(drillIdOf(run), run);
        }
    }
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_list->topLevelItem(i);
        const auto found = last.constFind(item->data(NameColumn, DrillIdRole).toString());
        item->setText(LastColumn,
            found == last.constEnd()
                ? tr("Never run")
                : tr("%1 · %2").arg(drillOutcomeLabel(found->outcome),
                    found->startedAt.toLocalTime().date().toString(Qt::ISODate)));
    }
}

void DrillsPanel::showSelectedDrill()
{
    const DrillDefinition *drill = drillById(selectedDrillId());
    qDeleteAll(m_checks);
    m_checks.clear();
    if (!drill) {
        m_title->setText(m_drills.isEmpty() ? tr("No drills are loaded.") : tr("Select a drill."));
        m_about->clear();
        m_checklistBox->hide();
        updateStart();
        return;
    }
    // A drill named after its type ("Synthetic failover") says it once.
    m_title->setText(drill->name == drillTypeLabel(drill->type)
            ? drill->name
            : tr("%1 · %2").arg(drill->name, drillTypeLabel(drill->type)));
    QStringList about;
    if (!drill->purpose.isEmpty())
        about.append(tr("Purpose: %1").arg(drill->purpose));
    if (!drill->hypothesis.isEmpty())
        about.append(tr("Hypothesis: %1").arg(drill->hypothesis));
    QStringList targets;
    const DrillTargets &t = drill->targets;
    if (t.rto)
        targets.append(
            tr("RTO %1").arg(DrillFigures::targetText(DrillFigure::Rto, qint64(t.rto->count()))));
    if (t.rpo)
        targets.append(
            tr("RPO %1").arg(DrillFigures::targetText(DrillFigure::Rpo, qint64(t.rpo->count()))));
    if (t.timeToDetect)
        targets.append(tr("detection %1")
                           .arg(DrillFigures::targetText(
                               DrillFigure::TimeToDetect, qint64(t.timeToDetect->count()))));
    if (t.errorRate)
        targets.append(tr("error rate %1")
                           .arg(DrillFigures::targetText(DrillFigure::ErrorRate, *t.errorRate)));
    if (t.falsePositives)
        targets.append(
            tr("false positives %1")
                .arg(DrillFigures::targetText(DrillFigure::FalsePositives, *t.falsePositives)));
    about.append(
        targets.isEmpty() ? tr("Targets: none") : tr("Targets: %1").arg(targets.join(tr(" · "))));
    about.append(tr("Steps: %1 in the method, %2 in the rollback (which always runs once the "
                    "method has started).")
                     .arg(drill->steps.size())
                     .arg(drill->rollback.size()));
    m_about->setText(about.join(QLatin1Char('\n')));
    for (const QString &item : drill->checklist) {
        auto *box = new QCheckBox(item, m_checklistBox);
        m_checklistLayout->addWidget(box);
        connect(box, &QCheckBox::toggled, this, &DrillsPanel::updateStart);
        m_checks.append(box);
    }
    m_checklistBox->setVisible(!drill->checklist.isEmpty());
    // Tab order: the list, the checklist top to bottom, then Start.
    QWidget *previous = m_list;
    for (QCheckBox *box : std::as_const(m_checks)) {
        setTabOrder(previous, box);
        previous = box;
    }
    setTabOrder(previous, m_start);
    updateStart();
}

QString DrillsPanel::startBlockedText() const
{
    return m_blocked->text();
}

void DrillsPanel::updateStart()
{
    const DrillDefinition *drill = drillById(selectedDrillId());
    QStringList reasons;
    if (drill) {
        int unticked = 0;
        for (const QCheckBox *box : m_checks)
            unticked += box->isChecked() ? 0 : 1;
        if (unticked > 0)
            reasons.append(tr("Tick the %n remaining checklist item(s).", nullptr, unticked));
        reasons.append(m_runner->preflight(*drill, false));
    } else {
        reasons.append(tr("Select a drill to run."));
    }
    m_start->setEnabled(reasons.isEmpty());
    m_blocked->setText(reasons.isEmpty() ? tr("Ready: the drill starts at once.")
                                         : reasons.join(QLatin1Char('\n')));
    m_interrupted->setRunning(m_runner->isRunning());
}

void DrillsPanel::start()
{
    const DrillDefinition *drill = drillById(selectedDrillId());
    if (!drill)
        return;
    DrillStart how;
    how.operatorName = Journal::osUser();
    for (const QCheckBox *box : std::as_const(m_checks)) {
        if (box->isChecked())
            how.checkedItems.append(box->text());
    }
    QString error;
    if (!m_runner->start(*drill, how, &error)) {
        m_blocked->setText(tr("The drill did not start: %1").arg(error));
        return;
    }
    for (QCheckBox *box : std::as_const(m_checks))
        box->setChecked(false);
    onStarted(); // whether or not the runner said so already
}

void DrillsPanel::onStarted()
{
    m_runView->refresh();
    m_stack->setCurrentWidget(m_runView);
    m_pages->setCurrentIndex(0);
    if (m_runView->abortButton()->isEnabled())
        m_runView->abortButton()->setFocus();
    updateStart();
    m_history->reload();
}

void DrillsPanel::onFinished()
{
    refreshLastResults();
    refreshInterrupted();
    m_history->reload();
    if (m_runner->lastResult())
        m_history->selectRun(m_runner->lastResult()->runId);
    updateStart();
}

void DrillsPanel::backToDrills()
{
    m_runView->clear();
    m_stack->setCurrentIndex(0);
    m_list->setFocus();
}

QString DrillsPanel::lastReport() const
{
    const std::optional<DrillResult> result = m_runner->lastResult();
    if (!result)
        return {};
    if (m_journal) {
        const QString journalled = DrillReport::journalled(m_journal->entries(result->runId));
        if (!journalled.isEmpty())
            return journalled;
    }
    // No journal: the report from what the runner knows.
    DrillReportInput input;
    input.drill = m_runner->drill();
    input.run.id = result->runId;
    input.run.kind = QStringLiteral("drill");
    input.run.outcome = toString(result->outcome);
    input.run.figures = result->figures;
    input.verdicts = result->verdicts;
    input.steps = result->steps;
    return DrillReport::markdown(input);
}

bool DrillsPanel::saveReportMarkdown(const QString &path, QString *error)
{
    const QString report = lastReport();
    QFile file(path);
    if (report.isEmpty() || !file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(report.toUtf8()) < 0 || !file.flush()) {
        if (error)
            *error = report.isEmpty() ? tr("No drill has finished yet.")
                                      : tr("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool DrillsPanel::saveReportPdf(const QString &path, QString *error)
{
    const std::optional<DrillResult> result = m_runner->lastResult();
    const QString report = lastReport();
    if (!result || report.isEmpty()) {
        if (error)
            *error = tr("No drill has finished yet.");
        return false;
    }
    const QString title = tr("Failover Test Report: %1").arg(m_runner->drill().name);
    if (!DrillReport::writePdf(report, title, path, error))
        return false;
    if (m_journal) {
        JournalEntry entry;
        entry.runId = result->runId;
        entry.category = QStringLiteral("report");
        entry.name = QStringLiteral("pdf");
        entry.status = QStringLiteral("info");
        entry.message = tr("Report saved as PDF: %1").arg(path);
        entry.fields.insert(QStringLiteral("path"), path);
        m_journal->append(entry);
    }
    return true;
}

void DrillsPanel::saveMarkdownDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save drill report"), tr("drill-report.md"), tr("Markdown (*.md);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !saveReportMarkdown(path, &error))
        QMessageBox::warning(this, tr("Report not saved"), error);
}

void DrillsPanel::savePdfDialog()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save drill report"), tr("drill-report.pdf"), tr("PDF (*.pdf);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !saveReportPdf(path, &error))
        QMessageBox::warning(this, tr("Report not saved"), error);
}

void DrillsPanel::refreshInterrupted()
{
    m_interrupted->refresh(m_drills);
    m_interrupted->setRunning(m_runner->isRunning());
}

void DrillsPanel::recover(qint64 runId)
{
    const std::optional<JournalRun> run = m_journal ? m_journal->run(runId) : std::nullopt;
    const DrillDefinition *drill = run ? drillById(drillIdOf(*run)) : nullptr;
    if (!run || !drill)
        return;
    QString error;
    if (!m_runner->startRecovery(*run, *drill, Journal::osUser(), &error)) {
        QMessageBox::warning(this, tr("Rollback not started"), error);
        return;
    }
    onStarted();
    refreshInterrupted();
}

} // namespace Console
