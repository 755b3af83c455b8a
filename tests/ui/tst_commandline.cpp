#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

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

    static Run run(const QStringList &arguments, int timeoutMs = 30000)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
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

private slots:
    void helpAndVersion()
    {
        const Run help = run({ QStringLiteral("--help") });
        QCOMPARE(help.exitCode, 0);
        for (const char *option :
            { "--demo", "--config", "--check-config", "--screenshot", "--after" })
            QVERIFY2(help.out.contains(QLatin1String(option)), option);
        const Run version = run({ QStringLiteral("--version") });
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.contains(QStringLiteral(CONSOLE_VERSION)));
    }

    void usageErrors()
    {
        QCOMPARE(run({}).exitCode, 2);
        QCOMPARE(run({ QStringLiteral("--bogus") }).exitCode, 2);
        const Run both = run(
            { QStringLiteral("--demo"), QStringLiteral("--config"), QStringLiteral("x.yaml") });
        QCOMPARE(both.exitCode, 2);
        QVERIFY(both.err.contains(QStringLiteral("--demo")));
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

    void unwritableScreenshotFails()
    {
        const Run shot = run({ QStringLiteral("--demo"), QStringLiteral("--screenshot"),
            QStringLiteral("/nonexistent-dir/x.png"), QStringLiteral("--after"),
            QStringLiteral("0.5") });
        QCOMPARE(shot.exitCode, 1);
        QVERIFY(shot.err.contains(QStringLiteral("/nonexistent-dir/x.png")));
    }
};

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
