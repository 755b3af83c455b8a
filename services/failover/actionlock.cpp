#include "actionlock.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QSaveFile>

namespace Console {

ActionLock::ActionLock(const QString &path, const QString &deploymentKey, const QString &whoAmI)
    : m_path(path)
    , m_whoAmI(whoAmI)
{
    if (m_path.isEmpty()) {
        const QByteArray hash
            = QCryptographicHash::hash(deploymentKey.toUtf8(), QCryptographicHash::Sha256)
                  .toHex()
                  .left(12);
        m_path = QDir::temp().filePath(
            QStringLiteral("failover-console-%1.lock").arg(QString::fromLatin1(hash)));
    }
    m_lock = std::make_unique<QLockFile>(m_path);
    // A lock never goes stale by age: a failover may legitimately take minutes. Only a dead
    // holder process makes it stale (QLockFile checks the pid).
    m_lock->setStaleLockTime(0);
}

ActionLock::~ActionLock()
{
    unlock();
}

bool ActionLock::tryLock()
{
    if (m_lock->isLocked())
        return true;
    if (!m_lock->tryLock(0))
        return false;
    QSaveFile holder(m_path + QStringLiteral(".holder"));
    if (holder.open(QIODevice::WriteOnly)) {
        holder.write(m_whoAmI.toUtf8());
        holder.commit();
    }
    return true;
}

void ActionLock::unlock()
{
    if (!m_lock->isLocked())
        return;
    QFile::remove(m_path + QStringLiteral(".holder"));
    m_lock->unlock();
}

bool ActionLock::isLocked() const
{
    return m_lock->isLocked();
}

QString ActionLock::holder() const
{
    if (m_lock->isLocked())
        return {};
    qint64 pid = 0;
    QString host;
    QString app;
    if (!m_lock->getLockInfo(&pid, &host, &app))
        return {};
    QFile file(m_path + QStringLiteral(".holder"));
    QString who;
    if (file.open(QIODevice::ReadOnly))
        who = QString::fromUtf8(file.read(512)).trimmed();
    if (who.isEmpty())
        who = app;
    return tr("%1 (pid %2 on %3)").arg(who).arg(pid).arg(host);
}

} // namespace Console
