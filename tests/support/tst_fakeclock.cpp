#include "fakeclock.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace Console;
using namespace std::chrono_literals;

namespace {

// Durations as milliseconds, so that a failed QCOMPARE prints the values.
double ms(std::chrono::nanoseconds duration)
{
    return static_cast<double>(duration.count()) / 1e6;
}

double elapsedMs(const FakeClock &clock)
{
    return ms(clock.elapsed());
}

// The next deadline relative to the clock's start; -1 when no timer is active.
double nextDeadlineMs(const FakeClock &clock)
{
    const std::optional<Clock::TimePoint> deadline = clock.nextDeadline();
    return deadline ? ms(*deadline - FakeClock::Start) : -1;
}

} // namespace

class tst_FakeClock final : public QObject
{
    Q_OBJECT

private slots:
    void standsStillUntilAdvanced();
    void wallTimeMovesWithMonotonicTime();
    void setWallTimeLeavesMonotonicTime();
    void timerFiresAtItsDeadline();
    void timersFireInDeadlineOrder();
    void timerStartedByReceiverFiresWithinTheStep();
    void restartReplacesAndStopCancels();
    void zeroDelayWaitsForAnAdvance();
    void receiverMayDeleteAnotherDueTimer();
    void receiverMayDeleteItsOwnTimer();
    void timerDiesWithItsParent();
    void timerMayOutliveTheClock();
    void runawayTimerIsBounded();
};

void tst_FakeClock::standsStillUntilAdvanced()
{
    FakeClock clock;
    Clock *asClock = &clock; // tests use it through the interface the code under test sees
    QCOMPARE(asClock->now(), FakeClock::Start);
    QCOMPARE(asClock->now(), asClock->now());
    QCOMPARE(elapsedMs(clock), 0.0);
    QCOMPARE(asClock->wallNow(), QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc()));
    QCOMPARE(asClock->wallNow().timeSpec(), Qt::UTC);
    QCOMPARE(clock.advance(1500us), 0);
    QCOMPARE(asClock->now(), FakeClock::Start + 1500us);
    QCOMPARE(elapsedMs(clock), 1.5);
    QCOMPARE(nextDeadlineMs(clock), -1.0);
}

void tst_FakeClock::wallTimeMovesWithMonotonicTime()
{
    // A start given in another zone is the same instant in UTC.
    const QDateTime start(QDate(2025, 6, 30), QTime(23, 59, 59), QTimeZone(3600));
    FakeClock clock(start);
    QCOMPARE(clock.wallNow(), start);
    QCOMPARE(clock.wallNow().timeSpec(), Qt::UTC);
    clock.advance(1500ms);
    QCOMPARE(clock.wallNow(), start.addMSecs(1500));
    clock.advance(2h);
    QCOMPARE(clock.wallNow(), start.addMSecs(1500).addSecs(7200));
}

void tst_FakeClock::setWallTimeLeavesMonotonicTime()
{
    FakeClock clock;
    clock.advance(10s);
    const Clock::TimePoint before = clock.now();
    const QDateTime jumped(QDate(2030, 3, 1), QTime(12, 0), QTimeZone::utc());
    clock.setWallTime(jumped);
    QCOMPARE(clock.now(), before);
    QCOMPARE(clock.wallNow(), jumped);
    clock.advance(250ms);
    QCOMPARE(clock.wallNow(), jumped.addMSecs(250));
    // Backwards too: wall time is what people set, monotonic time is not.
    clock.setWallTime(jumped.addDays(-1));
    QCOMPARE(clock.wallNow(), jumped.addDays(-1));
    QCOMPARE(clock.now(), before + 250ms);
}

