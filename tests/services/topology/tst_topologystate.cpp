#include "configbuilder.h"
#include "eventhub.h"
#include "fakeclock.h"
#include "heartbeatledger.h"
#include "topologystate.h"

#include <QSignalSpy>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

namespace {

const QString East = QStringLiteral("us-east-db");
const QString West = QStringLiteral("eu-west-db");
const QString Apac = QStringLiteral("ap-db");

// Three PostgreSQL servers, one per region, plus an HTTP endpoint that is no server.
ConsoleConfig threeServers()
{
    return ConfigBuilder()
        .region(QStringLiteral("us-east"), RegionRole::Primary)
        .postgres(East, QStringLiteral("host=127.0.0.1 port=5432 dbname=postgres"))
        .http(QStringLiteral("us-east-rest"), QUrl(QStringLiteral("http://127.0.0.1:1/")))
        .region(QStringLiteral("eu-west"), RegionRole::Standby)
        .postgres(West, QStringLiteral("host=127.0.0.1 port=5433 dbname=postgres"))
        .region(QStringLiteral("ap"), RegionRole::Replica)
        .postgres(Apac, QStringLiteral("host=127.0.0.1 port=5434 dbname=postgres"))
        .build();
}

StandbyReplication row(const QString &name, qint64 lagBytes, std::optional<double> replayLag)
{
    StandbyReplication r;
    r.name = name;
    r.state = QStringLiteral("streaming");
    r.lagBytes = lagBytes;
    r.replayLagS = replayLag;
    return r;
}

ProbeResult primary(
    const QString &id, const QString &currentLsn, const QList<StandbyReplication> &standbys)
{
    ProbeResult r;
    r.endpointId = id;
    r.status = ProbeStatus::Ok;
    PostgresObservation o;
    o.role = PostgresRole::Primary;
    o.currentLsn = currentLsn;
    o.standbys = standbys;
    r.postgres = o;
    return r;
}

// A standby that names itself `name` to its upstream, holding WAL up to `receiveLsn`.
ProbeResult standby(const QString &id, const QString &name, const QString &receiveLsn,
    std::optional<double> heartbeatLag = std::nullopt, bool paused = false)
{
    ProbeResult r;
    r.endpointId = id;
    r.status = ProbeStatus::Ok;
    PostgresObservation o;
    o.role = PostgresRole::Standby;
    o.receiveLsn = receiveLsn;
    o.replayLsn = receiveLsn;
    o.receiverStatus = QStringLiteral("streaming");
    o.receiverApplicationName = name;
    o.senderHost = QStringLiteral("10.0.0.1");
    o.senderPort = 5432;
    o.heartbeatLagS = heartbeatLag;
    o.replayPaused = paused;
    r.postgres = o;
    return r;
}

ProbeResult refused(const QString &id)
{
    ProbeResult r;
    r.endpointId = id;
    r.status = ProbeStatus::Refused;
    r.reason = QStringLiteral("connection refused");
    return r;
}

HealthChange healthOf(const QString &id, Health to)
{
    HealthChange c;
    c.endpointId = id;
    c.regionId = QStringLiteral("r");
    c.to = to;
    return c;
}

struct Fixture
{
    FakeClock clock;
    EventHub hub { &clock };
    HeartbeatLedger ledger;
    TopologyState topology { threeServers() };
    QList<ConsoleEvent> events;

    Fixture()
    {
        topology.setClock(&clock);
        topology.setEventHub(&hub);
        topology.setHeartbeatLedger(&ledger);
        QObject::connect(
            &hub, &EventHub::published, &hub, [this](const ConsoleEvent &e) { events.append(e); });
    }

    // A healthy deployment: east primary at 0/5000000, both standbys caught up.
    void steady()
    {
        topology.observe(primary(East, QStringLiteral("0/5000000"),
            { row(QStringLiteral("west"), 0, std::nullopt),
                row(QStringLiteral("apac"), 4096, 0.25) }));
        topology.observe(standby(West, QStringLiteral("west"), QStringLiteral("0/5000000"), 0.1));
        topology.observe(standby(Apac, QStringLiteral("apac"), QStringLiteral("0/4FFF000")));
        for (const QString &id : { East, West, Apac })
            topology.onHealthChanged(healthOf(id, Health::Healthy));
    }

