#include "postgresprober.h"

#include "heartbeatledger.h"
#include "probedeadline.h"

#include <QHostInfo>

#include <algorithm>

namespace Console {

namespace {

// About one fresh login per 10 s per endpoint, and never on more than every 5th probe.
int acceptanceCadence(Milliseconds interval)
{
    constexpr qint64 targetMs = 10000;
    const qint64 intervalMs = std::max<qint64>(1, interval.count());
    return int(std::clamp<qint64>((targetMs + intervalMs - 1) / intervalMs, 5, 100000));
}

} // namespace

PostgresProber::PostgresProber(const EndpointConfig &config, QObject *parent)
    : Prober(parent)
    , m_config(config)
    , m_params(PgConnectParams::parse(config.postgres.connectionString))
    , m_connection(this)
    , m_acceptance(this)
    , m_acceptanceEvery(acceptanceCadence(config.interval))
{
    m_params.setStatementTimeout(config.timeout);
    m_deadline.setSingleShot(true);
    m_deadline.setTimerType(Qt::PreciseTimer);
    connect(&m_deadline, &QTimer::timeout, this, &PostgresProber::onDeadline);
    connect(&m_connection, &PgConnection::connected, this, &PostgresProber::onConnected);
    connect(&m_connection, &PgConnection::resultsReady, this, &PostgresProber::onResults);
    connect(&m_connection, &PgConnection::failed, this, &PostgresProber::onFailed);
    connect(&m_acceptance, &PgConnection::connected, this, &PostgresProber::onAcceptanceConnected);
    connect(&m_acceptance, &PgConnection::failed, this, &PostgresProber::onAcceptanceFailed);
    m_lifetime.start();
}

PostgresProber::~PostgresProber()
{
    if (m_lookupId >= 0)
        QHostInfo::abortHostLookup(m_lookupId);
    m_connection.disconnect(this);
    m_connection.close();
    m_acceptance.disconnect(this);
    m_acceptance.close();
}

void PostgresProber::start()
{
    if (m_running)
        return;
    m_running = true;
    m_inStart = true;
    m_clock.start();
    m_startedAt = QDateTime::currentDateTimeUtc();
    m_deadline.start(m_config.timeout);
    m_sessionReused = m_connection.state() == PgConnection::State::Idle;
    m_check = Check::None;
    m_answer.reset();
    m_answerLatencyMs = -1;
    if (!m_params.isValid()) {
        finish(ProbeStatus::BadBody, m_params.error());
    } else if (m_connection.state() == PgConnection::State::Idle) {
        // A check that fails at once only records its verdict: the answer has not come yet.
        if (++m_probesSinceFreshConnect >= m_acceptanceEvery || m_acceptanceFailing)
            startAcceptanceCheck();
        sendProbe();
    } else {
        connectToServer();
    }
    m_inStart = false;
}

void PostgresProber::connectToServer()
{
    // The probe's own fresh connection is the acceptance check now.
    m_acceptance.close();
    m_check = Check::None;
    m_probesSinceFreshConnect = 0;
    m_heartbeatTableReady = false;
    const QString host = m_params.hostToResolve();
    if (host.isEmpty()) {
        m_connection.open(m_params);
        return;
    }
    // libpq would call getaddrinfo() on this thread; Qt resolves off the thread instead.
    m_lookupId = QHostInfo::lookupHost(host, this, &PostgresProber::onLookedUp);
}

void PostgresProber::onLookedUp(const QHostInfo &info)
{
    if (info.lookupId() != m_lookupId || !m_running)
        return;
    m_lookupId = -1;
    if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
        finish(ProbeStatus::Dns, tr("host %1 not found").arg(info.hostName()));
        return;
    }
    QStringList addresses;
    for (const QHostAddress &address : info.addresses())
        addresses += address.toString();
    m_params.setResolvedAddresses(addresses);
    m_connection.open(m_params);
}

void PostgresProber::onConnected()
{
    if (!m_running)
        return;
    m_acceptanceFailing = false;
    sendProbe();
}

// Connect only: a login that succeeds is all the check needs, so the session is dropped at once
// (PQfinish sends Terminate without waiting). The addresses resolved for the kept session are
// reused: the check asks whether the server takes sessions, not whether the name still resolves.
void PostgresProber::startAcceptanceCheck()
{
    m_check = Check::Running;
    m_acceptance.open(m_params);
}

void PostgresProber::onAcceptanceConnected()
{
    m_acceptance.close();
    if (!m_running || m_check != Check::Running)
        return;
    m_check = Check::Passed;
    m_acceptanceFailing = false;
    m_probesSinceFreshConnect = 0;
    finishAnswered();
}

