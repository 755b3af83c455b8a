#pragma once

#include <QList>
#include <QObject>

class QSocketNotifier;

namespace Console {

// Turns POSIX signals (SIGINT, SIGTERM, SIGHUP) into a Qt signal on the event loop, through a
// self-pipe: the handler only writes one byte, which is all a signal handler may safely do. One
// instance per process; the previous handlers come back when it is destroyed.
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)
public:
    explicit SignalWatcher(const QList<int> &signalNumbers, QObject *parent = nullptr);
    ~SignalWatcher() override;

    bool isValid() const { return m_notifier != nullptr; }
    // "SIGTERM"
    static QString signalName(int signalNumber);

signals:
    void signalReceived(int signalNumber);

private:
    void onReadable();

    QList<int> m_signals;
    QSocketNotifier *m_notifier = nullptr; // child of this
};

} // namespace Console