void tst_FakeClock::timerFiresAtItsDeadline()
{
    FakeClock clock;
    QObject owner;
    ClockTimer *timer = clock.createTimer(&owner);
    QCOMPARE(timer->parent(), &owner);
    QList<double> firedAt;
    connect(timer, &ClockTimer::timeout, this, [&] { firedAt.append(elapsedMs(clock)); });

    QVERIFY(!timer->isActive());
    timer->start(100ms);
    QVERIFY(timer->isActive());
    QCOMPARE(nextDeadlineMs(clock), 100.0);
    QCOMPARE(clock.advance(99ms), 0);
    QVERIFY(firedAt.isEmpty());
    QCOMPARE(clock.advance(2ms), 1);
    QCOMPARE(firedAt, QList<double> { 100.0 });
    // Single shot, and time still reaches the end of the step.
    QVERIFY(!timer->isActive());
    QCOMPARE(elapsedMs(clock), 101.0);
    QCOMPARE(clock.advance(1h), 0);
    QCOMPARE(firedAt.size(), 1);
}

void tst_FakeClock::timersFireInDeadlineOrder()
{
    FakeClock clock;
    QObject owner;
    QStringList order;
    const auto make = [&](const QString &name, std::chrono::nanoseconds delay) {
        ClockTimer *timer = clock.createTimer(&owner);
        connect(timer, &ClockTimer::timeout, &owner, [&clock, &order, name] {
            order.append(QStringLiteral("%1@%2").arg(name).arg(elapsedMs(clock)));
        });
        timer->start(delay);
    };
    make(QStringLiteral("c"), 300ms);
    make(QStringLiteral("a"), 100ms);
    make(QStringLiteral("tie2"), 200ms);
    make(QStringLiteral("tie1"), 200ms);
    make(QStringLiteral("late"), 2s);
    QCOMPARE(clock.activeTimerCount(), 5);
    QCOMPARE(clock.advance(1s), 4);
    // Equal deadlines keep the order in which the timers were started.
    QCOMPARE(order,
        QStringList({ QStringLiteral("a@100"), QStringLiteral("tie2@200"),
            QStringLiteral("tie1@200"), QStringLiteral("c@300") }));
    QCOMPARE(clock.activeTimerCount(), 1);
    QCOMPARE(nextDeadlineMs(clock), 2000.0);
}

void tst_FakeClock::timerStartedByReceiverFiresWithinTheStep()
{
    FakeClock clock;
    QObject owner;
    ClockTimer *ticker = clock.createTimer(&owner);
    ClockTimer *beyond = clock.createTimer(&owner);
    QList<double> ticks;
    connect(ticker, &ClockTimer::timeout, &owner, [&] {
        ticks.append(elapsedMs(clock));
        ticker->start(30ms);
        beyond->start(1s);
    });
    QSignalSpy beyondFired(beyond, &ClockTimer::timeout);
    ticker->start(30ms);
    QCOMPARE(clock.advance(100ms), 3);
    QCOMPARE(ticks, (QList<double> { 30, 60, 90 }));
    QCOMPARE(beyondFired.size(), 0);
    QCOMPARE(nextDeadlineMs(clock), 120.0);
    QCOMPARE(elapsedMs(clock), 100.0);
}

void tst_FakeClock::restartReplacesAndStopCancels()
{
    FakeClock clock;
    QObject owner;
    ClockTimer *timer = clock.createTimer(&owner);
    QSignalSpy fired(timer, &ClockTimer::timeout);
    timer->start(100ms);
    clock.advance(50ms);
    timer->start(100ms); // now due at 150 ms, not 100 ms
    clock.advance(99ms);
    QCOMPARE(fired.size(), 0);
    clock.advance(1ms);
    QCOMPARE(fired.size(), 1);

    timer->start(10ms);
    timer->stop();
    QVERIFY(!timer->isActive());
    QCOMPARE(clock.advance(1s), 0);
    QCOMPARE(fired.size(), 1);

    timer->start(-5ms); // a deadline in the past is now
    QCOMPARE(nextDeadlineMs(clock), elapsedMs(clock));
}

