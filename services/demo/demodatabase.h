#pragma once

#include "config.h"

#include <QCoreApplication>
#include <QString>

namespace Console {

// The database behind one simulated region: its role, the region it streams from and whether a
// fence made it read-only. The demo's admin endpoints drive it the way the failover engine's SQL
// and scripts drive a real server, so a run in the demo changes what the region then reports.
// Pure: it owns no socket and keeps its state across an outage (a "down" region is a server
// nobody can reach, not a server that forgot it was fenced).
class DemoDatabase final
{
    Q_DECLARE_TR_FUNCTIONS(DemoDatabase)

public:
    enum class Role { Primary, Standby };

    // What an admin request did, or why it was refused (a refusal changes nothing).
    struct Outcome
    {
        bool ok = false;
        QString message;
    };

    DemoDatabase(const QString &regionId, RegionRole configured, const QString &upstream);

    Role role() const { return m_role; }
    bool fenced() const { return m_fenced; }
    // Empty for a primary.
    QString upstream() const { return m_upstream; }
    // The word its health answer reports: "primary"; "read-only" for a fenced primary, which the
    // console reads as not writable, like a real primary under default_transaction_read_only;
    // "standby", or "replica" for the read replica it was configured as.
    QString reportedRole() const;

    // A primary stops taking writes and stays so until it is rebuilt (a restart keeps the
    // setting, as ALTER SYSTEM does). A standby takes none anyway.
    Outcome fence();
    // A standby becomes a primary on a timeline of its own. A fenced primary is refused: only a
    // rebuild lifts the fence, so it can never take writes beside the new primary again.
    Outcome promote();
    // A standby streams from `upstream` from now on; a primary follows nobody.
    Outcome follow(const QString &upstream);
    // Rebuilt from `source` (pg_rewind or a fresh base backup): a standby of it, unfenced.
    Outcome rejoin(const QString &source);

private:
    QString m_regionId;
    Role m_role = Role::Standby;
    bool m_fenced = false;
    bool m_readReplica = false; // configured as a replica and never promoted since
    QString m_upstream;
};

} // namespace Console