    QList<ConsoleEvent> eventsOf(EventKind kind) const
    {
        QList<ConsoleEvent> out;
        for (const ConsoleEvent &e : events) {
            if (e.kind == kind)
                out.append(e);
        }
        return out;
    }
};

} // namespace

class tst_TopologyState final : public QObject
{
    Q_OBJECT
private slots:
    void unknownUntilEveryServerWasProbed();
    void onePrimaryAsTheServersSay();
    void configContradictionIsAWarningNotTheTruth();
    void linksMatchedByApplicationName();
    void lagReadingsForTheHealthMonitor();
    void oneLostProbeLosesNothing();
    void refusingNewSessionsIsStillThePrimary();
    void lostPrimaryFreezesLagAndNamesTheCandidate();
    void candidatesRanked();
    void promotionThenSplitBrain();
    void withoutEverSeeingThePrimary();
    void pausedReplayIsEvented();
    void reportedLagOfHttpEndpoints();
    void httpOnlyRegionsReportTheirRole();
    void httpPrimaryLossIsDatedAndNamedByRegion();
};

void tst_TopologyState::unknownUntilEveryServerWasProbed()
{
    Fixture f;
    QCOMPARE(toString(f.topology.primary().status), toString(PrimaryStatus::Unknown));
    // A standby answering first must not raise "no primary" while the primary was not asked.
    f.topology.observe(standby(West, QStringLiteral("west"), QStringLiteral("0/10")));
    f.topology.observe(standby(Apac, QStringLiteral("apac"), QStringLiteral("0/10")));
    QCOMPARE(toString(f.topology.primary().status), toString(PrimaryStatus::Unknown));
    QVERIFY(f.eventsOf(EventKind::PrimaryState).isEmpty());
    // The HTTP endpoint is no server: it does not hold the state back.
    QCOMPARE(f.topology.nodes().size(), 3);
    f.topology.observe(refused(East));
    QCOMPARE(toString(f.topology.primary().status), toString(PrimaryStatus::NoneReachable));
}

void tst_TopologyState::onePrimaryAsTheServersSay()
{
    Fixture f;
    QSignalSpy changed(&f.topology, &TopologyState::changed);
    f.steady();
    const PrimaryState &p = f.topology.primary();
    QCOMPARE(toString(p.status), toString(PrimaryStatus::One));
    QCOMPARE(p.endpointId, East);
    QCOMPARE(p.regionId, QStringLiteral("us-east"));
    QCOMPARE(p.lastPrimaryLsn, QStringLiteral("0/5000000"));
    QVERIFY(changed.count() > 0);
    const QList<ConsoleEvent> states = f.eventsOf(EventKind::PrimaryState);
    QCOMPARE(states.size(), 1);
    QCOMPARE(toString(states.constFirst().severity), toString(EventSeverity::Info));
    QCOMPARE(states.constFirst().field(QStringLiteral("status")).toString(), QStringLiteral("one"));
    QCOMPARE(states.constFirst().message,
        QStringLiteral("us-east-db is the primary, as the servers report."));
    // Each server's first role is news, not an alarm, when it agrees with the configuration.
    const QList<ConsoleEvent> roles = f.eventsOf(EventKind::RoleObserved);
    QCOMPARE(roles.size(), 3);
    for (const ConsoleEvent &e : roles)
        QCOMPARE(toString(e.severity), toString(EventSeverity::Info));
}

