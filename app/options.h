#pragma once

#include <QString>
#include <QStringList>

namespace Console {

// What the command line asked for. Parsed before any GUI exists, so --help, --version and
// --check-config work on a machine without a display.
struct Options
{
    enum class Mode { Exit, CheckConfig, Console };

    Mode mode = Mode::Console;
    int exitCode = 0; // for Mode::Exit
    QString message; // printed for Mode::Exit (help, version or an error)
    QString configPath; // --config, or the file for --check-config
    bool demo = false;
    bool headless = false; // no window: JSON lines of events on stdout
    QString notice; // said once in the window: e.g. why the demo runs
    QStringList demoFaults; // "REGION=FAULT", checked against the demo once it runs
    QString journalPath; // --journal; empty: the default journal in the user's data folder
    bool autoFailover = false; // --auto-failover: automatic mode over the configured one
    // One manual action, headless: --failover-to REGION, --failback or --rejoin REGION.
    enum class Action { None, Failover, Failback, Rejoin };
    Action action = Action::None;
    QString actionTarget; // region id; empty for --failback (the configured primary's region)
    QStringList overrides; // --override GATE, checked against the gate names
    QString overrideReason; // --reason
    // --drill ID|FILE, headless: run one drill whose steps are all automatic, then exit 0 (every
    // target met), 1 (a target missed, a step failed) or 2 (a usage or definition error).
    QString drill;
    QString reportPath; // --report: the drill report, Markdown (or PDF for a .pdf name)
    QStringList drillFolders; // --drills: folders of user drills besides the built-in ones
    QString screenshotPath;
    double screenshotAfterSeconds = 5.0;
    QString screenshotTab; // --screenshot-tab: the view tab shown in the screenshot (e.g. "map")
    QString colorScheme; // --color-scheme system|light|dark for this run; empty: as last chosen
};

Options parseOptions(const QStringList &arguments);

// Where the window looks for a configuration when none is given (the desktop menu's start):
// config.yaml in the user's configuration folder for the console.
QString defaultConfigPath();

} // namespace Console
