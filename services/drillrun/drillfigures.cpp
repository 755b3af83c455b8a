#include "drillfigures.h"

#include "quantitytext.h"
#include "rpotext.h"

#include <chrono>

namespace Console {

namespace {

using std::chrono::milliseconds;

QString field(const JournalEntry &entry, const char *key)
{
    return entry.fields.value(QLatin1String(key)).toString();
}

qint64 runDurationMs(const JournalRun &run)
{
    return run.startedAt.msecsTo(run.finishedAt);
}

QString percent(double fraction)
{
    return DrillFigures::tr("%1 %").arg(fraction * 100.0, 0, 'f', fraction < 0.01 ? 2 : 1);
}

} // namespace

bool DrillFigures::isDetection(const JournalEntry &entry, QString *region)
{
    if (entry.category != QLatin1String("event"))
        return false;
    const QString kind = entry.name;
    const QString to = field(entry, "to");
    bool detection = false;
    if (kind == QLatin1String("endpoint-health") || kind == QLatin1String("region-health"))
        detection = to == QLatin1String("unhealthy") || to == QLatin1String("degraded");
    else if (kind == QLatin1String("breaker"))
        detection = to == QLatin1String("open");
    else if (kind == QLatin1String("primary-state"))
        detection = field(entry, "status") == QLatin1String("none-reachable");
    else if (kind == QLatin1String("primary-confirmation"))
        detection = field(entry, "state") == QLatin1String("started");
    if (detection && region)
        *region = field(entry, "region");
    return detection;
}

std::optional<JournalRun> DrillFigures::lastRun(
    const QList<JournalRun> &runs, const QString &kind, bool verifiedOnly)
{
    std::optional<JournalRun> found;
    for (const JournalRun &run : runs) {
        if (run.kind != kind || run.isOpen())
            continue;
        if (verifiedOnly && run.outcome != QLatin1String("verified"))
            continue;
        if (!found || run.startedAt > found->startedAt)
            found = run;
    }
    return found;
}

DrillMeasurement DrillFigures::measure(DrillFigure figure, const DrillWindow &window,
    const QList<JournalEntry> &drillEntries, const QList<JournalRun> &runsDuring)
{
    DrillMeasurement m;
    const QString key = drillFigureKey(figure);
    const auto known = [&m, &key, figure](const QVariant &value) {
        m.known = true;
        m.figures.insert(key, value);
        m.text = figureText(figure, m.figures);
    };
    switch (figure) {
    case DrillFigure::TimeToDetect: {
        if (window.firstFaultMs <= 0) {
            m.why = tr("no fault was injected before this measure");
            return m;
        }
        for (const JournalEntry &entry : drillEntries) {
            QString region;
            if (entry.monotonicMs < window.firstFaultMs || !isDetection(entry, &region)
                || !window.faultedRegions.contains(region))
                continue;
            known(entry.monotonicMs - window.firstFaultMs);
            m.text = tr("%1 (%2)").arg(m.text, entry.message);
            return m;
        }
        m.why = tr("the console journalled no failure verdict on %1 since the fault")
                    .arg(window.faultedRegions.join(QStringLiteral(", ")));
        return m;
    }
    case DrillFigure::FailoverTime:
    case DrillFigure::FailbackTime: {
        const QString kind = figure == DrillFigure::FailoverTime ? QStringLiteral("failover")
                                                                 : QStringLiteral("failback");
        const std::optional<JournalRun> run = lastRun(runsDuring, kind, true);
        if (!run) {
            m.why = tr("no verified %1 run during the drill").arg(kind);
            return m;
        }
        known(runDurationMs(*run));
        m.figures.insert(kind + QStringLiteral("_run_id"), run->id);
        return m;
    }
    case DrillFigure::Rto: {
        const std::optional<JournalRun> run = lastRun(runsDuring, QStringLiteral("failover"), true);
        if (!run) {
            m.why = tr("no verified failover run during the drill");
            return m;
        }
        const QVariant firstWrite = run->figures.value(QStringLiteral("first_write_monotonic_ms"));
        if (window.firstFaultMs > 0 && firstWrite.isValid()
            && firstWrite.toLongLong() >= window.firstFaultMs) {
            // Measured from the fault itself, which a drill knows exactly, to the first commit.
            known(firstWrite.toLongLong() - window.firstFaultMs);
            return m;
        }
        if (run->figures.contains(QStringLiteral("rto_ms"))) {
            // No fault by the drill (a failover of a healthy primary): the run's own RTO.
            known(run->figures.value(QStringLiteral("rto_ms")));
            return m;
        }
        m.why = tr("failover #%1 committed no write").arg(run->id);
        return m;
    }
    case DrillFigure::Rpo: {
        const std::optional<JournalRun> run = lastRun(runsDuring, QStringLiteral("failover"), true);
        if (!run) {
            m.why = tr("no verified failover run during the drill");
            return m;
        }
        if (!run->figures.contains(QStringLiteral("rpo_ms"))) {
            m.why = run->figures.value(QStringLiteral("rpo_unknown")).toString();
            if (m.why.isEmpty())
                m.why = tr("failover #%1 could not tell what it lost").arg(run->id);
            return m;
        }
        // The basis travels with the figure: heartbeat rows counted, or the standby's own report.
        for (const QString &key : { QStringLiteral("rpo_rows"), QStringLiteral("rpo_basis"),
                 QStringLiteral("rpo_report_age_ms") }) {
            if (run->figures.contains(key))
                m.figures.insert(key, run->figures.value(key));
        }
        known(run->figures.value(QStringLiteral("rpo_ms")));
        return m;
    }
    case DrillFigure::ErrorRate: {
        if (window.probes <= 0) {
            m.why = tr("no probe of a region the drill left alone ended during the method");
            return m;
        }
        m.figures.insert(QStringLiteral("error_rate_probes"), window.probes);
        m.figures.insert(QStringLiteral("error_rate_failed"), window.failedProbes);
        known(double(window.failedProbes) / double(window.probes));
        return m;
    }
    case DrillFigure::FalsePositives: {
        int count = 0;
        QStringList seen;
        for (const JournalEntry &entry : drillEntries) {
            QString region;
            if (entry.monotonicMs < window.methodStartMs || !isDetection(entry, &region))
                continue;
            if (region.isEmpty() || window.faultedRegions.contains(region)
                || window.planned(region, entry.monotonicMs))
                continue;
            ++count;
            if (seen.size() < 3)
                seen.append(entry.message);
        }
        known(count);
        if (!seen.isEmpty())
            m.text = tr("%1: %2").arg(m.text, seen.join(QStringLiteral("; ")));
        return m;
    }
    }
    return m;
}

QString DrillFigures::figureText(DrillFigure figure, const QVariantMap &figures)
{
    const QVariant value = figures.value(drillFigureKey(figure));
    if (!value.isValid())
        return tr("not measured");
    switch (figure) {
    case DrillFigure::TimeToDetect:
    case DrillFigure::FailoverTime:
    case DrillFigure::FailbackTime:
    case DrillFigure::Rto: return QuantityText::duration(milliseconds(value.toLongLong()));
    case DrillFigure::Rpo: return RpoText::measured(figures);
    case DrillFigure::ErrorRate:
        if (figures.contains(QStringLiteral("error_rate_probes")))
            return tr("%1 (%2 of %3 probes)")
                .arg(percent(value.toDouble()))
                .arg(figures.value(QStringLiteral("error_rate_failed")).toLongLong())
                .arg(figures.value(QStringLiteral("error_rate_probes")).toLongLong());
        return percent(value.toDouble());
    case DrillFigure::FalsePositives: return QString::number(value.toInt());
    }
    return value.toString();
}

QString DrillFigures::targetText(DrillFigure figure, const QVariant &target)
{
    switch (figure) {
    case DrillFigure::ErrorRate: return tr("≤ %1").arg(percent(target.toDouble()));
    case DrillFigure::FalsePositives: return tr("≤ %1").arg(target.toInt());
    default: return tr("≤ %1").arg(QuantityText::duration(milliseconds(target.toLongLong())));
    }
}

QList<DrillTargetVerdict> DrillFigures::judge(
    const DrillTargets &targets, const QVariantMap &figures)
{
    QList<DrillTargetVerdict> verdicts;
    const auto add = [&verdicts, &figures](DrillFigure figure, const QVariant &target) {
        DrillTargetVerdict verdict;
        verdict.figure = figure;
        verdict.target = targetText(figure, target);
        const QVariant actual = figures.value(drillFigureKey(figure));
        verdict.measured = actual.isValid();
        verdict.actual = figureText(figure, figures);
        if (verdict.measured) {
            verdict.passed = figure == DrillFigure::ErrorRate
                ? actual.toDouble() <= target.toDouble()
                : actual.toLongLong() <= target.toLongLong();
        }
        verdicts.append(verdict);
    };
    if (targets.rto)
        add(DrillFigure::Rto, qint64(targets.rto->count()));
    if (targets.rpo)
        add(DrillFigure::Rpo, qint64(targets.rpo->count()));
    if (targets.errorRate)
        add(DrillFigure::ErrorRate, *targets.errorRate);
    if (targets.falsePositives)
        add(DrillFigure::FalsePositives, *targets.falsePositives);
    if (targets.timeToDetect)
        add(DrillFigure::TimeToDetect, qint64(targets.timeToDetect->count()));
    return verdicts;
}

} // namespace Console
