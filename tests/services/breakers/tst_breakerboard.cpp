#include "breakerboard.h"
#include "configbuilder.h"
#include "eventhub.h"
#include "fakeclock.h"

#include <QSignalSpy>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

namespace {

const QString East = QStringLiteral("us-east");
const QString Rest = QStringLiteral("us-east-rest");
const QString Db = QStringLiteral("us-east-db");
const QString Auth = QStringLiteral("us-east-auth");
const QString West = QStringLiteral("eu-west");
const QString WestRest = QStringLiteral("eu-west-rest");

ConsoleConfig twoRegions()
{
    const QUrl url(QStringLiteral("https://example.org/"));
    return ConfigBuilder()
        .region(East, RegionRole::Primary, QStringLiteral("US East"))
        .http(Rest, url, QStringLiteral("US East REST"))
        .postgres(Db, QStringLiteral("host=10.0.0.1 dbname=postgres"), QStringLiteral("US East DB"))
        .http(Auth, url)
        .region(West, RegionRole::Standby)
        .http(WestRest, url)
        .build();
}

ProbeResult probe(const QString &id, ProbeStatus status)
{
    ProbeResult r;
    r.endpointId = id;
    r.status = status;
    return r;
}

ProbeResult ok(const QString &id)
{
    return probe(id, ProbeStatus::Ok);
}

ProbeResult refused(const QString &id)
{
    return probe(id, ProbeStatus::Refused);
}

// A board on virtual time that records the events it publishes and the statuses it signals.
struct Fixture
{
    FakeClock clock;
    EventHub hub { &clock };
    BreakerBoard board { twoRegions() };
    QList<ConsoleEvent> events;
    QList<BreakerStatus> signalled;

    Fixture()
    {
        board.setClock(&clock);
        board.setEventHub(&hub);
        QObject::connect(
            &hub, &EventHub::published, &hub, [this](const ConsoleEvent &e) { events.append(e); });
        QObject::connect(&board, &BreakerBoard::transition, &hub,
            [this](const BreakerStatus &s) { signalled.append(s); });
    }

    // Each result one second after the previous one, as a 1 Hz probe would bring them.
    void feed(const QList<ProbeResult> &results)
    {
        for (const ProbeResult &r : results) {
            clock.advance(1s);
            board.onProbeResult(r);
        }
    }
    void feed(const ProbeResult &r, int times) { feed(QList<ProbeResult>(times, r)); }

    // "breaker from>to", the events in order.
    QStringList transitions() const
    {
        QStringList out;
        for (const ConsoleEvent &e : events) {
            out.append(QStringLiteral("%1 %2>%3")
                           .arg(e.field(QStringLiteral("breaker")).toString(),
                               e.field(QStringLiteral("from")).toString(),
                               e.field(QStringLiteral("to")).toString()));
        }
        return out;
    }

    BreakerState state(const QString &id) const { return board.status(id).state; }
};

} // namespace

// The console's breakers per endpoint and per region, their events and their timer.
class tst_BreakerBoard final : public QObject
{
    Q_OBJECT
private slots:
    void statusesInConfigOrder();
    void eventsInOrderWithTheirFields();
    void timerTurnsOpenToHalfOpenWithoutProbes();
    void regionStaysClosedWithOneEndpointDown();
    void regionOpensWhenAllAreDown();
    void controlEndpointsAreNotCallsIntoTheRegion();
    void changedOnEveryResult();
    void ignoresUnconfiguredEndpoints();
    void settingAClockStartsAfresh();
    void remoteBreakersFromAnApplication();
};

void tst_BreakerBoard::statusesInConfigOrder()
{
    Fixture f;
    const QList<BreakerStatus> statuses = f.board.statuses();
    QStringList ids;
    for (const BreakerStatus &s : statuses) {
        ids.append(toString(s.scope) + QLatin1Char(' ') + s.id + QLatin1Char(' ') + s.regionId
            + QLatin1Char(' ') + s.subject);
        QCOMPARE(toString(s.state), toString(BreakerState::Closed));
        QCOMPARE(s.failureThreshold, 5);
        QCOMPARE(s.halfOpenNeeded, 3);
        QCOMPARE(s.stateSince, FakeClock::Start);
        QVERIFY(!s.nextTrialAt);
    }
    QCOMPARE(ids,
        QStringList({ QStringLiteral("region us-east us-east US East"),
            QStringLiteral("endpoint us-east-rest us-east US East REST"),
            QStringLiteral("endpoint us-east-db us-east US East DB"),
            QStringLiteral("endpoint us-east-auth us-east us-east-auth"),
            QStringLiteral("region eu-west eu-west eu-west"),
            QStringLiteral("endpoint eu-west-rest eu-west eu-west-rest") }));
    QCOMPARE(f.board.status(Db), statuses.at(2));
    QCOMPARE(f.board.regionStatus(West), statuses.at(4));
    QCOMPARE(f.board.endpointStatus(East).id, QString());
    QCOMPARE(f.board.status(QStringLiteral("nowhere")).id, QString());
}

