#include "circuitbreaker.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

namespace {

// Far from the epoch, like FakeClock's start, so "now minus a timeout" stays positive.
const Clock::TimePoint T0 = Clock::TimePoint {} + 24h;

BreakerSettings settings(int threshold = 5, Milliseconds reset = 30s, int trials = 3)
{
    return { threshold, reset, trials };
}

QString describe(const BreakerTransition &t)
{
    return QStringLiteral("%1>%2 %3 %4ms")
        .arg(toString(t.from), toString(t.to), toString(t.why))
        .arg(millisecondsBetween(T0, t.at));
}

// Runs a script against a breaker and returns every transition, described. Tokens:
//   s, f       a successful or failed call, recorded at the current time
//   +30s       time moves on (also ms, m, h)
//   t          the timer's turn: advance()
//   a, r       admit(): expects the call allowed (a) or refused (r)
//   =open      expects the stored state
// A failed expectation fails the test with the token's position.
QStringList run(CircuitBreaker &breaker, const QString &script, Clock::TimePoint &now)
{
    QStringList seen;
    const auto take = [&seen](const CircuitBreaker::Transitions &transitions) {
        for (const BreakerTransition &t : transitions)
            seen.append(describe(t));
    };
    static const QRegularExpression step(QStringLiteral("^\\+(\\d+)(ms|s|m|h)$"));
    const QStringList tokens = script.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString &token = tokens.at(i);
        const QByteArray where = QStringLiteral("token %1 \"%2\"").arg(i).arg(token).toUtf8();
        if (token == QLatin1String("s") || token == QLatin1String("f")) {
            take(breaker.record(token == QLatin1String("s"), now));
        } else if (token == QLatin1String("t")) {
            take(breaker.advance(now));
        } else if (token == QLatin1String("a") || token == QLatin1String("r")) {
            const CircuitBreaker::Admission admission = breaker.admit(now);
            take(admission.transitions);
            if (admission.allowed != (token == QLatin1String("a"))) {
                QTest::qFail(where.constData(), __FILE__, __LINE__);
                return seen;
            }
        } else if (token.startsWith(QLatin1Char('='))) {
            if (toString(breaker.state()) != token.mid(1)) {
                const QByteArray message
                    = where + " state is " + toString(breaker.state()).toUtf8();
                QTest::qFail(message.constData(), __FILE__, __LINE__);
                return seen;
            }
        } else if (const QRegularExpressionMatch m = step.match(token); m.hasMatch()) {
            const qint64 n = m.captured(1).toLongLong();
            const QString unit = m.captured(2);
            now += unit == QLatin1String("ms") ? Milliseconds(n)
                : unit == QLatin1String("s")   ? Milliseconds(std::chrono::seconds(n))
                : unit == QLatin1String("m")   ? Milliseconds(std::chrono::minutes(n))
                                               : Milliseconds(std::chrono::hours(n));
        } else {
            QTest::qFail(
                QByteArray(where + " is not a script token").constData(), __FILE__, __LINE__);
            return seen;
        }
    }
    return seen;
}

// Runs a script and leaves the test function when one of its expectations failed.
#define RUN(breaker, script, now)                                                                  \
    do {                                                                                           \
        run(breaker, script, now);                                                                 \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

const QString FiveFailures = QStringLiteral("f +1s f +1s f +1s f +1s f");

} // namespace

// The console's own circuit breaker, driven by scripts on virtual time.
class tst_CircuitBreaker final : public QObject
{
    Q_OBJECT
private slots:
    void rules_data();
    void rules();
    void stateAtAppliesTheTimeoutWithoutMovingIt();
    void countersAndNextTrial();
    void trialSlotsFreeAsResultsArrive();
    void insaneSettingsStayCoherent();
    void hoursOfOutageAndRecovery();
    void namesAreStable();
};