void tst_FakeClock::zeroDelayWaitsForAnAdvance()
{
    // Like a 0 ms QTimer, which fires from the event loop, never inside start().
    FakeClock clock;
    QObject owner;
    ClockTimer *timer = clock.createTimer(&owner);
    QSignalSpy fired(timer, &ClockTimer::timeout);
    timer->start(0ns);
    QCOMPARE(fired.size(), 0);
    QCOMPARE(clock.fireDue(), 1);
    QCOMPARE(fired.size(), 1);
    QCOMPARE(elapsedMs(clock), 0.0);
}

void tst_FakeClock::receiverMayDeleteAnotherDueTimer()
{
    FakeClock clock;
    QObject owner;
    ClockTimer *first = clock.createTimer(&owner);
    QPointer<ClockTimer> second = clock.createTimer(&owner);
    connect(first, &ClockTimer::timeout, &owner, [&second] { delete second.data(); });
    int secondFired = 0;
    connect(second, &ClockTimer::timeout, &owner, [&secondFired] { ++secondFired; });
    first->start(10ms);
    second->start(10ms);
    QCOMPARE(clock.activeTimerCount(), 2);
    QCOMPARE(clock.advance(20ms), 1);
    QVERIFY(second.isNull());
    QCOMPARE(secondFired, 0);
    QCOMPARE(clock.activeTimerCount(), 0);
}

void tst_FakeClock::receiverMayDeleteItsOwnTimer()
{
    FakeClock clock;
    QObject owner;
    QPointer<ClockTimer> timer = clock.createTimer(&owner);
    ClockTimer *other = clock.createTimer(&owner);
    QSignalSpy otherFired(other, &ClockTimer::timeout);
    connect(timer, &ClockTimer::timeout, &owner, [&timer] { delete timer.data(); });
    timer->start(10ms);
    other->start(15ms);
    QCOMPARE(clock.advance(20ms), 2);
    QVERIFY(timer.isNull());
    QCOMPARE(otherFired.size(), 1);
}

void tst_FakeClock::timerDiesWithItsParent()
{
    FakeClock clock;
    auto owner = std::make_unique<QObject>();
    QPointer<ClockTimer> timer = clock.createTimer(owner.get());
    timer->start(10ms);
    QCOMPARE(clock.activeTimerCount(), 1);
    owner.reset();
    QVERIFY(timer.isNull());
    QCOMPARE(clock.activeTimerCount(), 0);
    QCOMPARE(nextDeadlineMs(clock), -1.0);
    QCOMPARE(clock.advance(1s), 0);
}

void tst_FakeClock::timerMayOutliveTheClock()
{
    QObject owner;
    auto clock = std::make_unique<FakeClock>();
    ClockTimer *timer = clock->createTimer(&owner);
    timer->start(10ms);
    clock.reset();
    // Detached: inactive, and start() no longer reaches a clock that is gone.
    QVERIFY(!timer->isActive());
    timer->start(10ms);
    QVERIFY(!timer->isActive());
    delete timer;
}

void tst_FakeClock::runawayTimerIsBounded()
{
    FakeClock clock;
    clock.setMaxFirings(1000);
    QObject owner;
    ClockTimer *timer = clock.createTimer(&owner);
    int fired = 0;
    connect(timer, &ClockTimer::timeout, &owner, [&] {
        ++fired;
        timer->start(0ns);
    });
    timer->start(1ms);
    QTest::ignoreMessage(QtWarningMsg,
        "FakeClock::advance: stopped after 1000 timeouts within one step; a timer keeps "
        "re-arming without letting time pass");
    QCOMPARE(clock.advance(1s), 1000);
    QCOMPARE(fired, 1000);
    // Time stops where the loop was caught, which a test can see.
    QCOMPARE(elapsedMs(clock), 1.0);
}

QTEST_GUILESS_MAIN(tst_FakeClock)
#include "tst_fakeclock.moc"
