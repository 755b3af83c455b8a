#pragma once

#include "pgresultset.h"
#include "postgresobservation.h"
#include "postgresquery.h"

#include <QCoreApplication>

namespace Console {

// Turns the results of one probe query into a PostgresObservation. Pure: the rules for NULLs
// (a fresh standby has no replay timestamp, an unprivileged role sees no LSNs), for a missing
// heartbeat table and for failed statements are tested without a server.
class PostgresObservationReader final
{
    Q_DECLARE_TR_FUNCTIONS(PostgresObservationReader)

public:
    struct Outcome
    {
        bool ok = false; // the status statement answered as expected
        QString error; // why not, for a BadBody reason
        QByteArray sqlState; // of the failed statement, if the server sent one
        PostgresObservation observation;
        bool heartbeatCommitted = false; // the write's row came back and nothing failed after it
    };

    static Outcome read(const QList<PgResultSet> &results, const PostgresQuery::Plan &plan);

private:
    static bool readStatus(const PgResultSet &set, PostgresObservation *observation);
    static void readReplication(const PgResultSet &set, PostgresObservation *observation);
    static void readHeartbeat(
        const QList<PgResultSet> &results, const PostgresQuery::Plan &plan, Outcome *outcome);
};

} // namespace Console
