#pragma once

#include "topologytypes.h"

#include <QDateTime>
#include <QString>

#include <optional>

namespace Console {

// How one endpoint's replication reads in the table: a cell (text), its tooltip (detail) and the
// figures the charts and delegates use. Only wording here: what the figures mean (worst lag,
// warnings, expected loss) is the topology's (services/topology).
struct ReplicationSummary
{
    QString text;
    // The same figures without the words around them ("13.7 s · 23.0 MiB · paused"), for a cell
    // too narrow for `text`: an elided "lag 13.7 s · 23.0 MiB beh…" hides what matters.
    QString compact;
    QString detail;
    std::optional<qint64> worstLagBytes;
    std::optional<double> worstLagSeconds;
    bool warning = false;

    bool operator==(const ReplicationSummary &) const = default;
};

// `node` is the endpoint's topology node when it has one (its last answer fills the tooltip).
// `now` dates stale figures ("last seen 12 s ago: ..."); the table recomputes the summary on every
// topology change, and a node that stopped answering is still probed, so the age stays current.
ReplicationSummary summarizeReplication(const NodeReplication &replication, const NodeState *node,
    const QDateTime &now = QDateTime::currentDateTimeUtc());

} // namespace Console
