#include "fakeclock.h"
#include "healthevaluator.h"

#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

namespace {

// A probe script: space-separated steps, each "a,b,c*N" (the sequence a,b,c repeated N times) or
// "gap:MS" (the clock jumps MS further before the next probe). Probes are one interval apart.
//   ok   success, 20 ms          slow  success, 6000 ms (over the 5000 ms threshold)
//   to   timeout                 ref   connection refused        dns  DNS failure
//   http unexpected HTTP status
ProbeResult probe(const QString &kind)
{
    ProbeResult r;
    r.endpointId = QStringLiteral("ep");
    if (kind == QLatin1String("ok") || kind == QLatin1String("slow")) {
        r.status = ProbeStatus::Ok;
        r.latencyMs = kind == QLatin1String("ok") ? 20 : 6000;
        r.httpStatus = 200;
    } else if (kind == QLatin1String("to")) {
        r.status = ProbeStatus::Timeout;
        r.reason = QStringLiteral("no answer within 800 ms");
        r.latencyMs = 800;
    } else if (kind == QLatin1String("ref")) {
        r.status = ProbeStatus::Refused;
        r.reason = QStringLiteral("connection refused by 127.0.0.1:9");
        r.latencyMs = 1;
    } else if (kind == QLatin1String("dns")) {
        r.status = ProbeStatus::Dns;
        r.reason = QStringLiteral("db.invalid not found");
    } else if (kind == QLatin1String("http")) {
        r.status = ProbeStatus::HttpStatus;
        r.reason = QStringLiteral("503 Service Unavailable");
        r.httpStatus = 503;
        r.latencyMs = 5;
    } else {
        qFatal("unknown probe kind in script");
    }
    return r;
}

DetectionThresholds thresholdsFrom(const QString &spec)
{
    DetectionThresholds t;
    const QStringList parts = spec.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString key = part.section(QLatin1Char('='), 0, 0);
        const int value = part.section(QLatin1Char('='), 1).toInt();
        if (key == QLatin1String("once"))
            t.unreachableActsAtOnce = value != 0;
        else if (key == QLatin1String("recovery"))
            t.recoverySuccesses = value;
        else if (key == QLatin1String("consecutive"))
            t.consecutiveFailures = value;
        else
            qFatal("unknown threshold key in test data");
    }
    return t;
}

struct Run
{
    QStringList transitions; // "health@probeIndex" for every changed verdict
    HealthEvaluator::Verdict last;
    int probes = 0;
};

Run runScript(HealthEvaluator &evaluator, const QString &script, int intervalMs)
{
    Run run;
    FakeClock clock;
    bool first = true;
    const QStringList steps = script.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &step : steps) {
        if (step.startsWith(QLatin1String("gap:"))) {
            clock.advance(std::chrono::milliseconds(step.mid(4).toLongLong()));
            continue;
        }
        const QStringList kinds = step.section(QLatin1Char('*'), 0, 0).split(QLatin1Char(','));
        const int repeat
            = step.contains(QLatin1Char('*')) ? step.section(QLatin1Char('*'), 1).toInt() : 1;
        for (int i = 0; i < repeat; ++i) {
            for (const QString &kind : kinds) {
                if (!first)
                    clock.advance(std::chrono::milliseconds(intervalMs));
                first = false;
                run.last = evaluator.add(probe(kind), clock.now());
                if (run.last.changed)
                    run.transitions.append(
                        toString(run.last.health) + QLatin1Char('@') + QString::number(run.probes));
                ++run.probes;
            }
        }
    }
    return run;
}

} // namespace

class tst_HealthEvaluator final : public QObject
{
    Q_OBJECT
private slots:
    void unknownUntilFirstResult();
    void script_data();
    void script();
    void successRateOverWindow();
    void memoryStaysBounded_data();
    void memoryStaysBounded();
    void clockGoingBackIsClamped();
    void flappingWithJitterStaysDegraded();
    void verdictIsStructured_data();
    void verdictIsStructured();
};

