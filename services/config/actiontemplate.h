#pragma once

#include <QMap>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace Console {

// The "{name}" placeholders of action texts (command arguments, URLs, bodies, DNS contents),
// filled when an action runs. One scanner serves the configuration check and the runner, so a
// text the loader accepted is filled exactly as it was checked. "{" opens a placeholder only when
// a name and "}" follow, so JSON bodies need no escaping; "{{" writes a literal "{", and "${"
// stays as written (it is shell syntax in a command argument).
class ActionTemplate final
{
public:
    // target_region, target_name, old_primary_region, old_primary_name, region, source_region,
    // run_id, run_kind, message.
    static const QStringList &knownNames();
    // "{target_region}, {target_name}, ..." for messages.
    static QString knownNamesText();
    // The names a drill's fault action (a region's admin.faults) is filled with: region,
    // target_region (both the region the fault is for), target_name and message.
    static const QStringList &faultNames();
    // The names a text uses, known or not, each once, in order of first use.
    static QStringList namesIn(QStringView text);
    // The text with each placeholder filled from `values`; a name without a value stays as written.
    static QString expand(QStringView text, const QMap<QString, QString> &values);
};

} // namespace Console