void tst_TopologyState::configContradictionIsAWarningNotTheTruth()
{
    Fixture f;
    // The configured primary answers as a standby; the configured standby as the primary.
    f.topology.observe(standby(East, QStringLiteral("east"), QStringLiteral("0/10")));
    f.topology.observe(
        primary(West, QStringLiteral("0/20"), { row(QStringLiteral("east"), 0, 0.0) }));
    f.topology.observe(standby(Apac, QStringLiteral("apac"), QStringLiteral("0/10")));
    QCOMPARE(f.topology.primary().endpointId, West);
    QVERIFY(f.topology.node(East)->contradictsConfig());
    QVERIFY(!f.topology.node(Apac)->contradictsConfig());
    const QList<ConsoleEvent> roles = f.eventsOf(EventKind::RoleObserved);
    QCOMPARE(roles.size(), 3);
    QCOMPARE(toString(roles.at(0).severity), toString(EventSeverity::Warning));
    QCOMPARE(roles.at(0).message,
        QStringLiteral(
            "us-east-db reports it is a standby, but the configuration says the primary."));
    QCOMPARE(roles.at(0).field(QStringLiteral("contradicts_config")).toBool(), true);
    QCOMPARE(toString(roles.at(2).severity), toString(EventSeverity::Info));
}

void tst_TopologyState::linksMatchedByApplicationName()
{
    Fixture f;
    f.steady();
    // An unconfigured standby the primary lists is kept, under its name.
    f.topology.observe(primary(East, QStringLiteral("0/5000000"),
        { row(QStringLiteral("west"), 0, std::nullopt), row(QStringLiteral("apac"), 4096, 0.25),
            row(QStringLiteral("adhoc"), 100, 0.01) }));
    QCOMPARE(f.topology.links().size(), 3);
    const ReplicationLink west = *f.topology.linkFor(West);
    QCOMPARE(west.upstreamId, East);
    QCOMPARE(west.standbyName, QStringLiteral("west"));
    QCOMPARE(west.upstreamAddress, QStringLiteral("10.0.0.1:5432"));
    QVERIFY(west.seenFromUpstream && west.seenFromStandby && west.streaming());
    const NodeReplication up = f.topology.replicationOf(East);
    QCOMPARE(up.standbys.size(), 3);
    QCOMPARE(up.streamingStandbys, 3);
    QCOMPARE(*up.worstLagBytes, qint64(4096));
    QCOMPARE(*up.worstLagSeconds, 0.25);
    QVERIFY(!up.warning());
    bool adhoc = false;
    for (const ReplicationLink &link : f.topology.links())
        adhoc |= link.standbyId.isEmpty() && link.standbyName == QLatin1String("adhoc");
    QVERIFY(adhoc);
    // Streaming started is news for each configured standby.
    QCOMPARE(f.eventsOf(EventKind::ReplicationLink).size(), 2);
}

void tst_TopologyState::lagReadingsForTheHealthMonitor()
{
    Fixture f;
    f.steady();
    // The heartbeat measures end to end: with nothing outstanding upstream, its 0.1 s stands.
    const LagReading west = *f.topology.lagReading(West);
    QCOMPARE(*west.seconds, 0.1);
    QCOMPARE(*west.bytes, qint64(0));
    // A standby paused before this console started holds none of its heartbeats: they say 6.7 s
    // (since the first), the upstream's replay lag 205 s (since the replay stopped). As seen on
    // the lab, where the table read 6.67 s for a replica three minutes behind.
    f.topology.observe(primary(East, QStringLiteral("0/5000000"),
        { row(QStringLiteral("west"), 12 * 1024 * 1024, 205.0),
            row(QStringLiteral("apac"), 4096, 0.25) }));
    f.topology.observe(
        standby(West, QStringLiteral("west"), QStringLiteral("0/4000000"), 6.7, true));
    QCOMPARE(*f.topology.lagReading(West)->seconds, 205.0);
    // Caught up, nothing waiting: the upstream's last figure lingers a while; the heartbeat wins.
    f.topology.observe(primary(East, QStringLiteral("0/5000000"),
        { row(QStringLiteral("west"), 0, 205.0), row(QStringLiteral("apac"), 4096, 0.25) }));
    f.topology.observe(standby(West, QStringLiteral("west"), QStringLiteral("0/5000000"), 0.2));
    QCOMPARE(*f.topology.lagReading(West)->seconds, 0.2);
    f.steady();
    // Without a heartbeat, the upstream's replay lag; NULL with nothing outstanding means 0.
    const LagReading apac = *f.topology.lagReading(Apac);
    QCOMPARE(*apac.seconds, 0.25);
    QCOMPARE(*apac.bytes, qint64(4096));
    f.topology.observe(primary(East, QStringLiteral("0/5000000"),
        { row(QStringLiteral("west"), 0, std::nullopt),
            row(QStringLiteral("apac"), 0, std::nullopt) }));
    f.topology.observe(standby(Apac, QStringLiteral("apac"), QStringLiteral("0/5000000")));
    QCOMPARE(*f.topology.lagReading(Apac)->seconds, 0.0);
    // The primary has no lag of its own.
    QVERIFY(f.topology.lagReading(East)->isPrimary);
    QVERIFY(!f.topology.lagReading(East)->seconds);
    QVERIFY(!f.topology.lagReading(Apac)->notStreaming);
    QVERIFY(!f.topology.lagReading(Apac)->isPrimary);
    // A standby whose receiver stopped while the primary is up streams from nobody.
    ProbeResult stopped = standby(Apac, QStringLiteral("apac"), QStringLiteral("0/5000000"));
    stopped.postgres->receiverStatus.clear();
    f.topology.observe(primary(
        East, QStringLiteral("0/5000000"), { row(QStringLiteral("west"), 0, std::nullopt) }));
    f.topology.observe(stopped);
    QVERIFY(f.topology.lagReading(Apac)->notStreaming);
}

