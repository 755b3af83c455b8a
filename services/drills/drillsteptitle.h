#pragma once

#include "drilldefinition.h"

#include <QString>

namespace Console {

// The title of a step whose file gives none, in words: "Inject fault 'down' on {primary}",
// "Wait until breaker open on {primary}", "Measure time to detect".
QString defaultStepTitle(const DrillStep &step);

} // namespace Console
