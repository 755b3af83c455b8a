#pragma once

#include "configoverview.h"
#include "drilldefinition.h"
#include "drillfigures.h"
#include "drillrecord.h"
#include "journalentry.h"
#include "journalrun.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Console {

// What a drill report is written from: the drill, its journalled run and entries, and the
// configuration's names. `steps` may be empty (a report rebuilt from the journal alone): the
// step entries then say how each step ended.
struct DrillReportInput
{
    DrillDefinition drill;
    JournalRun run;
    QList<JournalEntry> entries;
    ConfigOverview config;
    QList<DrillTargetVerdict> verdicts;
    QList<DrillStepRecord> steps;
};

// The drill report in the reference's template: test information, configuration, the results
// table (target, actual, pass or fail), the steps, the timeline, issues found, recommendations
// and the next test date. Every figure in it is the journal's. Markdown, and PDF from that.
class DrillReport final
{
    Q_DECLARE_TR_FUNCTIONS(DrillReport)

public:
    static QString markdown(const DrillReportInput &input);
    // Lays the Markdown out on A4 pages with QTextDocument and QPdfWriter. Needs a
    // QGuiApplication (fonts). False with *error when the file could not be written.
    static bool writePdf(
        const QString &markdown, const QString &title, const QString &path, QString *error);
    // The newest "report" entry of a drill run's entries, or an empty string.
    static QString journalled(const QList<JournalEntry> &entries);
};

} // namespace Console
