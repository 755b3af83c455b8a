#pragma once

#include "config.h"
#include "configoverview.h"
#include "health.h"
#include "topologytypes.h"

#include <QHash>
#include <QList>
#include <QPointF>
#include <QString>

#include <optional>

namespace Console {

class TopologyState;

// How far behind a replication link is against the configured lag thresholds.
enum class LinkSeverity { Unknown, Ok, Warning, Critical };

// The worse of the two readings; Unknown only when neither figure is known.
LinkSeverity lagSeverity(const std::optional<double> &seconds, const std::optional<qint64> &bytes,
    const LagThresholds &thresholds);

// One region as the map shows it.
struct MapMarker
{
    QString regionId;
    QString name;
    std::optional<QPointF> lonLat; // x longitude, y latitude; unset: no usable coordinates
    Health health = Health::Unknown;
    QString stateText; // the verdict in a word: "Healthy", "Degraded", "Unhealthy", "Unknown"
    QString reason; // why the region has that verdict
    QString roleText; // its database's role as its servers report it
    bool primary = false; // the servers report a writable primary here
    bool splitBrain = false; // ...and another region's too
    bool primaryLost = false; // the primary last seen was here and no primary is reachable
    bool configuredPrimary = false;

    bool operator==(const MapMarker &) const = default;
};

// Replication from the primary's region to a replica's region.
struct MapLink
{
    QString fromRegionId;
    QString toRegionId;
    std::optional<double> lagSeconds;
    std::optional<qint64> lagBytes;
    bool streaming = true;
    bool replayPaused = false;
    bool frozen = false; // no primary is reachable: the figures are those at its loss
    LinkSeverity severity = LinkSeverity::Unknown;
    double width = 1; // a line width in device-independent pixels, growing with severity
    QString lagText; // "lag 1.2 s · 3.0 MiB", "not streaming", "replay paused · lag 40 s"

    bool operator==(const MapLink &) const = default;
};

// Everything the map draws, computed in one place from the topology and the region verdicts.
struct RegionMapSnapshot
{
    QList<MapMarker> markers; // configuration order
    QList<MapLink> links;
    PrimaryStatus primaryStatus = PrimaryStatus::Unknown;
    QString primaryRegionId; // with PrimaryStatus::One

    const MapMarker *marker(const QString &regionId) const;
    const MapLink *link(const QString &fromRegionId, const QString &toRegionId) const;
    bool operator==(const RegionMapSnapshot &) const = default;
};

// A region's verdict as the health monitor last gave it.
struct RegionVerdict
{
    Health health = Health::Unknown;
    QString reason;
};

// `topology` may be null (nothing reported yet): markers only, no primary, no links.
RegionMapSnapshot buildRegionMap(const ConfigOverview &config, const LagThresholds &thresholds,
    const TopologyState *topology, const QHash<QString, RegionVerdict> &verdicts);

} // namespace Console
