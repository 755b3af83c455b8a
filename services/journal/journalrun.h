#pragma once

#include <QDateTime>
#include <QString>
#include <QVariantMap>

namespace Console {

// One failover, failback or drill from its start to its outcome. A run that was started and never
// finished was interrupted, unless a console that is still alive is in the middle of it.
struct JournalRun
{
    qint64 id = 0; // set by the journal
    QString kind; // "failover", "failback", "drill"
    QString mode; // "manual", "automatic"
    QString fromRegion;
    QString toRegion;
    QDateTime startedAt; // UTC; the journal fills it when empty
    QDateTime finishedAt; // null while the run is open
    QString outcome; // "" while open, then "verified", "failed", "aborted", "interrupted"
    QString osUser; // the journal fills it when empty
    QString consoleId; // "user@host pid"; the journal fills it when empty
    QVariantMap figures; // detection_ms, promotion_ms, rto_ms, rpo_rows, rpo_ms...

    bool isOpen() const { return finishedAt.isNull(); }
};

} // namespace Console
