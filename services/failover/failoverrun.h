#pragma once

#include "config.h"
#include "failovertypes.h"
#include "heartbeatledger.h"
#include "topologytypes.h"

#include <QObject>
#include <QTimer>
#include <QVariantMap>

#include <functional>

class QNetworkAccessManager;

namespace Console {

class ActionRunner;
class Clock;
class EventHub;
class Journal;
class TopologyState;
struct ActionOutcome;
struct AdminResult;

// What one run will do, decided by the controller after the gates said go.
struct RunPlan
{
    qint64 runId = 0; // the journal's id; 0 without a journal
    RunKind kind = RunKind::Failover;
    bool automatic = false;
    QString operatorName; // the OS user, or "automation"
    QString targetRegion;
    QString targetEndpoint; // its PostgreSQL endpoint (or role-reporting HTTP endpoint)
    QString fromRegion; // the old (failover) or current (failback) primary
    QString fromEndpoint;
    QList<StepKind> steps;
    qint64 firstFailureMs = 0; // monotonic: the first failed probe of the primary; 0 unknown
    qint64 decisionMs = 0; // monotonic: when the gates said go
    GateBoard board;
};

// How a run ended.
struct RunResult
{
    qint64 runId = 0;
    RunKind kind = RunKind::Failover;
    QString targetRegion;
    QString fromRegion;
    QString outcome; // "verified", "failed", "aborted"
    QString summary; // one sentence
    // detection_ms, promotion_ms, rto_ms; rpo_rows and rpo_ms (heartbeat), or rpo_ms with
    // rpo_basis "reported-lag" and rpo_report_age_ms, or rpo_unknown
    QVariantMap figures;
    QList<StepRecord> steps;
};

// The services a run uses; none is owned, each outlives the run. journal may be null.
struct RunServices
{
    TopologyState *topology = nullptr;
    const HeartbeatLedger *ledger = nullptr;
    EventHub *hub = nullptr;
    Journal *journal = nullptr;
    QNetworkAccessManager *network = nullptr;
    Clock *clock = nullptr;
};

// Executes the steps of one failover, failback or rejoin in order, each bounded by the step
// timeout, each journalled before it runs and published as it starts and ends. A step that
// leaves the deployment unsafe to continue (fencing, promotion, the catch-up) aborts the run, and
// a failback aborted before its promotion lifts its fence again so the primary takes writes.
// Later steps (re-pointing, traffic, notifications) run even if one of them fails: the database
// has moved by then, and the verify step says what state it is really in.
class FailoverRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailoverRun)
public:
    FailoverRun(const ConsoleConfig &config, const RunPlan &plan, const RunServices &services,
        QObject *parent = nullptr);
    ~FailoverRun() override;

    void start();
    const RunPlan &plan() const { return m_plan; }
    QList<StepRecord> steps() const { return m_records; }

    // The steps each kind of run takes, in order.
    static QList<StepKind> stepsFor(RunKind kind);

signals:
    void stepChanged(const Console::StepRecord &step);
    void finished(const Console::RunResult &result);

private:
    using AdminCallback = std::function<void(const AdminResult &)>;
    using ActionCallback = std::function<void(const ActionOutcome &)>;

    void runStep(int index);
    void endStep(StepState state, const QString &summary);
    void finish(const QString &outcome, const QString &summary);

    void fence();
    void fenceWithAction(const QString &why);
    void catchUp();
    void pollCatchUp(const QString &lsn);
    void promote();
    void rebuild(const QString &regionId, const QString &sourceRegion);
    void repoint();
    void repointNext(QStringList regions, QStringList done, QStringList failed);
    void repointOne(const QString &regionId, const std::function<void(bool, QString)> &then);
    void traffic();
    void notify();
    void runActions(
        QList<ActionConfig> actions, QStringList done, QStringList failed, bool failuresFail);
    void testWrite();
    void verify();
    void checkVerified();
    void unfence(const std::function<void()> &then);

    void admin(const QString &regionId, const QByteArrayList &batches, const AdminCallback &then);
    void action(const ActionConfig &config, const QString &ownerRegion, const ActionCallback &then);
    QMap<QString, QString> templateValues(const QString &ownerRegion) const;
    QString regionName(const QString &regionId) const;
    QString endpointOf(const QString &regionId) const;
    QStringList otherStandbyRegions() const;
    void journal(const QString &category, const QString &name, const QString &status,
        const QString &message, const QVariantMap &fields = {});
    void publishStep(const StepRecord &record);
    QVariantMap figures() const;
    QVariantMap rpoFigures() const;
    void takeLagReportAtLoss();
    qint64 nowMs() const;

    const ConsoleConfig &m_config;
    RunPlan m_plan;
    RunServices m_services;
    QList<StepRecord> m_records;
    int m_current = -1;
    int m_serial = 0; // bumped per step: late answers of an abandoned step are ignored
    QTimer m_stepTimer;
    QTimer m_poll;
    bool m_finished = false;
    bool m_fenced = false; // failback: the current primary was set read-only
    bool m_promoted = false;
    bool m_laterFailure = false; // a non-fatal step failed
    QString m_fencedLsn;
    QStringList m_repointed; // regions re-pointed to the target
    bool m_writeDone = false;
    QString m_writeProof; // how the new primary proved it takes writes
    std::optional<HeartbeatMark> m_heldHeartbeat; // the old primary's newest row on the target
    // The target's own lag report as it stood when the old primary was lost, and when that was:
    // the RPO of a standby with no heartbeat, taken as the promotion starts.
    std::optional<LagReport> m_lagReportAtLoss;
    QDateTime m_primaryLostAt;
    bool m_writeRunning = false;
    qint64 m_promoteStartMs = 0;
    qint64 m_promotedMs = 0;
    qint64 m_firstWriteMs = 0;
    qint64 m_runStartMs = 0;
};

} // namespace Console
