#include "drillreport.h"

#include "quantitytext.h"
#include "secretmask.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

namespace Console {

namespace {

using std::chrono::milliseconds;

// Table cells and list items stay on one line, and a "|" in a message does not split a cell.
QString cell(QString text)
{
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.replace(QLatin1Char('|'), QStringLiteral("\\|"));
    return text.trimmed();
}

QString clock(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("HH:mm:ss"));
}

bool isTimelineEvent(const JournalEntry &entry)
{
    if (entry.category != QLatin1String("event"))
        return false;
    static const QStringList kinds { QStringLiteral("failover-started"),
        QStringLiteral("failover-finished"), QStringLiteral("primary-state"),
        QStringLiteral("split-brain"), QStringLiteral("region-health"), QStringLiteral("breaker"),
        QStringLiteral("primary-confirmation") };
    if (!kinds.contains(entry.name))
        return false;
    // An endpoint breaker repeats its region's story.
    return entry.name != QLatin1String("breaker")
        || entry.fields.value(QStringLiteral("scope")).toString() != QLatin1String("endpoint");
}

struct StepLine
{
    QString id;
    QString title;
    QString kind;
    QString phase;
    QString status;
    QString summary;
    QString note;
    qint64 durationMs = -1;
};

QList<StepLine> stepLines(const DrillReportInput &input)
{
    QList<StepLine> lines;
    if (!input.steps.isEmpty()) {
        for (const DrillStepRecord &record : input.steps) {
            lines.append({ record.id, record.title, toString(record.kind),
                record.rollback ? QStringLiteral("rollback") : QStringLiteral("method"),
                toString(record.state), record.summary, record.note,
                record.finishedMs > 0 ? qint64(record.duration().count()) : -1 });
        }
        return lines;
    }
    for (const JournalEntry &entry : input.entries) {
        if (entry.category != QLatin1String("step"))
            continue;
        auto it = std::find_if(lines.begin(), lines.end(),
            [&entry](const StepLine &line) { return line.id == entry.name; });
        if (it == lines.end()) {
            lines.append({ entry.name, entry.fields.value(QStringLiteral("title")).toString(),
                entry.fields.value(QStringLiteral("step_kind")).toString(),
                entry.fields.value(QStringLiteral("phase")).toString(), {}, {}, {}, -1 });
            it = lines.end() - 1;
        }
        it->status = entry.status;
        const QString prefix = it->title + QStringLiteral(": ");
        it->summary
            = entry.message.startsWith(prefix) ? entry.message.mid(prefix.size()) : QString();
        it->note = entry.fields.value(QStringLiteral("note")).toString();
        if (entry.fields.contains(QStringLiteral("duration_ms")))
            it->durationMs = entry.fields.value(QStringLiteral("duration_ms")).toLongLong();
    }
    return lines;
}

QString recommendation(const DrillTargetVerdict &verdict)
{
    switch (verdict.figure) {
    case DrillFigure::Rto:
    case DrillFigure::TimeToDetect:
        return DrillReport::tr("%1 was %2 against %3: look at the detection thresholds "
                               "(consecutive failures, probe interval and timeout) and at the "
                               "failover gates that waited.")
            .arg(drillFigureLabel(verdict.figure), verdict.actual, verdict.target);
    case DrillFigure::Rpo:
        return DrillReport::tr("RPO was %1 against %2: keep standbys closer (max lag on failover, "
                               "synchronous commit for the data that cannot be lost).")
            .arg(verdict.actual, verdict.target);
    case DrillFigure::ErrorRate:
        return DrillReport::tr("Error rate was %1 against %2 on regions the drill left alone: "
                               "find what else the fault reached.")
            .arg(verdict.actual, verdict.target);
    case DrillFigure::FalsePositives:
        return DrillReport::tr("%1 false positive(s): verdicts on regions the drill did not break; "
                               "check the thresholds against their normal latency and lag.")
            .arg(verdict.actual);
    default: return {};
    }
}

} // namespace

