#include "probetiming.h"

#include "configlimits.h"
#include "configvalidator.h"
#include "durationparser.h"
#include "yamlmapping.h"
#include "yamlnodereader.h"

#include <QCoreApplication>

namespace Console {

void readProbeTiming(YamlNodeReader &reader, ConfigValidator &validator, const YamlMapping &map,
    const ProbeTimingKeys &keys, Milliseconds &interval, Milliseconds &timeout)
{
    const YamlField *intervalField = map.field(keys.interval);
    const YamlField *timeoutField = map.field(keys.timeout);
    bool ok = true;
    const auto readAtLeast = [&](const YamlField &field, Milliseconds minimum, Milliseconds &out) {
        const auto value = reader.duration(field, false);
        if (value && *value < minimum) {
            reader.error(field.value.Mark(),
                QCoreApplication::translate(
                    "Console::ProbeTiming", "\"%1\" must be at least %2, not %3")
                    .arg(field.key, DurationParser::format(minimum),
                        DurationParser::format(*value)));
            ok = false;
            return;
        }
        ok = ok && value;
        out = value.value_or(out);
    };
    if (intervalField)
        readAtLeast(*intervalField, ConfigLimits::MinInterval, interval);
    if (timeoutField)
        readAtLeast(*timeoutField, ConfigLimits::MinTimeout, timeout);
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
