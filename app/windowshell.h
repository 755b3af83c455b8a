#pragma once

#include "appearance.h"

#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>

namespace Console {

class BreakerTableModel;
class ConsoleEngine;
class DrillRunner;
class EndpointStatusModel;
class EventLogModel;
class MainWindow;
class RegionMapState;
class SignalWatcher;
class SystemColorScheme;
class TimeSeriesStore;

// The window over a running engine: the models it shows and the window itself. It holds no copy
// of the configuration, only the engine's secret-free overview.
class WindowShell final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WindowShell)
public:
    // `engine` is not owned and must outlive the shell; it may be started before or after.
    // colorScheme: light or dark for this run only (--color-scheme); else as last chosen.
    explicit WindowShell(ConsoleEngine *engine,
        std::optional<ColorSchemeChoice> colorScheme = std::nullopt, QObject *parent = nullptr);
    ~WindowShell() override;

    MainWindow *window() const { return m_window.get(); }
    EndpointStatusModel *statusModel() const { return m_statusModel.get(); }
    EventLogModel *eventModel() const { return m_eventModel.get(); }
    TimeSeriesStore *timeSeries() const { return m_series.get(); }
    BreakerTableModel *breakerModel() const { return m_breakers.get(); }
    RegionMapState *mapState() const { return m_mapState.get(); }
    DrillRunner *drillRunner() const { return m_drillRunner.get(); } // null before start()
    Appearance *appearance() const { return m_appearance.get(); }

private:
    ConsoleEngine *m_engine; // not owned
    // The window last, so it goes first: its views still hold the models.
    std::unique_ptr<SystemColorScheme> m_systemScheme;
    std::unique_ptr<Appearance> m_appearance; // before the window, so it is built in its colours
    std::unique_ptr<TimeSeriesStore> m_series;
    std::unique_ptr<EndpointStatusModel> m_statusModel;
    std::unique_ptr<EventLogModel> m_eventModel;
    std::unique_ptr<BreakerTableModel> m_breakers;
    std::unique_ptr<RegionMapState> m_mapState;
    QTimer m_breakerRefresh; // coalesces the board's per-probe changes
    std::unique_ptr<SignalWatcher> m_signals;
    std::unique_ptr<DrillRunner> m_drillRunner; // outlives the window's Drills tab
    std::unique_ptr<MainWindow> m_window;
};

} // namespace Console
