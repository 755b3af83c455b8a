#include "promotionranking.h"

#include <algorithm>
#include <tuple>

namespace Console {

namespace {
// Healthy, then degraded, then not yet judged, then unhealthy.
int healthOrder(Health health)
{
    switch (health) {
    case Health::Healthy: return 0;
    case Health::Degraded: return 1;
    case Health::Unknown: return 2;
    case Health::Unhealthy: return 3;
    }
    return 3;
}
} // namespace

std::optional<qint64> comparableLossBytes(const ExpectedLoss &loss)
{
    if (loss.bytes)
        return loss.bytes;
    return loss.bytesBehindBestStandby;
}

QList<PromotionCandidate> rankCandidates(QList<PromotionCandidate> candidates)
{
    const auto key = [](const PromotionCandidate &c) {
        const std::optional<qint64> loss = comparableLossBytes(c.loss);
        return std::make_tuple(healthOrder(c.health), loss ? 0 : 1, loss.value_or(0),
            c.loss.rows.value_or(0), c.failoverPriority);
    };
    // Stable: equal candidates keep configuration order.
    std::stable_sort(candidates.begin(), candidates.end(),
        [&key](
            const PromotionCandidate &a, const PromotionCandidate &b) { return key(a) < key(b); });
    return candidates;
}

} // namespace Console