QString DrillReport::markdown(const DrillReportInput &input)
{
    const JournalRun &run = input.run;
    const DrillDefinition &drill = input.drill;
    QString md;
    QTextStream out(&md);
    const QString drillName = drill.name.isEmpty()
        ? run.figures.value(QStringLiteral("drill_name")).toString()
        : drill.name;
    out << "# " << tr("Failover Test Report: %1").arg(drillName) << "\n\n";

    out << "## " << tr("Test Information") << "\n\n";
    out << "- **" << tr("Test Type") << "**: " << drillTypeLabel(drill.type) << "\n";
    out << "- **" << tr("Drill") << "**: `" << drill.id << "`";
    if (!drill.sourceFile.isEmpty())
        out << " (" << cell(drill.sourceFile) << ")";
    out << "\n";
    out << "- **" << tr("Date") << "**: " << run.startedAt.toUTC().toString(Qt::ISODate) << "\n";
    const qint64 durationMs = run.finishedAt.isValid() ? run.startedAt.msecsTo(run.finishedAt) : 0;
    out << "- **" << tr("Duration") << "**: "
        << (run.finishedAt.isValid() ? QuantityText::elapsed(milliseconds(durationMs))
                                     : tr("still running"))
        << "\n";
    out << "- **" << tr("Performed By")
        << "**: " << cell(run.figures.value(QStringLiteral("operator"), run.osUser).toString())
        << " (" << cell(run.consoleId) << ")\n";
    out << "- **" << tr("Outcome") << "**: " << drillOutcomeLabel(run.outcome) << "\n";
    out << "- **" << tr("Journal run") << "**: #" << run.id << "\n\n";
    if (!drill.purpose.isEmpty())
        out << "**" << tr("Purpose") << "**: " << cell(drill.purpose) << "\n\n";
    if (!drill.hypothesis.isEmpty())
        out << "**" << tr("Hypothesis") << "**: " << cell(drill.hypothesis) << "\n\n";

    out << "## " << tr("Configuration") << "\n\n";
    const QString primary = run.figures.value(QStringLiteral("primary_region")).toString();
    const QString standby = run.figures.value(QStringLiteral("standby_region")).toString();
    const auto named = [&input](const QString &id) {
        const QString name = input.config.regionName(id);
        return id.isEmpty() ? tr("none") : name.isEmpty() ? id : tr("%1 (%2)").arg(name, id);
    };
    out << "- **" << tr("Primary Region") << "**: " << named(primary) << " — "
        << tr("as the servers reported it when the drill started") << "\n";
    out << "- **" << tr("Secondary Region") << "**: " << named(standby) << " — "
        << tr("the failover target the gates named then") << "\n";
    out << "- **" << tr("Replication Mode") << "**: "
        << tr("streaming, as the servers report it (the console does not read "
              "synchronous_standby_names)")
        << "\n";
    out << "- **" << tr("Failover mode") << "**: " << toString(input.config.failover.mode) << "\n";
    out << "- **" << tr("Configuration") << "**: " << cell(input.config.sourceFile) << "\n";
    const QStringList checklist = run.figures.value(QStringLiteral("checklist")).toStringList();
    if (!checklist.isEmpty()) {
        out << "\n**" << tr("Pre-test checklist, ticked") << "**:\n\n";
        for (const QString &item : checklist)
            out << "- [x] " << cell(item) << "\n";
    }
    out << "\n";

    out << "## " << tr("Results Summary") << "\n\n";
    out << "| " << tr("Metric") << " | " << tr("Target") << " | " << tr("Actual") << " | "
        << tr("Status") << " |\n|---|---|---|---|\n";
    QList<DrillFigure> judged;
    for (const DrillTargetVerdict &verdict : input.verdicts) {
        judged << verdict.figure;
        out << "| " << drillFigureLabel(verdict.figure) << " | " << verdict.target << " | "
            << cell(verdict.actual) << " | "
            << (!verdict.measured       ? tr("Fail (not measured)")
                       : verdict.passed ? tr("Pass")
                                        : tr("Fail"))
            << " |\n";
    }
    for (const DrillFigure figure : allDrillFigures()) {
        if (judged.contains(figure) || !run.figures.contains(drillFigureKey(figure)))
            continue;
        out << "| " << drillFigureLabel(figure) << " | — | "
            << cell(DrillFigures::figureText(figure, run.figures)) << " | — |\n";
    }
    out << "\n";
    if (run.figures.value(QStringLiteral("rpo_basis")).toString() == u"reported-lag") {
        out << "**" << tr("RPO basis") << "**: "
            << tr("the promoted standby's replication lag as its health endpoint last reported it "
                  "before the old primary was lost (%1 before the loss). There is no database "
                  "heartbeat here, so no lost rows are counted: this is the standby's own word.")
                   .arg(QuantityText::duration(milliseconds(
                       run.figures.value(QStringLiteral("rpo_report_age_ms")).toLongLong())))
            << "\n\n";
    }

    const QList<StepLine> lines = stepLines(input);
    out << "## " << tr("Steps") << "\n\n";
    out << "| # | " << tr("Step") << " | " << tr("Kind") << " | " << tr("Result") << " | "
        << tr("Time") << " | " << tr("Details") << " |\n|---|---|---|---|---|---|\n";
    int number = 0;
    for (const StepLine &line : lines) {
        QString details = line.summary;
        if (!line.note.isEmpty())
            details += (details.isEmpty() ? QString() : QStringLiteral(" — "))
                + tr("Note: %1").arg(line.note);
        out << "| " << ++number << " | "
            << cell(line.phase == QLatin1String("rollback") ? tr("Rollback: %1").arg(line.title)
                                                            : line.title)
            << " | " << line.kind << " | " << line.status << " | "
            << (line.durationMs >= 0 ? QuantityText::duration(milliseconds(line.durationMs))
                                     : QString())
            << " | " << cell(details) << " |\n";
    }
    out << "\n";

    out << "## " << tr("Timeline") << "\n\n";
    out << "| " << tr("Time (UTC)") << " | " << tr("Event") << " |\n|---|---|\n";
    out << "| " << clock(run.startedAt) << " | " << tr("Test started") << " |\n";
    for (const JournalEntry &entry : input.entries) {
        const bool stepEnd
            = entry.category == QLatin1String("step") && entry.status != QLatin1String("running");
        const bool figure = entry.category == QLatin1String("figure");
        const bool abort = entry.category == QLatin1String("operator");
        if (!stepEnd && !figure && !abort && !isTimelineEvent(entry))
            continue;
        QString text = entry.message;
        if (stepEnd)
            text = tr("Step %1: %2").arg(entry.status, entry.message);
        out << "| " << clock(entry.time) << " | " << cell(text) << " |\n";
    }
    if (run.finishedAt.isValid())
        out << "| " << clock(run.finishedAt) << " | "
            << tr("Test completed: %1").arg(drillOutcomeLabel(run.outcome)) << " |\n";
    out << "\n";

    out << "## " << tr("Issues Found") << "\n\n";
    int issues = 0;
    const QString owner = run.figures.value(QStringLiteral("operator"), run.osUser).toString();
    for (const StepLine &line : lines) {
        if (line.status != QLatin1String("failed"))
            continue;
        out << ++issues << ". **" << tr("Issue")
            << "**: " << cell(tr("step \"%1\" failed: %2").arg(line.title, line.summary)) << "\n";
        out << "   - **" << tr("Severity") << "**: "
            << (line.phase == QLatin1String("rollback") ? tr("High (the rollback did not finish)")
                                                        : tr("High"))
            << "\n";
        out << "   - **" << tr("Action")
            << "**: " << tr("find why, fix it, and run the drill again") << "\n";
        out << "   - **" << tr("Owner") << "**: " << cell(owner) << "\n";
    }
    for (const DrillTargetVerdict &verdict : input.verdicts) {
        if (verdict.passed)
            continue;
        out << ++issues << ". **" << tr("Issue") << "**: "
            << cell(tr("%1 %2, target %3")
                        .arg(drillFigureLabel(verdict.figure), verdict.actual, verdict.target))
            << "\n";
        out << "   - **" << tr("Severity") << "**: " << tr("Medium") << "\n";
        out << "   - **" << tr("Action") << "**: " << cell(recommendation(verdict)) << "\n";
        out << "   - **" << tr("Owner") << "**: " << cell(owner) << "\n";
    }
    if (issues == 0)
        out << tr("None.") << "\n";
    out << "\n";

    out << "## " << tr("Recommendations") << "\n\n";
    int recommendations = 0;
    for (const DrillTargetVerdict &verdict : input.verdicts) {
        if (!verdict.passed && verdict.measured) {
            out << "- " << cell(recommendation(verdict)) << "\n";
            ++recommendations;
        }
    }
    if (run.outcome == QLatin1String("aborted") || run.outcome == QLatin1String("interrupted")) {
        out << "- " << tr("The drill did not run to its end: run it again to get every figure.")
            << "\n";
        ++recommendations;
    }
    if (recommendations == 0)
        out << "- "
            << tr("Every target was met: keep the cadence, and raise the bar (a "
                  "shorter RTO target, a harder fault) when it stays green.")
            << "\n";
    out << "\n";

    out << "## " << tr("Next Test Scheduled") << "\n\n";
    if (drill.every) {
        const QDateTime next = run.startedAt.addMSecs(drill.every->count());
        out << tr("Date: %1").arg(next.toUTC().date().toString(Qt::ISODate)) << "\n\n";
    } else {
        out << tr("Date: not scheduled (the drill sets no cadence)") << "\n\n";
    }
    out << tr("Type: %1").arg(drillTypeLabel(drill.type)) << "\n";
    out.flush();
    // Summaries and notes quote what servers said, and a server may quote a statement back.
    return SecretMask::masked(md, drill.secretValues, QStringLiteral("\u2022\u2022\u2022\u2022"));
}

bool DrillReport::writePdf(
    const QString &markdown, const QString &title, const QString &path, QString *error)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
        *error = tr("a PDF needs fonts, so a GUI application (offscreen is enough)");
        return false;
    }
    {
        QPdfWriter writer(path);
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("Failover Console"));
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
            QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter));
        QTextDocument document;
        document.setDefaultFont(QFont(QStringLiteral("DejaVu Sans"), 9));
        document.setMarkdown(markdown);
        document.print(&writer);
    }
    const QFileInfo written(path);
    if (!written.exists() || written.size() == 0) {
        *error = tr("nothing was written to %1").arg(path);
        return false;
    }
    return true;
}

QString DrillReport::journalled(const QList<JournalEntry> &entries)
{
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (it->category == QLatin1String("report") && it->name == QLatin1String("markdown"))
            return it->message;
    }
    return QString();
}

} // namespace Console
