#pragma once

#include "config.h"

#include <QList>
#include <QString>

namespace Console {

// What one simulated region is: its identity as the demo config names it, how far away it
// pretends to be (base latency), how far behind its replication normally runs and whom its
// database streams from when the demo starts.
struct DemoRegionSpec
{
    QString id;
    QString name;
    double latitude = 0;
    double longitude = 0;
    RegionRole role = RegionRole::Replica;
    Milliseconds baseLatency { 5 };
    Milliseconds normalLag { 0 }; // 0 for the primary: nothing to replicate from
    QString upstream; // the region it streams from at start; empty for the primary
};

// The reference layout: US East primary, EU West standby, APAC read replica. Must match
// resources/examples/demo.yaml.
QList<DemoRegionSpec> defaultDemoRegions();

} // namespace Console
