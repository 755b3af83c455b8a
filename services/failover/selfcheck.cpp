#include "selfcheck.h"

#include "clock.h"
#include "eventhub.h"
#include "probetext.h"
#include "quantitytext.h"

#include <algorithm>

namespace Console {

QString toString(SelfCheck::Cause cause)
{
    switch (cause) {
    case SelfCheck::Cause::None: return QStringLiteral("none");
    case SelfCheck::Cause::ControlEndpoint: return QStringLiteral("control-endpoint");
    case SelfCheck::Cause::CommonFailure: return QStringLiteral("common-failure");
    }
    return {};
}

SelfCheck::SelfCheck(const ConsoleConfig &config, QObject *parent)
    : QObject(parent)
    , m_clock(Clock::system())
{
    std::chrono::milliseconds interval { 0 };
    std::chrono::milliseconds timeout { 0 };
    for (const RegionConfig &region : config.regions) {
        for (const EndpointConfig &endpoint : region.endpoints) {
            if (endpoint.control) {
                m_names.insert(endpoint.id, endpoint.name.isEmpty() ? endpoint.id : endpoint.name);
                continue;
            }
            m_regionOf.insert(endpoint.id, region.id);
            m_regions.insert(region.id, RegionWatch());
            interval = std::max(interval, endpoint.interval);
            timeout = std::max(timeout, endpoint.timeout);
        }
    }
    // Staggered probes meet a shared fault up to one interval apart, and a silent one takes a
    // timeout to show: two intervals and a timeout is "at once", and never under 2 s.
    m_window = std::max(std::chrono::milliseconds(2000), interval * 2 + timeout);
}

SelfCheck::~SelfCheck() = default;

void SelfCheck::setClock(Clock *clock)
{
    m_clock = clock ? clock : Clock::system();
}

void SelfCheck::setEventHub(EventHub *hub)
{
    m_hub = hub;
}

void SelfCheck::onProbeResult(const ProbeResult &result)
{
    if (result.ok())
        return;
    const auto it = m_regionOf.constFind(result.endpointId);
    if (it != m_regionOf.cend())
        m_regions[*it].lastFailure = result.status;
}

void SelfCheck::onHealthChanged(const HealthChange &change)
{
    if (!change.isRegion() && m_names.contains(change.endpointId)) {
        if (change.to == Health::Unhealthy)
            m_controlDown.insert(change.endpointId);
        else if (change.to == Health::Healthy)
            m_controlDown.remove(change.endpointId);
        evaluate();
        return;
    }
    if (!change.isRegion() || !m_regions.contains(change.regionId))
        return;
    // Lag is a region's own matter; only failing probes can share a cause with the console.
    const bool failing = (change.to == Health::Unhealthy || change.to == Health::Degraded)
        && change.cause != HealthCause::LagSeconds && change.cause != HealthCause::LagBytes
        && change.cause != HealthCause::ReplayPaused && change.cause != HealthCause::NotStreaming;
    RegionWatch &region = m_regions[change.regionId];
    if (failing && !region.failing)
        region.failingSince = m_clock->now();
    region.failing = failing;
    evaluate();
}

void SelfCheck::evaluate()
{
    Cause cause = Cause::None;
    QString reason;
    if (!m_controlDown.isEmpty()) {
        QStringList names;
        for (const QString &id : std::as_const(m_controlDown))
            names << m_names.value(id);
        names.sort();
        cause = Cause::ControlEndpoint;
        reason = tr("the control endpoint %1 fails, so the console's own network is in doubt")
                     .arg(names.join(QStringLiteral(", ")));
    } else if (m_regions.size() >= 2) {
        bool all = true;
        std::optional<ProbeStatus> shared;
        bool same = true;
        Clock::TimePoint first = Clock::TimePoint::max();
        Clock::TimePoint last = Clock::TimePoint::min();
        for (const RegionWatch &region : std::as_const(m_regions)) {
            all = all && region.failing && region.lastFailure.has_value();
            if (!all)
                break;
            same = same && (!shared || *shared == *region.lastFailure);
            shared = region.lastFailure;
            first = std::min(first, region.failingSince);
            last = std::max(last, region.failingSince);
        }
        if (all && same && last - first <= m_window) {
            cause = Cause::CommonFailure;
            reason = tr("every region started failing the same way (%1) within %2: the "
                        "console's network or a dependency they share is the likelier cause")
                         .arg(statusLabel(*shared), QuantityText::duration(m_window));
        }
    }
    if (cause == m_cause && reason == m_reason)
        return;
    const bool was = suspected();
    m_cause = cause;
    m_reason = reason;
    if (m_hub && was != suspected()) {
        ConsoleEvent event;
        event.kind = EventKind::SelfCheck;
        event.severity = suspected() ? EventSeverity::Critical : EventSeverity::Info;
        event.message = suspected()
            ? tr("The console suspects itself: %1. Automatic actions are held.").arg(reason)
            : tr("Self-check clear: the console trusts its own view again.");
        event.fields = { { QStringLiteral("suspected"), suspected() },
            { QStringLiteral("cause"), toString(cause) },
            { QStringLiteral("reason"), reason.isEmpty() ? QVariant() : QVariant(reason) } };
        m_hub->publish(event);
    }
    emit changed(suspected());
}

} // namespace Console
