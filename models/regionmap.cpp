#include "regionmap.h"

#include "mapprojection.h"
#include "quantitytext.h"
#include "topologystate.h"

#include <QCoreApplication>

#include <algorithm>

namespace Console {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Console::RegionMap", text);
}

LinkSeverity worseSeverity(LinkSeverity a, LinkSeverity b)
{
    return int(a) >= int(b) ? a : b;
}

double widthFor(LinkSeverity severity)
{
    switch (severity) {
    case LinkSeverity::Unknown: return 1.5;
    case LinkSeverity::Ok: return 2;
    case LinkSeverity::Warning: return 3.5;
    case LinkSeverity::Critical: return 5;
    }
    return 1.5;
}

// What a region's servers say its database is; the most telling of its nodes wins.
QString roleTextOf(const QList<const NodeState *> &nodes)
{
    bool standby = false;
    for (const NodeState *n : nodes) {
        if (n->fenced())
            return tr("read-only primary (fenced)");
        if (n->role == PostgresRole::Primary)
            return tr("primary");
        standby = standby || n->role == PostgresRole::Standby;
    }
    if (standby)
        return tr("standby");
    return nodes.isEmpty() ? tr("reports no role") : tr("no role reported yet");
}

QString lagTextOf(const MapLink &link)
{
    QString text;
    if (!link.streaming)
        text = tr("not streaming");
    else if (link.lagSeconds && link.lagBytes)
        text = tr("lag %1 · %2")
                   .arg(QuantityText::seconds(*link.lagSeconds),
                       QuantityText::bytes(*link.lagBytes));
    else if (link.lagSeconds)
        text = tr("lag %1").arg(QuantityText::seconds(*link.lagSeconds));
    else if (link.lagBytes)
        text = tr("%1 behind").arg(QuantityText::bytes(*link.lagBytes));
    else
        text = tr("lag unknown");
    if (link.replayPaused)
        text = tr("replay paused · %1").arg(text);
    if (link.frozen)
        text = tr("%1 (at the primary's loss)").arg(text);
    return text;
}

// Keeps the worse figures when two nodes of one region report the same pair of regions.
void mergeInto(QList<MapLink> &links, const MapLink &next)
{
    auto same = std::find_if(links.begin(), links.end(), [&next](const MapLink &l) {
        return l.fromRegionId == next.fromRegionId && l.toRegionId == next.toRegionId;
    });
    if (same == links.end()) {
        links.append(next);
        return;
    }
    if (next.lagSeconds)
        same->lagSeconds = std::max(same->lagSeconds.value_or(0.0), *next.lagSeconds);
    if (next.lagBytes)
        same->lagBytes = std::max(same->lagBytes.value_or(0), *next.lagBytes);
    same->streaming = same->streaming && next.streaming;
    same->replayPaused = same->replayPaused || next.replayPaused;
}

QList<MapLink> linksOf(const TopologyState &topology, const QString &sourceRegionId)
{
    QList<MapLink> links;
    auto regionOf = [&topology](const QString &endpointId) {
        const NodeState *n = endpointId.isEmpty() ? nullptr : topology.node(endpointId);
        return n ? n->regionId : QString();
    };
    // PostgreSQL links, wherever the servers say they run (a cascade runs replica to replica).
    for (const ReplicationLink &l : topology.links()) {
        MapLink link;
        link.fromRegionId = regionOf(l.upstreamId);
        link.toRegionId = regionOf(l.standbyId);
        if (link.fromRegionId.isEmpty() || link.toRegionId.isEmpty()
            || link.fromRegionId == link.toRegionId)
            continue;
        link.lagSeconds = l.lagSeconds;
        link.lagBytes = l.lagBytes;
        link.streaming = l.streaming();
        link.replayPaused = l.replayPaused;
        mergeInto(links, link);
    }
    // A region watched over HTTP reports its role and lag, not its upstream: it follows the
    // primary.
    if (!sourceRegionId.isEmpty()) {
        for (const NodeState &n : topology.nodes()) {
            if (!n.viaHttp || n.role != PostgresRole::Standby || n.regionId == sourceRegionId)
                continue;
            MapLink link;
            link.fromRegionId = sourceRegionId;
            link.toRegionId = n.regionId;
            link.lagSeconds = topology.replicationOf(n.endpointId).reportedLagSeconds;
            link.streaming = n.answering;
            mergeInto(links, link);
        }
    }
    return links;
}

} // namespace