void tst_BreakerBoard::eventsInOrderWithTheirFields()
{
    Fixture f;
    // Only the database is probed: the region's breaker sees the same calls.
    f.feed(refused(Db), 4);
    QVERIFY(f.events.isEmpty());
    f.feed(refused(Db), 1);
    QCOMPARE(f.transitions(),
        QStringList(
            { QStringLiteral("us-east-db closed>open"), QStringLiteral("us-east closed>open") }));

    const ConsoleEvent &opened = f.events.at(0);
    QCOMPARE(toString(opened.kind), QStringLiteral("breaker"));
    QCOMPARE(toString(opened.severity), toString(EventSeverity::Warning));
    QCOMPARE(opened.regionId, East);
    QCOMPARE(opened.endpointId, Db);
    QCOMPARE(opened.message,
        QStringLiteral("The circuit breaker for US East DB opened after 5 failures in a row."));
    QCOMPARE(opened.monotonicMs, monotonicMs(FakeClock::Start + 5s));
    const QVariantMap expected {
        { QStringLiteral("breaker"), Db },
        { QStringLiteral("scope"), QStringLiteral("endpoint") },
        { QStringLiteral("from"), QStringLiteral("closed") },
        { QStringLiteral("to"), QStringLiteral("open") },
        { QStringLiteral("why"), QStringLiteral("failure-threshold") },
        { QStringLiteral("consecutive_failures"), 5 },
        { QStringLiteral("failure_threshold"), 5 },
        { QStringLiteral("half_open_successes"), 0 },
        { QStringLiteral("half_open_needed"), 3 },
        { QStringLiteral("times_opened"), 1 },
        { QStringLiteral("next_trial_ms"), qint64(30000) },
    };
    QCOMPARE(opened.fields, expected);
    const ConsoleEvent &region = f.events.at(1);
    QCOMPARE(region.regionId, East);
    QVERIFY(region.endpointId.isEmpty());
    QCOMPARE(region.field(QStringLiteral("scope")).toString(), QStringLiteral("region"));
    QCOMPARE(region.message,
        QStringLiteral("The circuit breaker for region US East opened after 5 failures in a row."));

    // The transition signal carries each breaker's status right after its change.
    QCOMPARE(f.signalled.size(), 2);
    QCOMPARE(f.signalled.at(0).id, Db);
    QCOMPARE(toString(f.signalled.at(0).state), toString(BreakerState::Open));
    QCOMPARE(f.signalled.at(0).stateSince, FakeClock::Start + 5s);
    QCOMPARE(f.signalled.at(0).nextTrialAt, std::optional(FakeClock::Start + 35s));
    QCOMPARE(f.signalled.at(1).id, East);

    // Half-open at the deadline; the region comes first, as in statuses().
    f.events.clear();
    f.clock.advance(30s);
    QCOMPARE(f.transitions(),
        QStringList({ QStringLiteral("us-east open>half-open"),
            QStringLiteral("us-east-db open>half-open") }));
    const ConsoleEvent &halfOpen = f.events.at(1);
    QCOMPARE(toString(halfOpen.severity), toString(EventSeverity::Info));
    QCOMPARE(halfOpen.message,
        QStringLiteral(
            "The circuit breaker for US East DB is half-open: the next 3 probes decide."));
    QCOMPARE(halfOpen.field(QStringLiteral("why")).toString(), QStringLiteral("reset-timeout"));
    QVERIFY(halfOpen.fields.contains(QStringLiteral("next_trial_ms")));
    QVERIFY(halfOpen.field(QStringLiteral("next_trial_ms")).isNull());
    QCOMPARE(halfOpen.monotonicMs, monotonicMs(FakeClock::Start + 35s));

    // One good trial, then a failed one: both re-open at once.
    f.events.clear();
    f.feed({ ok(Db), refused(Db) });
    QCOMPARE(f.transitions(),
        QStringList({ QStringLiteral("us-east-db half-open>open"),
            QStringLiteral("us-east half-open>open") }));
    const ConsoleEvent &reopened = f.events.at(0);
    QCOMPARE(toString(reopened.severity), toString(EventSeverity::Warning));
    QCOMPARE(reopened.message,
        QStringLiteral("The circuit breaker for US East DB re-opened: a trial probe failed."));
    QCOMPARE(reopened.field(QStringLiteral("why")).toString(), QStringLiteral("trial-failed"));
    QCOMPARE(reopened.field(QStringLiteral("half_open_successes")).toInt(), 1);
    QCOMPARE(reopened.field(QStringLiteral("times_opened")).toInt(), 2);
    QCOMPARE(reopened.field(QStringLiteral("next_trial_ms")).toLongLong(), 30000);
    QCOMPARE(f.board.status(Db).nextTrialAt, std::optional(FakeClock::Start + 67s));

    // Three good trials close both.
    f.clock.advance(30s);
    f.events.clear();
    f.feed(ok(Db), 2);
    QVERIFY(f.events.isEmpty());
    f.feed(ok(Db), 1);
    QCOMPARE(f.transitions(),
        QStringList({ QStringLiteral("us-east-db half-open>closed"),
            QStringLiteral("us-east half-open>closed") }));
    const ConsoleEvent &closed = f.events.at(0);
    QCOMPARE(toString(closed.severity), toString(EventSeverity::Info));
    QCOMPARE(closed.message,
        QStringLiteral("The circuit breaker for US East DB closed after 3 good trial probes."));
    QCOMPARE(closed.field(QStringLiteral("why")).toString(), QStringLiteral("trials-passed"));
    QCOMPARE(closed.field(QStringLiteral("half_open_successes")).toInt(), 3);
    QCOMPARE(closed.field(QStringLiteral("times_opened")).toInt(), 2);

    const BreakerStatus db = f.board.status(Db);
    QCOMPARE(db.totalFailures, qint64(6));
    QCOMPARE(db.totalSuccesses, qint64(4));
    QCOMPARE(db.timesOpened, 2);
    QCOMPARE(db.stateSince, FakeClock::Start + 70s);
    // Nothing else was touched.
    QCOMPARE(f.board.status(Rest).totalFailures + f.board.status(Rest).totalSuccesses, qint64(0));
    QCOMPARE(f.board.status(West).timesOpened, 0);
}