void tst_HealthEvaluator::unknownUntilFirstResult()
{
    HealthEvaluator evaluator { DetectionThresholds {} };
    QCOMPARE(toString(evaluator.health()), toString(Health::Unknown));
    QCOMPARE(evaluator.successRate(), -1.0);
    QCOMPARE(evaluator.windowSize(), 0);
    const auto verdict = evaluator.add(probe(QStringLiteral("ok")), HealthEvaluator::Clock::now());
    QCOMPARE(toString(verdict.health), toString(Health::Healthy));
    QVERIFY(verdict.changed);
    QCOMPARE(verdict.successRate, 1.0);
}

void tst_HealthEvaluator::script_data()
{
    QTest::addColumn<QString>("thresholds");
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("transitions");
    QTest::addColumn<QString>("finalReason");

    const QString toText = QStringLiteral("timeout: no answer within 800 ms");

    QTest::newRow("first ok is healthy")
        << QString() << 1000 << QStringLiteral("ok") << QStringLiteral("healthy@0") << QString();
    QTest::newRow("first failure is degraded")
        << QString() << 1000 << QStringLiteral("to") << QStringLiteral("degraded@0")
        << (QStringLiteral("1 of 3 failed probes: ") + toText);
    QTest::newRow("first refused is unhealthy")
        << QString() << 1000 << QStringLiteral("ref") << QStringLiteral("unhealthy@0")
        << QStringLiteral("connection refused by 127.0.0.1:9");
    QTest::newRow("three hours healthy, one transition")
        << QString() << 1000 << QStringLiteral("ok*10800") << QStringLiteral("healthy@0")
        << QString();
    QTest::newRow("one timeout degrades")
        << QString() << 1000 << QStringLiteral("ok*5 to") << QStringLiteral("healthy@0 degraded@5")
        << (QStringLiteral("1 of 3 failed probes: ") + toText);
    QTest::newRow("two timeouts stay degraded")
        << QString() << 1000 << QStringLiteral("ok*5 to*2")
        << QStringLiteral("healthy@0 degraded@5")
        << (QStringLiteral("2 of 3 failed probes: ") + toText);
    QTest::newRow("three timeouts are unhealthy")
        << QString() << 1000 << QStringLiteral("ok*5 to*3")
        << QStringLiteral("healthy@0 degraded@5 unhealthy@7")
        << (QStringLiteral("3 consecutive failed probes: ") + toText);
    QTest::newRow("http status counts as failure")
        << QString() << 1000 << QStringLiteral("ok http*3")
        << QStringLiteral("healthy@0 degraded@1 unhealthy@3")
        << QStringLiteral(
               "3 consecutive failed probes: unexpected HTTP status: 503 Service Unavailable");
    QTest::newRow("refused acts at once") << QString() << 1000 << QStringLiteral("ok*5 ref")
                                          << QStringLiteral("healthy@0 unhealthy@5")
                                          << QStringLiteral("connection refused by 127.0.0.1:9");
    QTest::newRow("dns acts at once")
        << QString() << 1000 << QStringLiteral("ok dns") << QStringLiteral("healthy@0 unhealthy@1")
        << QStringLiteral("DNS lookup failed: db.invalid not found");
    QTest::newRow("refused waits when told to")
        << QStringLiteral("once=0") << 1000 << QStringLiteral("ok ref*2")
        << QStringLiteral("healthy@0 degraded@1")
        << QStringLiteral("2 of 3 failed probes: connection refused by 127.0.0.1:9");
    QTest::newRow("recovery holds unhealthy") << QString() << 1000 << QStringLiteral("ok to*3 ok*2")
                                              << QStringLiteral("healthy@0 degraded@1 unhealthy@3")
                                              << QStringLiteral("recovering 2 of 3");
    QTest::newRow("recovery after three successes")
        << QString() << 1000 << QStringLiteral("ok to*3 ok*3")
        << QStringLiteral("healthy@0 degraded@1 unhealthy@3 healthy@6")
        << QStringLiteral("recovered after 3 good probes in a row");
    QTest::newRow("lone successes do not reset unhealthy")
        << QString() << 1000 << QStringLiteral("ok to*3 ok to ok*2 to")
        << QStringLiteral("healthy@0 degraded@1 unhealthy@3")
        << (QStringLiteral("not recovered: ") + toText);
    QTest::newRow("naive failback with recovery=1")
        << QStringLiteral("recovery=1") << 1000 << QStringLiteral("ok to*3 ok")
        << QStringLiteral("healthy@0 degraded@1 unhealthy@3 healthy@4")
        << QStringLiteral("recovered after 1 good probes in a row");
    QTest::newRow("degraded also needs the recovery run")
        << QString() << 1000 << QStringLiteral("ok to ok*2")
        << QStringLiteral("healthy@0 degraded@1") << QStringLiteral("recovering 2 of 3");
    QTest::newRow("degraded recovers after three")
        << QString() << 1000 << QStringLiteral("ok to ok*3")
        << QStringLiteral("healthy@0 degraded@1 healthy@4")
        << QStringLiteral("recovered after 3 good probes in a row");
    QTest::newRow("one failure is unhealthy with consecutive=1")
        << QStringLiteral("consecutive=1") << 1000 << QStringLiteral("ok to")
        << QStringLiteral("healthy@0 unhealthy@1")
        << (QStringLiteral("1 consecutive failed probes: ") + toText);

    // Flapping: 50 % failures is not "more than 50 %", and no run reaches 3 in either direction.
    QTest::newRow("flapping 50% for an hour stays degraded")
        << QString() << 1000 << QStringLiteral("ok,to*1800")
        << QStringLiteral("healthy@0 degraded@1")
        << (QStringLiteral("1 of 3 failed probes: ") + toText);
    QTest::newRow("flapping 50% ending on success")
        << QString() << 1000 << QStringLiteral("ok,to*1800 ok")
        << QStringLiteral("healthy@0 degraded@1") << QStringLiteral("recovering 1 of 3");
    // Two failures in three (67 %): unhealthy by error rate on the first failure once the 30 s
    // window has been watched whole (probe 30 at t = 30 s), and held there for the whole run.
    QTest::newRow("flapping 67% becomes unhealthy by error rate")
        << QString() << 1000 << QStringLiteral("to,to,ok*40 to")
        << QStringLiteral("degraded@0 unhealthy@30")
        << QStringLiteral("67% of probes failed in the last 30 s");
    QTest::newRow("flapping 67% for two hours")
        << QString() << 1000 << QStringLiteral("to,to,ok*2400")
        << QStringLiteral("degraded@0 unhealthy@30") << QStringLiteral("recovering 1 of 3");
    QTest::newRow("error rate waits for a whole window")
        << QString() << 1000 << QStringLiteral("to,to,ok*9 to") << QStringLiteral("degraded@0")
        << (QStringLiteral("1 of 3 failed probes: ") + toText);
    QTest::newRow("error rate needs four samples in the window")
        << QString() << 10000 << QStringLiteral("to,to,ok*100") << QStringLiteral("degraded@0")
        << QStringLiteral("recovering 1 of 3");
    QTest::newRow("error rate with four samples in the window")
        << QString() << 7500 << QStringLiteral("to,to,ok*20")
        << QStringLiteral("degraded@0 unhealthy@4") << QStringLiteral("recovering 1 of 3");
    QTest::newRow("a silence restarts the observation")
        << QString() << 1000 << QStringLiteral("to,to,ok*10 gap:60000 to,to,ok*9 to")
        << QStringLiteral("degraded@0") << (QStringLiteral("1 of 3 failed probes: ") + toText);
    // After a long outage the window still remembers it: a failure right after recovery counts.
    QTest::newRow("failure right after recovery is judged by the window")
        << QString() << 1000 << QStringLiteral("ok*40 to*40 ok*3 to")
        << QStringLiteral("healthy@0 degraded@40 unhealthy@42 healthy@82 unhealthy@83")
        << QStringLiteral("90% of probes failed in the last 30 s");

    QTest::newRow("sustained latency degrades")
        << QString() << 1000 << QStringLiteral("slow*61") << QStringLiteral("healthy@0 degraded@60")
        << QStringLiteral("latency over 5000 ms for 1 min");
    QTest::newRow("latency one probe short") << QString() << 1000 << QStringLiteral("slow*60")
                                             << QStringLiteral("healthy@0") << QString();
    QTest::newRow("one fast answer breaks the slow run")
        << QString() << 1000 << QStringLiteral("slow*59 ok slow*59") << QStringLiteral("healthy@0")
        << QString();
    QTest::newRow("two hours slow") << QString() << 1000 << QStringLiteral("slow*7200")
                                    << QStringLiteral("healthy@0 degraded@60")
                                    << QStringLiteral("latency over 5000 ms for 1 min");
    // Slow answers are successes, but only fast ones end a verdict that slowness caused.
    QTest::newRow("one fast answer does not end latency degradation")
        << QString() << 1000 << QStringLiteral("slow*61 ok")
        << QStringLiteral("healthy@0 degraded@60") << QStringLiteral("recovering 1 of 3");
    QTest::newRow("three fast answers end latency degradation")
        << QString() << 1000 << QStringLiteral("slow*61 ok*3")
        << QStringLiteral("healthy@0 degraded@60 healthy@63")
        << QStringLiteral("recovered after 3 good probes in a row");
    QTest::newRow("mostly slow with fast answers between stays degraded")
        << QString() << 1000 << QStringLiteral("slow*61 ok,slow*600")
        << QStringLiteral("healthy@0 degraded@60") << QStringLiteral("recovering 0 of 3");
    // A failure is not an answer: it neither starts nor breaks a slow run.
    QTest::newRow("failure inside a slow run")
        << QString() << 1000 << QStringLiteral("slow*30 to slow*30")
        << QStringLiteral("healthy@0 degraded@30 healthy@33 degraded@60")
        << QStringLiteral("latency over 5000 ms for 1 min");
}