void PostgresProber::onAcceptanceFailed(const PgFailure &failure)
{
    if (!m_running || m_check != Check::Running)
        return;
    m_check = Check::Failed;
    m_acceptanceFailing = true;
    m_checkVerdict = PostgresErrorClassifier::connectFailure(
        m_params.scrubbed(failure.message), failure.target);
    finishAnswered();
}

// The kept session's answer goes out once the check (if any) has settled; a failed check fails
// the probe but keeps the observation, since the server did answer on its session.
void PostgresProber::finishAnswered()
{
    if (!m_answer || m_check == Check::Running)
        return;
    const std::optional<PostgresObservation> answer = std::exchange(m_answer, std::nullopt);
    if (m_check == Check::Failed) {
        finish(m_checkVerdict.status,
            tr("new sessions fail: %1; the session kept open still answers")
                .arg(m_checkVerdict.reason),
            answer);
        return;
    }
    finish(ProbeStatus::Ok, {}, answer);
}

void PostgresProber::sendProbe()
{
    PostgresQuery::Options options;
    if (m_config.postgres.heartbeat) {
        if (m_lastRole != PostgresRole::Primary)
            options.heartbeat = PostgresQuery::Heartbeat::Read;
        else if (m_heartbeatTableReady)
            options.heartbeat = PostgresQuery::Heartbeat::Write;
        else
            options.heartbeat = PostgresQuery::Heartbeat::CreateAndWrite;
    }
    options.writerId = m_config.id;
    options.nextSeq = m_nextSeq;
    if (m_ledger)
        options.nextSeq = qMax(options.nextSeq, m_ledger->highestAcknowledged() + 1);
    if (!m_params.startupOptionsEnabled())
        options.localStatementTimeout = m_config.timeout;
    m_plan = PostgresQuery::build(options);
    m_connection.send(m_plan.sql);
}

void PostgresProber::onResults(const QList<PgResultSet> &results)
{
    if (!m_running)
        return;
    const PostgresObservationReader::Outcome outcome
        = PostgresObservationReader::read(results, m_plan);
    if (!outcome.ok) {
        const PgVerdict verdict
            = PostgresErrorClassifier::queryFailure(outcome.error, outcome.sqlState);
        finish(verdict.status, verdict.reason);
        return;
    }
    PostgresObservation observation = outcome.observation;
    m_lastRole = observation.role;
    applyHeartbeat(outcome, &observation);
    applyCommitRate(&observation);
    m_answer = observation;
    m_answerLatencyMs = m_clock.nsecsElapsed() / 1e6;
    finishAnswered();
}

void PostgresProber::applyHeartbeat(
    const PostgresObservationReader::Outcome &outcome, PostgresObservation *observation)
{
    switch (m_plan.heartbeat) {
    case PostgresQuery::Heartbeat::None: return;
    case PostgresQuery::Heartbeat::Read:
        if (m_ledger && observation->heartbeatSeqSeen) {
            m_ledger->recordSeen(m_config.id, *observation->heartbeatSeqSeen,
                observation->heartbeatWrittenAt.value_or(QDateTime()));
        }
        if (m_ledger) {
            // The newest row may be a previous run's, minutes old: its age is not this
            // standby's lag. With a ledger, seconds count only against the heartbeats this
            // console acknowledged, so they stay unknown until its first one is committed.
            observation->heartbeatLagS.reset();
            if (observation->role == PostgresRole::Standby) {
                observation->heartbeatSeqLag = m_ledger->sequencesBehindNewest(m_config.id);
                observation->heartbeatLagS
                    = m_ledger->secondsBehindNewest(m_config.id, observation->serverTime);
                if (m_ledger->highestAcknowledged() == 0 && observation->heartbeatError.isEmpty())
                    observation->heartbeatError = tr("waiting for this console's heartbeat");
            }
        }
        return;
    case PostgresQuery::Heartbeat::Write:
    case PostgresQuery::Heartbeat::CreateAndWrite: break;
    }
    if (!outcome.heartbeatCommitted) {
        // Create the table again next time, and learn the role again before writing.
        m_heartbeatTableReady = false;
        m_lastRole.reset();
        return;
    }
    m_heartbeatTableReady = true;
    m_nextSeq = *observation->heartbeatSeqWritten + 1;
    if (m_ledger) {
        m_ledger->recordAcknowledged(m_config.id, *observation->heartbeatSeqWritten,
            observation->heartbeatWrittenAt.value_or(QDateTime()));
    }
}

