#include "rpotext.h"

#include "quantitytext.h"

#include <chrono>

namespace Console {

QString RpoText::measured(const QVariantMap &figures)
{
    const auto ms = [&figures](const char *key) {
        return QuantityText::duration(
            std::chrono::milliseconds(figures.value(QLatin1String(key)).toLongLong()));
    };
    if (!figures.contains(QStringLiteral("rpo_ms")))
        return {};
    if (figures.value(QStringLiteral("rpo_basis")).toString() == u"reported-lag")
        return tr("%1 (standby's reported lag, %2 old)").arg(ms("rpo_ms"), ms("rpo_report_age_ms"));
    if (figures.contains(QStringLiteral("rpo_rows"))) {
        const qint64 rows = figures.value(QStringLiteral("rpo_rows")).toLongLong();
        return rows == 1 ? tr("%1 (1 heartbeat row)").arg(ms("rpo_ms"))
                         : tr("%1 (%2 heartbeat rows)").arg(ms("rpo_ms")).arg(rows);
    }
    return ms("rpo_ms");
}

} // namespace Console
