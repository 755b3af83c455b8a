#pragma once

#include <QtGlobal>

#include <chrono>

namespace Console::ConfigLimits {

// What one configuration may ask of the console. Each limit sits well above any real deployment
// and well below what hangs the window or exhausts memory, and each is reported at its position.

// The complete multi-region example is 5 KiB; 5,000 HTTP endpoints written out in full take
// under 1 MiB (measured: loaded in 0.9 s, 55 MB). A larger file is junk, and loading needs about
// 30 times a file's size in memory (4 MiB of junk keys: 127 MB, 2 s; a 60 MB one once used over
// 5 GB), so it is refused before parsing.
inline constexpr qint64 MaxFileBytes = 4 * 1024 * 1024;

// Ids and names are shown in table rows, map labels and journal lines: 200 characters already
// overflow every one of them. A 5 MB region name stalled the window for 15 s.
inline constexpr qsizetype MaxNameLength = 200;
// Any other single value (a URL, a connection string, a request body, a command argument).
inline constexpr qsizetype MaxValueLength = 64 * 1024;
// Keys are short words; a longer one is junk, is not compared with the known keys (that costs
// its length times theirs) and is quoted only in part.
inline constexpr qsizetype MaxKeyLength = 64;

// "Measured here" in the README: 1,000 HTTP endpoints at 1 Hz cost 16 % of one core on the
// project's 2-core machine (163 µs per probe), so 5,000 at 1 Hz take about 80 % of the probing
// core and leave the other to the window. Under 10,000 the answers were read 37 s late. The same
// budget bounds the probes a second, whatever the intervals.
inline constexpr int MaxEndpoints = 5000;
inline constexpr int MaxProbesPerSecond = 5000;

// Below 100 ms a probe measures the console's own scheduling more than the endpoint; a timeout
// under 10 ms is shorter than a TLS handshake on loopback.
inline constexpr std::chrono::milliseconds MinInterval { 100 };
inline constexpr std::chrono::milliseconds MinTimeout { 10 };

// Counts of probes or requests (consecutive_failures, recovery_successes, failure_threshold,
// half_open_requests): at 1 Hz, 100 is over a minute and a half of evidence; more only hides an
// outage.
inline constexpr int MaxProbeCount = 100;

// A probe keeps at most this much of an answer in memory; health and breaker answers are a few
// KiB (the default cap is 64 KiB).
inline constexpr qint64 MaxBodyBytes = 64 * 1024 * 1024;

// Values that YAML aliases (*name) may repeat beyond the one each alias stands for: 5,000
// endpoints sharing 9 headers repeat 90,000 and load in 1.0 s, less than the same file written
// out (2.0 s, measured with fuzz_config_replay). Past it the readers' work no longer follows the
// file's size: a 44 KiB file of aliases took over a minute.
inline constexpr qint64 MaxAliasedValues = 100'000;

// After this many, further problems are counted, not listed: a file that breaks this often is
// the wrong file, and a million lines of diagnostics help nobody.
inline constexpr int MaxDiagnostics = 100;

} // namespace Console::ConfigLimits
