#include "configloader.h"

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
    return loadString(file.readAll(), path, extraVariables);
}

ConfigLoadResult ConfigLoader::loadString(
    const QByteArray &yaml, const QString &fileName, const QMap<QString, QString> &extraVariables)
{
    ConfigLoadResult result;
    YamlNodeReader reader(fileName, extraVariables);
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::ParserException &e) {
        // A syntax error ends yaml-cpp's parse: this is the one problem it can report.
        reader.error(e.mark, tr("YAML syntax error: %1").arg(QString::fromStdString(e.msg)));
    } catch (const YAML::Exception &e) {
        reader.error(e.mark, tr("cannot read the YAML: %1").arg(QString::fromStdString(e.msg)));
    }

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
    if (result.diagnostics.isEmpty())
        result.config = config;
    return result;
}

} // namespace Console
