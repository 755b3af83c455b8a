#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace Console {

// How a program ended.
struct CommandResult
{
    bool started = false; // false: `startError` says why it never ran
    bool crashed = false; // ended by a signal rather than exit()
    int exitCode = -1;
    QString startError;
    QByteArray output; // stdout and stderr merged, the last CommandProcess::MaxOutputBytes
    qint64 outputBytes = 0; // all the program wrote, kept or not
};

// Runs one program without a shell, its standard input empty, stdout and stderr merged into one
// capped buffer, in a process group of its own so that kill() also ends the children it
// started (a script's hung "aws" call). Reports once through finished(). Deleting it kills the
// program.
class CommandProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandProcess)
public:
    // Enough for any useful error text; a program that floods keeps only its last words.
    static constexpr qsizetype MaxOutputBytes = 64 * 1024;

    explicit CommandProcess(QObject *parent = nullptr);
    // Kills the program and reaps it, which SIGKILL makes a matter of milliseconds.
    ~CommandProcess() override;

    // finished() never comes from inside start().
    void start(const QString &program, const QStringList &arguments);
    // SIGKILL to the whole group, no finished() afterwards, and the object deletes itself once
    // the program is reaped (at once when it never ran).
    void killAndDispose();

signals:
    void finished(const Console::CommandResult &result);

private:
    void onReadyRead();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onErrorOccurred(QProcess::ProcessError error);
    void killGroup();
    void conclude();

    QProcess *m_process; // owned (child)
    CommandResult m_result;
    bool m_done = false;
};

} // namespace Console
