#include "configloader.h"

#include "boundedfile.h"
#include "configlimits.h"
#include "configreader.h"
#include "yamlnodereader.h"

#include <QFileInfo>

#include <yaml-cpp/yaml.h>

namespace Console {

ConfigLoadResult ConfigLoader::loadFile(
    const QString &path, const QMap<QString, QString> &extraVariables)
{
    BoundedFile::Read file = BoundedFile::read(path, BoundedFile::Holds::Configuration);
    if (!file.diagnostics.isEmpty()) {
        ConfigLoadResult result;
        result.diagnostics = file.diagnostics;
        return result;
    }
    return loadString(file.bytes, path, extraVariables);
}

ConfigLoadResult ConfigLoader::loadString(
    const QByteArray &yaml, const QString &fileName, const QMap<QString, QString> &extraVariables)
{
    ConfigLoadResult result;
    if (yaml.size() > ConfigLimits::MaxFileBytes) {
        result.diagnostics.append(
            BoundedFile::tooLarge(fileName, yaml.size(), BoundedFile::Holds::Configuration));
        return result;
    }
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
