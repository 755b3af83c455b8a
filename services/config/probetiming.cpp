#include "probetiming.h"

#include "configvalidator.h"
#include "yamlmapping.h"
#include "yamlnodereader.h"

namespace Console {

void readProbeTiming(YamlNodeReader &reader, ConfigValidator &validator, const YamlMapping &map,
    const ProbeTimingKeys &keys, Milliseconds &interval, Milliseconds &timeout)
{
    const YamlField *intervalField = map.field(keys.interval);
    const YamlField *timeoutField = map.field(keys.timeout);
    bool ok = true;
    if (intervalField) {
        const auto value = reader.duration(*intervalField, false);
        ok = ok && value;
        interval = value.value_or(interval);
    }
    if (timeoutField) {
        const auto value = reader.duration(*timeoutField, false);
        ok = ok && value;
        timeout = value.value_or(timeout);
    }
    // With neither key here the pair is one already checked (or the valid defaults); after an
    // unreadable value the check would only add noise.
    if (!ok || (!intervalField && !timeoutField))
        return;
    validator.checkTiming(interval, timeout,
        (timeoutField ? timeoutField : intervalField)->value.Mark(),
        intervalField ? keys.interval : keys.inheritedInterval,
        timeoutField ? keys.timeout : keys.inheritedTimeout);
}

} // namespace Console
