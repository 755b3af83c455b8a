#include "demodatabase.h"

namespace Console {

namespace {

// The messages go back to the console as an action's outcome: they read as the server's reply.
DemoDatabase::Outcome done(const QString &message)
{
    return { true, message };
}

DemoDatabase::Outcome refused(const QString &message)
{
    return { false, message };
}

} // namespace

DemoDatabase::DemoDatabase(const QString &regionId, RegionRole configured, const QString &upstream)
    : m_regionId(regionId)
    , m_role(configured == RegionRole::Primary ? Role::Primary : Role::Standby)
    , m_readReplica(configured == RegionRole::Replica)
    , m_upstream(configured == RegionRole::Primary ? QString() : upstream)
{ }

QString DemoDatabase::reportedRole() const
{
    if (m_role == Role::Primary)
        return m_fenced ? QStringLiteral("read-only") : QStringLiteral("primary");
    return m_readReplica ? QStringLiteral("replica") : QStringLiteral("standby");
}

DemoDatabase::Outcome DemoDatabase::fence()
{
    if (m_role == Role::Standby)
        return done(tr("%1 is a standby and takes no writes: nothing to fence").arg(m_regionId));
    if (m_fenced)
        return done(tr("%1 was already fenced").arg(m_regionId));
    m_fenced = true;
    return done(tr("%1 is fenced: read-only until it is rebuilt").arg(m_regionId));
}

DemoDatabase::Outcome DemoDatabase::promote()
{
    if (m_role == Role::Primary) {
        if (m_fenced)
            return refused(
                tr("%1 is a fenced old primary: rejoin it as a standby first").arg(m_regionId));
        // pg_promote() on a primary: the engine takes "already primary" as done.
        return done(tr("%1 is already primary").arg(m_regionId));
    }
    m_role = Role::Primary;
    m_readReplica = false;
    m_upstream.clear();
    return done(tr("%1 promoted").arg(m_regionId));
}

DemoDatabase::Outcome DemoDatabase::follow(const QString &upstream)
{
    if (upstream.isEmpty() || upstream == m_regionId)
        return refused(tr("%1 cannot stream from \"%2\"").arg(m_regionId, upstream));
    if (m_role == Role::Primary)
        return refused(tr("%1 is a primary and follows nobody: rejoin it instead").arg(m_regionId));
    m_upstream = upstream;
    return done(tr("%1 now streams from %2").arg(m_regionId, upstream));
}

DemoDatabase::Outcome DemoDatabase::rejoin(const QString &source)
{
    if (source.isEmpty() || source == m_regionId)
        return refused(tr("%1 cannot be rebuilt from \"%2\"").arg(m_regionId, source));
    m_role = Role::Standby;
    m_fenced = false;
    m_readReplica = false;
    m_upstream = source;
    return done(tr("%1 rebuilt as a standby of %2").arg(m_regionId, source));
}

} // namespace Console
