#pragma once

#include "config.h"
#include "failovergates.h"
#include "failoverrun.h"
#include "failovertypes.h"
#include "healthevents.h"
#include "primaryconfirmation.h"
#include "proberesult.h"
#include "probescheduler.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace Console {

class ActionLock;
class BreakerBoard;
class Clock;
class EventHub;
class HealthMonitor;
class HeartbeatLedger;
class Journal;
class SelfCheck;
class TopologyState;
struct BreakerStatus;

// What the controller works with: what its runs use, and the verdicts it decides on. None
// owned, each outlives it; journal may be null.
struct FailoverServices : RunServices
{
    HealthMonitor *health = nullptr;
    BreakerBoard *breakers = nullptr;
    SelfCheck *selfCheck = nullptr;
};

// The failover engine's brain: it watches the primary that the servers report, confirms its
// failure with fast probes, keeps the state machine (normal, degraded, failing over, failed
// over, failing back), evaluates the go/no-go gates, runs failovers, failbacks and rejoins one
// at a time under the machine-wide action lock, fences a primary that returns beside another
// one, and in automatic mode fails over on its own when every gate is open. Manual mode (the
// default) only ever acts on request.
class FailoverController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailoverController)
public:
    // `confirmationProbers` builds the probers of the confirmation probes; `whoAmI` names this
    // console in the action lock ("root, headless console").
    FailoverController(const ConsoleConfig &config, const FailoverServices &services,
        ProbeScheduler::ProberFactory confirmationProbers, const QString &whoAmI,
        QObject *parent = nullptr);
    ~FailoverController() override;

    // Turns automatic mode on or off over the configured one (--auto-failover).
    void setAutomatic(bool automatic);
    bool automatic() const { return m_automatic; }
    void setPaused(bool paused, const QString &operatorName);
    bool paused() const { return m_paused; }

    FailoverState state() const { return m_state; }
    QString homeRegion() const { return m_homeRegion; }
    // The region a run of this kind would target by default; empty when there is none.
    QString defaultTarget(RunKind kind) const;
    // The gates of a run now, without taking the lock.
    GateBoard board(RunKind kind, const QString &targetRegion) const;
    // Starts a run when its gates (with the overrides) say go; false with `error` otherwise.
    bool request(RunKind kind, const QString &targetRegion,
        const QMap<GateKind, QString> &overrides, const QString &operatorName, QString *error);
    bool isRunning() const { return m_run != nullptr; }
    // The console is stopping during a run: journal it as interrupted and release the lock.
    void abandon(const QString &why);
    const FailoverRun *currentRun() const { return m_run; }
    std::optional<RunResult> lastResult() const { return m_lastResult; }
    // The roles are known once every server was probed; nothing is offered before.
    bool rolesKnown() const;
    // The predicted time from a crash of the primary to a client's first commit elsewhere.
    std::chrono::milliseconds predictedRto() const;

public slots:
    void onProbeFinished(const Console::ProbeResult &result);
    void onHealthChanged(const Console::HealthChange &change);
    void onBreakerTransition(const Console::BreakerStatus &status);

signals:
    // A confirmation probe's result: the engine feeds it to the health verdicts and the topology
    // like a scheduled one, so a confirmed crash shows as a lost primary at once.
    void probeResult(const Console::ProbeResult &result);
    void stateChanged(Console::FailoverState state);
    void runStarted(const Console::RunPlan &plan);
    void stepChanged(const Console::StepRecord &step);
    void runFinished(const Console::RunResult &result);
    // Something the gates read moved: a view showing a board should re-evaluate it.
    void gatesMayHaveChanged();

private:
    void onTopologyChanged();
    void onConfirmed(const PrimaryConfirmation::Outcome &outcome);
    void startConfirmation(const QString &trigger);
    void updateState();
    void maybeAutomate();
    void checkSplitBrain();
    void fenceReturning(const QString &endpointId, const QString &legitimateId);
    void recoverInterruptedRuns();
    GateInputs inputs(RunKind kind, const QString &targetRegion) const;
    void publishBoard(const GateBoard &board, bool automatic);
    void onRunFinished(const RunResult &result);
    QString regionName(const QString &regionId) const;
    QString endpointOf(const QString &regionId) const;
    QString watchedPrimary() const;
    qint64 nowMs() const;

    const ConsoleConfig &m_config;
    FailoverServices m_services;
    std::unique_ptr<PrimaryConfirmation> m_confirmation;
    std::unique_ptr<ActionLock> m_lock;
    QString m_homeRegion;
    bool m_automatic = false;
    bool m_paused = false;
    FailoverState m_state = FailoverState::Normal;
    FailoverRun *m_run = nullptr; // owned (child) while it runs
    std::optional<RunResult> m_lastResult;
    qint64 m_lastRunEndMs = 0; // monotonic; 0: none in this process
    // The primary being watched for failure, and what is known about its failure.
    QString m_watched;
    qint64 m_firstFailureMs = 0;
    bool m_confirmedDown = false;
    QString m_confirmedWhy;
    QString m_lastBoardSignature;
    QHash<QString, qint64> m_healthySinceMs; // endpoint -> monotonic ms it turned healthy
    QHash<QString, qint64> m_fencedAtMs; // split brain: endpoints fenced, to fence once
    QString m_legitimatePrimary; // the endpoint this console promoted last
};

} // namespace Console