void tst_CircuitBreaker::rules_data()
{
    QTest::addColumn<int>("threshold");
    QTest::addColumn<int>("trials");
    QTest::addColumn<QString>("script");
    QTest::addColumn<QStringList>("transitions");

    const QString opened = QStringLiteral("closed>open failure-threshold 4000ms");
    const QString halfOpen = QStringLiteral("open>half-open reset-timeout 34000ms");

    QTest::newRow("fewer failures than the threshold stay closed")
        << 5 << 3 << QStringLiteral("f +1s f +1s f +1s f =closed a") << QStringList();
    QTest::newRow("the threshold in a row opens")
        << 5 << 3 << FiveFailures + QStringLiteral(" =open r") << QStringList { opened };
    QTest::newRow("a success in closed resets the run")
        << 5 << 3 << QStringLiteral("f f f f s f f f f =closed f =open")
        << QStringList { QStringLiteral("closed>open failure-threshold 0ms") };
    QTest::newRow("open until the reset timeout has fully elapsed")
        << 5 << 3 << FiveFailures + QStringLiteral(" +29999ms t =open r") << QStringList { opened };
    QTest::newRow("the timer turns it half-open at the timeout")
        << 5 << 3 << FiveFailures + QStringLiteral(" +30s t =half-open")
        << QStringList { opened, halfOpen };
    QTest::newRow("a late result finds it half-open since the deadline")
        << 5 << 3 << FiveFailures + QStringLiteral(" +45s s =half-open")
        << QStringList { opened, halfOpen };
    QTest::newRow("a late call is admitted as the first trial")
        << 5 << 3 << FiveFailures + QStringLiteral(" +31s a =half-open")
        << QStringList { opened, halfOpen };
    QTest::newRow("a failure in half-open re-opens at once")
        << 5 << 3 << FiveFailures + QStringLiteral(" +30s t f =open r")
        << QStringList { opened, halfOpen, QStringLiteral("half-open>open trial-failed 34000ms") };
    QTest::newRow("a failure after good trials re-opens too")
        << 5 << 3 << FiveFailures + QStringLiteral(" +30s t s +1s s +1s f =open")
        << QStringList { opened, halfOpen, QStringLiteral("half-open>open trial-failed 36000ms") };
    QTest::newRow("re-opening restarts the reset timeout")
        << 5 << 3
        << FiveFailures + QStringLiteral(" +30s t +2s f +29999ms t =open +1ms t =half-open")
        << QStringList { opened, halfOpen, QStringLiteral("half-open>open trial-failed 36000ms"),
               QStringLiteral("open>half-open reset-timeout 66000ms") };
    QTest::newRow("the trial count of successes in a row closes it")
        << 5 << 3 << FiveFailures + QStringLiteral(" +30s t s s =half-open +1s s =closed a")
        << QStringList { opened, halfOpen,
               QStringLiteral("half-open>closed trials-passed 35000ms") };
    QTest::newRow("trials start afresh in each half-open spell")
        << 5 << 3 << FiveFailures + QStringLiteral(" +30s t s s f +30s t s s =half-open")
        << QStringList { opened, halfOpen, QStringLiteral("half-open>open trial-failed 34000ms"),
               QStringLiteral("open>half-open reset-timeout 64000ms") };
    QTest::newRow("trial calls beyond the trial count fail fast")
        << 5 << 3 << FiveFailures + QStringLiteral(" +30s a a a r r =half-open")
        << QStringList { opened, halfOpen };
    QTest::newRow("a closed breaker admits without limit")
        << 5 << 3 << QStringLiteral("a a a a a a a a =closed") << QStringList();
    QTest::newRow("successes while open neither close it nor shorten the timeout")
        << 5 << 3 << FiveFailures + QStringLiteral(" +10s s s s s s +19999ms t =open +1ms t")
        << QStringList { opened, halfOpen };
    QTest::newRow("failures while open do not push the timeout back")
        << 5 << 3 << FiveFailures + QStringLiteral(" +10s f f f +20s t =half-open")
        << QStringList { opened, halfOpen };
    QTest::newRow("a threshold of one opens on the first failure")
        << 1 << 1 << QStringLiteral("s s f =open +30s s =closed")
        << QStringList { QStringLiteral("closed>open failure-threshold 0ms"),
               QStringLiteral("open>half-open reset-timeout 30000ms"),
               QStringLiteral("half-open>closed trials-passed 30000ms") };
    QTest::newRow("one result may make two transitions")
        << 2 << 3 << QStringLiteral("f f +1m f =open")
        << QStringList { QStringLiteral("closed>open failure-threshold 0ms"),
               QStringLiteral("open>half-open reset-timeout 30000ms"),
               QStringLiteral("half-open>open trial-failed 60000ms") };
    QTest::newRow("closing again needs the full threshold to re-open")
        << 5 << 3 << FiveFailures + QStringLiteral(" +30s s s s f f f f =closed f =open")
        << QStringList { opened, halfOpen, QStringLiteral("half-open>closed trials-passed 34000ms"),
               QStringLiteral("closed>open failure-threshold 34000ms") };
}

void tst_CircuitBreaker::rules()
{
    QFETCH(int, threshold);
    QFETCH(int, trials);
    QFETCH(QString, script);
    QFETCH(QStringList, transitions);

    CircuitBreaker breaker(settings(threshold, 30s, trials), T0);
    Clock::TimePoint now = T0;
    const QStringList seen = run(breaker, script, now);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(seen, transitions);
}

