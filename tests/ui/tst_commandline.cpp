#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <functional>

// Runs the real failover-console executable as a user or a script would.
class tst_CommandLine : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    static Run run(const QStringList &arguments, int timeoutMs = 30000,
        const QList<std::pair<QString, QString>> &extraEnvironment = {})
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        for (const auto &[name, value] : extraEnvironment)
            env.insert(name, value);
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(CONSOLE_EXECUTABLE), arguments);
        Run result;
        if (!process.waitForFinished(timeoutMs)) {
            process.kill();
            process.waitForFinished(2000);
            return result;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

    static QString example(const char *name)
    {
        return QStringLiteral(CONSOLE_SOURCE_DIR "/") + QLatin1String(name);
    }

    // Reads JSON lines from a headless console until `done` says so (or 15 s pass).
    static QList<QJsonObject> readEvents(
        QProcess &process, const std::function<bool(const QJsonObject &)> &done)
    {
        QList<QJsonObject> events;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 15000) {
            if (!process.canReadLine() && !process.waitForReadyRead(500))
                continue;
            while (process.canReadLine()) {
                const QByteArray line = process.readLine();
                QJsonParseError error;
                const QJsonObject event = QJsonDocument::fromJson(line, &error).object();
                if (error.error != QJsonParseError::NoError) {
                    qWarning("not a JSON line: %s", line.constData());
                    return {};
                }
                events.append(event);
                if (done(event))
                    return events;
            }
        }
        return events;
    }

    static void startHeadless(QProcess &process, const QStringList &extra)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // No display at all: the headless mode must not need one.
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        process.setProcessEnvironment(env);
        process.setReadChannel(QProcess::StandardOutput);
        process.start(QStringLiteral(CONSOLE_EXECUTABLE),
            QStringList { QStringLiteral("--headless"), QStringLiteral("--demo") } + extra);
    }