// pg_stat_database counters reach the view up to a second late and include this probe's own
// transaction; the rate is a drill figure, not an exact count.
void PostgresProber::applyCommitRate(PostgresObservation *observation)
{
    // Nanoseconds: two probes on loopback can finish within the same millisecond.
    const qint64 nowNs = m_lifetime.nsecsElapsed();
    if (m_lastCommits && observation->commitsTotal >= *m_lastCommits && nowNs > m_lastCommitsAtNs) {
        observation->commitsPerSecond = double(observation->commitsTotal - *m_lastCommits) * 1e9
            / double(nowNs - m_lastCommitsAtNs);
    }
    m_lastCommits = observation->commitsTotal;
    m_lastCommitsAtNs = nowNs;
}

void PostgresProber::onFailed(const PgFailure &failure)
{
    if (!m_running) {
        // Lost while idle: a crashed server closes every session at once, so look now rather
        // than at the next tick; the probe's fresh connection tells a crash from a hiccup.
        emit probeWanted();
        return;
    }
    const QString message = m_params.scrubbed(failure.message);
    if (failure.duringConnect && m_params.startupOptionsEnabled()
        && message.contains(QLatin1String("unsupported startup parameter"))) {
        // A pooler such as PgBouncer: set the timeout per transaction instead, and retry now.
        m_params.setStartupOptionsEnabled(false);
        connectToServer();
        return;
    }
    if (!failure.duringConnect && m_sessionReused) {
        // The kept session died since the last probe (the server restarted, a pooler or
        // firewall dropped it): what counts is whether a new one can be opened now.
        m_sessionReused = false;
        connectToServer();
        return;
    }
    const PgVerdict verdict = failure.duringConnect
        ? PostgresErrorClassifier::connectFailure(message, failure.target)
        : PostgresErrorClassifier::connectionLost(message);
    finish(verdict.status, verdict.reason);
}

void PostgresProber::onDeadline()
{
    if (!m_running)
        return;
    if (m_answer && m_check == Check::Running) {
        // The kept session answered in time; only the new one did not get through.
        const QString reason = tr("new sessions fail: %1; the session kept open still answers")
                                   .arg(timeoutReason(m_acceptance));
        m_acceptance.close();
        m_acceptanceFailing = true;
        finish(ProbeStatus::Timeout, reason, std::exchange(m_answer, std::nullopt));
        return;
    }
    const QString reason = timeoutReason(m_connection);
    if (m_lookupId >= 0) {
        QHostInfo::abortHostLookup(m_lookupId);
        m_lookupId = -1;
    }
    // No PQcancel (it blocks): drop the session; statement_timeout ends the server's side.
    m_connection.close();
    finish(ProbeStatus::Timeout, reason);
}

QString PostgresProber::timeoutReason(const PgConnection &connection) const
{
    const qint64 ms = m_config.timeout.count();
    if (m_lookupId >= 0 && &connection == &m_connection)
        return tr("no answer within %1 ms (resolving the host name)").arg(ms);
    switch (connection.stage()) {
    case PgConnection::Stage::TcpConnect: return tr("no answer within %1 ms (TCP connect)").arg(ms);
    case PgConnection::Stage::Startup:
        return tr("no answer within %1 ms (connected, but no PostgreSQL handshake)").arg(ms);
    case PgConnection::Stage::Ready: return tr("no answer within %1 ms (probe query)").arg(ms);
    case PgConnection::Stage::None: break;
    }
    return tr("no answer within %1 ms").arg(ms);
}

void PostgresProber::finish(ProbeStatus status, const QString &reason,
    const std::optional<PostgresObservation> &observation)
{
    m_deadline.stop();
    m_running = false;
    // A query failure ends the probe; a check still under way tells nothing more.
    m_acceptance.close();
    m_check = Check::None;
    ProbeResult result;
    result.endpointId = m_config.id;
    result.status = status;
    result.reason = m_params.scrubbed(reason);
    result.startedAt = m_startedAt;
    // An answer's latency is the kept session's round trip, not the check's login beside it.
    result.latencyMs
        = observation && m_answerLatencyMs >= 0 ? m_answerLatencyMs : m_clock.nsecsElapsed() / 1e6;
    result.postgres = observation;
    // A busy thread may read the answer before it handles the deadline that passed first.
    result = enforceDeadline(std::move(result), m_config.timeout);
    if (m_inStart) {
        // finished() never comes from inside start().
        QMetaObject::invokeMethod(
            this, [this, result] { emit finished(result); }, Qt::QueuedConnection);
        return;
    }
    emit finished(result);
}

ProbeScheduler::ProberFactory PostgresProber::factory(HeartbeatLedger *ledger)
{
    return [ledger](const EndpointConfig &config, QObject *parent) -> Prober * {
        if (config.kind != EndpointKind::Postgres)
            return nullptr;
        auto *prober = new PostgresProber(config, parent);
        prober->setHeartbeatLedger(ledger);
        return prober;
    };
}

} // namespace Console
