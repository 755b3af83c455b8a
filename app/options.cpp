#include "options.h"

#include "failovertypes.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace Console {

QString defaultConfigPath()
{
    // Beside the window's settings (failover-console/failover-console.conf).
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("failover-console/config.yaml"));
}

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
    const QCommandLineOption screenshotTab(QStringLiteral("screenshot-tab"),
        QCoreApplication::translate("main",
            "The view tab to show in the --screenshot, by its "
            "title (map, breakers, failover...)."),
        QStringLiteral("TAB"));
    const QCommandLineOption colorScheme(QStringLiteral("color-scheme"),
        QCoreApplication::translate("main",
            "Light or dark for this run: system (follow the desktop), light or dark "
            "(default: as last chosen in View > Appearance)."),
        QStringLiteral("SCHEME"));
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
    const QCommandLineOption journal(QStringLiteral("journal"),
        QCoreApplication::translate("main",
            "Journal runs, gates, steps and operator actions in the SQLite file FILE "
            "(default: journal.sqlite in the user's data folder)."),
        QStringLiteral("FILE"));
    const QCommandLineOption autoFailover(QStringLiteral("auto-failover"),
        QCoreApplication::translate("main",
            "Fail over automatically when the primary is confirmed down and every gate is "
            "open (the configured mode otherwise; manual by default)."));
    const QCommandLineOption failoverTo(QStringLiteral("failover-to"),
        QCoreApplication::translate("main",
            "With --headless: fail over to REGION through the gates, then exit: 0 verified, "
            "1 a gate or a step failed, 2 a usage or config error."),
        QStringLiteral("REGION"));
    const QCommandLineOption failback(QStringLiteral("failback"),
        QCoreApplication::translate("main",
            "With --headless: fail back to the configured primary region, then exit as "
            "--failover-to does."));
    const QCommandLineOption rejoin(QStringLiteral("rejoin"),
        QCoreApplication::translate("main",
            "With --headless: rebuild REGION's database as a standby of the current primary "
            "with its rejoin action (discards what it wrote after a split), then exit."),
        QStringLiteral("REGION"));
    const QCommandLineOption override(QStringLiteral("override"),
        QCoreApplication::translate("main",
            "Open the failed gate GATE for this action (target-promotable, target-healthy, "
            "target-lag, old-primary-down, primary-healthy, target-sustained, self-check, "
            "cooldown); needs --reason; repeatable."),
        QStringLiteral("GATE"));
    const QCommandLineOption reason(QStringLiteral("reason"),
        QCoreApplication::translate("main", "Why the gates are overridden, for the journal."),
        QStringLiteral("TEXT"));
    const QCommandLineOption drill(QStringLiteral("drill"),
        QCoreApplication::translate("main",
            "With --headless: run the drill ID (a built-in, one in --drills, or a drill FILE) "
            "whose steps are all automatic, then exit: 0 every target met, 1 a target missed or "
            "a step failed, 2 a usage or definition error."),
        QStringLiteral("ID|FILE"));
    const QCommandLineOption report(QStringLiteral("report"),
        QCoreApplication::translate("main",
            "With --drill: write the drill report to FILE (Markdown; PDF when FILE ends in .pdf)."),
        QStringLiteral("FILE"));
    const QCommandLineOption drills(QStringLiteral("drills"),
        QCoreApplication::translate("main",
            "Read user drills from the folder DIR as well (default: drills in the user's "
            "configuration folder); repeatable."),
        QStringLiteral("DIR"));
    parser.addOptions({ config, demo, demoFault, headless, journal, autoFailover, failoverTo,
        failback, rejoin, override, reason, check, screenshot, after, screenshotTab, drill, report,
        drills, colorScheme });

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
    // Started from the desktop menu: the operator's saved configuration, else the demo, said so.
    if (!options.demo && options.configPath.isEmpty() && !parser.isSet(headless)) {
        const QString saved = defaultConfigPath();
        if (QFileInfo::exists(saved)) {
            options.configPath = saved;
        } else {
            options.demo = true;
            options.notice = QCoreApplication::translate("main",
                "No configuration given and none at %1: showing the built-in demo. Start with "
                "--config FILE, or save one there.")
                                 .arg(saved);
        }
    }
    if (options.demo == !options.configPath.isEmpty()) {
        return fail(QCoreApplication::translate(
            "main", "give either --demo or --config FILE (see --help)"));
    }
    options.headless = parser.isSet(headless);
    if (options.headless && parser.isSet(screenshot))
        return fail(
            QCoreApplication::translate("main", "--screenshot needs the window, not --headless"));
    options.journalPath = parser.value(journal);
    options.autoFailover = parser.isSet(autoFailover);
    const int actions
        = int(parser.isSet(failoverTo)) + int(parser.isSet(failback)) + int(parser.isSet(rejoin));
    if (actions > 1)
        return fail(QCoreApplication::translate(
            "main", "give one of --failover-to, --failback and --rejoin at a time"));
    if (actions == 1 && !options.headless)
        return fail(QCoreApplication::translate(
            "main", "--failover-to, --failback and --rejoin run headless: add --headless"));
    if (parser.isSet(failoverTo)) {
        options.action = Options::Action::Failover;
        options.actionTarget = parser.value(failoverTo);
    } else if (parser.isSet(failback)) {
        options.action = Options::Action::Failback;
    } else if (parser.isSet(rejoin)) {
        options.action = Options::Action::Rejoin;
        options.actionTarget = parser.value(rejoin);
    }
    options.overrides = parser.values(override);
    options.overrideReason = parser.value(reason).trimmed();
    if (!options.overrides.isEmpty() && options.action == Options::Action::None)
        return fail(QCoreApplication::translate(
            "main", "--override goes with --failover-to, --failback or --rejoin"));
    if (!options.overrides.isEmpty() && options.overrideReason.isEmpty())
        return fail(QCoreApplication::translate(
            "main", "--override needs --reason TEXT: the journal records why"));
    for (const QString &gate : std::as_const(options.overrides)) {
        const std::optional<GateKind> kind = gateKindFromString(gate);
        if (!kind || *kind == GateKind::ActionLock)
            return fail(QCoreApplication::translate(
                "main", "--override: unknown gate \"%1\" (the action lock cannot be overridden)")
                            .arg(gate));
    }
    if (options.overrides.isEmpty() && parser.isSet(reason))
        return fail(QCoreApplication::translate("main", "--reason only goes with --override"));
    if (options.autoFailover && options.action != Options::Action::None)
        return fail(QCoreApplication::translate("main",
            "--auto-failover watches and acts on its own; it does not go with a manual action"));
    options.drill = parser.value(drill);
    options.reportPath = parser.value(report);
    options.drillFolders = parser.values(drills);
    if (!options.drill.isEmpty() && !options.headless)
        return fail(QCoreApplication::translate(
            "main", "--drill runs headless: add --headless (the window has a Drills tab)"));
    if (!options.drill.isEmpty() && options.action != Options::Action::None)
        return fail(QCoreApplication::translate(
            "main", "--drill does not go with --failover-to, --failback or --rejoin"));
    if (!options.reportPath.isEmpty() && options.drill.isEmpty())
        return fail(QCoreApplication::translate("main", "--report goes with --drill"));
    options.demoFaults = parser.values(demoFault);
    if (!options.demoFaults.isEmpty() && !options.demo)
        return fail(QCoreApplication::translate("main", "--demo-fault only goes with --demo"));
    if (parser.isSet(colorScheme)) {
        options.colorScheme = parser.value(colorScheme).toLower();
        const QStringList schemes
            = { QStringLiteral("system"), QStringLiteral("light"), QStringLiteral("dark") };
        if (!schemes.contains(options.colorScheme))
            return fail(QCoreApplication::translate(
                "main", "--color-scheme wants system, light or dark, not \"%1\"")
                            .arg(parser.value(colorScheme)));
        if (options.headless)
            return fail(QCoreApplication::translate(
                "main", "--color-scheme only goes with the window, not --headless"));
    }
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
        options.screenshotTab = parser.value(screenshotTab);
    } else if (parser.isSet(after)) {
        return fail(QCoreApplication::translate("main", "--after only goes with --screenshot"));
    } else if (parser.isSet(screenshotTab)) {
        return fail(
            QCoreApplication::translate("main", "--screenshot-tab only goes with --screenshot"));
    }
    return options;
}

} // namespace Console
