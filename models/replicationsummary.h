#pragma once

#include "postgresobservation.h"

#include <QString>

#include <optional>

namespace Console {

// What one PostgreSQL observation says about replication, condensed for a table cell (text),
// its tooltip (detail) and the charts (the worst lag in bytes and seconds).
struct ReplicationSummary
{
    QString text;
    QString detail;
    std::optional<qint64> worstLagBytes;
    std::optional<double> worstLagSeconds;
    bool warning = false; // no standby streaming from a primary, or replay paused on a standby

    bool operator==(const ReplicationSummary &) const = default;
};

ReplicationSummary summarizeReplication(const PostgresObservation &observation);
// An HTTP health endpoint's own report of its replication lag.
ReplicationSummary summarizeReportedLag(double seconds);

} // namespace Console