void tst_BreakerBoard::timerTurnsOpenToHalfOpenWithoutProbes()
{
    Fixture f;
    QCOMPARE(f.clock.activeTimerCount(), 0); // nothing open, nothing to wait for
    f.feed(refused(WestRest), 5); // both west breakers open at 5 s
    f.feed(refused(Rest), 5); // the REST endpoint's at 10 s; its region's run is broken by none
    QCOMPARE(toString(f.state(WestRest)), toString(BreakerState::Open));
    QCOMPARE(toString(f.state(Rest)), toString(BreakerState::Open));
    QCOMPARE(toString(f.state(East)), toString(BreakerState::Open));
    QCOMPARE(f.clock.nextDeadline(), std::optional(FakeClock::Start + 35s));

    QSignalSpy changed(&f.board, &BreakerBoard::changed);
    f.events.clear();
    f.clock.advance(24999ms); // to 34.999 s
    QVERIFY(f.events.isEmpty());
    QCOMPARE(changed.size(), 0);
    f.clock.advance(1ms);
    QCOMPARE(f.transitions(),
        QStringList({ QStringLiteral("eu-west open>half-open"),
            QStringLiteral("eu-west-rest open>half-open") }));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(f.board.status(West).stateSince, FakeClock::Start + 35s);
    // The east breakers opened later and wait for their own deadline.
    QCOMPARE(toString(f.state(Rest)), toString(BreakerState::Open));
    QCOMPARE(f.clock.nextDeadline(), std::optional(FakeClock::Start + 40s));
    f.events.clear();
    f.clock.advance(5s);
    QCOMPARE(f.transitions(),
        QStringList({ QStringLiteral("us-east open>half-open"),
            QStringLiteral("us-east-rest open>half-open") }));
    QCOMPARE(changed.size(), 2);
    // Half-open breakers wait for probes, not for time.
    QCOMPARE(f.clock.activeTimerCount(), 0);
    f.events.clear();
    f.clock.advance(1h);
    QVERIFY(f.events.isEmpty());
}

