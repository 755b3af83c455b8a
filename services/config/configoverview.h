#pragma once

#include "config.h"

#include <QList>
#include <QString>

namespace Console {

// What the views may know of the configuration: names, roles, places and display targets, and
// none of the connection strings, headers or values that came from the environment. The window
// holds this, never a ConsoleConfig, so no widget can leak a secret by accident.
struct EndpointOverview
{
    QString id;
    QString name;
    EndpointKind kind = EndpointKind::Http;
    QString displayTarget;
};

struct RegionOverview
{
    QString id;
    QString name;
    double latitude = 0;
    double longitude = 0;
    RegionRole role = RegionRole::Replica; // configured; the servers may say otherwise
    QList<EndpointOverview> endpoints;
};

struct ConfigOverview
{
    QString sourceFile;
    QList<RegionOverview> regions;

    static ConfigOverview from(const ConsoleConfig &config);
    int endpointCount() const;
    const RegionOverview *region(const QString &id) const;
    // The endpoint's name, or its id when it has none; empty for an unknown id.
    QString endpointName(const QString &id) const;
    QString regionName(const QString &id) const;
};

} // namespace Console
