#pragma once

#include <QString>

namespace Console {

// A fault the demo can inject into one region, and undo.
enum class DemoFault { None, Down, Slow, Erroring, Lagging };

} // namespace Console