void tst_TopologyState::oneLostProbeLosesNothing()
{
    Fixture f;
    f.steady();
    ProbeResult timeout;
    timeout.endpointId = East;
    timeout.status = ProbeStatus::Timeout;
    f.topology.observe(timeout);
    f.topology.onHealthChanged(healthOf(East, Health::Degraded));
    QCOMPARE(toString(f.topology.primary().status), toString(PrimaryStatus::One));
    // Its replication figures are now stale, and say so.
    QVERIFY(f.topology.replicationOf(East).stale);
}

// The prober fails a probe whose fresh-connection check is refused (pg_hba.conf, max_connections)
// but keeps what the kept session answered: the server is unhealthy for new clients, yet it runs
// and takes writes, so it stays the one primary with current figures, not a lost one.
void tst_TopologyState::refusingNewSessionsIsStillThePrimary()
{
    Fixture f;
    f.steady();
    ProbeResult refusing = primary(
        East, QStringLiteral("0/5000100"), { row(QStringLiteral("west"), 0, std::nullopt) });
    refusing.status = ProbeStatus::Refused;
    refusing.reason = QStringLiteral("new sessions fail: 127.0.0.1:5432 refuses new sessions: "
                                     "pg_hba.conf rejects connection for host \"127.0.0.1\"");
    f.topology.observe(refusing);
    f.topology.onHealthChanged(healthOf(East, Health::Unhealthy));
    QCOMPARE(toString(f.topology.primary().status), toString(PrimaryStatus::One));
    QCOMPARE(f.topology.primary().endpointId, East);
    QCOMPARE(f.topology.primary().lastPrimaryLsn, QStringLiteral("0/5000100"));
    QVERIFY(f.topology.node(East)->reachable());
    QVERIFY(!f.topology.replicationOf(East).stale);
    // Nobody is proposed for promotion.
    QVERIFY(f.eventsOf(EventKind::PromotionCandidate).isEmpty());
}

