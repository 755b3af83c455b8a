#include "runtext.h"

#include "quantitytext.h"
#include "rpotext.h"

namespace Console {

QString RunText::title(RunKind kind, const QString &targetName)
{
    switch (kind) {
    case RunKind::Failover: return tr("Failover to %1").arg(targetName);
    case RunKind::Failback: return tr("Failback to %1").arg(targetName);
    case RunKind::Rejoin: return tr("Rejoin of %1").arg(targetName);
    }
    return {};
}

QString RunText::outcome(const QString &outcome)
{
    if (outcome == QLatin1String("verified"))
        return tr("\u2714 verified");
    if (outcome == QLatin1String("failed"))
        return tr("\u2716 failed");
    if (outcome == QLatin1String("aborted"))
        return tr("\u2716 aborted");
    return outcome;
}

Health RunText::outcomeHealth(const QString &outcome)
{
    if (outcome == QLatin1String("verified"))
        return Health::Healthy;
    if (outcome == QLatin1String("failed") || outcome == QLatin1String("aborted"))
        return Health::Unhealthy;
    return Health::Unknown;
}

QString RunText::figures(const QVariantMap &figures)
{
    const auto ms = [&figures](const char *key) {
        return std::chrono::milliseconds(figures.value(QLatin1String(key)).toLongLong());
    };
    QStringList parts;
    if (figures.contains(QStringLiteral("detection_ms")))
        parts.append(tr("Detection %1").arg(QuantityText::duration(ms("detection_ms"))));
    if (figures.contains(QStringLiteral("promotion_ms")))
        parts.append(tr("Promotion %1").arg(QuantityText::duration(ms("promotion_ms"))));
    if (figures.contains(QStringLiteral("rto_ms")))
        parts.append(tr("RTO %1").arg(QuantityText::duration(ms("rto_ms"))));
    if (const QString rpo = RpoText::measured(figures); !rpo.isEmpty())
        parts.append(tr("RPO %1").arg(rpo));
    else if (figures.contains(QStringLiteral("rpo_unknown")))
        parts.append(tr("RPO not measured: %1")
                         .arg(figures.value(QStringLiteral("rpo_unknown")).toString()));
    return parts.join(QStringLiteral(" \u00b7 "));
}

} // namespace Console
