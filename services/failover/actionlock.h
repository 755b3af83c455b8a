#pragma once

#include <QCoreApplication>
#include <QString>

#include <memory>

class QLockFile;

namespace Console {

// Makes sure two consoles on one machine (a window and a headless monitor, or two operators)
// never act at once. A QLockFile: the OS releases nothing for us, but a lock whose holder
// process is gone is stale and taken over. Beside the lock, a small file names the holder (OS
// user, what it is, process id) so the other console can say who acts.
class ActionLock final
{
    Q_DECLARE_TR_FUNCTIONS(ActionLock)
    Q_DISABLE_COPY_MOVE(ActionLock)

public:
    // `path` empty: one lock per deployment (its region ids) in the temporary folder.
    ActionLock(const QString &path, const QString &deploymentKey, const QString &whoAmI);
    ~ActionLock();

    // Takes the lock without waiting; false with holder() set when someone else has it.
    bool tryLock();
    void unlock();
    bool isLocked() const;
    // Who holds it, as a sentence part ("root (headless console, pid 4242)"); empty when free
    // or held by us.
    QString holder() const;
    QString path() const { return m_path; }

private:
    QString m_path;
    QString m_whoAmI;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace Console
