#pragma once

#include "config.h"
#include "proberesult.h"
#include "probescheduler.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

namespace Console {

class Clock;

// Confirms that a primary is really down before anything acts on it. One failed probe proves
// little; waiting for the configured failure count costs seconds. So a first strong failure
// (connection refused, session dropped) or a failure verdict starts a few extra probes at a short
// spacing, each on a fresh connection: all failing confirms the failure within well under a
// second for a crash; any answer refutes it. A timeout never confirms on its own: it is the
// failure count that starts an ambiguous case, and the confirmation probes must fail as well.
class PrimaryConfirmation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrimaryConfirmation)
public:
    struct Outcome
    {
        QString endpointId;
        bool confirmed = false;
        int failures = 0;
        int probes = 0;
        QString trigger; // what started it
        QStringList reasons; // each confirmation probe's reason
        qint64 startedMs = 0; // monotonic, on the clock given
        qint64 finishedMs = 0;
    };

    PrimaryConfirmation(
        ProbeScheduler::ProberFactory factory, Clock *clock, QObject *parent = nullptr);
    ~PrimaryConfirmation() override;

    // Starts confirming `endpoint` unless it is already being confirmed; finished() follows.
    void confirm(const EndpointConfig &endpoint, int probes, std::chrono::milliseconds spacing,
        const QString &trigger);
    void cancel();
    bool isRunning() const { return m_running; }
    QString endpointId() const { return m_outcome.endpointId; }

signals:
    // Each confirmation probe's result, as real as any scheduled probe's.
    void probed(const Console::ProbeResult &result);
    void finished(const Console::PrimaryConfirmation::Outcome &outcome);

private:
    void probeOnce();
    void onResult(const ProbeResult &result);
    void finish();

    ProbeScheduler::ProberFactory m_factory;
    Clock *m_clock; // not owned
    EndpointConfig m_endpoint;
    int m_wanted = 0;
    std::chrono::milliseconds m_spacing {};
    QPointer<Prober> m_prober; // owned (child) while a probe runs
    QTimer m_spacer;
    Outcome m_outcome;
    bool m_running = false;
};

} // namespace Console
