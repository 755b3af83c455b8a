#include "primaryconfirmation.h"

#include "clock.h"
#include "prober.h"

namespace Console {

PrimaryConfirmation::PrimaryConfirmation(
    ProbeScheduler::ProberFactory factory, Clock *clock, QObject *parent)
    : QObject(parent)
    , m_factory(std::move(factory))
    , m_clock(clock ? clock : Clock::system())
{
    m_spacer.setSingleShot(true);
    connect(&m_spacer, &QTimer::timeout, this, &PrimaryConfirmation::probeOnce);
}

PrimaryConfirmation::~PrimaryConfirmation()
{
    cancel();
}

void PrimaryConfirmation::confirm(const EndpointConfig &endpoint, int probes,
    std::chrono::milliseconds spacing, const QString &trigger)
{
    if (m_running)
        return;
    m_running = true;
    m_endpoint = endpoint;
    // Confirmation probes only look: no heartbeat rows, and a fresh session each.
    m_endpoint.postgres.heartbeat = false;
    m_wanted = qMax(1, probes);
    m_spacing = spacing;
    m_outcome = Outcome();
    m_outcome.endpointId = endpoint.id;
    m_outcome.trigger = trigger;
    m_outcome.startedMs = monotonicMs(m_clock->now());
    probeOnce();
}

void PrimaryConfirmation::cancel()
{
    m_running = false;
    m_spacer.stop();
    if (m_prober) {
        m_prober->disconnect(this);
        m_prober->deleteLater();
    }
}

void PrimaryConfirmation::probeOnce()
{
    if (!m_running)
        return;
    Prober *prober = m_factory(m_endpoint, this);
    if (!prober) {
        m_outcome.reasons.append(tr("no prober for this endpoint kind"));
        finish();
        return;
    }
    m_prober = prober;
    connect(prober, &Prober::finished, this, &PrimaryConfirmation::onResult);
    prober->start();
}

void PrimaryConfirmation::onResult(const ProbeResult &result)
{
    if (m_prober) {
        m_prober->disconnect(this);
        m_prober->deleteLater();
    }
    if (!m_running)
        return;
    emit probed(result);
    if (!m_running)
        return; // a receiver cancelled us
    ++m_outcome.probes;
    m_outcome.reasons.append(result.reason);
    if (result.status == ProbeStatus::Ok) {
        // It answered: whatever failed before, it is not down now.
        finish();
        return;
    }
    // A rejected login proves the server is up: that is not a confirmation of "down".
    if (result.status == ProbeStatus::AuthFailed) {
        finish();
        return;
    }
    ++m_outcome.failures;
    if (m_outcome.probes >= m_wanted) {
        m_outcome.confirmed = true;
        finish();
        return;
    }
    m_spacer.start(m_spacing);
}

void PrimaryConfirmation::finish()
{
    m_running = false;
    m_spacer.stop();
    m_outcome.finishedMs = monotonicMs(m_clock->now());
    emit finished(m_outcome);
}

} // namespace Console