void tst_HealthEvaluator::script()
{
    QFETCH(QString, thresholds);
    QFETCH(int, intervalMs);
    QFETCH(QString, script);
    QFETCH(QString, transitions);
    QFETCH(QString, finalReason);

    HealthEvaluator evaluator(thresholdsFrom(thresholds));
    const Run run = runScript(evaluator, script, intervalMs);
    QCOMPARE(run.transitions.join(QLatin1Char(' ')), transitions);
    QCOMPARE(run.last.reason, finalReason);
    QCOMPARE(evaluator.reason(), finalReason);
    QCOMPARE(toString(evaluator.health()), toString(run.last.health));
    QVERIFY(evaluator.windowSize() <= 30);
}

void tst_HealthEvaluator::successRateOverWindow()
{
    HealthEvaluator evaluator { DetectionThresholds {} };
    Run run = runScript(evaluator, QStringLiteral("ok*10 to*10"), 1000);
    QCOMPARE(run.last.successRate, 0.5);
    QCOMPARE(evaluator.windowSize(), 20);

    // 30 further successes push every failure out of the 30 s window.
    HealthEvaluator second { DetectionThresholds {} };
    run = runScript(second, QStringLiteral("ok*10 to*10 ok*30"), 1000);
    QCOMPARE(run.last.successRate, 1.0);
    QCOMPARE(second.windowSize(), 30);

    HealthEvaluator third { DetectionThresholds {} };
    run = runScript(third, QStringLiteral("ok*10 to*10 ok*25"), 1000);
    QCOMPARE(run.last.successRate, 25.0 / 30.0);
}

