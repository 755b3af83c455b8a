#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QNetworkAccessManager;

namespace Console {

class ActionRunner;
class DemoTopology;
struct ActionConfig;
struct ActionOutcome;
struct ConsoleConfig;

// Breaks and restores one region on purpose, for drills: the demo's built-in faults, or the
// region's configured fault actions (admin.faults). A configured fault wins over the demo's of
// the same name.
class FaultInjector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultInjector)

public:
    // None owned. `config` must outlive the injector; `demo` may be null (not the demo);
    // `network` serves HTTP actions (one per thread: pass the engine's); when null, the first
    // configured fault makes one of the injector's own.
    FaultInjector(const ConsoleConfig &config, DemoTopology *demo, QNetworkAccessManager *network,
        QObject *parent = nullptr);
    // Ends a running action without finished().
    ~FaultInjector() override;

    // The names this region supports, sorted; empty for an unknown region.
    QStringList faults(const QString &regionId) const;
    bool supports(const QString &regionId, const QString &fault) const;
    // Why a fault cannot run ("region lab-x has no fault "slow": add admin.faults.slow ..."),
    // empty when it can.
    QString unsupportedReason(const QString &regionId, const QString &fault) const;
    bool isRunning() const { return m_running; }

    // Exactly one finished() per call, never from inside inject(); one at a time (a call while one
    // runs fails without touching it); bounded by the action's timeout.
    void inject(const QString &regionId, const QString &fault);
    // Ends the running injection at once with finished() saying "aborted"; nothing when none runs.
    // A demo fault not yet applied is not applied; a program is killed, a request dropped.
    void abort();

signals:
    // `summary` is one line free of secrets.
    void finished(const QString &regionId, const QString &fault, bool ok, const QString &summary);

private:
    ActionRunner *runner(); // made on first use
    const ActionConfig *configuredFault(const QString &regionId, const QString &fault) const;
    QStringList demoFaults(const QString &regionId) const;
    void applyDemoFault(quint64 serial);
    void onActionFinished(const ActionOutcome &outcome);
    // finished() for a call that never started, from the event loop; the running one is untouched.
    void refuseLater(const QString &regionId, const QString &fault, const QString &summary);
    void conclude(bool ok, const QString &summary);

    const ConsoleConfig &m_config;
    DemoTopology *m_demo; // not owned; null when not the demo
    QNetworkAccessManager *m_network; // not owned, unless made by runner() (then a child)
    ActionRunner *m_runner = nullptr; // child, from the first configured fault on
    QString m_region;
    QString m_fault;
    const ActionConfig *m_action = nullptr; // not owned: in m_config while it runs
    bool m_running = false;
    quint64 m_serial = 0; // tells a queued demo fault which call it belongs to
};

} // namespace Console
