#pragma once

#include "config.h"
#include "healthevents.h"
#include "proberesult.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <optional>

namespace Console {

class Clock;
class EventHub;

// The console's doubt about itself. When a control endpoint fails (a reference target whose only
// job is to prove the console's own network works), or when every region starts failing the same
// way within the same few seconds, the likelier cause is the console's network or a shared
// dependency, not every region at once: it says so, and automatic actions must hold.
class SelfCheck final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SelfCheck)
public:
    enum class Cause { None, ControlEndpoint, CommonFailure };

    explicit SelfCheck(const ConsoleConfig &config, QObject *parent = nullptr);
    ~SelfCheck() override;

    // Not owned; each must outlive this. Without a clock the system clock is used.
    void setClock(Clock *clock);
    void setEventHub(EventHub *hub);

    bool suspected() const { return m_cause != Cause::None; }
    Cause cause() const { return m_cause; }
    QString reason() const { return m_reason; }
    // Regions that fail together within this span count as failing at once.
    std::chrono::milliseconds togetherWithin() const { return m_window; }

public slots:
    void onProbeResult(const Console::ProbeResult &result);
    void onHealthChanged(const Console::HealthChange &change);

signals:
    void changed(bool suspected);

private:
    struct RegionWatch
    {
        bool failing = false;
        Clock::TimePoint failingSince {};
        std::optional<ProbeStatus> lastFailure; // the newest failed probe in the region
    };

    void evaluate();

    Clock *m_clock; // not owned
    EventHub *m_hub = nullptr; // not owned
    QHash<QString, QString> m_regionOf; // endpoint id -> region id, control endpoints excluded
    QHash<QString, QString> m_names; // endpoint id -> name, control endpoints only
    QSet<QString> m_controlDown;
    QHash<QString, RegionWatch> m_regions;
    std::chrono::milliseconds m_window {};
    Cause m_cause = Cause::None;
    QString m_reason;
};

QString toString(SelfCheck::Cause cause); // "none", "control-endpoint", "common-failure"

} // namespace Console