void tst_CircuitBreaker::stateAtAppliesTheTimeoutWithoutMovingIt()
{
    CircuitBreaker breaker(settings(), T0);
    Clock::TimePoint now = T0;
    RUN(breaker, FiveFailures, now);
    QCOMPARE(toString(breaker.stateAt(now + 29999ms)), toString(BreakerState::Open));
    QVERIFY(!breaker.allowsCall(now + 29999ms));
    QCOMPARE(toString(breaker.stateAt(now + 30s)), toString(BreakerState::HalfOpen));
    QVERIFY(breaker.allowsCall(now + 30s));
    // Asking neither moves it nor takes a trial slot.
    QCOMPARE(toString(breaker.state()), toString(BreakerState::Open));
    QVERIFY(breaker.allowsCall(now + 30s));
    QCOMPARE(breaker.trialsInFlight(), 0);
    QCOMPARE(breaker.rejectedCalls(), 0);
    // The stored state agrees once something advances it, whenever that is.
    QCOMPARE(breaker.advance(now + 5min).size(), 1);
    QCOMPARE(toString(breaker.state()), toString(BreakerState::HalfOpen));
    QCOMPARE(breaker.stateSince(), now + 30s);
    QVERIFY(breaker.advance(now + 6min).isEmpty());
}

void tst_CircuitBreaker::countersAndNextTrial()
{
    CircuitBreaker breaker(settings(), T0);
    Clock::TimePoint now = T0;
    QCOMPARE(breaker.stateSince(), T0);
    QVERIFY(!breaker.nextTrialAt());
    QVERIFY(!breaker.timeUntilNextTrial(now));

    RUN(breaker, QStringLiteral("s s f f"), now);
    QCOMPARE(breaker.consecutiveFailures(), 2);
    QCOMPARE(breaker.totalSuccesses(), 2);
    QCOMPARE(breaker.totalFailures(), 2);
    QCOMPARE(breaker.timesOpened(), 0);

    RUN(breaker, QStringLiteral("+2s f f f"), now);
    QCOMPARE(toString(breaker.state()), toString(BreakerState::Open));
    QCOMPARE(breaker.consecutiveFailures(), 5);
    QCOMPARE(breaker.timesOpened(), 1);
    QCOMPARE(breaker.stateSince(), T0 + 2s);
    QCOMPARE(breaker.nextTrialAt(), std::optional(T0 + 32s));
    QCOMPARE(breaker.timeUntilNextTrial(now), std::optional(Milliseconds(30000)));
    // Rounded up: a nanosecond in, a whole 30 s are still to go; never negative once due.
    QCOMPARE(breaker.timeUntilNextTrial(now + 1ns), std::optional(Milliseconds(30000)));
    QCOMPARE(breaker.timeUntilNextTrial(now + 12500ms), std::optional(Milliseconds(17500)));
    QCOMPARE(breaker.timeUntilNextTrial(now + 1h), std::optional(Milliseconds(0)));

    // Results while open count in the totals and the run.
    RUN(breaker, QStringLiteral("+1s f f r r"), now);
    QCOMPARE(breaker.consecutiveFailures(), 7);
    QCOMPARE(breaker.totalFailures(), 7);
    QCOMPARE(breaker.rejectedCalls(), 2);

    RUN(breaker, QStringLiteral("+29s t s s"), now);
    QCOMPARE(toString(breaker.state()), toString(BreakerState::HalfOpen));
    QCOMPARE(breaker.halfOpenSuccesses(), 2);
    QCOMPARE(breaker.consecutiveFailures(), 0);
    QVERIFY(!breaker.timeUntilNextTrial(now));

    BreakerStatus status = breaker.status();
    QCOMPARE(toString(status.state), toString(BreakerState::HalfOpen));
    QCOMPARE(status.halfOpenSuccesses, 2);
    QCOMPARE(status.halfOpenNeeded, 3);
    QCOMPARE(status.failureThreshold, 5);
    QCOMPARE(status.totalSuccesses, 4);
    QCOMPARE(status.totalFailures, 7);
    QCOMPARE(status.timesOpened, 1);
    QCOMPARE(status.stateSince, T0 + 32s);
    QVERIFY(!status.nextTrialAt);

    RUN(breaker, QStringLiteral("f"), now);
    status = breaker.status();
    QCOMPARE(status.timesOpened, 2);
    QCOMPARE(status.halfOpenSuccesses, 0);
    QCOMPARE(status.consecutiveFailures, 1);
    QCOMPARE(status.stateSince, now);
    QCOMPARE(status.nextTrialAt, std::optional(now + 30s));
}

