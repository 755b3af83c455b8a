#pragma once

#include <QString>

#include <chrono>

namespace Console::QuantityText {

// The one way durations and sizes read in reasons, events, tooltips and reports.
// Whole thresholds read whole ("800 ms", "30 s", "1 min"); measured figures keep the precision
// that matters at their size ("0.04 s", "12.3 s", "4 min 10 s").
QString duration(std::chrono::milliseconds duration);
QString seconds(double seconds);
// How long a state has lasted, as a stopwatch reads: "0:42", "12:05", "1:02:03", "3 d 4:05:06".
// Negative spans (clocks that disagree) read as "0:00".
QString elapsed(std::chrono::milliseconds span);
// "0 B", "12.0 KiB", "3.4 MiB", "1.25 GiB"
QString bytes(qint64 bytes);

} // namespace Console::QuantityText
