#include "options.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace Console {

Options parseOptions(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main",
        "Watch a multi-region deployment's health endpoints and databases, and act on "
        "failover safely."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption config({ QStringLiteral("c"), QStringLiteral("config") },
        QCoreApplication::translate("main", "Watch the topology in FILE."), QStringLiteral("FILE"));
    const QCommandLineOption demo(QStringLiteral("demo"),
        QCoreApplication::translate("main",
            "Serve and watch the built-in demo topology on "
            "loopback (no infrastructure needed)."));
    const QCommandLineOption check(QStringLiteral("check-config"),
        QCoreApplication::translate("main",
            "Validate FILE and exit: 0 when valid, 2 with "
            "every problem as FILE:LINE:COLUMN: message."),
        QStringLiteral("FILE"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QCoreApplication::translate("main",
            "Save the main window as a PNG to FILE "
            "after --after seconds, then exit."),
        QStringLiteral("FILE"));
    const QCommandLineOption after(QStringLiteral("after"),
        QCoreApplication::translate("main",
            "Seconds of live polling before --screenshot "
            "(default 5)."),
        QStringLiteral("SECONDS"), QStringLiteral("5"));
    const QCommandLineOption demoFault(QStringLiteral("demo-fault"),
        QCoreApplication::translate("main",
            "With --demo, start with a fault in a region, "
            "e.g. eu-west=down (none, down, slow, "
            "erroring, lagging); repeatable."),
        QStringLiteral("REGION=FAULT"));
    const QCommandLineOption headless(QStringLiteral("headless"),
        QCoreApplication::translate("main",
            "Run without a window: print every event as one "
            "JSON object per line on stdout until SIGINT or SIGTERM."));
    parser.addOptions({ config, demo, demoFault, headless, check, screenshot, after });

    Options options;
    auto fail = [&options](const QString &message) {
        options.mode = Options::Mode::Exit;
        options.exitCode = 2;
        options.message = message;
        return options;
    };

    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help)) {
        options.mode = Options::Mode::Exit;
        options.message = parser.helpText();
        return options;
    }
    if (parser.isSet(version)) {
        options.mode = Options::Mode::Exit;
        options.message = QCoreApplication::applicationName() + QLatin1Char(' ')
            + QCoreApplication::applicationVersion() + QLatin1Char('\n');
        return options;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return fail(QCoreApplication::translate("main", "unexpected argument: %1")
                        .arg(parser.positionalArguments().constFirst()));
    }
    if (parser.isSet(check)) {
        options.mode = Options::Mode::CheckConfig;
        options.configPath = parser.value(check);
        return options;
    }
    options.demo = parser.isSet(demo);
    options.configPath = parser.value(config);
    if (options.demo == !options.configPath.isEmpty()) {
        return fail(QCoreApplication::translate(
            "main", "give either --demo or --config FILE (see --help)"));
    }
    options.headless = parser.isSet(headless);
    if (options.headless && parser.isSet(screenshot))
        return fail(
            QCoreApplication::translate("main", "--screenshot needs the window, not --headless"));
    options.demoFaults = parser.values(demoFault);
    if (!options.demoFaults.isEmpty() && !options.demo)
        return fail(QCoreApplication::translate("main", "--demo-fault only goes with --demo"));
    if (parser.isSet(screenshot)) {
        options.screenshotPath = parser.value(screenshot);
        bool ok = false;
        options.screenshotAfterSeconds = parser.value(after).toDouble(&ok);
        if (!ok || options.screenshotAfterSeconds < 0 || options.screenshotAfterSeconds > 3600) {
            return fail(QCoreApplication::translate("main",
                "--after wants seconds between 0 and "
                "3600, not \"%1\"")
                            .arg(parser.value(after)));
        }
    } else if (parser.isSet(after)) {
        return fail(QCoreApplication::translate("main", "--after only goes with --screenshot"));
    }
    return options;
}

} // namespace Console
