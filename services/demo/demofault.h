#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

namespace Console {

// A fault the demo can inject into one region, and undo.
// Slow answers late but inside a sensible probe timeout (a latency verdict); Hang answers only
// after any probe has given up (a timeout).
enum class DemoFault { None, Down, Slow, Hang, Erroring, Lagging };

// Stable lower-case names ("none", "down", "slow", "hang", "erroring", "lagging") for logs, command
// lines and settings; not translated (a UI shows its own labels).
QString toString(DemoFault fault);
std::optional<DemoFault> demoFaultFromString(QStringView text);
QList<DemoFault> allDemoFaults();

// The fault a drill's "fault: NAME" stands for on a demo region: down and refuse -> Down, slow ->
// Slow, freeze and hang -> Hang, erroring -> Erroring, lag -> Lagging, restore -> None (undoes
// any). Exact lower-case names, as a drill file's; nullopt for any other.
std::optional<DemoFault> demoFaultForDrill(QStringView name);
// Those names, sorted.
QStringList demoDrillFaultNames();

} // namespace Console
