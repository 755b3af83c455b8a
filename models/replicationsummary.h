#pragma once

#include "topologytypes.h"

#include <QString>

#include <optional>

namespace Console {

// How one endpoint's replication reads in the table: a cell (text), its tooltip (detail) and the
// figures the charts and delegates use. Only wording here: what the figures mean (worst lag,
// warnings, expected loss) is the topology's (services/topology).
struct ReplicationSummary
{
    QString text;
    QString detail;
    std::optional<qint64> worstLagBytes;
    std::optional<double> worstLagSeconds;
    bool warning = false;

    bool operator==(const ReplicationSummary &) const = default;
};

// `node` is the endpoint's topology node when it has one (its last answer fills the tooltip).
ReplicationSummary summarizeReplication(const NodeReplication &replication, const NodeState *node);

} // namespace Console
