#pragma once

#include "drilldefinition.h"
#include "journalentry.h"
#include "journalrun.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace Console {

// What a drill knows about its own window when it takes a figure: where its faults went and
// when, and what it counted of the probes meanwhile. Times are the console's monotonic clock,
// comparable with the journal entries this process wrote.
struct DrillWindow
{
    // A failover, failback or rejoin the drill started. The regions it moves change state on
    // purpose while it runs and settles (a repointed standby's lag jumps); the ones it fences,
    // promotes, demotes or rejoins may also stop answering.
    struct PlannedRun
    {
        qint64 startMs = 0;
        qint64 endMs = 0; // 0: still running
        QStringList regions; // moved: state changes are planned
        QStringList disrupted; // acted on: failed probes are planned too
    };

    // Whether a state change of `region` at `atMs` is the planned effect of such a run.
    bool planned(const QString &region, qint64 atMs) const
    {
        return during(atMs, [&](const PlannedRun &run) { return run.regions.contains(region); });
    }
    // Whether a failed probe of `region` at `atMs` is: only the regions a run acts on go down.
    bool disrupted(const QString &region, qint64 atMs) const
    {
        return during(atMs, [&](const PlannedRun &run) { return run.disrupted.contains(region); });
    }

    qint64 methodStartMs = 0;
    qint64 firstFaultMs = 0; // 0: no fault injected yet
    QStringList faultedRegions;
    QList<PlannedRun> plannedRuns;
    // Probes of regions the drill did not fault (outside the runs that act on them), since the
    // method started.
    qint64 probes = 0;
    qint64 failedProbes = 0;

private:
    template <typename Covers> bool during(qint64 atMs, Covers covers) const
    {
        for (const PlannedRun &run : plannedRuns) {
            if (atMs >= run.startMs && (run.endMs == 0 || atMs <= run.endMs) && covers(run))
                return true;
        }
        return false;
    }
};

// One figure taken, or why it could not be.
struct DrillMeasurement
{
    bool known = false;
    // The journal keys it sets: "rto_ms", or "rpo_ms" with "rpo_rows" (heartbeat basis) or with
    // "rpo_basis" "reported-lag" and "rpo_report_age_ms"...
    QVariantMap figures;
    QString text; // for people: "1.2 s", "0 rows, 0 ms", "0.0 % (0 of 312 probes)"
    QString why; // when not known
};

// One row of the report's results table.
struct DrillTargetVerdict
{
    DrillFigure figure = DrillFigure::Rto;
    QString target; // "≤ 5 min"
    QString actual; // "1.2 s", or "not measured"
    bool measured = false;
    bool passed = false;
};

// Takes a drill's figures from the journal: its own entries (its steps and the events the
// console journalled meanwhile) and the failover, failback and rejoin runs that happened during
// it. Pure, so each rule is tested without a deployment.
class DrillFigures final
{
    Q_DECLARE_TR_FUNCTIONS(DrillFigures)

public:
    static DrillMeasurement measure(DrillFigure figure, const DrillWindow &window,
        const QList<JournalEntry> &drillEntries, const QList<JournalRun> &runsDuring);
    // Each target set in `targets`, judged against `figures` (the drill run's figures).
    static QList<DrillTargetVerdict> judge(const DrillTargets &targets, const QVariantMap &figures);
    // A failure verdict the console journalled: a health verdict turning unhealthy or degraded,
    // a breaker opening, a lost primary, a confirmation starting. Its region in *region.
    static bool isDetection(const JournalEntry &entry, QString *region = nullptr);
    // "≤ 5 min", "≤ 1.0 %", "≤ 0"
    static QString targetText(DrillFigure figure, const QVariant &target);
    static QString figureText(DrillFigure figure, const QVariantMap &figures);

private:
    static std::optional<JournalRun> lastRun(
        const QList<JournalRun> &runs, const QString &kind, bool verifiedOnly);
};

} // namespace Console
