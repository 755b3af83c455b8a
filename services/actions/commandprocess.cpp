#include "commandprocess.h"

#include <signal.h>
#include <unistd.h>

namespace Console {

CommandProcess::CommandProcess(QObject *parent)
    : QObject(parent)
    , m_process(new QProcess(this))
{
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    // A program that reads its input must not wait for the console to type.
    m_process->setStandardInputFile(QProcess::nullDevice());
    // A group of its own: killing it reaches the grandchildren, not the console.
    m_process->setChildProcessModifier([] { ::setpgid(0, 0); });
    connect(m_process, &QProcess::readyRead, this, &CommandProcess::onReadyRead);
    connect(m_process, &QProcess::finished, this, &CommandProcess::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &CommandProcess::onErrorOccurred);
}

CommandProcess::~CommandProcess()
{
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning) {
        killGroup();
        m_process->waitForFinished(1000);
    }
}

void CommandProcess::start(const QString &program, const QStringList &arguments)
{
    m_process->start(program, arguments, QIODevice::ReadOnly);
}

void CommandProcess::killAndDispose()
{
    m_done = true;
    m_process->disconnect(this);
    if (m_process->state() == QProcess::NotRunning) {
        deleteLater();
        return;
    }
    // Reaped by the event loop, not by a wait here.
    connect(m_process, &QProcess::finished, this, &QObject::deleteLater);
    killGroup();
}

void CommandProcess::killGroup()
{
    const qint64 pid = m_process->processId();
    if (pid > 0 && m_process->state() != QProcess::NotRunning) {
        ::kill(-static_cast<pid_t>(pid), SIGKILL);
        m_process->kill();
    }
}

void CommandProcess::onReadyRead()
{
    const QByteArray chunk = m_process->readAll();
    m_result.outputBytes += chunk.size();
    m_result.output += chunk;
    // Keep the tail: the last lines say why a program failed.
    if (m_result.output.size() > MaxOutputBytes)
        m_result.output.remove(0, m_result.output.size() - MaxOutputBytes);
}

void CommandProcess::onFinished(int exitCode, QProcess::ExitStatus status)
{
    onReadyRead();
    m_result.started = true;
    m_result.crashed = status == QProcess::CrashExit;
    m_result.exitCode = m_result.crashed ? -1 : exitCode;
    conclude();
}

void CommandProcess::onErrorOccurred(QProcess::ProcessError error)
{
    // Crashes and read errors end in finished(); only a program that never ran ends here.
    if (error != QProcess::FailedToStart)
        return;
    m_result.started = false;
    m_result.startError = m_process->errorString();
    // errorOccurred may come from inside QProcess::start(): report from the event loop.
    QMetaObject::invokeMethod(this, &CommandProcess::conclude, Qt::QueuedConnection);
}

void CommandProcess::conclude()
{
    if (m_done)
        return;
    m_done = true;
    emit finished(m_result);
}

} // namespace Console
