#pragma once

#include "config.h"
#include "postgresobservation.h"
#include "proberesult.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

#include <optional>

namespace Console {

// A PostgreSQL endpoint's real role as its probes report it: first seen, or changed (a promotion,
// a demotion after failback), and whether it contradicts the configured role of its region.
struct RoleChange
{
    QDateTime at;
    QString regionId;
    QString endpointId;
    std::optional<PostgresRole> from; // unset on the first observation
    PostgresRole to = PostgresRole::Primary;
    RegionRole configured = RegionRole::Primary;
    bool mismatch = false;
};

// Watches probe results for the role PostgreSQL reports and says when it appears or changes.
class RoleTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RoleTracker)
public:
    explicit RoleTracker(const ConsoleConfig &config, QObject *parent = nullptr);

    std::optional<PostgresRole> role(const QString &endpointId) const;

public slots:
    void onProbeResult(const Console::ProbeResult &result);

signals:
    void roleChanged(const Console::RoleChange &change);

private:
    struct Tracked
    {
        QString regionId;
        RegionRole configured = RegionRole::Primary;
        std::optional<PostgresRole> role;
    };
    QHash<QString, Tracked> m_endpoints;
};

// PostgreSQL knows two roles; a configured replica and a configured standby are both in recovery.
bool roleContradicts(RegionRole configured, PostgresRole observed);

} // namespace Console

Q_DECLARE_METATYPE(Console::RoleChange)
