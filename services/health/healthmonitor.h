#pragma once

#include "config.h"
#include "healthevaluator.h"
#include "healthevents.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <chrono>
#include <map>

namespace Console {

// Keeps one HealthEvaluator per configured endpoint, feeds it the probe results and derives each
// region's health from its endpoints'. Emits, for every result: endpointEvaluated, then
// healthChanged for the endpoint if its health moved, then healthChanged for the region if that
// moved.
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

    Health endpointHealth(const QString &endpointId) const;
    QString endpointReason(const QString &endpointId) const;
    Health regionHealth(const QString &regionId) const;
    QString regionReason(const QString &regionId) const;

    // As onProbeResult, at a given monotonic time (tests drive a fake clock through this). A
    // separate name, not an overload, so that connects need no qOverload.
    void evaluate(const Console::ProbeResult &result, std::chrono::steady_clock::time_point now);

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
    };
    struct RegionState
    {
        QStringList endpointIds; // config order
        Health health = Health::Unknown;
        QString reason;
    };

    void updateRegion(const QString &regionId, const QDateTime &at);

    std::map<QString, EndpointState> m_endpoints;
    QHash<QString, RegionState> m_regions;
};

} // namespace Console