void tst_TopologyState::lostPrimaryFreezesLagAndNamesTheCandidate()
{
    Fixture f;
    f.steady();
    f.ledger.recordAcknowledged(East, 7, f.clock.wallNow());
    f.ledger.recordSeen(West, 7, f.clock.wallNow());
    f.ledger.recordSeen(Apac, 5, f.clock.wallNow().addSecs(-2));
    f.clock.advance(1s);
    f.topology.observe(refused(East));
    f.topology.onHealthChanged(healthOf(East, Health::Unhealthy));

    const PrimaryState &p = f.topology.primary();
    QCOMPARE(toString(p.status), toString(PrimaryStatus::NoneReachable));
    QCOMPARE(p.lastPrimaryId, East);
    // The lost primary's row shows its standbys as its last answer listed them, marked stale;
    // each standby still knows which configured node it streamed from.
    const NodeReplication lost = f.topology.replicationOf(East);
    QVERIFY(lost.stale);
    QCOMPARE(lost.standbys.size(), 2);
    QVERIFY(!lost.noStandbyStreaming);
    QCOMPARE(f.topology.linkFor(West)->upstreamId, East);
    QVERIFY(!f.topology.linkFor(West)->seenFromUpstream);
    const QList<ConsoleEvent> states = f.eventsOf(EventKind::PrimaryState);
    QCOMPARE(toString(states.constLast().severity), toString(EventSeverity::Critical));
    QCOMPARE(states.constLast().field(QStringLiteral("status")).toString(),
        QStringLiteral("none-reachable"));

    // The lag the health monitor judges stays where it was at the loss: the heartbeat's age
    // would only count the time since. A paused replay is still the standby's own news.
    f.topology.observe(standby(West, QStringLiteral("west"), QStringLiteral("0/5000000"), 12.0));
    ProbeResult lostStream
        = standby(West, QStringLiteral("west"), QStringLiteral("0/5000000"), 12.0);
    lostStream.postgres->receiverStatus.clear();
    f.topology.observe(lostStream);
    const LagReading frozen = *f.topology.lagReading(West);
    QVERIFY(!frozen.notStreaming); // expected with the primary gone, not this standby's fault
    QCOMPARE(*frozen.seconds, 0.1);
    QCOMPARE(*frozen.bytes, qint64(0));
    QVERIFY(!frozen.replayPaused);
    f.topology.observe(
        standby(West, QStringLiteral("west"), QStringLiteral("0/5000000"), 13.0, true));
    QCOMPARE(*f.topology.lagReading(West)->seconds, 0.1);
    QVERIFY(f.topology.lagReading(West)->replayPaused);
    f.topology.observe(standby(West, QStringLiteral("west"), QStringLiteral("0/5000000"), 12.0));

    // Expected loss against the last position the primary was seen at, a lower bound now.
    const ExpectedLoss west = f.topology.expectedLoss(West);
    QCOMPARE(*west.bytes, qint64(0));
    QVERIFY(west.bytesIsLowerBound);
    QCOMPARE(*west.rows, qint64(0));
    const ExpectedLoss apac = f.topology.expectedLoss(Apac);
    QCOMPARE(*apac.bytes, qint64(0x1000));
    QCOMPARE(*apac.rows, qint64(1));
    QCOMPARE(*apac.bytesBehindBestStandby, qint64(0x1000));
    QVERIFY(f.topology.replicationOf(West).expectedLoss.has_value());

    const QList<PromotionCandidate> candidates = f.topology.candidates();
    QCOMPARE(candidates.size(), 2);
    QCOMPARE(candidates.at(0).endpointId, West);
    const QList<ConsoleEvent> named = f.eventsOf(EventKind::PromotionCandidate);
    QCOMPARE(named.size(), 1);
    QCOMPARE(named.constFirst().field(QStringLiteral("candidate")).toString(), West);
    QCOMPARE(named.constFirst().field(QStringLiteral("loss_bytes")).toLongLong(), 0);
    QCOMPARE(named.constFirst().message,
        QStringLiteral("Best standby to promote: eu-west-db; expected data loss at least 0 B "
                       "and 0 heartbeat row(s)."));

    // Probes go on; the figures do not count up, and the candidate is not named again.
    for (int i = 0; i < 5; ++i) {
        f.clock.advance(1s);
        f.topology.observe(
            standby(West, QStringLiteral("west"), QStringLiteral("0/5000000"), 13.0 + i));
        f.topology.observe(refused(East));
    }
    QCOMPARE(f.topology.expectedLoss(West), west);
    QCOMPARE(f.eventsOf(EventKind::PromotionCandidate).size(), 1);
}

