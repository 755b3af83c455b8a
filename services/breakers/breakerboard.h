#pragma once

#include "breakerstatus.h"
#include "circuitbreaker.h"
#include "config.h"
#include "proberesult.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <map>

#include <vector>

namespace Console {

class Clock;
class ClockTimer;
class EventHub;

// The console's own circuit breakers: one per configured endpoint and one per region, fed with
// probe results (a probe is one call: ok is a success, anything else a failure). Publishes each
// transition as a "breaker" event and tells views when anything they show moved.
//
// A region's breaker takes every probe of every endpoint in the region as one call into the
// region, as the reference's dbCircuitBreaker wraps every query to a region: one endpoint down
// among healthy ones breaks every run of failures and never opens it; the whole region down
// opens it after failureThreshold probes. In half-open, any of those probes is a trial, so the
// region closes again only once halfOpenRequests probes in a row into it succeed. A control
// endpoint checks the console's own network, not the region: it has its own breaker but no say
// in its region's.
//
// A ClockTimer moves open breakers to half-open at their deadline even when no probe arrives
// (an endpoint probed once a minute must not stay open for a minute past its reset timeout).
class BreakerBoard final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BreakerBoard)
public:
    explicit BreakerBoard(const ConsoleConfig &config, QObject *parent = nullptr);
    ~BreakerBoard() override;

    // Not owned; it must outlive the board. Null means the system clock. Setting a clock starts
    // every breaker afresh, closed at that clock's now: set it before the first result.
    void setClock(Clock *clock);
    // Not owned; it must outlive the board. Null publishes nothing.
    void setEventHub(EventHub *hub);

    // Config order: each region's breaker, then its endpoints' breakers; then the remote
    // breakers applications report (kind breakers), by id "<endpoint>/<name>".
    QList<BreakerStatus> statuses() const;
    // The remote breakers an endpoint of kind breakers reported in its last readable answer.
    QList<BreakerStatus> remoteStatuses() const;
    // A region's breaker when `id` names a region, else an endpoint's; an empty status (no id)
    // for an unknown id. Region and endpoint ids may coincide in a config: then use the typed
    // lookups.
    BreakerStatus status(const QString &id) const;
    BreakerStatus regionStatus(const QString &regionId) const;
    BreakerStatus endpointStatus(const QString &endpointId) const;
    // True from the region breaker's opening until it closes again: a half-open breaker is still
    // testing, not recovered, so the failover reason it gives does not flicker off for the few
    // seconds of its trials. False for an unknown region.
    bool regionOpen(const QString &regionId) const;

public slots:
    void onProbeResult(const Console::ProbeResult &result);

signals:
    // Something a view shows moved: a state, a counter, a deadline.
    void changed();
    // One per transition, in order, with the breaker's status right after it.
    void transition(const Console::BreakerStatus &status);

private:
    struct Entry
    {
        QString id;
        BreakerScope scope = BreakerScope::Endpoint;
        QString regionId;
        QString subject;
        CircuitBreaker breaker;
        bool callsIntoRegion = false; // an endpoint whose probes the region's breaker counts
    };

    Entry *regionEntry(const QString &regionId);
    Entry *endpointEntry(const QString &endpointId);
    BreakerStatus statusOf(const Entry &entry) const;
    // Publishes and signals each transition of `entry`.
    void report(const Entry &entry, const CircuitBreaker::Transitions &transitions);
    void publish(const Entry &entry, const BreakerTransition &transition);
    void onTimer();
    void armTimer();
    void updateRemote(const Entry &source, const QList<RemoteBreaker> &reported);

    BreakerSettings m_settings;
    Clock *m_clock; // not owned
    EventHub *m_hub = nullptr; // not owned
    ClockTimer *m_timer = nullptr; // owned by this, as its QObject parent; on m_clock
    std::vector<Entry> m_entries; // statuses() order
    QHash<QString, qsizetype> m_regionIndex; // region id -> m_entries
    QHash<QString, qsizetype> m_endpointIndex; // endpoint id -> m_entries
    QSet<QString> m_remoteSources; // endpoints of kind breakers
    std::map<QString, BreakerStatus> m_remote; // by id: a stable order for the views
};

} // namespace Console
