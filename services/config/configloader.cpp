#include "configloader.h"

#include "configlimits.h"
#include "configreader.h"
#include "yamlnodereader.h"

#include <QFile>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

namespace Console {

ConfigLoadResult ConfigLoader::loadFile(
    const QString &path, const QMap<QString, QString> &extraVariables)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ConfigLoadResult result;
        result.diagnostics.append(
            { path, 0, 0, tr("cannot read the file: %1").arg(file.errorString()) });
        return result;
    }
    // Refused before reading: a huge file costs memory and time before any check could run.
    // size() is 0 for a pipe or a device, so the read itself is bounded too.
    if (file.size() > ConfigLimits::MaxFileBytes)
        return tooLarge(path, file.size());
    const QByteArray yaml = file.read(ConfigLimits::MaxFileBytes + 1);
    if (yaml.size() > ConfigLimits::MaxFileBytes)
        return tooLarge(path, -1);
    return loadString(yaml, path, extraVariables);
}

ConfigLoadResult ConfigLoader::tooLarge(const QString &fileName, qint64 size)
{
    ConfigLoadResult result;
    const qint64 limit = ConfigLimits::MaxFileBytes;
    result.diagnostics.append({ fileName, 0, 0,
        size < 0 ? tr("the file is larger than %1 bytes; a configuration is at most that large")
                       .arg(limit)
                 : tr("the file is %1 bytes; a configuration is at most %2 bytes")
                       .arg(size)
                       .arg(limit) });
    return result;
}

ConfigLoadResult ConfigLoader::loadString(
    const QByteArray &yaml, const QString &fileName, const QMap<QString, QString> &extraVariables)
{
    if (yaml.size() > ConfigLimits::MaxFileBytes)
        return tooLarge(fileName, yaml.size());
    ConfigLoadResult result;
    YamlNodeReader reader(fileName, extraVariables);
    const YAML::Node root = reader.load(yaml);

    ConsoleConfig config;
    if (reader.diagnostics().isEmpty()) {
        const QFileInfo info(fileName);
        config = ConfigReader(reader, info.absolutePath()).read(root);
        config.sourceFile = info.absoluteFilePath();
    }
    config.secretValues = reader.secretValues();

    result.diagnostics = reader.diagnostics();
    // The messages quote only display text; this catches any path that forgot to.
    for (ConfigDiagnostic &diagnostic : result.diagnostics)
        diagnostic.message = config.redactSecrets(diagnostic.message);
    sortByPosition(result.diagnostics);
    if (const int unlisted = reader.unlistedDiagnostics(); unlisted > 0) {
        result.diagnostics.append({ fileName, 0, 0,
            tr("%n more problem(s) not listed; fix the ones above first", nullptr, unlisted) });
    }
    if (result.diagnostics.isEmpty())
        result.config = config;
    return result;
}

} // namespace Console
