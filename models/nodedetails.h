#pragma once

#include "health.h"
#include "topologytypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Console {

// One line of the detail pane: what it is, its value, and whether it deserves attention.
struct DetailRow
{
    QString label;
    QString value;
    bool warning = false;

    bool operator==(const DetailRow &) const = default;
};

// A failed probe remembered for the detail pane.
struct RecentError
{
    QDateTime at;
    QString text;

    bool operator==(const RecentError &) const = default;
};

// What the detail pane shows for one node: every figure its last answer holds, in words, so the
// table can stay narrow and nothing lives only in a tooltip. Pure: tested without a window.
class NodeDetails
{
    Q_DECLARE_TR_FUNCTIONS(NodeDetails)
public:
    struct Input
    {
        QString name;
        QString target; // host and port, never a password
        Health health = Health::Unknown;
        QString reason;
        QDateTime since;
        const NodeState *node = nullptr; // null for an endpoint that reports no role
        NodeReplication replication;
        QList<RecentError> errors; // newest first
    };

    static QList<DetailRow> rows(const Input &input, const QDateTime &now);
};

} // namespace Console
