#pragma once

#include "topologytypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QVariantMap>

#include <chrono>
#include <optional>

namespace Console {

// RPO on a second basis, for a promoted standby the console knows only through its health
// endpoint, so with no heartbeat rows to count: the replication lag it last reported before the
// old primary was lost. Writes younger than that lag had not reached it when it said so, so they
// are what a promotion at that moment loses. It is the standby's own word, a duration and never a
// row count, and only as good as it is fresh: a report older than StaleIntervals probe intervals
// at the loss says nothing about the loss, and gives no figure.
struct ReportedLagRpo
{
    Q_DECLARE_TR_FUNCTIONS(ReportedLagRpo)

public:
    static constexpr int StaleIntervals = 2;

    bool known = false;
    qint64 lagMs = 0; // the reported lag, rounded up to a whole millisecond
    qint64 reportAgeMs = 0; // how long before the loss it was reported, >= 0
    QString unknownReason; // when !known

    // `report`: the standby's last report before the loss (unset: none); `lossAt`: when the old
    // primary was lost (wall clock); `probeInterval`: the standby's probe interval; `standby`: its
    // name for the reason.
    static ReportedLagRpo decide(const std::optional<LagReport> &report, const QDateTime &lossAt,
        std::chrono::milliseconds probeInterval, const QString &standby);

    // The journal's failover figures: rpo_ms, rpo_basis "reported-lag", rpo_report_age_ms.
    QVariantMap figures() const;
};

} // namespace Console
