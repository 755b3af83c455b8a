#include "roletracker.h"

#include <QSignalSpy>
#include <QTest>

using namespace Console;

class tst_RoleTracker : public QObject
{
    Q_OBJECT

private:
    static ConsoleConfig config()
    {
        ConsoleConfig c;
        RegionConfig east;
        east.id = QStringLiteral("us-east");
        east.role = RegionRole::Primary;
        EndpointConfig db;
        db.id = QStringLiteral("us-east-db");
        db.kind = EndpointKind::Postgres;
        EndpointConfig web;
        web.id = QStringLiteral("us-east-web");
        east.endpoints = { db, web };
        RegionConfig west;
        west.id = QStringLiteral("eu-west");
        west.role = RegionRole::Standby;
        EndpointConfig westDb = db;
        westDb.id = QStringLiteral("eu-west-db");
        west.endpoints = { westDb };
        c.regions = { east, west };
        return c;
    }

    static ProbeResult observed(const QString &id, std::optional<PostgresRole> role)
    {
        ProbeResult r;
        r.endpointId = id;
        r.status = role ? ProbeStatus::Ok : ProbeStatus::Refused;
        r.startedAt = QDateTime::currentDateTimeUtc();
        if (role) {
            r.postgres = PostgresObservation();
            r.postgres->role = *role;
        }
        return r;
    }

private slots:
    void firstSightThenPromotion()
    {
        RoleTracker tracker(config());
        QSignalSpy spy(&tracker, &RoleTracker::roleChanged);
        const QString west = QStringLiteral("eu-west-db");

        tracker.onProbeResult(observed(west, PostgresRole::Standby));
        QCOMPARE(spy.count(), 1);
        auto change = spy.takeFirst().at(0).value<RoleChange>();
        QVERIFY(!change.from);
        QVERIFY(!change.mismatch);
        QCOMPARE(change.regionId, QStringLiteral("eu-west"));

        // Same role, and a failed probe, say nothing.
        tracker.onProbeResult(observed(west, PostgresRole::Standby));
        tracker.onProbeResult(observed(west, std::nullopt));
        QCOMPARE(spy.count(), 0);

        // Promoted: the configured standby now answers as primary, which contradicts the config.
        tracker.onProbeResult(observed(west, PostgresRole::Primary));
        QCOMPARE(spy.count(), 1);
        change = spy.takeFirst().at(0).value<RoleChange>();
        QVERIFY(change.from && *change.from == PostgresRole::Standby);
        QVERIFY(change.to == PostgresRole::Primary);
        QVERIFY(change.mismatch);
        QVERIFY(tracker.role(west) == PostgresRole::Primary);
    }

    void ignoresNonPostgresAndUnknownEndpoints()
    {
        RoleTracker tracker(config());
        QSignalSpy spy(&tracker, &RoleTracker::roleChanged);
        tracker.onProbeResult(observed(QStringLiteral("us-east-web"), PostgresRole::Primary));
        tracker.onProbeResult(observed(QStringLiteral("nowhere"), PostgresRole::Primary));
        QCOMPARE(spy.count(), 0);
        QVERIFY(!tracker.role(QStringLiteral("us-east-db")));
    }

    void contradictionRule()
    {
        QVERIFY(!roleContradicts(RegionRole::Primary, PostgresRole::Primary));
        QVERIFY(roleContradicts(RegionRole::Primary, PostgresRole::Standby));
        QVERIFY(!roleContradicts(RegionRole::Replica, PostgresRole::Standby));
        QVERIFY(!roleContradicts(RegionRole::Standby, PostgresRole::Standby));
        QVERIFY(roleContradicts(RegionRole::Replica, PostgresRole::Primary));
    }
};

QTEST_GUILESS_MAIN(tst_RoleTracker)
#include "tst_roletracker.moc"
