#include "failoverrun.h"

#include "actionrunner.h"
#include "adminsession.h"
#include "clock.h"
#include "eventhub.h"
#include "heartbeatledger.h"
#include "journal.h"
#include "postgresquery.h"
#include "quantitytext.h"
#include "reportedlagrpo.h"
#include "topologystate.h"

#include <QTimeZone>

namespace Console {

namespace {

QString firstValue(const AdminResult &result, int set = -1)
{
    if (result.results.isEmpty())
        return {};
    const PgResultSet &rows = set < 0 ? result.results.constLast() : result.results.value(set);
    if (rows.rows.isEmpty() || rows.rows.constFirst().isEmpty())
        return {};
    return rows.rows.constFirst().constFirst().value_or(QString());
}

} // namespace

FailoverRun::FailoverRun(
    const ConsoleConfig &config, const RunPlan &plan, const RunServices &services, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_plan(plan)
    , m_services(services)
{
    if (!m_services.clock)
        m_services.clock = Clock::system();
    for (StepKind kind : std::as_const(m_plan.steps)) {
        StepRecord record;
        record.kind = kind;
        m_records.append(record);
    }
    m_stepTimer.setSingleShot(true);
    connect(&m_stepTimer, &QTimer::timeout, this, [this] {
        const QString after
            = tr("timed out after %1")
                  .arg(QuantityText::duration(std::chrono::milliseconds(m_stepTimer.interval())));
        // The verify step keeps what it still waits for in its summary.
        const QString missing = m_current >= 0 ? m_records[m_current].summary : QString();
        endStep(StepState::Failed, missing.isEmpty() ? after : tr("%1: %2").arg(after, missing));
    });
    m_poll.setInterval(50);
    connect(&m_poll, &QTimer::timeout, this, &FailoverRun::checkVerified);
}

FailoverRun::~FailoverRun() = default;

QList<StepKind> FailoverRun::stepsFor(RunKind kind)
{
    switch (kind) {
    case RunKind::Failover:
        return { StepKind::Fence, StepKind::Promote, StepKind::Repoint, StepKind::Traffic,
            StepKind::Notify, StepKind::Verify };
    case RunKind::Failback:
        // The other standbys move to the target while it is still a standby: cascading from it,
        // they can never hold WAL it lacks (the fenced primary still writes a record now and
        // then), so they follow its promotion onto the new timeline by themselves.
        return { StepKind::Fence, StepKind::CatchUp, StepKind::Repoint, StepKind::Promote,
            StepKind::Demote, StepKind::Traffic, StepKind::Notify, StepKind::Verify };
    case RunKind::Rejoin: return { StepKind::Rejoin, StepKind::Verify };
    }
    return {};
}

void FailoverRun::start()
{
    m_runStartMs = nowMs();
    QTimer::singleShot(0, this, [this] { runStep(0); });
}

qint64 FailoverRun::nowMs() const
{
    return monotonicMs(m_services.clock->now());
}

void FailoverRun::runStep(int index)
{
    if (m_finished)
        return;
    if (index >= m_records.size()) {
        if (m_laterFailure)
            finish(QStringLiteral("failed"),
                tr("%1 is primary, but a later step failed").arg(regionName(m_plan.targetRegion)));
        else
            finish(QStringLiteral("verified"),
                m_plan.kind == RunKind::Rejoin
                    ? tr("%1 streams from %2 again")
                          .arg(regionName(m_plan.targetRegion), regionName(m_plan.fromRegion))
                    : tr("%1 is the one writable primary").arg(regionName(m_plan.targetRegion)));
        return;
    }
    m_current = index;
    ++m_serial;
    StepRecord &record = m_records[index];
    record.state = StepState::Running;
    record.startedMs = nowMs();
    // The journal learns of the step before it does anything.
    journal(QStringLiteral("step"), toString(record.kind), QStringLiteral("running"),
        stepLabel(record.kind));
    publishStep(record);
    emit stepChanged(record);

    const auto timeout = record.kind == StepKind::Verify ? m_config.failover.verifyTimeout
                                                         : m_config.failover.stepTimeout;
    // Actions carry their own timeouts (a rebuild may take minutes): the step waits for them.
    const bool ownTimeout = record.kind == StepKind::Rejoin || record.kind == StepKind::Demote
        || record.kind == StepKind::Traffic || record.kind == StepKind::Notify;
    if (!ownTimeout)
        m_stepTimer.start(timeout);

    switch (record.kind) {
    case StepKind::Fence: fence(); break;
    case StepKind::CatchUp: catchUp(); break;
    case StepKind::Promote: promote(); break;
    case StepKind::Rejoin: rebuild(m_plan.targetRegion, m_plan.fromRegion); break;
    case StepKind::Demote: rebuild(m_plan.fromRegion, m_plan.targetRegion); break;
    case StepKind::Repoint: repoint(); break;
    case StepKind::Traffic: traffic(); break;
    case StepKind::Notify: notify(); break;
    case StepKind::Verify: verify(); break;
    }
}

void FailoverRun::endStep(StepState state, const QString &summary)
{
    if (m_finished || m_current < 0 || m_records[m_current].state != StepState::Running)
        return;
    m_stepTimer.stop();
    m_poll.stop();
    ++m_serial; // whatever is still in flight for this step is ignored from now on
    StepRecord &record = m_records[m_current];
    record.state = state;
    record.summary = summary;
    record.finishedMs = nowMs();
    journal(QStringLiteral("step"), toString(record.kind), toString(state), summary,
        { { QStringLiteral("duration_ms"), qint64(record.duration().count()) } });
    publishStep(record);
    emit stepChanged(record);

    if (state != StepState::Failed) {
        runStep(m_current + 1);
        return;
    }
    switch (record.kind) {
    case StepKind::Rejoin:
    case StepKind::Fence:
    case StepKind::CatchUp:
    case StepKind::Promote: {
        const QString why = tr("%1 failed: %2").arg(stepLabel(record.kind), summary);
        if (m_fenced && !m_promoted) {
            // A failback that stops here must not leave production read-only.
            unfence([this, why] { finish(QStringLiteral("aborted"), why); });
            return;
        }
        finish(QStringLiteral("aborted"), why);
        return;
    }
    case StepKind::Verify:
        finish(QStringLiteral("failed"), tr("not verified: %1").arg(summary));
        return;
    case StepKind::Notify:
        // A notice that did not go out changes nothing about the database.
        runStep(m_current + 1);
        return;
    case StepKind::Demote:
    case StepKind::Repoint:
    case StepKind::Traffic:
        m_laterFailure = true;
        runStep(m_current + 1);
        return;
    }
}

void FailoverRun::finish(const QString &outcome, const QString &summary)
{
    if (m_finished)
        return;
    m_finished = true;
    m_stepTimer.stop();
    m_poll.stop();
    ++m_serial;
    for (StepRecord &record : m_records) {
        if (record.state == StepState::Pending)
            record.state = StepState::Skipped;
    }
    RunResult result;
    result.runId = m_plan.runId;
    result.kind = m_plan.kind;
    result.targetRegion = m_plan.targetRegion;
    result.fromRegion = m_plan.fromRegion;
    result.outcome = outcome;
    result.summary = summary;
    result.figures = figures();
    result.steps = m_records;
    emit finished(result);
}

// --- fence ------------------------------------------------------------------------------------

void FailoverRun::fence()
{
    const RegionConfig *from = m_config.region(m_plan.fromRegion);
    const NodeState *node = m_services.topology->node(m_plan.fromEndpoint);
    const bool reachable = node && node->answering;
    if (!from) {
        endStep(StepState::Skipped, tr("no primary to fence"));
        return;
    }
    if (!reachable || from->admin.connection.isEmpty()) {
        fenceWithAction(reachable ? tr("it has no admin connection") : tr("it does not answer"));
        return;
    }
    admin(m_plan.fromRegion, AdminSession::fenceBatches(), [this](const AdminResult &result) {
        if (result.ok) {
            m_fenced = true;
            endStep(StepState::Done,
                tr("%1 set read-only, %2 session(s) ended")
                    .arg(regionName(m_plan.fromRegion), firstValue(result)));
            return;
        }
        fenceWithAction(tr("the read-only fence failed (%1)").arg(result.error));
    });
}

void FailoverRun::fenceWithAction(const QString &why)
{
    const RegionConfig *from = m_config.region(m_plan.fromRegion);
    if (from && from->admin.fence) {
        action(*from->admin.fence, m_plan.fromRegion, [this, why](const ActionOutcome &outcome) {
            if (outcome.ok)
                endStep(StepState::Done, tr("%1; fence action: %2").arg(why, outcome.summary));
            else
                endStep(StepState::Failed,
                    tr("%1, and the fence action failed: %2").arg(why, outcome.summary));
        });
        return;
    }
    if (m_plan.kind == RunKind::Failback) {
        // A failback hands over from a live primary: without a fence it would lose writes.
        endStep(StepState::Failed, tr("%1, and there is no fence action").arg(why));
        return;
    }
    endStep(StepState::Skipped,
        tr("not fenced: %1 and no fence action is configured; it is fenced if it comes back")
            .arg(why));
}

void FailoverRun::unfence(const std::function<void()> &then)
{
    journal(QStringLiteral("step"), QStringLiteral("unfence"), QStringLiteral("running"),
        tr("Lifting the fence on %1").arg(regionName(m_plan.fromRegion)));
    ++m_serial;
    const int serial = m_serial;
    auto *session = new AdminSession(this);
    connect(session, &AdminSession::finished, this,
        [this, session, serial, then](const AdminResult &result) {
            session->deleteLater();
            Q_UNUSED(serial)
            journal(QStringLiteral("step"), QStringLiteral("unfence"),
                result.ok ? QStringLiteral("done") : QStringLiteral("failed"),
                result.ok ? tr("%1 takes writes again").arg(regionName(m_plan.fromRegion))
                          : result.error);
            m_fenced = !result.ok;
            then();
        });
    session->run(m_config.region(m_plan.fromRegion)->admin.connection,
        AdminSession::unfenceBatches(), m_config.failover.stepTimeout);
}

// --- catch-up (failback) ----------------------------------------------------------------------

void FailoverRun::catchUp()
{
    // Regions seen only through their health endpoints (the demo's) have no WAL position to read
    // or wait for. With a connection on either side the SQL wait stays: a failback that skipped
    // it could lose the fenced primary's last writes.
    const RegionConfig *from = m_config.region(m_plan.fromRegion);
    const RegionConfig *target = m_config.region(m_plan.targetRegion);
    if (from && target && from->admin.connection.isEmpty() && target->admin.connection.isEmpty()) {
        endStep(StepState::Skipped,
            tr("no admin connection: the demo/HTTP region has no LSN to wait for"));
        return;
    }
    admin(m_plan.fromRegion, { "select pg_current_wal_lsn()::text" },
        [this](const AdminResult &result) {
            if (!result.ok) {
                endStep(StepState::Failed,
                    tr("could not read %1's position: %2")
                        .arg(regionName(m_plan.fromRegion), result.error));
                return;
            }
            m_fencedLsn = firstValue(result);
            pollCatchUp(m_fencedLsn);
        });
}

void FailoverRun::pollCatchUp(const QString &lsn)
{
    const QByteArray sql = "select pg_last_wal_replay_lsn() >= " + AdminSession::literal(lsn)
        + "::pg_lsn, pg_last_wal_replay_lsn()::text";
    admin(m_plan.targetRegion, { sql }, [this, lsn](const AdminResult &result) {
        if (!result.ok) {
            endStep(StepState::Failed,
                tr("could not read %1's replay position: %2")
                    .arg(regionName(m_plan.targetRegion), result.error));
            return;
        }
        if (firstValue(result) == u"t") {
            endStep(StepState::Done,
                tr("%1 replayed up to %2, the fenced primary's last position")
                    .arg(regionName(m_plan.targetRegion), lsn));
            return;
        }
        const int serial = m_serial;
        QTimer::singleShot(50, this, [this, serial, lsn] {
            if (serial == m_serial)
                pollCatchUp(lsn);
        });
    });
}

// --- promote ----------------------------------------------------------------------------------

void FailoverRun::promote()
{
    const RegionConfig *target = m_config.region(m_plan.targetRegion);
    m_promoteStartMs = nowMs();
    takeLagReportAtLoss();
    const auto promoted = [this](const QString &how) {
        m_promoted = true;
        m_promotedMs = nowMs();
        if (m_plan.kind != RunKind::Rejoin)
            testWrite();
        endStep(StepState::Done,
            tr("%1 promoted %2 in %3")
                .arg(regionName(m_plan.targetRegion), how,
                    QuantityText::duration(
                        std::chrono::milliseconds(m_promotedMs - m_promoteStartMs))));
    };
    if (target && target->admin.promote) {
        action(*target->admin.promote, m_plan.targetRegion,
            [this, promoted](const ActionOutcome &outcome) {
                if (outcome.ok)
                    promoted(tr("by its promote action"));
                else
                    endStep(StepState::Failed, tr("promote action: %1").arg(outcome.summary));
            });
        return;
    }
    const qint64 waitSeconds = qMax<qint64>(1,
        std::chrono::duration_cast<std::chrono::seconds>(m_config.failover.stepTimeout).count()
            - 1);
    admin(m_plan.targetRegion,
        { "select pg_promote(wait => true, wait_seconds => " + QByteArray::number(waitSeconds)
            + ")" },
        [this, promoted](const AdminResult &result) {
            if (result.ok && firstValue(result) == u"t") {
                promoted(tr("with pg_promote()"));
                return;
            }
            // 55000: "recovery is not in progress", it is a primary already (a retry).
            if (result.sqlState == "55000") {
                promoted(tr("(it was already primary)"));
                return;
            }
            endStep(StepState::Failed,
                result.ok ? tr("pg_promote() did not finish in time")
                          : tr("pg_promote(): %1").arg(result.error));
        });
}

// --- rejoin / demote --------------------------------------------------------------------------

void FailoverRun::rebuild(const QString &regionId, const QString &sourceRegion)
{
    const RegionConfig *region = m_config.region(regionId);
    if (!region || !region->admin.rejoin) {
        const QString why = tr("%1 has no rejoin action").arg(regionName(regionId));
        if (m_plan.kind == RunKind::Rejoin)
            endStep(StepState::Failed, why);
        else
            endStep(StepState::Failed,
                tr("%1: it stays fenced read-only; rebuild it as a standby "
                   "of %2 by hand")
                    .arg(why, regionName(sourceRegion)));
        return;
    }
    ActionConfig rejoin = *region->admin.rejoin;
    action(rejoin, regionId, [this, regionId, sourceRegion](const ActionOutcome &outcome) {
        if (outcome.ok)
            endStep(StepState::Done,
                tr("%1 rebuilt as a standby of %2: %3")
                    .arg(regionName(regionId), regionName(sourceRegion), outcome.summary));
        else
            endStep(StepState::Failed, tr("rejoin action: %1").arg(outcome.summary));
    });
}

// --- re-point ---------------------------------------------------------------------------------

QStringList FailoverRun::otherStandbyRegions() const
{
    QStringList regions;
    for (const RegionConfig &region : m_config.regions) {
        if (region.id == m_plan.targetRegion || region.id == m_plan.fromRegion)
            continue;
        const NodeState *node = m_services.topology->node(endpointOf(region.id));
        if (node && node->role == PostgresRole::Standby)
            regions.append(region.id);
    }
    return regions;
}

void FailoverRun::repoint()
{
    const QStringList regions = otherStandbyRegions();
    if (regions.isEmpty()) {
        endStep(StepState::Skipped, tr("no other standby"));
        return;
    }
    repointNext(regions, {}, {});
}

void FailoverRun::repointNext(QStringList regions, QStringList done, QStringList failed)
{
    if (regions.isEmpty()) {
        if (failed.isEmpty())
            endStep(StepState::Done,
                tr("now following %1: %2")
                    .arg(regionName(m_plan.targetRegion), done.join(tr(", "))));
        else
            endStep(StepState::Failed, failed.join(QStringLiteral("; ")));
        return;
    }
    const QString regionId = regions.takeFirst();
    const int serial = m_serial;
    repointOne(
        regionId, [this, serial, regionId, regions, done, failed](bool ok, QString why) mutable {
            if (serial != m_serial)
                return;
            if (ok) {
                done.append(regionName(regionId));
                m_repointed.append(regionId);
            } else {
                failed.append(tr("%1: %2").arg(regionName(regionId), why));
            }
            repointNext(regions, done, failed);
        });
}

void FailoverRun::repointOne(
    const QString &regionId, const std::function<void(bool, QString)> &then)
{
    const RegionConfig *region = m_config.region(regionId);
    const RegionConfig *target = m_config.region(m_plan.targetRegion);
    if (region->admin.repoint) {
        action(*region->admin.repoint, regionId,
            [then](const ActionOutcome &outcome) { then(outcome.ok, outcome.summary); });
        return;
    }
    if (region->admin.connection.isEmpty()) {
        then(false, tr("no admin connection and no repoint action"));
        return;
    }
    if (target->admin.replicationConnection.isEmpty()) {
        then(false, tr("%1 has no replication_connection to stream from").arg(target->name));
        return;
    }
    // The upstream lists a standby under its application_name; keep the name it had.
    const NodeState *node = m_services.topology->node(endpointOf(regionId));
    QString appName
        = node && node->observation ? node->observation->receiverApplicationName : QString();
    if (appName.isEmpty() && node && node->observation)
        appName = node->observation->clusterName;
    if (appName.isEmpty())
        appName = regionId;
    const QString conninfo
        = target->admin.replicationConnection + QStringLiteral(" application_name=") + appName;
    // A standby that streams through a slot needs that slot on its new upstream first.
    admin(regionId, { "select current_setting('primary_slot_name')" },
        [this, regionId, conninfo, then](const AdminResult &slotResult) {
            if (!slotResult.ok) {
                then(false, slotResult.error);
                return;
            }
            const QString slot = firstValue(slotResult);
            const auto setConninfo = [this, regionId, conninfo, then] {
                admin(regionId,
                    { "alter system set primary_conninfo = " + AdminSession::literal(conninfo),
                        "select pg_reload_conf()" },
                    [then](const AdminResult &result) { then(result.ok, result.error); });
            };
            if (slot.isEmpty()) {
                setConninfo();
                return;
            }
            const QByteArray name = AdminSession::literal(slot);
            admin(m_plan.targetRegion,
                { "select pg_create_physical_replication_slot(" + name
                    + ") where not exists (select 1 from pg_replication_slots where slot_name = "
                    + name + ")" },
                [then, setConninfo](const AdminResult &result) {
                    if (!result.ok) {
                        then(false, result.error);
                        return;
                    }
                    setConninfo();
                });
        });
}

// --- traffic and notify -----------------------------------------------------------------------

void FailoverRun::traffic()
{
    if (m_config.failover.traffic.isEmpty()) {
        endStep(StepState::Skipped, tr("no traffic action configured"));
        return;
    }
    runActions(m_config.failover.traffic, {}, {}, true);
}

void FailoverRun::notify()
{
    if (m_config.failover.notify.isEmpty()) {
        endStep(StepState::Skipped, tr("no notification configured"));
        return;
    }
    runActions(m_config.failover.notify, {}, {}, true);
}

void FailoverRun::runActions(
    QList<ActionConfig> actions, QStringList done, QStringList failed, bool failuresFail)
{
    if (actions.isEmpty()) {
        if (failed.isEmpty() || !failuresFail)
            endStep(StepState::Done, done.join(QStringLiteral("; ")));
        else
            endStep(StepState::Failed, (failed + done).join(QStringLiteral("; ")));
        return;
    }
    const ActionConfig next = actions.takeFirst();
    const int serial = m_serial;
    action(next, QString(),
        [this, serial, next, actions, done, failed, failuresFail](
            const ActionOutcome &outcome) mutable {
            if (serial != m_serial)
                return;
            (outcome.ok ? done : failed).append(tr("%1: %2").arg(next.id, outcome.summary));
            runActions(actions, done, failed, failuresFail);
        });
}

// --- verify -----------------------------------------------------------------------------------

// A test write through the new primary, started as soon as it is promoted: the first moment a
// client could commit again, which is what the RTO ends on. Not tied to a step: it outlives the
// steps that run meanwhile, and verify waits for it.
void FailoverRun::testWrite()
{
    const RegionConfig *target = m_config.region(m_plan.targetRegion);
    if (!target || target->admin.connection.isEmpty() || m_writeRunning || m_writeDone)
        return;
    m_writeRunning = true;
    auto *session = new AdminSession(this);
    connect(session, &AdminSession::finished, this, [this, session](const AdminResult &result) {
        session->deleteLater();
        m_writeRunning = false;
        if (!result.ok || m_finished)
            return;
        m_writeDone = true;
        m_firstWriteMs = nowMs();
        m_writeProof = tr("a test write committed");
        HeartbeatMark held;
        const PgResultSet &rows = result.results.constLast();
        if (!rows.rows.isEmpty() && rows.rows.constFirst().size() >= 2) {
            held.seq = rows.rows.constFirst().at(0).value_or(QString()).toLongLong();
            const double epoch = rows.rows.constFirst().at(1).value_or(QString()).toDouble();
            held.writtenAt = QDateTime::fromMSecsSinceEpoch(qint64(epoch * 1000), QTimeZone::utc());
        }
        m_heldHeartbeat = held;
        journal(QStringLiteral("figure"), QStringLiteral("first-write"), QStringLiteral("info"),
            tr("A test write committed on %1").arg(regionName(m_plan.targetRegion)));
        checkVerified();
    });
    // The heartbeat table is created as the monitor creates it, so the read below never fails
    // on a node that never had one: the old primary's row on the new one is exactly what
    // survived of its writes (one row per writer, and that writer wrote nowhere else since).
    const QByteArray writer
        = AdminSession::literal(PostgresQuery::safeWriterId(m_plan.fromEndpoint));
    session->run(target->admin.connection,
        { "create schema if not exists failover_console;\n"
          "create table if not exists failover_console.heartbeat (\n"
          "  writer text primary key, seq bigint not null, written_at timestamptz not null);\n"
          "create table if not exists failover_console.verify_write (\n"
          "  run_id bigint not null, written_at timestamptz not null default now());\n"
          "insert into failover_console.verify_write (run_id) values ("
            + QByteArray::number(m_plan.runId)
            + ");\n"
              "select seq, extract(epoch from written_at) from failover_console.heartbeat\n"
              "where writer = "
            + writer },
        m_config.failover.verifyTimeout);
}

void FailoverRun::verify()
{
    m_poll.start();
    checkVerified();
}

void FailoverRun::checkVerified()
{
    if (m_finished || m_current < 0 || m_records[m_current].kind != StepKind::Verify)
        return;
    const RegionConfig *target = m_config.region(m_plan.targetRegion);
    if (m_plan.kind == RunKind::Rejoin) {
        const NodeState *node = m_services.topology->node(m_plan.targetEndpoint);
        const std::optional<ReplicationLink> link
            = m_services.topology->linkFor(m_plan.targetEndpoint);
        // A region seen only through its health endpoint can only say it is a standby again.
        const bool following = node && node->viaHttp
            ? node->answering && node->role == PostgresRole::Standby
            : link && link->upstreamId == m_plan.fromEndpoint && link->streaming();
        if (following)
            endStep(StepState::Done,
                tr("%1 follows %2")
                    .arg(regionName(m_plan.targetRegion), regionName(m_plan.fromRegion)));
        return;
    }
    if (!m_writeDone && !m_writeRunning)
        testWrite();
    if (target && target->admin.connection.isEmpty() && !m_writeDone) {
        // Without an admin connection the monitor's own heartbeat on the new primary is the
        // write; a region known only through its health endpoint (role_json) proves it by
        // answering as the primary, which is all the console can see of it.
        const NodeState *node = m_services.topology->node(m_plan.targetEndpoint);
        const bool wrote = node && node->observation && node->observation->heartbeatSeqWritten;
        const bool answersAsPrimary
            = node && node->viaHttp && node->answering && node->role == PostgresRole::Primary;
        if (wrote || answersAsPrimary) {
            m_writeDone = true;
            m_firstWriteMs = nowMs();
            m_writeProof = wrote ? tr("the monitor's heartbeat committed on it")
                                 : tr("it answers as primary (no write test without a database "
                                      "connection)");
        }
    }
    const PrimaryState &primary = m_services.topology->primary();
    const bool onePrimary
        = primary.status == PrimaryStatus::One && primary.regionId == m_plan.targetRegion;
    QStringList lagging;
    for (const QString &regionId : std::as_const(m_repointed)) {
        // Only a PostgreSQL server reports whom it streams from.
        const NodeState *node = m_services.topology->node(endpointOf(regionId));
        if (!node || node->viaHttp)
            continue;
        const std::optional<ReplicationLink> link = m_services.topology->linkFor(node->endpointId);
        if (!link || link->upstreamId != m_plan.targetEndpoint || !link->streaming())
            lagging.append(regionName(regionId));
    }
    if (onePrimary && m_writeDone && lagging.isEmpty()) {
        endStep(StepState::Done,
            tr("%1 is the one writable primary, %2%3")
                .arg(regionName(m_plan.targetRegion), m_writeProof,
                    m_repointed.isEmpty()
                        ? QString()
                        : tr(", and %1 stream(s) from it").arg(m_repointed.size())));
        return;
    }
    // The step timer ends it otherwise; its reason says what is missing.
    QStringList missing;
    if (!onePrimary)
        missing.append(tr("primary is %1").arg(toString(primary.status)));
    if (!m_writeDone)
        missing.append(tr("no test write yet"));
    if (!lagging.isEmpty())
        missing.append(tr("not streaming yet: %1").arg(lagging.join(tr(", "))));
    m_records[m_current].summary = missing.join(QStringLiteral("; "));
}

// --- plumbing ---------------------------------------------------------------------------------

void FailoverRun::admin(
    const QString &regionId, const QByteArrayList &batches, const AdminCallback &then)
{
    const RegionConfig *region = m_config.region(regionId);
    auto *session = new AdminSession(this);
    const int serial = m_serial;
    connect(session, &AdminSession::finished, this,
        [this, session, serial, then](const AdminResult &result) {
            session->deleteLater();
            if (serial == m_serial && !m_finished)
                then(result);
        });
    session->run(
        region ? region->admin.connection : QString(), batches, m_config.failover.stepTimeout);
}

void FailoverRun::action(
    const ActionConfig &config, const QString &ownerRegion, const ActionCallback &then)
{
    auto *runner = new ActionRunner(m_services.network, this);
    const int serial = m_serial;
    connect(runner, &ActionRunner::finished, this,
        [this, runner, serial, then](const ActionOutcome &outcome) {
            runner->deleteLater();
            if (serial == m_serial && !m_finished)
                then(outcome);
        });
    ActionContext context;
    context.values = templateValues(ownerRegion);
    context.message = m_plan.kind == RunKind::Failback
        ? tr("Failover Console: failing back from %1 to %2")
              .arg(regionName(m_plan.fromRegion), regionName(m_plan.targetRegion))
        : tr("Failover Console: %1 failed over to %2 (%3)")
              .arg(regionName(m_plan.fromRegion), regionName(m_plan.targetRegion),
                  m_plan.automatic ? tr("automatic") : tr("by %1").arg(m_plan.operatorName));
    journal(QStringLiteral("step"), config.id, QStringLiteral("running"),
        tr("Running %1 action %2").arg(toString(config.kind), config.id));
    runner->run(config, context);
}

QMap<QString, QString> FailoverRun::templateValues(const QString &ownerRegion) const
{
    // A rejoin or demotion rebuilds `ownerRegion` from the primary it will follow.
    QString source = m_plan.targetRegion;
    if (m_plan.kind == RunKind::Rejoin)
        source = m_plan.fromRegion;
    return {
        { QStringLiteral("target_region"), m_plan.targetRegion },
        { QStringLiteral("target_name"), regionName(m_plan.targetRegion) },
        { QStringLiteral("old_primary_region"), m_plan.fromRegion },
        { QStringLiteral("old_primary_name"), regionName(m_plan.fromRegion) },
        { QStringLiteral("region"), ownerRegion },
        { QStringLiteral("source_region"), source },
        { QStringLiteral("run_id"), QString::number(m_plan.runId) },
        { QStringLiteral("run_kind"), toString(m_plan.kind) },
    };
}

QString FailoverRun::regionName(const QString &regionId) const
{
    const RegionConfig *region = m_config.region(regionId);
    return region ? region->name : regionId;
}

QString FailoverRun::endpointOf(const QString &regionId) const
{
    for (const NodeState &node : m_services.topology->nodes()) {
        if (node.regionId == regionId && !node.viaHttp)
            return node.endpointId;
    }
    for (const NodeState &node : m_services.topology->nodes()) {
        if (node.regionId == regionId)
            return node.endpointId;
    }
    return {};
}

void FailoverRun::journal(const QString &category, const QString &name, const QString &status,
    const QString &message, const QVariantMap &fields)
{
    if (!m_services.journal)
        return;
    JournalEntry entry;
    entry.runId = m_plan.runId;
    entry.monotonicMs = nowMs();
    entry.category = category;
    entry.name = name;
    entry.status = status;
    entry.message = message;
    entry.fields = fields;
    m_services.journal->append(entry);
}

void FailoverRun::publishStep(const StepRecord &record)
{
    if (!m_services.hub)
        return;
    ConsoleEvent event;
    event.kind = EventKind::FailoverStep;
    event.severity = record.state == StepState::Failed ? EventSeverity::Critical
        : record.state == StepState::Skipped           ? EventSeverity::Warning
                                                       : EventSeverity::Info;
    event.regionId = m_plan.targetRegion;
    const QString label = stepLabel(record.kind);
    switch (record.state) {
    case StepState::Running: event.message = tr("%1: started.").arg(label); break;
    case StepState::Done: event.message = tr("%1: done, %2.").arg(label, record.summary); break;
    case StepState::Failed: event.message = tr("%1: FAILED, %2.").arg(label, record.summary); break;
    case StepState::Skipped:
        event.message = tr("%1: skipped, %2.").arg(label, record.summary);
        break;
    case StepState::Pending: event.message = tr("%1: pending.").arg(label); break;
    }
    event.fields = {
        { QStringLiteral("run_id"), m_plan.runId },
        { QStringLiteral("run_kind"), toString(m_plan.kind) },
        { QStringLiteral("step"), toString(record.kind) },
        { QStringLiteral("state"), toString(record.state) },
        { QStringLiteral("summary"), record.summary },
        { QStringLiteral("duration_ms"),
            record.state == StepState::Running ? QVariant()
                                               : QVariant(qint64(record.duration().count())) },
    };
    m_services.hub->publish(event);
}

QVariantMap FailoverRun::figures() const
{
    QVariantMap figures;
    if (m_plan.firstFailureMs > 0 && m_plan.decisionMs >= m_plan.firstFailureMs)
        figures.insert(QStringLiteral("detection_ms"), m_plan.decisionMs - m_plan.firstFailureMs);
    if (m_promotedMs > 0)
        figures.insert(QStringLiteral("promotion_ms"), m_promotedMs - m_promoteStartMs);
    // RTO: from the first failed probe (a failover) or from the fence (a planned failback) to
    // the first write the new primary committed.
    const qint64 outageStart = m_plan.kind == RunKind::Failover && m_plan.firstFailureMs > 0
        ? m_plan.firstFailureMs
        : m_runStartMs;
    if (m_firstWriteMs > 0 && m_plan.kind != RunKind::Rejoin) {
        figures.insert(QStringLiteral("rto_ms"), m_firstWriteMs - outageStart);
        // On this process's monotonic clock, like the journal entries it writes: a drill measures
        // its RTO from the moment it injected the fault to this first commit.
        figures.insert(QStringLiteral("first_write_monotonic_ms"), m_firstWriteMs);
    }
    if (m_promoted)
        figures.insert(rpoFigures());
    return figures;
}

// --- RPO --------------------------------------------------------------------------------------

void FailoverRun::takeLagReportAtLoss()
{
    const TopologyState &topology = *m_services.topology;
    m_lagReportAtLoss = topology.lagReportAtLoss(m_plan.targetEndpoint);
    // A primary still up (a planned run whose fence did not take) is lost by this promotion.
    m_primaryLostAt = topology.primary().status == PrimaryStatus::One ? m_services.clock->wallNow()
                                                                      : topology.primaryLostAt();
}

// The heartbeat basis first: the old primary's acknowledged rows the new one lacks, counted.
// Without it, a target seen through its health endpoint gives its reported lag at the loss, a
// second basis journalled as such (rpo_basis), a duration and never a row count.
QVariantMap FailoverRun::rpoFigures() const
{
    std::optional<RpoEstimate> rpo;
    if (m_services.ledger) {
        rpo = m_heldHeartbeat
            ? m_services.ledger->rpoIfHolding(m_plan.fromEndpoint, *m_heldHeartbeat)
            : m_services.ledger->rpoAfterPromotion(m_plan.fromEndpoint, m_plan.targetEndpoint);
        if (rpo->known)
            return { { QStringLiteral("rpo_rows"), rpo->rowsLost },
                { QStringLiteral("rpo_ms"), qint64(rpo->secondsLost * 1000) } };
    }
    const NodeState *target = m_services.topology->node(m_plan.targetEndpoint);
    if (!(target && target->viaHttp) && !m_lagReportAtLoss) {
        if (!rpo)
            return {};
        return { { QStringLiteral("rpo_unknown"), rpo->unknownReason } };
    }
    const EndpointConfig *targetConfig = m_config.endpoint(m_plan.targetEndpoint);
    const Milliseconds interval = targetConfig ? targetConfig->interval : Milliseconds { 0 };
    ReportedLagRpo lag = ReportedLagRpo::decide(
        m_lagReportAtLoss, m_primaryLostAt, interval, regionName(m_plan.targetRegion));
    if (!lag.known && rpo)
        lag.unknownReason = tr("%1; %2").arg(rpo->unknownReason, lag.unknownReason);
    return lag.figures();
}

} // namespace Console
