#include "reportedlagrpo.h"

#include "quantitytext.h"

#include <cmath>

namespace Console {

ReportedLagRpo ReportedLagRpo::decide(const std::optional<LagReport> &report,
    const QDateTime &lossAt, std::chrono::milliseconds probeInterval, const QString &standby)
{
    ReportedLagRpo rpo;
    if (!report || !report->reportedAt.isValid()) {
        rpo.unknownReason
            = tr("%1 reported no replication lag while the old primary was up").arg(standby);
        return rpo;
    }
    if (!lossAt.isValid()) {
        rpo.unknownReason
            = tr("when the old primary was lost is unknown, so the age of %1's lag report is too")
                  .arg(standby);
        return rpo;
    }
    // A report read after the loss was stamped (clocks of one process, but a probe starts before
    // it ends) is as fresh as a report can be.
    const qint64 age = std::max<qint64>(0, report->reportedAt.msecsTo(lossAt));
    const std::chrono::milliseconds staleAfter = probeInterval * StaleIntervals;
    if (age > staleAfter.count()) {
        rpo.unknownReason
            = tr("%1's last lag report was %2 old when the old primary was lost "
                 "(more than %3 probe intervals, %4)")
                  .arg(standby, QuantityText::duration(std::chrono::milliseconds(age)))
                  .arg(StaleIntervals)
                  .arg(QuantityText::duration(staleAfter));
        return rpo;
    }
    rpo.known = true;
    // Rounded to a microsecond first, so 0.08 s (80 ms over HTTP) stays 80 ms, then up.
    const qint64 us = std::llround(std::max(0.0, report->seconds) * 1e6);
    rpo.lagMs = (us + 999) / 1000;
    rpo.reportAgeMs = age;
    return rpo;
}

QVariantMap ReportedLagRpo::figures() const
{
    if (!known)
        return { { QStringLiteral("rpo_unknown"), unknownReason } };
    return { { QStringLiteral("rpo_ms"), lagMs },
        { QStringLiteral("rpo_basis"), QStringLiteral("reported-lag") },
        { QStringLiteral("rpo_report_age_ms"), reportAgeMs } };
}

} // namespace Console
