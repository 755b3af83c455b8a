#pragma once

#include "config.h"

#include <QList>
#include <QString>

#include <optional>

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
    Milliseconds timeout { 800 }; // a probe unanswered by then is a timeout
};

// An action as a button may name it: its id and kind, never its URL, command or token.
struct ActionOverview
{
    QString id;
    ActionKind kind = ActionKind::Command;

    static ActionOverview from(const ActionConfig &action) { return { action.id, action.kind }; }
};

// What the console can do to one region's database, so a view can say why a button is off.
struct RegionAdminOverview
{
    bool hasConnection = false; // admin.connection: promote, re-point and fence over SQL
    QString displayTarget; // the admin connection without its password
    bool hasReplicationConnection = false;
    std::optional<ActionOverview> fence;
    std::optional<ActionOverview> promote;
    std::optional<ActionOverview> repoint;
    std::optional<ActionOverview> rejoin;

    bool canPromote() const { return hasConnection || promote.has_value(); }
    // A node that still answers is fenced over its connection; one that does not, only by an
    // action (STONITH).
    bool canFenceReachable() const { return hasConnection || fence.has_value(); }
    bool canFenceUnreachable() const { return fence.has_value(); }
    bool canRepoint() const { return hasConnection || repoint.has_value(); }
    // Rebuilding an old primary as a standby is never done over SQL.
    bool canRejoin() const { return rejoin.has_value(); }
};

struct RegionOverview
{
    QString id;
    QString name;
    double latitude = 0;
    double longitude = 0;
    RegionRole role = RegionRole::Replica; // configured; the servers may say otherwise
    QList<EndpointOverview> endpoints;
    RegionAdminOverview admin;
};

// The failover settings a view explains: the mode and which actions a run would take.
struct FailoverOverview
{
    FailoverMode mode = FailoverMode::Manual;
    QList<ActionOverview> traffic;
    QList<ActionOverview> notify;
};

struct ConfigOverview
{
    QString sourceFile;
    QList<RegionOverview> regions;
    FailoverOverview failover;
    Milliseconds errorRateWindow { 30000 }; // the window success rates are measured over

    static ConfigOverview from(const ConsoleConfig &config);
    int endpointCount() const;
    const RegionOverview *region(const QString &id) const;
    // The endpoint's name, or its id when it has none; empty for an unknown id.
    QString endpointName(const QString &id) const;
    QString regionName(const QString &id) const;
};

} // namespace Console