void tst_CircuitBreaker::trialSlotsFreeAsResultsArrive()
{
    CircuitBreaker breaker(settings(), T0);
    Clock::TimePoint now = T0;
    RUN(breaker, FiveFailures + QStringLiteral(" +30s a a a r"), now);
    QCOMPARE(breaker.trialsInFlight(), 3);
    // A success keeps its slot (it counts towards closing): no new trial fits.
    RUN(breaker, QStringLiteral("s r"), now);
    QCOMPARE(breaker.trialsInFlight(), 2);
    QCOMPARE(breaker.halfOpenSuccesses(), 1);
    // A failure re-opens and forgets the trials still out; their results only count.
    RUN(breaker, QStringLiteral("f =open r s s =open"), now);
    QCOMPARE(breaker.trialsInFlight(), 0);
    QCOMPARE(breaker.rejectedCalls(), 3);
    // The next spell has every slot free again.
    RUN(breaker, QStringLiteral("+30s a a a r s s s =closed a"), now);
}

void tst_CircuitBreaker::insaneSettingsStayCoherent()
{
    // A hand-built config the loader would refuse: the breaker must still need one failure to
    // open and one success to close.
    CircuitBreaker breaker(settings(0, -5s, 0), T0);
    QCOMPARE(breaker.settings().failureThreshold, 1);
    QCOMPARE(breaker.settings().halfOpenRequests, 1);
    QCOMPARE(breaker.settings().resetTimeout, Milliseconds(0));
    Clock::TimePoint now = T0;
    const QStringList seen
        = run(breaker, QStringLiteral("s =closed f =open t =half-open s =closed"), now);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(seen.size(), 3);
}

void tst_CircuitBreaker::hoursOfOutageAndRecovery()
{
    // Six hours of one probe a second: down for the first two, then up.
    CircuitBreaker breaker(settings(), T0);
    QStringList transitions;
    int halfOpenSpells = 0;
    for (int second = 0; second < 6 * 3600; ++second) {
        const Clock::TimePoint now = T0 + std::chrono::seconds(second);
        for (const BreakerTransition &t : breaker.advance(now))
            transitions.append(describe(t));
        for (const BreakerTransition &t : breaker.record(second >= 7200, now)) {
            transitions.append(describe(t));
            halfOpenSpells += t.from == BreakerState::HalfOpen ? 1 : 0;
        }
    }
    // Opened at 4 s; then one trial per reset timeout (34 s, 64 s... 7174 s), each failing at
    // once; the trial at 7204 s is the first after recovery, and three good ones close it.
    QCOMPARE(transitions.constFirst(), QStringLiteral("closed>open failure-threshold 4000ms"));
    QCOMPARE(transitions.at(1), QStringLiteral("open>half-open reset-timeout 34000ms"));
    QCOMPARE(transitions.at(2), QStringLiteral("half-open>open trial-failed 34000ms"));
    QCOMPARE(transitions.at(transitions.size() - 3),
        QStringLiteral("half-open>open trial-failed 7174000ms"));
    QCOMPARE(transitions.at(transitions.size() - 2),
        QStringLiteral("open>half-open reset-timeout 7204000ms"));
    QCOMPARE(transitions.constLast(), QStringLiteral("half-open>closed trials-passed 7206000ms"));
    QCOMPARE(transitions.size(), 1 + 2 * 239 + 2);
    QCOMPARE(halfOpenSpells, 240);
    QCOMPARE(breaker.timesOpened(), 240);
    QCOMPARE(breaker.totalFailures(), 7200);
    QCOMPARE(breaker.totalSuccesses(), 6 * 3600 - 7200);
    QCOMPARE(toString(breaker.state()), toString(BreakerState::Closed));
    QCOMPARE(breaker.stateSince(), T0 + 7206s);
}

void tst_CircuitBreaker::namesAreStable()
{
    QCOMPARE(toString(BreakerState::HalfOpen), QStringLiteral("half-open"));
    QCOMPARE(toString(BreakerState::ForcedOpen), QStringLiteral("forced-open"));
    QCOMPARE(breakerStateLabel(BreakerState::HalfOpen), QStringLiteral("Half-open"));
    QCOMPARE(toString(BreakerScope::Region), QStringLiteral("region"));
    QCOMPARE(toString(BreakerTrigger::TrialFailed), QStringLiteral("trial-failed"));
    QSet<QString> names;
    for (BreakerState state : { BreakerState::Closed, BreakerState::Open, BreakerState::HalfOpen,
             BreakerState::Disabled, BreakerState::ForcedOpen, BreakerState::Unknown }) {
        QVERIFY(!breakerStateLabel(state).isEmpty());
        names.insert(toString(state));
    }
    QCOMPARE(names.size(), 6);
}

QTEST_GUILESS_MAIN(tst_CircuitBreaker)
#include "tst_circuitbreaker.moc"
