#pragma once

#include "healthevents.h"
#include "regionmap.h"

#include <QObject>

namespace Console {

// The map's live state: the region verdicts from the health monitor and the primary and links
// from the topology, recomputed into one snapshot on every change. Emits changed() only when
// the snapshot differs, so the map redraws only for news.
class RegionMapState final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionMapState)
public:
    // `topology` is not owned and must outlive this; it may be null.
    RegionMapState(const ConfigOverview &config, const LagThresholds &thresholds,
        const TopologyState *topology, QObject *parent = nullptr);
    ~RegionMapState() override;

    const RegionMapSnapshot &snapshot() const { return m_snapshot; }
    const LagThresholds &thresholds() const { return m_thresholds; }

public slots:
    void onHealthChanged(const Console::HealthChange &change);
    void onRegionReasonChanged(const QString &regionId, const QString &reason);
    void onTopologyChanged();

signals:
    // `previous` lets a view animate what moved (the primary after a failover).
    void changed(const Console::RegionMapSnapshot &previous);

private:
    void recompute();

    ConfigOverview m_config;
    LagThresholds m_thresholds;
    const TopologyState *m_topology; // not owned
    QHash<QString, RegionVerdict> m_verdicts;
    RegionMapSnapshot m_snapshot;
};

} // namespace Console
