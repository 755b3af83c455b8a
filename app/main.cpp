#include "consoleengine.h"
#include "drillcatalog.h"
#include "drillcheck.h"
#include "drillreader.h"
#include "failovertypes.h"
#include "headlessshell.h"
#include "journal.h"
#include "mainwindow.h"
#include "options.h"
#include "windowshell.h"

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <memory>

using namespace Console;

namespace {

void setIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("failover-console"));
    QCoreApplication::setOrganizationName(QStringLiteral("failover-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONSOLE_VERSION));
}

// Everything that needs no display runs under a QCoreApplication, so it works on a bare server.
Options parseWithoutDisplay(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    setIdentity();
    return parseOptions(QCoreApplication::arguments());
}

// Shows the view tab titled `title` (case and mnemonics ignored); false when there is none.
bool showTab(QTabWidget *tabs, const QString &title)
{
    for (int i = 0; i < tabs->count(); ++i) {
        // A tab's title may carry a count ("Breakers (2 open)"): its name is what precedes it.
        const QString name
            = tabs->tabText(i).remove(QLatin1Char('&')).section(QStringLiteral(" ("), 0, 0);
        if (name.compare(title, Qt::CaseInsensitive) == 0) {
            tabs->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

int printErrors(const QStringList &errors)
{
    QTextStream err(stderr);
    for (const QString &line : errors)
        err << line << '\n';
    return 2;
}

// Loads the topology the options name, starts probing and applies the demo's faults (after the
// start, so the event stream records them like any other change).
bool startEngine(ConsoleEngine &engine, const Options &options)
{
    if (!(options.demo ? engine.startDemo() : engine.loadConfig(options.configPath)))
        return false;
    engine.start();
    return engine.applyDemoFaults(options.demoFaults);
}

bool openJournal(ConsoleEngine &engine, const Options &options)
{
    return engine.setJournalPath(
        options.journalPath.isEmpty() ? Journal::defaultPath() : options.journalPath);
}

// The drill --drill names: a drill file, or an id among the built-in and user drills. Prints
// why not and returns nothing when there is none or it does not load.
std::optional<DrillDefinition> findDrill(const Options &options)
{
    if (options.drill.endsWith(QLatin1String(".yaml"))
        || options.drill.endsWith(QLatin1String(".yml")) || QFileInfo(options.drill).isFile()) {
        const DrillLoadResult loaded = DrillReader::loadFile(options.drill);
        if (!loaded.ok()) {
            QStringList lines;
            for (const ConfigDiagnostic &diagnostic : loaded.diagnostics)
                lines << diagnostic.toString();
            printErrors(lines);
            return std::nullopt;
        }
        return loaded.drill;
    }
    DrillCatalog catalog;
    if (!options.drillFolders.isEmpty())
        catalog.setUserFolders(options.drillFolders);
    catalog.load();
    if (const DrillDefinition *drill = catalog.drill(options.drill))
        return *drill;
    QStringList ids;
    for (const DrillDefinition &drill : catalog.drills())
        ids << drill.id;
    QStringList lines { QStringLiteral("no drill \"%1\"; the drills are: %2")
                            .arg(options.drill, ids.join(QStringLiteral(", "))) };
    for (const ConfigDiagnostic &diagnostic : catalog.diagnostics())
        lines << diagnostic.toString();
    printErrors(lines);
    return std::nullopt;
}

int runHeadless(int argc, char *argv[], const Options &options)
{
    // A PDF report needs fonts, so a GUI application; offscreen, as there may be no display.
    const bool pdf = options.reportPath.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive);
    if (pdf && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> app = pdf ? std::make_unique<QGuiApplication>(argc, argv)
                                                : std::make_unique<QCoreApplication>(argc, argv);
    setIdentity();
    std::optional<DrillDefinition> drill;
    if (!options.drill.isEmpty() && !(drill = findDrill(options)))
        return 2;
    ConsoleEngine engine;
    engine.setConsoleRole(QStringLiteral("headless console"));
    if (options.autoFailover)
        engine.setAutomaticFailover(true);
    HeadlessShell shell(&engine, stdout);
    if (!openJournal(engine, options) || !startEngine(engine, options))
        return printErrors(engine.errors());
    if (options.action != Options::Action::None) {
        QMap<GateKind, QString> overrides;
        for (const QString &gate : options.overrides)
            overrides.insert(*gateKindFromString(gate), options.overrideReason);
        const RunKind kind = options.action == Options::Action::Failover ? RunKind::Failover
            : options.action == Options::Action::Failback                ? RunKind::Failback
                                                                         : RunKind::Rejoin;
        shell.runAction(kind, options.actionTarget, overrides, std::chrono::seconds(30));
    }
    if (drill)
        shell.runDrill(*drill, options.reportPath, std::chrono::seconds(60));
    return app->exec();
}

int runWindow(int argc, char *argv[], const Options &options)
{
    QApplication app(argc, argv);
    setIdentity();
    // Say so now, not after --after seconds of waiting.
    if (!options.screenshotPath.isEmpty()) {
        QFile probe(options.screenshotPath);
        const bool existed = probe.exists();
        if (!probe.open(QIODevice::WriteOnly | QIODevice::Append)) {
            std::fprintf(stderr, "cannot write the screenshot to %s: %s\n",
                qPrintable(options.screenshotPath), qPrintable(probe.errorString()));
            return 1;
        }
        probe.close();
        if (!existed)
            probe.remove();
    }
    QApplication::setApplicationDisplayName(QStringLiteral("Failover Console"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/failover-console.svg")));

    ConsoleEngine engine;
    engine.setConsoleRole(QStringLiteral("window"));
    if (options.autoFailover)
        engine.setAutomaticFailover(true);
    if (!(options.demo ? engine.startDemo() : engine.loadConfig(options.configPath))
        || !openJournal(engine, options))
        return printErrors(engine.errors());
    engine.start();
    WindowShell shell(&engine, parseColorSchemeChoice(options.colorScheme));
    if (!engine.applyDemoFaults(options.demoFaults))
        return printErrors(engine.errors());
    MainWindow *window = shell.window();
    if (!options.screenshotTab.isEmpty() && !showTab(window->viewTabs(), options.screenshotTab)) {
        std::fprintf(stderr, "no view tab is titled %s\n", qPrintable(options.screenshotTab));
        return 2;
    }
    // A screenshot has the window's preferred size, whatever screen it is rendered on (offscreen
    // says 800×600), so pictures and their checks do not depend on the machine.
    if (!options.screenshotPath.isEmpty())
        window->resize(MainWindow::preferredSize());
    window->show();
    if (!options.notice.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(options.notice));
        window->statusBar()->showMessage(options.notice, 60000);
    }

    if (!options.screenshotPath.isEmpty()) {
        const QString path = options.screenshotPath;
        QTimer::singleShot(int(options.screenshotAfterSeconds * 1000), window, [window, path] {
            const bool saved = window->grab().save(path, "PNG");
            if (!saved)
                std::fprintf(stderr, "cannot write the screenshot to %s\n", qPrintable(path));
            QCoreApplication::exit(saved ? 0 : 1);
        });
    }
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    const Options options = parseWithoutDisplay(argc, argv);
    switch (options.mode) {
    case Options::Mode::Exit:
        std::fputs(qPrintable(options.message), options.exitCode ? stderr : stdout);
        if (options.exitCode && !options.message.endsWith(QLatin1Char('\n')))
            std::fputc('\n', stderr);
        return options.exitCode;
    case Options::Mode::CheckConfig: {
        QCoreApplication app(argc, argv);
        QTextStream out(stdout);
        QTextStream err(stderr);
        // A configuration, or a drill file (top-level key "drill").
        return runFileCheck(options.configPath, out, err);
    }
    case Options::Mode::Console: break;
    }
    return options.headless ? runHeadless(argc, argv, options) : runWindow(argc, argv, options);
}