void tst_TopologyState::candidatesRanked()
{
    ConsoleConfig config = threeServers();
    config.regions[2].failoverPriority = 0; // ap before eu-west (1) when all else is equal
    config.regions[0].failoverPriority = 2;
    FakeClock clock;
    TopologyState topology(config);
    topology.setClock(&clock);
    topology.observe(primary(East, QStringLiteral("0/5000000"), {}));
    topology.observe(standby(West, QStringLiteral("west"), QStringLiteral("0/5000000")));
    topology.observe(standby(Apac, QStringLiteral("apac"), QStringLiteral("0/5000000")));
    for (const QString &id : { East, West, Apac })
        topology.onHealthChanged(healthOf(id, Health::Healthy));
    topology.observe(refused(East));
    topology.onHealthChanged(healthOf(East, Health::Unhealthy));
    QCOMPARE(topology.candidates().at(0).endpointId, Apac); // priority breaks the tie

    // Less loss beats priority...
    topology.observe(standby(Apac, QStringLiteral("apac"), QStringLiteral("0/4000000")));
    QCOMPARE(topology.candidates().at(0).endpointId, West);
    // ...and health beats loss.
    topology.onHealthChanged(healthOf(West, Health::Degraded));
    QCOMPARE(topology.candidates().at(0).endpointId, Apac);
    // An unreachable standby is no candidate at all.
    topology.observe(refused(Apac));
    topology.onHealthChanged(healthOf(Apac, Health::Unhealthy));
    QCOMPARE(topology.candidates().size(), 1);
    QCOMPARE(topology.candidates().at(0).endpointId, West);
}

void tst_TopologyState::promotionThenSplitBrain()
{
    Fixture f;
    f.steady();
    f.topology.observe(refused(East));
    f.topology.onHealthChanged(healthOf(East, Health::Unhealthy));
    // West is promoted: it reports primary, and the state follows at once.
    f.topology.observe(primary(West, QStringLiteral("0/6000000"), {}));
    QCOMPARE(toString(f.topology.primary().status), toString(PrimaryStatus::One));
    QCOMPARE(f.topology.primary().endpointId, West);
    QCOMPARE(f.topology.primary().lastPrimaryLsn, QStringLiteral("0/6000000"));
    const QList<ConsoleEvent> changes = f.eventsOf(EventKind::RoleChanged);
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.constFirst().message,
        QStringLiteral("eu-west-db is now the primary (it was a standby)."));
    const ConsoleEvent moved = f.eventsOf(EventKind::PrimaryState).constLast();
    QCOMPARE(toString(moved.severity), toString(EventSeverity::Warning));
    QCOMPARE(moved.field(QStringLiteral("previous_primary")).toString(), East);

    // The old primary answers again as writable, while its verdict is still unhealthy: a server
    // that answers and accepts writes is a second primary now, not after its recovery run.
    f.topology.observe(primary(East, QStringLiteral("0/5000100"), {}));
    QCOMPARE(toString(f.topology.primary().status), toString(PrimaryStatus::Several));
    QCOMPARE(f.topology.primary().writableIds, QStringList({ East, West }));
    const ConsoleEvent split = f.eventsOf(EventKind::PrimaryState).constLast();
    QCOMPARE(toString(split.severity), toString(EventSeverity::Critical));
    QCOMPARE(split.message,
        QStringLiteral("2 writable primaries: us-east-db, eu-west-db. Writes to them diverge."));
}

void tst_TopologyState::withoutEverSeeingThePrimary()
{
    // A console started after the crash: the standbys are all it can read. It says plainly that
    // the loss against the old primary is unknown, and still ranks the standbys against each other.
    Fixture f;
    f.topology.observe(refused(East));
    f.topology.onHealthChanged(healthOf(East, Health::Unhealthy));
    f.topology.observe(standby(West, QStringLiteral("west"), QStringLiteral("0/5000000")));
    f.topology.observe(standby(Apac, QStringLiteral("apac"), QStringLiteral("0/4FFF000")));
    QCOMPARE(toString(f.topology.primary().status), toString(PrimaryStatus::NoneReachable));
    const ExpectedLoss apac = f.topology.expectedLoss(Apac);
    QVERIFY(!apac.bytes);
    QVERIFY(!apac.rows);
    QCOMPARE(*apac.bytesBehindBestStandby, qint64(0x1000));
    QVERIFY(apac.unknownReason.contains(QStringLiteral("no primary was seen")));
    QCOMPARE(f.topology.candidates().at(0).endpointId, West);
    const ConsoleEvent named = f.eventsOf(EventKind::PromotionCandidate).constLast();
    QVERIFY(named.field(QStringLiteral("loss_bytes")).isNull());
    QVERIFY(named.message.contains(QStringLiteral("unknown")));
}