void tst_BreakerBoard::regionStaysClosedWithOneEndpointDown()
{
    Fixture f;
    // An hour of rounds in which the database alone is down.
    for (int round = 0; round < 3600; ++round)
        f.feed({ ok(Rest), refused(Db), ok(Auth) });
    QCOMPARE(toString(f.state(Db)), toString(BreakerState::Open));
    QCOMPARE(toString(f.state(East)), toString(BreakerState::Closed));
    QVERIFY(!f.board.regionOpen(East));
    const BreakerStatus region = f.board.status(East);
    QCOMPARE(region.timesOpened, 0);
    QCOMPARE(region.totalFailures, qint64(3600));
    QCOMPARE(region.totalSuccesses, qint64(7200));
    for (const ConsoleEvent &e : std::as_const(f.events))
        QCOMPARE(e.endpointId, Db);
    // The database's breaker tried once per reset timeout: every trial failed at once.
    QVERIFY(f.board.status(Db).timesOpened > 100);
}

void tst_BreakerBoard::regionOpensWhenAllAreDown()
{
    Fixture f;
    f.feed({ ok(Rest), ok(Db), ok(Auth) });
    // Five failed probes into the region in a row open it, whichever endpoints they hit.
    f.feed({ refused(Rest), refused(Db), refused(Auth), refused(Rest) });
    QVERIFY(!f.board.regionOpen(East));
    f.feed({ probe(Db, ProbeStatus::Timeout) });
    QVERIFY(f.board.regionOpen(East));
    QCOMPARE(f.board.status(East).consecutiveFailures, 5);
    QCOMPARE(f.transitions(), QStringList { QStringLiteral("us-east closed>open") });
    // No endpoint had five of its own yet.
    QCOMPARE(toString(f.state(Db)), toString(BreakerState::Closed));
    QVERIFY(!f.board.regionOpen(West));
    QVERIFY(!f.board.regionOpen(QStringLiteral("nowhere")));

    // Still a reason to fail over while half-open: the trials have not passed yet.
    f.clock.advance(30s);
    QCOMPARE(toString(f.state(East)), toString(BreakerState::HalfOpen));
    QVERIFY(f.board.regionOpen(East));
    f.feed({ ok(Rest), ok(Db) });
    QVERIFY(f.board.regionOpen(East));
    f.feed({ ok(Auth) });
    QCOMPARE(toString(f.state(East)), toString(BreakerState::Closed));
    QVERIFY(!f.board.regionOpen(East));
}

void tst_BreakerBoard::controlEndpointsAreNotCallsIntoTheRegion()
{
    ConsoleConfig config = twoRegions();
    config.regions[0].endpoints[2].control = true; // us-east-auth checks the console's network
    FakeClock clock;
    BreakerBoard board(config);
    board.setClock(&clock);
    for (int i = 0; i < 10; ++i) {
        clock.advance(1s);
        board.onProbeResult(refused(Auth));
    }
    QCOMPARE(toString(board.status(Auth).state), toString(BreakerState::Open));
    QCOMPARE(toString(board.status(East).state), toString(BreakerState::Closed));
    QCOMPARE(board.status(East).totalFailures, qint64(0));
    // The region's other endpoints still count.
    for (int i = 0; i < 5; ++i) {
        clock.advance(1s);
        board.onProbeResult(refused(Db));
    }
    QVERIFY(board.regionOpen(East));
}

void tst_BreakerBoard::changedOnEveryResult()
{
    Fixture f;
    QSignalSpy changed(&f.board, &BreakerBoard::changed);
    QSignalSpy transitions(&f.board, &BreakerBoard::transition);
    f.feed(ok(Rest), 3);
    QCOMPARE(changed.size(), 3); // the totals a view shows moved
    QCOMPARE(transitions.size(), 0);
    QCOMPARE(f.board.status(Rest).totalSuccesses, qint64(3));
    QCOMPARE(f.board.status(East).totalSuccesses, qint64(3));
    f.feed(probe(Rest, ProbeStatus::HttpStatus), 5);
    QCOMPARE(changed.size(), 8);
    QCOMPARE(transitions.size(), 2);
    const BreakerStatus status = transitions.at(0).at(0).value<BreakerStatus>();
    QCOMPARE(status.id, Rest);
    QCOMPARE(toString(status.state), toString(BreakerState::Open));
}

void tst_BreakerBoard::ignoresUnconfiguredEndpoints()
{
    Fixture f;
    QSignalSpy changed(&f.board, &BreakerBoard::changed);
    QTest::ignoreMessage(
        QtWarningMsg, "result for an endpoint not in the configuration: \"elsewhere\"");
    f.board.onProbeResult(refused(QStringLiteral("elsewhere")));
    QCOMPARE(changed.size(), 0);
    // A region id is not an endpoint: its breaker is fed only through its endpoints.
    QTest::ignoreMessage(
        QtWarningMsg, "result for an endpoint not in the configuration: \"us-east\"");
    f.board.onProbeResult(refused(East));
    QCOMPARE(f.board.status(East).totalFailures, qint64(0));
}

