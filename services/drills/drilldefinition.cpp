#include "drilldefinition.h"

#include <QCoreApplication>

#include <algorithm>
#include <array>
#include <utility>

namespace Console {

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> fromName(
    const std::array<std::pair<Enum, const char *>, N> &names, const QString &text)
{
    for (const auto &[value, name] : names) {
        if (text == QLatin1String(name))
            return value;
    }
    return std::nullopt;
}

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &names, Enum value)
{
    for (const auto &[candidate, name] : names) {
        if (candidate == value)
            return QString::fromLatin1(name);
    }
    return QString();
}

constexpr std::array<std::pair<DrillType, const char *>, 5> typeNames { {
    { DrillType::HealthCheck, "health-check" },
    { DrillType::Synthetic, "synthetic" },
    { DrillType::Controlled, "controlled" },
    { DrillType::Chaos, "chaos" },
    { DrillType::Assessment, "assessment" },
} };

constexpr std::array<std::pair<DrillStepKind, const char *>, 4> stepKindNames { {
    { DrillStepKind::Manual, "manual" },
    { DrillStepKind::Automatic, "automatic" },
    { DrillStepKind::WaitFor, "wait-for" },
    { DrillStepKind::Measure, "measure" },
} };

constexpr std::array<std::pair<DrillActionKind, const char *>, 7> actionNames { {
    { DrillActionKind::Fault, "fault" },
    { DrillActionKind::Failover, "failover" },
    { DrillActionKind::Failback, "failback" },
    { DrillActionKind::Rejoin, "rejoin" },
    { DrillActionKind::Sql, "sql" },
    { DrillActionKind::Action, "action" },
    { DrillActionKind::Pause, "pause" },
} };

constexpr std::array<std::pair<DrillCondition, const char *>, 12> conditionNames { {
    { DrillCondition::BreakerOpen, "breaker-open" },
    { DrillCondition::BreakersClosed, "breakers-closed" },
    { DrillCondition::RegionHealthy, "region-healthy" },
    { DrillCondition::RegionDegraded, "region-degraded" },
    { DrillCondition::RegionUnhealthy, "region-unhealthy" },
    { DrillCondition::PrimaryIs, "primary-is" },
    { DrillCondition::PrimaryIsNot, "primary-is-not" },
    { DrillCondition::ReplicationCaughtUp, "replication-caught-up" },
    { DrillCondition::FailoverState, "failover-state" },
    { DrillCondition::FailbackReady, "failback-ready" },
    { DrillCondition::WritesSucceed, "writes-succeed" },
    { DrillCondition::AllHealthy, "all-healthy" },
} };

constexpr std::array<std::pair<DrillFigure, const char *>, 7> figureNames { {
    { DrillFigure::TimeToDetect, "time-to-detect" },
    { DrillFigure::FailoverTime, "failover-time" },
    { DrillFigure::FailbackTime, "failback-time" },
    { DrillFigure::Rto, "rto" },
    { DrillFigure::Rpo, "rpo" },
    { DrillFigure::ErrorRate, "error-rate" },
    { DrillFigure::FalsePositives, "false-positives" },
} };

} // namespace

bool DrillDefinition::allAutomatic() const
{
    const auto automatic = [](const DrillStep &step) { return step.kind != DrillStepKind::Manual; };
    return checklist.isEmpty() && std::all_of(steps.cbegin(), steps.cend(), automatic)
        && std::all_of(rollback.cbegin(), rollback.cend(), automatic);
}

const DrillStep *DrillDefinition::step(const QString &stepId) const
{
    for (const DrillStep &candidate : steps) {
        if (candidate.id == stepId)
            return &candidate;
    }
    for (const DrillStep &candidate : rollback) {
        if (candidate.id == stepId)
            return &candidate;
    }
    return nullptr;
}

QString toString(DrillType type)
{
    return nameOf(typeNames, type);
}
QString toString(DrillStepKind kind)
{
    return nameOf(stepKindNames, kind);
}
QString toString(DrillActionKind kind)
{
    return nameOf(actionNames, kind);
}
QString toString(DrillCondition condition)
{
    return nameOf(conditionNames, condition);
}
QString toString(DrillFigure figure)
{
    return nameOf(figureNames, figure);
}

std::optional<DrillType> drillTypeFromString(const QString &text)
{
    return fromName(typeNames, text);
}

std::optional<DrillActionKind> drillActionKindFromString(const QString &text)
{
    return fromName(actionNames, text);
}

std::optional<DrillCondition> drillConditionFromString(const QString &text)
{
    return fromName(conditionNames, text);
}

std::optional<DrillFigure> drillFigureFromString(const QString &text)
{
    return fromName(figureNames, text);
}

QList<DrillCondition> allDrillConditions()
{
    QList<DrillCondition> all;
    for (const auto &[value, name] : conditionNames) {
        Q_UNUSED(name)
        all.append(value);
    }
    return all;
}

QList<DrillFigure> allDrillFigures()
{
    QList<DrillFigure> all;
    for (const auto &[value, name] : figureNames) {
        Q_UNUSED(name)
        all.append(value);
    }
    return all;
}

QString drillTypeLabel(DrillType type)
{
    switch (type) {
    case DrillType::HealthCheck:
        return QCoreApplication::translate("Drill", "Health check verification");
    case DrillType::Synthetic: return QCoreApplication::translate("Drill", "Synthetic failover");
    case DrillType::Controlled: return QCoreApplication::translate("Drill", "Controlled failover");
    case DrillType::Chaos: return QCoreApplication::translate("Drill", "Chaos experiment");
    case DrillType::Assessment: return QCoreApplication::translate("Drill", "Assessment");
    }
    return QString();
}

QString drillFigureLabel(DrillFigure figure)
{
    switch (figure) {
    case DrillFigure::TimeToDetect: return QCoreApplication::translate("Drill", "Time to detect");
    case DrillFigure::FailoverTime: return QCoreApplication::translate("Drill", "Failover time");
    case DrillFigure::FailbackTime: return QCoreApplication::translate("Drill", "Failback time");
    case DrillFigure::Rto: return QCoreApplication::translate("Drill", "RTO");
    case DrillFigure::Rpo: return QCoreApplication::translate("Drill", "RPO");
    case DrillFigure::ErrorRate: return QCoreApplication::translate("Drill", "Error rate");
    case DrillFigure::FalsePositives:
        return QCoreApplication::translate("Drill", "False positives");
    }
    return QString();
}

QString drillFigureKey(DrillFigure figure)
{
    switch (figure) {
    case DrillFigure::TimeToDetect: return QStringLiteral("time_to_detect_ms");
    case DrillFigure::FailoverTime: return QStringLiteral("failover_ms");
    case DrillFigure::FailbackTime: return QStringLiteral("failback_ms");
    case DrillFigure::Rto: return QStringLiteral("rto_ms");
    case DrillFigure::Rpo: return QStringLiteral("rpo_ms");
    case DrillFigure::ErrorRate: return QStringLiteral("error_rate");
    case DrillFigure::FalsePositives: return QStringLiteral("false_positives");
    }
    return QString();
}

} // namespace Console
