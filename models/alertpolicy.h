#pragma once

#include "configoverview.h"
#include "consoleevent.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <optional>

namespace Console {

// A desktop notification the console raises.
struct Alert
{
    QString title;
    QString text;
    EventSeverity severity = EventSeverity::Info;
};

// Which events deserve a desktop notification: a region's state change, the primary lost or
// doubled, split brain, a failover starting. Everything else stays in the log. Muting holds every
// alert until a time (the operator is already at the console); the window title and the tray icon
// still show the worst state. Pure, for tests.
class AlertPolicy
{
    Q_DECLARE_TR_FUNCTIONS(AlertPolicy)
public:
    std::optional<Alert> alertFor(const ConsoleEvent &event, const QDateTime &now) const;

    void muteUntil(const QDateTime &until) { m_mutedUntil = until; }
    void unmute() { m_mutedUntil = {}; }
    bool isMuted(const QDateTime &now) const
    {
        return m_mutedUntil.isValid() && now < m_mutedUntil;
    }
    QDateTime mutedUntil() const { return m_mutedUntil; }
    // Where titles find the names people read.
    void setConfig(const ConfigOverview &config) { m_config = config; }

private:
    std::optional<Alert> describe(const ConsoleEvent &event) const;

    QDateTime m_mutedUntil;
    ConfigOverview m_config;
};

} // namespace Console
