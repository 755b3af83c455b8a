#pragma once

#include <QMetaType>
#include <QString>

#include <chrono>

namespace Console {

// How one run of an action ended. Every text is free of secrets (tokens, values from the
// environment), so it may go to the journal, the window and reports as it is.
struct ActionOutcome
{
    bool ok = false;
    // One line: "HTTP 200 in 12 ms", "exit 0 in 0.41 s", "timed out after 30 s".
    QString summary;
    // The tail of the program's output or of the answer's body, at most 2 KiB; may be empty.
    QString detail;
    std::chrono::milliseconds elapsed {};
    int httpStatus = 0; // the last HTTP status seen; 0 when none
    int exitCode = -1; // a command's exit code; -1 when it did not exit by itself
};

} // namespace Console

Q_DECLARE_METATYPE(Console::ActionOutcome)
