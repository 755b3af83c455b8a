#include "journal.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

#include <cstdio>

using namespace Console;

// journal_writer PATH [MAX] [PAUSE_MS]: opens the journal, begins a run, prints "run <id>", then
// appends up to MAX entries (for at most a minute, so a test that forgets it cannot leave it
// running), printing each entry's id on its own line once append() has returned. PAUSE_MS between
// appends gives another writer its turn: SQLite's lock is not fair, and a loop that takes it again
// at once can starve a waiting console past its busy timeout, which no real console does.
int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() < 2) {
        std::fprintf(stderr, "usage: journal_writer PATH [MAX]\n");
        return 2;
    }
    const int max = arguments.size() > 2 ? arguments.at(2).toInt() : 1'000'000;
    const int pauseMs = arguments.size() > 3 ? arguments.at(3).toInt() : 0;

    Journal journal;
    if (!journal.open(arguments.at(1))) {
        std::fprintf(stderr, "%s\n", qPrintable(journal.error()));
        return 1;
    }
    JournalRun run;
    run.kind = QStringLiteral("drill");
    run.mode = QStringLiteral("automatic");
    run.fromRegion = QStringLiteral("eu-west");
    run.toRegion = QStringLiteral("us-east");
    const qint64 runId = journal.beginRun(run);
    if (runId == 0) {
        std::fprintf(stderr, "%s\n", qPrintable(journal.error()));
        return 1;
    }
    std::printf("run %lld\n", static_cast<long long>(runId));
    std::fflush(stdout);

    const QDeadlineTimer deadline(60'000);
    for (int i = 0; i < max && !deadline.hasExpired(); ++i) {
        JournalEntry entry;
        entry.runId = runId;
        entry.category = QStringLiteral("step");
        entry.name = QStringLiteral("promote");
        entry.status = QStringLiteral("running");
        entry.message = QStringLiteral("Step %1 of the drill.").arg(i);
        entry.fields.insert(QStringLiteral("i"), i);
        const qint64 id = journal.append(entry);
        if (id == 0) {
            std::fprintf(stderr, "%s\n", qPrintable(journal.error()));
            return 1;
        }
        // Printed only now: every id the test reads was committed before it was printed.
        std::printf("%lld\n", static_cast<long long>(id));
        std::fflush(stdout);
        if (pauseMs > 0)
            QThread::msleep(pauseMs);
    }
    return 0;
}