void tst_BreakerBoard::settingAClockStartsAfresh()
{
    FakeClock first;
    BreakerBoard board(twoRegions());
    board.setClock(&first);
    for (int i = 0; i < 5; ++i)
        board.onProbeResult(refused(Db));
    QCOMPARE(toString(board.status(Db).state), toString(BreakerState::Open));
    QCOMPARE(first.activeTimerCount(), 1);

    FakeClock second;
    second.advance(2h);
    QSignalSpy changed(&board, &BreakerBoard::changed);
    board.setClock(&second);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(first.activeTimerCount(), 0); // the old clock's timer went with it
    const BreakerStatus db = board.status(Db);
    QCOMPARE(toString(db.state), toString(BreakerState::Closed));
    QCOMPARE(db.totalFailures, qint64(0));
    QCOMPARE(db.stateSince, FakeClock::Start + 2h);
}

// The breakers an application reports (endpoint kind breakers) show beside the console's own:
// a change of state is an event, a breaker no longer reported goes, an unreadable answer holds.
void tst_BreakerBoard::remoteBreakersFromAnApplication()
{
    ConsoleConfig config = twoRegions();
    EndpointConfig app;
    app.id = QStringLiteral("eu-west-app");
    app.name = QStringLiteral("Shop");
    app.kind = EndpointKind::Breakers;
    config.regions[1].endpoints.append(app);
    FakeClock clock;
    EventHub hub(&clock);
    QList<ConsoleEvent> events;
    connect(
        &hub, &EventHub::published, &hub, [&events](const ConsoleEvent &e) { events.append(e); });
    BreakerBoard board(config);
    board.setClock(&clock);
    board.setEventHub(&hub);

    const auto answer = [](const QList<QPair<QString, BreakerState>> &states) {
        ProbeResult r = ok(QStringLiteral("eu-west-app"));
        for (const auto &[name, state] : states) {
            RemoteBreaker b;
            b.name = name;
            b.state = state;
            b.failureRatePercent
                = state == BreakerState::Open ? std::optional<double>(75.0) : std::nullopt;
            r.remoteBreakers.append(b);
        }
        return r;
    };
    board.onProbeResult(answer({ { QStringLiteral("payments"), BreakerState::Closed },
        { QStringLiteral("search"), BreakerState::Closed } }));
    QCOMPARE(board.remoteStatuses().size(), 2);
    QVERIFY(events.isEmpty()); // a closed breaker seen for the first time is no news
    const BreakerStatus payments = board.remoteStatuses().at(0);
    QCOMPARE(payments.id, QStringLiteral("eu-west-app/payments"));
    QCOMPARE(toString(payments.scope), QStringLiteral("remote"));
    QCOMPARE(payments.regionId, West);
    QCOMPARE(payments.subject, QStringLiteral("payments (Shop)"));
    QVERIFY(board.statuses().contains(payments)); // beside the console's own

    clock.advance(5s);
    board.onProbeResult(answer({ { QStringLiteral("payments"), BreakerState::Open },
        { QStringLiteral("search"), BreakerState::Closed } }));
    QCOMPARE(events.size(), 1);
    QCOMPARE(toString(events[0].kind), QStringLiteral("breaker"));
    QCOMPARE(toString(events[0].severity), QStringLiteral("warning"));
    QCOMPARE(events[0].field(QStringLiteral("from")).toString(), QStringLiteral("closed"));
    QCOMPARE(events[0].field(QStringLiteral("to")).toString(), QStringLiteral("open"));
    QCOMPARE(events[0].field(QStringLiteral("failure_rate")).toDouble(), 75.0);
    QCOMPARE(events[0].message,
        QStringLiteral(
            "The application's circuit breaker payments at Shop is now open (it was closed)."));
    QCOMPARE(board.remoteStatuses().at(0).stateSince, clock.now());

    // An unreadable answer says nothing: the states hold.
    board.onProbeResult(probe(QStringLiteral("eu-west-app"), ProbeStatus::BadBody));
    QCOMPARE(board.remoteStatuses().size(), 2);
    QCOMPARE(toString(board.remoteStatuses().at(0).state), QStringLiteral("open"));

    // The application stops reporting search: its row goes.
    board.onProbeResult(answer({ { QStringLiteral("payments"), BreakerState::HalfOpen } }));
    QCOMPARE(board.remoteStatuses().size(), 1);
    QCOMPARE(events.size(), 2);
    QCOMPARE(toString(events[1].severity), QStringLiteral("info"));
}

QTEST_GUILESS_MAIN(tst_BreakerBoard)
#include "tst_breakerboard.moc"