void tst_HealthEvaluator::memoryStaysBounded_data()
{
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<int>("probes");
    QTest::addColumn<int>("expectedWindow");

    QTest::newRow("1 ms probes hit the hard cap")
        << 1 << 100000 << HealthEvaluator::maxWindowSamples;
    QTest::newRow("1 s probes for ten hours keep 30") << 1000 << 36000 << 30;
}

void tst_HealthEvaluator::memoryStaysBounded()
{
    QFETCH(int, intervalMs);
    QFETCH(int, probes);
    QFETCH(int, expectedWindow);

    HealthEvaluator evaluator { DetectionThresholds {} };
    const Run run = runScript(evaluator, QStringLiteral("ok,to*%1").arg(probes / 2), intervalMs);
    QCOMPARE(run.probes, probes);
    QCOMPARE(evaluator.windowSize(), expectedWindow);
    QCOMPARE(run.last.successRate, 0.5);
}

void tst_HealthEvaluator::clockGoingBackIsClamped()
{
    HealthEvaluator evaluator { DetectionThresholds {} };
    const auto t0 = HealthEvaluator::Clock::time_point {} + 10h;
    evaluator.add(probe(QStringLiteral("ok")), t0);
    evaluator.add(probe(QStringLiteral("ok")), t0 - 1h);
    // Had the window gone back an hour, the next sample would have pushed both out.
    evaluator.add(probe(QStringLiteral("ok")), t0 + 1s);
    QCOMPARE(evaluator.windowSize(), 3);
}

