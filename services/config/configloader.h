#pragma once

#include "config.h"
#include "configdiagnostic.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace Console {

// What loading a configuration file produced: a configuration, or every problem found in it.
struct ConfigLoadResult
{
    std::optional<ConsoleConfig> config; // set only when there are no diagnostics
    QList<ConfigDiagnostic> diagnostics; // sorted by position; never contain a secret

    bool ok() const { return config.has_value() && diagnostics.isEmpty(); }
};

// Loads and validates the YAML configuration. It reports every problem with its position rather
// than stopping at the first, so one --check-config run is enough to fix a file.
// "${NAME}" and "${NAME:-default}" are expanded in values, from `extraVariables` first (values the
// program supplies, such as the demo's ports; not secret), then from the process environment
// (treated as secrets: never shown in diagnostics or EndpointConfig::displayTarget).
class ConfigLoader final
{
    Q_DECLARE_TR_FUNCTIONS(ConfigLoader)

public:
    static ConfigLoadResult loadFile(
        const QString &path, const QMap<QString, QString> &extraVariables = {});
    // `fileName` names the source in diagnostics and anchors relative paths (such as ca_file).
    static ConfigLoadResult loadString(const QByteArray &yaml, const QString &fileName,
        const QMap<QString, QString> &extraVariables = {});
};

} // namespace Console
