#pragma once

#include <Qt>

namespace Console {

// Item-data roles shared by the models and the ui delegates; values carry meaning, never colours.
enum ItemRole : int {
    HealthRole = Qt::UserRole + 1, // Console::Health as int
    RegionIdRole, // QString
    EndpointIdRole, // QString, empty on a region row
    IsRegionRole, // bool
    LatencyMsRole, // double, -1 when unknown
    SuccessRateRole, // double 0..1, -1 when unknown
    RegionRoleRole, // Console::RegionRole as int (configured role)
    SortRole, // a value that sorts the column naturally
    TimestampRole, // QDateTime (event log)
    SeverityRole, // Console::EventSeverity as int (event log)
    WarningRole, // bool: the cell says something to look at (role contradicts the
                 // configuration, no standby streaming, replay paused)
    LagBytesRole, // qint64, the worst replication lag in bytes; invalid if unknown
    LagSecondsRole, // double, the worst replication lag in seconds; invalid if unknown
    IsPrimaryRole, // bool: the servers report this endpoint (or one in this region) as primary
    EventKindRole, // Console::EventKind as int (event log)
    EventFieldsRole, // QVariantMap: the event's structured fields (event log)
    CauseRole, // QString: why the verdict is what it is, pill-sized ("refused", "lag 3.1 MiB")
    SinceRole, // QDateTime: when the current verdict began (UTC); invalid before the first
    LastProbeRole, // QDateTime: when the endpoint's last probe started (UTC); endpoint rows only
    ObservedRoleRole, // Console::PostgresRole as int, as the servers report; invalid if none
    CompactTextRole, // QString: the display text's figures alone, for a cell too narrow for it
};

} // namespace Console
