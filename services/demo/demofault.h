#pragma once

#include <QList>
#include <QString>
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

} // namespace Console