LinkSeverity lagSeverity(const std::optional<double> &seconds, const std::optional<qint64> &bytes,
    const LagThresholds &thresholds)
{
    LinkSeverity severity = LinkSeverity::Unknown;
    if (seconds) {
        const double ms = *seconds * 1000.0;
        severity = ms > double(thresholds.critical.count()) ? LinkSeverity::Critical
            : ms > double(thresholds.warning.count())       ? LinkSeverity::Warning
                                                            : LinkSeverity::Ok;
    }
    if (bytes) {
        severity = worseSeverity(severity,
            *bytes > thresholds.criticalBytes      ? LinkSeverity::Critical
                : *bytes > thresholds.warningBytes ? LinkSeverity::Warning
                                                   : LinkSeverity::Ok);
    }
    return severity;
}

const MapMarker *RegionMapSnapshot::marker(const QString &regionId) const
{
    for (const MapMarker &m : markers) {
        if (m.regionId == regionId)
            return &m;
    }
    return nullptr;
}

const MapLink *RegionMapSnapshot::link(const QString &fromRegionId, const QString &toRegionId) const
{
    for (const MapLink &l : links) {
        if (l.fromRegionId == fromRegionId && l.toRegionId == toRegionId)
            return &l;
    }
    return nullptr;
}

RegionMapSnapshot buildRegionMap(const ConfigOverview &config, const LagThresholds &thresholds,
    const TopologyState *topology, const QHash<QString, RegionVerdict> &verdicts)
{
    RegionMapSnapshot map;
    QHash<QString, QList<const NodeState *>> nodesByRegion;
    QStringList primaryRegions;
    QString lostPrimaryRegion;
    QList<NodeState> nodes;
    if (topology) {
        nodes = topology->nodes();
        for (const NodeState &n : std::as_const(nodes))
            nodesByRegion[n.regionId].append(&n);
        const PrimaryState &primary = topology->primary();
        map.primaryStatus = primary.status;
        auto regionOf = [topology](const QString &endpointId) {
            const NodeState *n = topology->node(endpointId);
            return n ? n->regionId : QString();
        };
        if (primary.status == PrimaryStatus::One) {
            map.primaryRegionId = primary.regionId;
            primaryRegions << primary.regionId;
        } else if (primary.status == PrimaryStatus::Several) {
            for (const QString &id : primary.writableIds) {
                const QString region = regionOf(id);
                if (!region.isEmpty() && !primaryRegions.contains(region))
                    primaryRegions << region;
            }
        } else if (primary.status == PrimaryStatus::NoneReachable) {
            lostPrimaryRegion = regionOf(primary.lastPrimaryId);
        }
    }

    for (const RegionOverview &region : config.regions) {
        MapMarker m;
        m.regionId = region.id;
        m.name = config.regionName(region.id);
        m.lonLat = MapProjection::place(region.latitude, region.longitude);
        const RegionVerdict verdict = verdicts.value(region.id);
        m.health = verdict.health;
        m.stateText = healthLabel(verdict.health);
        m.reason = verdict.reason;
        m.roleText = roleTextOf(nodesByRegion.value(region.id));
        m.primary = primaryRegions.contains(region.id);
        m.splitBrain = m.primary && primaryRegions.size() > 1;
        m.primaryLost = region.id == lostPrimaryRegion;
        m.configuredPrimary = region.role == RegionRole::Primary;
        map.markers.append(m);
    }

    if (topology) {
        const QString source
            = map.primaryRegionId.isEmpty() ? lostPrimaryRegion : map.primaryRegionId;
        map.links = linksOf(*topology, source);
        for (MapLink &link : map.links) {
            link.frozen = map.primaryStatus == PrimaryStatus::NoneReachable;
            link.severity = link.streaming ? lagSeverity(link.lagSeconds, link.lagBytes, thresholds)
                                           : LinkSeverity::Critical;
            if (link.replayPaused)
                link.severity = worseSeverity(link.severity, LinkSeverity::Warning);
            link.width = widthFor(link.severity);
            link.lagText = lagTextOf(link);
        }
    }
    return map;
}

} // namespace Console
