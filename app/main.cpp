#include "configcheck.h"
#include "consoleruntime.h"
#include "mainwindow.h"
#include "options.h"

#include <QApplication>
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

int runCheck(const QString &path)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    return runConfigCheck(path, out, err);
}

} // namespace

int main(int argc, char *argv[])
{
    const Options options = parseWithoutDisplay(argc, argv);
    if (options.mode == Options::Mode::Exit) {
        std::fputs(qPrintable(options.message), options.exitCode ? stderr : stdout);
        if (options.exitCode && !options.message.endsWith(QLatin1Char('\n')))
            std::fputc('\n', stderr);
        return options.exitCode;
    }
    if (options.mode == Options::Mode::CheckConfig) {
        QCoreApplication app(argc, argv);
        return runCheck(options.configPath);
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Failover Console"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/failover-console.svg")));

    ConsoleRuntime runtime;
    const auto printErrors = [&runtime] {
        QTextStream err(stderr);
        for (const QString &line : runtime.errors())
            err << line << '\n';
        return 2;
    };
    if (!(options.demo ? runtime.startDemo() : runtime.loadConfig(options.configPath)))
        return printErrors();

    MainWindow *window = runtime.startConsole();
    // After the window exists, so the event log records the faults like any other.
    if (!runtime.applyDemoFaults(options.demoFaults))
        return printErrors();
    window->show();

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