void tst_TopologyState::pausedReplayIsEvented()
{
    Fixture f;
    f.steady();
    f.topology.observe(
        standby(Apac, QStringLiteral("apac"), QStringLiteral("0/4FFF000"), 3.0, true));
    QVERIFY(f.topology.lagReading(Apac)->replayPaused);
    QVERIFY(f.topology.replicationOf(Apac).warning());
    QList<ConsoleEvent> paused = f.eventsOf(EventKind::ReplayPaused);
    QCOMPARE(paused.size(), 1);
    QCOMPARE(toString(paused.constFirst().severity), toString(EventSeverity::Warning));
    f.topology.observe(
        standby(Apac, QStringLiteral("apac"), QStringLiteral("0/4FFF000"), 3.0, true));
    QCOMPARE(f.eventsOf(EventKind::ReplayPaused).size(), 1); // once per pause, not per probe
    f.topology.observe(standby(Apac, QStringLiteral("apac"), QStringLiteral("0/5000000"), 0.1));
    paused = f.eventsOf(EventKind::ReplayPaused);
    QCOMPARE(paused.size(), 2);
    QCOMPARE(toString(paused.constLast().severity), toString(EventSeverity::Info));
}

void tst_TopologyState::reportedLagOfHttpEndpoints()
{
    Fixture f;
    ProbeResult r;
    r.endpointId = QStringLiteral("us-east-rest");
    r.status = ProbeStatus::Ok;
    r.reportedLagSeconds = 2.5;
    f.topology.observe(r);
    const LagReading lag = *f.topology.lagReading(QStringLiteral("us-east-rest"));
    QCOMPARE(*lag.seconds, 2.5);
    QVERIFY(!lag.bytes);
    QCOMPARE(int(f.topology.replicationOf(QStringLiteral("us-east-rest")).side),
        int(NodeReplication::Side::Reported));
}

// Regions watched only over HTTP take part through what their health answers report (role_json):
// the demo works this way. A health endpoint reporting the primary in a region whose PostgreSQL
// server is watched too is that same primary, not a second one.
void tst_TopologyState::httpOnlyRegionsReportTheirRole()
{
    ConsoleConfig config
        = ConfigBuilder()
              .region(QStringLiteral("us-east"), RegionRole::Primary)
              .postgres(East, QStringLiteral("host=127.0.0.1 port=5432"))
              .http(QStringLiteral("us-east-health"), QUrl(QStringLiteral("http://127.0.0.1:1/")))
              .region(QStringLiteral("eu-west"), RegionRole::Standby)
              .http(QStringLiteral("eu-west-health"), QUrl(QStringLiteral("http://127.0.0.1:2/")))
              .build();
    config.regions[0].endpoints[1].http.roleJson = QStringLiteral("role");
    config.regions[1].endpoints[0].http.roleJson = QStringLiteral("role");
    FakeClock clock;
    TopologyState topology(config);
    topology.setClock(&clock);
    QCOMPARE(topology.nodes().size(), 3);
    QVERIFY(topology.node(QStringLiteral("eu-west-health"))->viaHttp);

    const auto http = [](const QString &id, PostgresRole role, std::optional<double> lag) {
        ProbeResult r;
        r.endpointId = id;
        r.status = ProbeStatus::Ok;
        r.reportedRole = role;
        r.reportedLagSeconds = lag;
        return r;
    };
    topology.observe(primary(East, QStringLiteral("0/100"), {}));
    topology.observe(http(QStringLiteral("us-east-health"), PostgresRole::Primary, 0.0));
    topology.observe(http(QStringLiteral("eu-west-health"), PostgresRole::Standby, 0.4));
    QCOMPARE(toString(topology.primary().status), toString(PrimaryStatus::One));
    QCOMPARE(topology.primary().endpointId, East); // the server itself, not its health page
    QCOMPARE(*topology.lagReading(QStringLiteral("eu-west-health"))->seconds, 0.4);
    QVERIFY(topology.lagReading(QStringLiteral("us-east-health"))->isPrimary);
    QCOMPARE(int(topology.replicationOf(QStringLiteral("eu-west-health")).side),
        int(NodeReplication::Side::Reported));
    QVERIFY(topology.expectedLoss(QStringLiteral("eu-west-health"))
                .unknownReason.contains(QStringLiteral("HTTP")));

    // eu-west's health page says its database is now primary too: two regions, two writers.
    topology.observe(http(QStringLiteral("eu-west-health"), PostgresRole::Primary, 0.0));
    QCOMPARE(toString(topology.primary().status), toString(PrimaryStatus::Several));
    QCOMPARE(
        topology.primary().writableIds, QStringList({ East, QStringLiteral("eu-west-health") }));

    // A failing health page no longer answers for its role.
    ProbeResult failed;
    failed.endpointId = QStringLiteral("eu-west-health");
    failed.status = ProbeStatus::Refused;
    topology.observe(failed);
    HealthChange down;
    down.endpointId = QStringLiteral("eu-west-health");
    down.to = Health::Unhealthy;
    topology.onHealthChanged(down);
    QCOMPARE(toString(topology.primary().status), toString(PrimaryStatus::One));
}

