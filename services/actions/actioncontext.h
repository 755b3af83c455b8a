#pragma once

#include <QMap>
#include <QString>

namespace Console {

// What one run of an action is about: the values its "{name}" templates are filled with and the
// human text a notice carries.
struct ActionContext
{
    // Template name (without braces) -> value: "target_region" -> "eu-west". The names are
    // ActionTemplate::knownNames(); an action that uses a name without a value here is refused
    // before it does anything.
    QMap<QString, QString> values;
    // The text of a Slack notice; also "{message}" unless `values` has its own.
    QString message;
};

} // namespace Console
