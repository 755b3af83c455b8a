#pragma once

#include "health.h"
#include "healthcause.h"
#include "lagevaluator.h"
#include "proberesult.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

#include <optional>

namespace Console {

// One probe result with the verdict it led to; HealthMonitor emits one per result.
struct EndpointHealthUpdate
{
    QString regionId;
    QString endpointId;
    ProbeResult result;
    Health health = Health::Unknown;
    QString reason;
    HealthCause cause = HealthCause::None;
    double successRate = -1; // over the error-rate window, -1 without samples
    std::optional<LagReading> lag; // the lag judged with this result, when the topology had one
};

// A transition of an endpoint's or a region's health.
struct HealthChange
{
    QDateTime at; // wall clock, UTC
    QString regionId;
    QString endpointId; // empty when the region itself changed
    Health from = Health::Unknown;
    Health to = Health::Unknown;
    QString reason;
    HealthCause cause = HealthCause::None;
    QString culpritId; // region changes: the endpoint whose verdict the region shows

    bool isRegion() const { return endpointId.isEmpty(); }
};

} // namespace Console

Q_DECLARE_METATYPE(Console::EndpointHealthUpdate)
Q_DECLARE_METATYPE(Console::HealthChange)