// The demo's way: every region calls its health page "API health". The events name such a node
// with its region, and the loss of a primary known only by its health page is dated by that
// page's last answer (it read "last seen as primary at ." before).
void tst_TopologyState::httpPrimaryLossIsDatedAndNamedByRegion()
{
    const QString name = QStringLiteral("API health");
    ConsoleConfig config
        = ConfigBuilder()
              .region(QStringLiteral("us-east"), RegionRole::Primary, QStringLiteral("US East"))
              .http(QStringLiteral("us-east-health"), QUrl(QStringLiteral("http://127.0.0.1:1/")),
                  name)
              .region(QStringLiteral("eu-west"), RegionRole::Standby, QStringLiteral("EU West"))
              .http(QStringLiteral("eu-west-health"), QUrl(QStringLiteral("http://127.0.0.1:2/")),
                  name)
              .postgres(West, QStringLiteral("host=127.0.0.1 port=5433"),
                  QStringLiteral("EU West database"))
              .build();
    config.regions[0].endpoints[0].http.roleJson = QStringLiteral("role");
    config.regions[1].endpoints[0].http.roleJson = QStringLiteral("role");
    FakeClock clock;
    EventHub hub { &clock };
    QList<ConsoleEvent> events;
    QObject::connect(
        &hub, &EventHub::published, &hub, [&events](const ConsoleEvent &e) { events.append(e); });
    TopologyState topology(config);
    topology.setClock(&clock);
    topology.setEventHub(&hub);

    const auto http = [](const QString &id, PostgresRole role) {
        ProbeResult r;
        r.endpointId = id;
        r.status = ProbeStatus::Ok;
        r.reportedRole = role;
        return r;
    };
    topology.observe(http(QStringLiteral("us-east-health"), PostgresRole::Primary));
    topology.observe(http(QStringLiteral("eu-west-health"), PostgresRole::Standby));
    topology.observe(standby(West, QStringLiteral("eu_west"), QStringLiteral("0/100")));
    const QDateTime seen = topology.primary().lastPrimarySeenAt;
    QVERIFY(seen.isValid());

    clock.advance(5s);
    topology.observe(refused(QStringLiteral("us-east-health")));
    topology.onHealthChanged(healthOf(QStringLiteral("us-east-health"), Health::Unhealthy));
    QCOMPARE(toString(topology.primary().status), toString(PrimaryStatus::NoneReachable));
    QCOMPARE(topology.primary().lastPrimarySeenAt, seen); // the last answer, not the loss
    const QString expected = QStringLiteral("No reachable primary: API health in US East was last "
                                            "seen as primary at %1.")
                                 .arg(seen.toLocalTime().toString(QStringLiteral("HH:mm:ss")));
    const bool found = std::any_of(events.cbegin(), events.cend(),
        [&](const ConsoleEvent &e) { return e.message == expected; });
    QVERIFY2(found, qPrintable(expected));
}

QTEST_GUILESS_MAIN(tst_TopologyState)
#include "tst_topologystate.moc"
