#pragma once

#include <QCoreApplication>
#include <QString>
#include <QVariantMap>

namespace Console {

// How an RPO journalled with a run reads, whatever its basis, in the event log, the failover
// panel and the drill report alike: "0 ms (2 heartbeat rows)", "73 ms (standby's reported lag,
// 668 ms old)", or "12 ms". Empty when it was not measured: then "rpo_unknown" says why.
class RpoText
{
    Q_DECLARE_TR_FUNCTIONS(RpoText)

public:
    static QString measured(const QVariantMap &figures);
};

} // namespace Console
