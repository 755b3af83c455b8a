#pragma once

#include "config.h"
#include "healthevaluator.h"
#include "healthevents.h"
#include "lagevaluator.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <chrono>
#include <map>
#include <optional>

namespace Console {

class Clock;
class EventHub;

// Keeps one HealthEvaluator (probe results) and one LagEvaluator (replication lag) per configured
// endpoint and derives each region's health from its endpoints'. An endpoint's health is the
// worse of the two verdicts. Emits, for every result: endpointEvaluated, then healthChanged for
// the endpoint if its health moved, then healthChanged for the region if that moved; with an
// EventHub it also publishes each change as an endpoint-health or region-health event.
//
// Region rule: the worst health among the region's endpoints that have a verdict; Unknown only
// while none has one. Simple to explain ("the region is as bad as its worst endpoint") and
// conservative: the ui and the failover logic decide what a degraded replica means.
class HealthMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthMonitor)
public:
    explicit HealthMonitor(const ConsoleConfig &config, QObject *parent = nullptr);
    ~HealthMonitor() override;

    // Both not owned; they must outlive the monitor. Without a clock the system clock is used.
    void setClock(Clock *clock);
    void setEventHub(EventHub *hub);

    Health endpointHealth(const QString &endpointId) const;
    QString endpointReason(const QString &endpointId) const;
    HealthCause endpointCause(const QString &endpointId) const;
    Health regionHealth(const QString &regionId) const;
    QString regionReason(const QString &regionId) const;

    // As onProbeResult, at a given monotonic time (tests drive a fake clock through this), with
    // the lag the topology measured for this endpoint; without one the last lag verdict holds.
    // A separate name, not an overload, so that connects need no qOverload.
    void evaluate(const Console::ProbeResult &result, std::chrono::steady_clock::time_point now,
        const std::optional<LagReading> &lag = std::nullopt);

public slots:
    void onProbeResult(const Console::ProbeResult &result);

signals:
    void endpointEvaluated(const Console::EndpointHealthUpdate &update);
    void healthChanged(const Console::HealthChange &change);
    // A region's health stayed, but what explains it changed (no event-log entry for this).
    void regionReasonChanged(const QString &regionId, const QString &reason);

private:
    struct EndpointState
    {
        QString regionId;
        QString name;
        HealthEvaluator evaluator;
        LagEvaluator lag;
        Health health = Health::Unknown; // the worse of the two verdicts
        QString reason;
        HealthCause cause = HealthCause::None;
    };
    struct RegionState
    {
        QString name;
        QStringList endpointIds; // config order
        Health health = Health::Unknown;
        QString reason;
    };

    void publishEndpointChange(const EndpointState &state, const HealthChange &change,
        const HealthEvaluator::Verdict &probe, const ProbeResult &result,
        const std::optional<LagReading> &lag);
    void updateRegion(const QString &regionId, const QDateTime &at);

    Clock *m_clock; // not owned
    EventHub *m_hub = nullptr; // not owned
    std::map<QString, EndpointState> m_endpoints;
    QHash<QString, RegionState> m_regions;
};

} // namespace Console
