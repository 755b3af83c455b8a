#pragma once

#include "config.h"

#include <QString>

namespace Console {

class ConfigValidator;
class YamlMapping;
class YamlNodeReader;

// The keys of one probe interval and timeout pair, and how a diagnostic names a value that the
// mapping leaves to be inherited from elsewhere.
struct ProbeTimingKeys
{
    QString interval;
    QString timeout;
    QString inheritedInterval;
    QString inheritedTimeout;
};

// Reads a probe interval and timeout: the console's probe_interval/probe_timeout and an
// endpoint's interval/timeout follow the same rules, written once here. `interval` and `timeout`
// hold the inherited values on entry and keep them where a key is absent or unreadable. Both
// must be positive durations; when a key is present and every present value reads, a timeout
// not shorter than the interval is reported at the timeout (else at the interval). Internal to
// console_config.
void readProbeTiming(YamlNodeReader &reader, ConfigValidator &validator, const YamlMapping &map,
    const ProbeTimingKeys &keys, Milliseconds &interval, Milliseconds &timeout);

} // namespace Console
