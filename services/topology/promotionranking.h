#pragma once

#include "topologytypes.h"

#include <QList>

namespace Console {

// Orders standbys for promotion: healthy first, then the least expected data loss, then the
// configured failover priority, then configuration order. A known loss ranks before an unknown
// one: promoting blind is the last resort. Pure, so the failover gates and the views agree.
QList<PromotionCandidate> rankCandidates(QList<PromotionCandidate> candidates);

// The loss figure candidates are compared by: bytes against the old primary when known, else
// bytes behind the most advanced standby; unset when neither is known.
std::optional<qint64> comparableLossBytes(const ExpectedLoss &loss);

} // namespace Console