// Real answers arrive on the probe grid plus their latency. Without the probe interval the
// 30 s window holds 30 or 31 samples depending on that jitter, and a 50/50 flapping endpoint
// reads 16 of 31 = 52 % failed now and then; with it, the count stays 30 and the rate 50 %.
void tst_HealthEvaluator::flappingWithJitterStaysDegraded()
{
    const auto run = [](HealthEvaluator evaluator) {
        FakeClock clock;
        int unhealthy = 0;
        std::chrono::milliseconds previousJitter { 0 };
        for (int k = 0; k < 3600; ++k) {
            // Probe k answers at k seconds plus its jitter.
            const auto jitter = std::chrono::milliseconds((k * 7919) % 200);
            clock.advance((k ? std::chrono::milliseconds(1000) : std::chrono::milliseconds(0))
                + jitter - previousJitter);
            previousJitter = jitter;
            const ProbeResult r = probe(k % 2 ? QStringLiteral("to") : QStringLiteral("ok"));
            unhealthy += evaluator.add(r, clock.now()).health == Health::Unhealthy ? 1 : 0;
        }
        return unhealthy;
    };
    const DetectionThresholds defaults;
    QCOMPARE(run(HealthEvaluator(defaults, std::chrono::milliseconds(1000))), 0);
    // The same stream judged without the interval: the false alarm this guards against.
    QVERIFY(run(HealthEvaluator(defaults)) > 0);
}

// The verdict says to machines what its reason says to people: the cause, the runs and the
// thresholds they are measured against.
void tst_HealthEvaluator::verdictIsStructured_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<int>("failureRun");
    QTest::addColumn<int>("recoveryRun");
    QTest::addColumn<QString>("status");
    QTest::newRow("first timeout") << QStringLiteral("ok to") << QStringLiteral("failure-run") << 1
                                   << 0 << QStringLiteral("timeout");
    QTest::newRow("third timeout") << QStringLiteral("ok to*3") << QStringLiteral("failure-run")
                                   << 3 << 0 << QStringLiteral("timeout");
    QTest::newRow("refused") << QStringLiteral("ok ref") << QStringLiteral("strong-failure") << 1
                             << 0 << QStringLiteral("refused");
    QTest::newRow("recovering") << QStringLiteral("ok ref ok*2") << QStringLiteral("recovering")
                                << 0 << 2 << QStringLiteral("ok");
    QTest::newRow("recovered") << QStringLiteral("ok ref ok*3") << QStringLiteral("recovered") << 0
                               << 3 << QStringLiteral("ok");
    QTest::newRow("error rate") << QStringLiteral("ok,ok,to,to,to*12")
                                << QStringLiteral("error-rate") << 3 << 0
                                << QStringLiteral("timeout");
    // Slow answers are successes, but none of them counts towards ending a slowness verdict.
    QTest::newRow("slow") << QStringLiteral("slow*70") << QStringLiteral("slowness") << 0 << 0
                          << QStringLiteral("ok");
}

void tst_HealthEvaluator::verdictIsStructured()
{
    QFETCH(QString, script);
    QFETCH(QString, cause);
    QFETCH(int, failureRun);
    QFETCH(int, recoveryRun);
    QFETCH(QString, status);
    DetectionThresholds thresholds;
    thresholds.consecutiveFailures = 5;
    HealthEvaluator evaluator(thresholds, 1000ms);
    const Run run = runScript(evaluator, script, 1000);
    QCOMPARE(toString(run.last.cause), cause);
    QCOMPARE(run.last.failureRun, failureRun);
    QCOMPARE(run.last.failuresNeeded, 5);
    QCOMPARE(run.last.recoveryRun, recoveryRun);
    QCOMPARE(run.last.recoveryNeeded, 3);
    QCOMPARE(toString(run.last.lastStatus), status);
}

QTEST_GUILESS_MAIN(tst_HealthEvaluator)
#include "tst_healthevaluator.moc"