private slots:
    void headlessPrintsEventsAndStopsOnSignals_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::addColumn<QString>("name");
        QTest::newRow("SIGTERM") << int(SIGTERM) << QStringLiteral("SIGTERM");
        QTest::newRow("SIGINT") << int(SIGINT) << QStringLiteral("SIGINT");
    }

    void headlessPrintsEventsAndStopsOnSignals()
    {
        QFETCH(int, signalNumber);
        QFETCH(QString, name);
        QProcess process;
        startHeadless(process, { QStringLiteral("--demo-fault"), QStringLiteral("eu-west=down") });
        QVERIFY(process.waitForStarted(5000));
        const QList<QJsonObject> events = readEvents(process, [](const QJsonObject &e) {
            return e.value(QStringLiteral("kind")).toString() == QLatin1String("region-health")
                && e.value(QStringLiteral("region")).toString() == QLatin1String("eu-west");
        });
        QVERIFY2(events.size() >= 4, qPrintable(QString::fromUtf8(process.readAllStandardError())));
        // Every line carries the documented envelope; sequence numbers count up from 1.
        for (int i = 0; i < events.size(); ++i) {
            const QJsonObject &e = events.at(i);
            for (const char *key :
                { "seq", "time", "mono_ms", "kind", "severity", "region", "endpoint", "message" })
                QVERIFY2(e.contains(QLatin1String(key)), key);
            QCOMPARE(e.value(QStringLiteral("seq")).toInt(), i + 1);
        }
        QCOMPARE(events.at(0).value(QStringLiteral("kind")).toString(),
            QStringLiteral("console-started"));
        QCOMPARE(
            events.at(1).value(QStringLiteral("kind")).toString(), QStringLiteral("demo-fault"));
        const QJsonObject region = events.constLast();
        QCOMPARE(region.value(QStringLiteral("to")).toString(), QStringLiteral("unhealthy"));
        QCOMPARE(region.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
        QCOMPARE(
            region.value(QStringLiteral("cause")).toString(), QStringLiteral("strong-failure"));

        QElapsedTimer stopping;
        stopping.start();
        ::kill(pid_t(process.processId()), signalNumber);
        QVERIFY(process.waitForFinished(3000));
        QVERIFY2(stopping.elapsed() < 1000, qPrintable(QString::number(stopping.elapsed())));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QList<QByteArray> rest = process.readAllStandardOutput().split('\n');
        QJsonObject last;
        for (const QByteArray &line : rest) {
            if (!line.isEmpty())
                last = QJsonDocument::fromJson(line).object();
        }
        QCOMPARE(last.value(QStringLiteral("kind")).toString(), QStringLiteral("console-stopping"));
        QCOMPARE(last.value(QStringLiteral("why")).toString(), name + QStringLiteral(" received"));
    }

    // The window stops as cleanly as the headless mode: a service manager's SIGTERM or a
    // terminal's Ctrl+C ends it with 0, not by the default action.
    void windowStopsOnSigterm()
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(CONSOLE_EXECUTABLE), { QStringLiteral("--demo") });
        QVERIFY(process.waitForStarted(5000));
        // Ready when the process catches SIGTERM (its handler is in place): read from the kernel.
        const auto catchesSigterm = [&process] {
            QFile status(QStringLiteral("/proc/%1/status").arg(process.processId()));
            if (!status.open(QIODevice::ReadOnly))
                return false;
            for (const QByteArray &line : status.readAll().split('\n')) {
                if (line.startsWith("SigCgt:"))
                    return ((line.mid(7).trimmed().toULongLong(nullptr, 16) >> (SIGTERM - 1)) & 1)
                        != 0;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(catchesSigterm(), 15000);
        QElapsedTimer stopping;
        stopping.start();
        process.terminate();
        QVERIFY(process.waitForFinished(3000));
        QVERIFY2(stopping.elapsed() < 1000, qPrintable(QString::number(stopping.elapsed())));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }

    void headlessRefusesTheScreenshot()
    {
        const Run both = run({ QStringLiteral("--headless"), QStringLiteral("--demo"),
            QStringLiteral("--screenshot"), QStringLiteral("x.png") });
        QCOMPARE(both.exitCode, 2);
        QVERIFY(both.err.contains(QStringLiteral("--headless")));
    }

    void helpAndVersion()
    {
        const Run help = run({ QStringLiteral("--help") });
        QCOMPARE(help.exitCode, 0);
        for (const char *option :
            { "--demo", "--config", "--check-config", "--screenshot", "--after", "--headless" })
            QVERIFY2(help.out.contains(QLatin1String(option)), option);
        const Run version = run({ QStringLiteral("--version") });
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.contains(QStringLiteral(CONSOLE_VERSION)));
    }

    // A scheduler's drill: every step automatic, the report written, the exit code the verdict.
    void headlessDrillWritesTheReport()
    {
        QTemporaryDir dir;
        const QString report = dir.filePath(QStringLiteral("health.md"));
        const Run drill = run(
            { QStringLiteral("--headless"), QStringLiteral("--demo"), QStringLiteral("--journal"),
                dir.filePath(QStringLiteral("j.sqlite")), QStringLiteral("--drill"),
                QStringLiteral("health-check"), QStringLiteral("--report"), report },
            60000);
        QVERIFY2(drill.exitCode == 0, qPrintable(drill.err));
        QVERIFY2(drill.err.contains(QStringLiteral("drill health-check: Passed")),
            qPrintable(drill.err));
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        QVERIFY2(text.startsWith(QStringLiteral("# Failover Test Report: ")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("| False positives | ≤ 0 | 0 | Pass |")),
            qPrintable(text));
        // The JSON lines carry the drill's events for whoever watches the scheduler's log.
        QVERIFY(drill.out.contains(QStringLiteral("\"kind\":\"drill-finished\"")));
    }

    // The built-in synthetic drill on the demo meets every target, RPO included: with no
    // database heartbeat there, the RPO is the standby's reported lag, and the report says so.
    void headlessSyntheticDrillPassesOnTheDemo()
    {
        QTemporaryDir dir;
        const QString report = dir.filePath(QStringLiteral("synthetic.md"));
        const Run drill = run(
            { QStringLiteral("--headless"), QStringLiteral("--demo"), QStringLiteral("--journal"),
                dir.filePath(QStringLiteral("j.sqlite")), QStringLiteral("--drill"),
                QStringLiteral("synthetic-failover"), QStringLiteral("--report"), report },
            75000);
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        // The report says which step or target missed, which the last line of stderr does not.
        QVERIFY2(drill.exitCode == 0, qPrintable(drill.err + text));
        QVERIFY2(drill.err.contains(QStringLiteral("drill synthetic-failover: Passed")),
            qPrintable(drill.err));
        const QRegularExpression rpoRow(QStringLiteral(
            R"(\| RPO \| ≤ 1 min \| \d+ ms \(standby's reported lag, [0-9.]+ m?s old\) \| Pass \|)"));
        QVERIFY2(text.contains(rpoRow), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("**RPO basis**")), qPrintable(text));
    }

    // A missed target is exit 1: here a detection target no console can meet.
    void headlessDrillMissedTargetExitsOne()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("strict.yaml"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("drill:\n"
                  "  id: strict-detection\n"
                  "  name: Strict detection\n"
                  "  type: chaos\n"
                  "  hypothesis: the console notices a dead standby within a millisecond\n"
                  "  targets: { time_to_detect: 1ms }\n"
                  "  steps:\n"
                  "    - fault: down\n"
                  "      region: \"{standby}\"\n"
                  "    - wait_for: region-unhealthy\n"
                  "      region: \"{standby}\"\n"
                  "      timeout: 20s\n"
                  "    - measure: time-to-detect\n"
                  "  rollback:\n"
                  "    - fault: restore\n"
                  "      region: \"{standby}\"\n");
        out.close();
        const Run drill = run(
            { QStringLiteral("--headless"), QStringLiteral("--demo"), QStringLiteral("--journal"),
                dir.filePath(QStringLiteral("j.sqlite")), QStringLiteral("--drill"), file },
            60000);
        QVERIFY2(drill.exitCode == 1, qPrintable(drill.err));
        QVERIFY2(drill.err.contains(QStringLiteral("Target missed")), qPrintable(drill.err));
    }

    void headlessDrillUsageAndDefinitionErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown drill") << QStringList { QStringLiteral("--headless"),
            QStringLiteral("--demo"), QStringLiteral("--drill"), QStringLiteral("no-such-drill") }
                                       << QStringLiteral("synthetic-failover");
        QTest::newRow("needs an operator")
            << QStringList { QStringLiteral("--headless"), QStringLiteral("--demo"),
                   QStringLiteral("--drill"), QStringLiteral("controlled-failover") }
            << QStringLiteral("Drills tab");
        QTest::newRow("window") << QStringList { QStringLiteral("--demo"),
            QStringLiteral("--drill"), QStringLiteral("health-check") }
                                << QStringLiteral("--headless");
        QTest::newRow("report alone") << QStringList { QStringLiteral("--headless"),
            QStringLiteral("--demo"), QStringLiteral("--report"), QStringLiteral("x.md") }
                                      << QStringLiteral("--report goes with --drill");
        QTest::newRow("fault the demo lacks")
            << QStringList { QStringLiteral("--headless"), QStringLiteral("--demo"),
                   QStringLiteral("--drill"), QStringLiteral("chaos-dns-failure") }
            << QStringLiteral("dns-failure");
    }

    void headlessDrillUsageAndDefinitionErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const Run drill = run(arguments
                + QStringList { QStringLiteral("--journal"),
                    dir.filePath(QStringLiteral("j.sqlite")) },
            40000);
        QVERIFY2(drill.exitCode == 2, qPrintable(drill.err));
        QVERIFY2(drill.err.contains(expected), qPrintable(drill.err));
    }

    void headlessDrillFileErrorsArePositioned()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("broken.yaml"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write("drill:\n  id: broken\n  name: Broken\n  steps:\n    - wait_for: breaker-opn\n");
        out.close();
        const Run drill = run({ QStringLiteral("--headless"), QStringLiteral("--demo"),
            QStringLiteral("--drill"), file });
        QCOMPARE(drill.exitCode, 2);
        QVERIFY2(drill.err.contains(file + QStringLiteral(":5:")), qPrintable(drill.err));
    }

    void usageErrors()
    {
        // Headless needs a topology; the window alone falls back (startedFromTheMenu).
        QCOMPARE(run({ QStringLiteral("--headless") }).exitCode, 2);
        QCOMPARE(run({ QStringLiteral("--bogus") }).exitCode, 2);
        const Run both = run(
            { QStringLiteral("--demo"), QStringLiteral("--config"), QStringLiteral("x.yaml") });
        QCOMPARE(both.exitCode, 2);
        QVERIFY(both.err.contains(QStringLiteral("--demo")));
    }

    void manualActionsAreCheckedAndGated()
    {
        const QString journal = QDir::temp().filePath(
            QStringLiteral("tst_commandline-%1.sqlite").arg(QCoreApplication::applicationPid()));
        const QStringList base { QStringLiteral("--headless"), QStringLiteral("--demo"),
            QStringLiteral("--journal"), journal };
        // Usage errors: 2, before anything runs.
        QCOMPARE(run({ QStringLiteral("--demo"), QStringLiteral("--failover-to"),
                         QStringLiteral("eu-west") })
                     .exitCode,
            2);
        QCOMPARE(run(base
                     + QStringList { QStringLiteral("--failback"), QStringLiteral("--failover-to"),
                         QStringLiteral("eu-west") })
                     .exitCode,
            2);
        const Run noReason = run(base
            + QStringList { QStringLiteral("--failover-to"), QStringLiteral("eu-west"),
                QStringLiteral("--override"), QStringLiteral("cooldown") });
        QCOMPARE(noReason.exitCode, 2);
        QVERIFY(noReason.err.contains(QStringLiteral("--reason")));
        const Run lock = run(base
            + QStringList { QStringLiteral("--failover-to"), QStringLiteral("eu-west"),
                QStringLiteral("--override"), QStringLiteral("action-lock"),
                QStringLiteral("--reason"), QStringLiteral("hurry") });
        QCOMPARE(lock.exitCode, 2);
        QVERIFY(lock.err.contains(QStringLiteral("action lock")));
        const Run nowhere = run(
            base + QStringList { QStringLiteral("--failover-to"), QStringLiteral("nowhere") });
        QCOMPARE(nowhere.exitCode, 2);
        QVERIFY(nowhere.err.contains(QStringLiteral("unknown region")));
        // A live primary is not "confirmed down": the gate holds the failover back, exit 1.
        const Run held = run(
            base + QStringList { QStringLiteral("--failover-to"), QStringLiteral("eu-west") });
        QCOMPARE(held.exitCode, 1);
        QVERIFY2(held.err.contains(QStringLiteral("old-primary-down")), qPrintable(held.err));
        QVERIFY(held.out.contains(QStringLiteral("\"kind\":\"gates\"")));
        // The demo's primary down from the start: confirmed, then failed over, verified, 0.
        QFile::remove(journal);
        const Run moved = run(base
            + QStringList { QStringLiteral("--demo-fault"), QStringLiteral("us-east=down"),
                QStringLiteral("--failover-to"), QStringLiteral("eu-west") });
        QCOMPARE(moved.exitCode, 0);
        QVERIFY2(moved.err.contains(QStringLiteral("failover verified")), qPrintable(moved.err));
        QVERIFY(moved.out.contains(QStringLiteral("\"outcome\":\"verified\"")));
        QFile::remove(journal);
    }

    void checkConfigGood()
    {
        qputenv("SUPABASE_ANON_KEY", "anon-key-that-must-not-be-printed");
        qputenv("PGPASSWORD", "pg-password-that-must-not-be-printed");
        const Run good = run(
            { QStringLiteral("--check-config"), example("resources/examples/multi-region.yaml") });
        QCOMPARE(good.exitCode, 0);
        QCOMPARE(good.out.count(QLatin1Char('\n')), 1);
        QVERIFY(!good.out.contains(QStringLiteral("must-not-be-printed")));
        QVERIFY(!good.err.contains(QStringLiteral("must-not-be-printed")));
    }

    void checkConfigBrokenPrintsEveryPosition()
    {
        const QString path = example("tests/services/config/data/broken.yaml");
        const Run broken = run({ QStringLiteral("--check-config"), path });
        QCOMPARE(broken.exitCode, 2);
        const QStringList lines = broken.err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() >= 3, qPrintable(broken.err));
        const QRegularExpression position(
            QRegularExpression::escape(path) + QStringLiteral(":\\d+:\\d+: \\S"));
        for (const QString &line : lines)
            QVERIFY2(position.match(line).hasMatch(), qPrintable(line));
    }

    void startedFromTheMenu()
    {
        // No arguments, as the desktop entry starts it: the saved configuration when there is
        // one (here a broken one, so its path is reported), else the demo, said so.
        const QString saved
            = QProcessEnvironment::systemEnvironment().value(QStringLiteral("XDG_CONFIG_HOME"))
            + QStringLiteral("/failover-console/config.yaml");
        QVERIFY2(saved.startsWith(QLatin1Char('/')), "the test runs with its own XDG_CONFIG_HOME");
        QFile::remove(saved);
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("menu.png"));
        const Run demo = run({ QStringLiteral("--screenshot"), png, QStringLiteral("--after"),
            QStringLiteral("1") });
        QCOMPARE(demo.exitCode, 0);
        QVERIFY2(
            demo.err.contains(QStringLiteral("showing the built-in demo")), qPrintable(demo.err));
        QVERIFY(QFileInfo::exists(png));

        QVERIFY(QDir().mkpath(QFileInfo(saved).path()));
        QFile file(saved);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("regions: [\n");
        file.close();
        const Run broken = run({ QStringLiteral("--screenshot"), png });
        QFile::remove(saved);
        QCOMPARE(broken.exitCode, 2);
        QVERIFY2(broken.err.contains(saved), qPrintable(broken.err));
    }

    void demoScreenshotIsLive()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("demo.png"));
        const Run shot = run({ QStringLiteral("--demo"), QStringLiteral("--screenshot"), png,
            QStringLiteral("--after"), QStringLiteral("4") });
        QCOMPARE(shot.exitCode, 0);
        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 1000 && image.height() >= 600);

        // Not blank: a real window has many colours. Live: after 4 s of polling the healthy pills
        // (the palette's green) are on screen; an unpolled console shows only grey "unknown".
        QSet<QRgb> colours;
        int healthyPixels = 0;
        const QRgb healthyGreen = qRgb(0x16, 0xa3, 0x4a);
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2) {
                const QRgb pixel = image.pixel(x, y) & 0xffffff;
                colours.insert(pixel);
                healthyPixels += (pixel == (healthyGreen & 0xffffff)) ? 1 : 0;
            }
        }
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
        QVERIFY2(healthyPixels > 2000, qPrintable(QString::number(healthyPixels)));
    }

    void demoFaultShowsInTheScreenshot()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("down.png"));
        const Run shot = run({ QStringLiteral("--demo"), QStringLiteral("--demo-fault"),
            QStringLiteral("eu-west=down"), QStringLiteral("--screenshot"), png,
            QStringLiteral("--after"), QStringLiteral("3") });
        QCOMPARE(shot.exitCode, 0);
        QImage image(png);
        QVERIFY(!image.isNull());
        // A region down is refused at once: the unhealthy red is on screen.
        int unhealthyPixels = 0;
        const QRgb red = qRgb(0xdc, 0x26, 0x26) & 0xffffff;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2)
                unhealthyPixels += (image.pixel(x, y) & 0xffffff) == red ? 1 : 0;
        }
        QVERIFY2(unhealthyPixels > 2000, qPrintable(QString::number(unhealthyPixels)));

        for (const char *bad : { "eu-west=melting", "atlantis=down", "eu-west" }) {
            const Run wrong = run({ QStringLiteral("--demo"), QStringLiteral("--demo-fault"),
                QLatin1String(bad), QStringLiteral("--screenshot"), png });
            QCOMPARE(wrong.exitCode, 2);
            QVERIFY2(wrong.err.contains(QStringLiteral("--demo-fault")), qPrintable(wrong.err));
        }
        QCOMPARE(run({ QStringLiteral("--config"), QStringLiteral("x.yaml"),
                         QStringLiteral("--demo-fault"), QStringLiteral("eu-west=down") })
                     .exitCode,
            2);
    }

    // Dark and at twice the pixels, as on a 4K screen: the window is drawn at full resolution
    // (not scaled up), in the dark palette, with the same state colours.
    void darkScreenshotAtTwiceTheScale()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString png = dir.filePath(QStringLiteral("dark.png"));
        const Run shot = run({ QStringLiteral("--demo"), QStringLiteral("--color-scheme"),
                                 QStringLiteral("dark"), QStringLiteral("--screenshot"), png,
                                 QStringLiteral("--after"), QStringLiteral("4") },
            30000, { { QStringLiteral("QT_SCALE_FACTOR"), QStringLiteral("2") } });
        QCOMPARE(shot.exitCode, 0);
        QImage image(png);
        QVERIFY(!image.isNull());
        QCOMPARE(image.width(), 2960);
        QCOMPARE(image.height(), 1800);
        int dark = 0;
        int healthy = 0;
        int samples = 0;
        const QRgb healthyGreen = qRgb(0x16, 0xa3, 0x4a) & 0xffffff;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2) {
                const QRgb pixel = image.pixel(x, y) & 0xffffff;
                dark += qGray(pixel) < 80 ? 1 : 0;
                healthy += pixel == healthyGreen ? 1 : 0;
                ++samples;
            }
        }
        QVERIFY2(dark > samples / 2, qPrintable(QStringLiteral("%1 of %2").arg(dark).arg(samples)));
        // Four times the pixels of the 1x check's 2000 healthy-green ones.
        QVERIFY2(healthy > 8000, qPrintable(QString::number(healthy)));

        const Run wrong = run({ QStringLiteral("--demo"), QStringLiteral("--color-scheme"),
            QStringLiteral("dusk"), QStringLiteral("--screenshot"), png });
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY2(wrong.err.contains(QStringLiteral("--color-scheme")), qPrintable(wrong.err));
        const Run headless = run({ QStringLiteral("--headless"), QStringLiteral("--demo"),
            QStringLiteral("--color-scheme"), QStringLiteral("dark") });
        QCOMPARE(headless.exitCode, 2);
    }

    void unwritableScreenshotFails()
    {
        // Refused before the wait: a 60 s wait would outlast the 20 s this run may take.
        QElapsedTimer clock;
        clock.start();
        const Run shot = run({ QStringLiteral("--demo"), QStringLiteral("--screenshot"),
                                 QStringLiteral("/nonexistent-dir/x.png"),
                                 QStringLiteral("--after"), QStringLiteral("60") },
            20000);
        QCOMPARE(shot.exitCode, 1);
        QVERIFY(shot.err.contains(QStringLiteral("/nonexistent-dir/x.png")));
    }
};

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
