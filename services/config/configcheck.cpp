#include "configcheck.h"

#include "configloader.h"

#include <QCoreApplication>

namespace Console {

namespace {

QString summary(const QString &path, const ConsoleConfig &config)
{
    int http = 0;
    int postgres = 0;
    for (const RegionConfig &region : config.regions) {
        for (const EndpointConfig &endpoint : region.endpoints)
            ++(endpoint.kind == EndpointKind::Http ? http : postgres);
    }
    const int regionCount = int(config.regions.size());
    const int endpointCount = config.endpointCount();
    // Separate singular strings: without a loaded translation "%n region(s)" would print as is.
    const QString regions = regionCount == 1
        ? QCoreApplication::translate("ConfigCheck", "1 region")
        : QCoreApplication::translate("ConfigCheck", "%n regions", nullptr, regionCount);
    const QString endpoints = endpointCount == 1
        ? QCoreApplication::translate("ConfigCheck", "1 endpoint")
        : QCoreApplication::translate("ConfigCheck", "%n endpoints", nullptr, endpointCount);
    const RegionConfig *primary = config.primaryRegion();
    return QCoreApplication::translate(
        "ConfigCheck", "%1: OK \u2014 %2 (primary %3), %4 (%5 http, %6 postgres)")
        .arg(path, regions, primary ? primary->id : QString(), endpoints)
        .arg(http)
        .arg(postgres);
}

} // namespace

int runConfigCheck(const QString &path, QTextStream &out, QTextStream &err)
{
    const ConfigLoadResult result = ConfigLoader::loadFile(path);
    if (!result.ok()) {
        for (const ConfigDiagnostic &diagnostic : result.diagnostics)
            err << diagnostic.toString() << Qt::endl;
        return 2;
    }
    out << summary(path, *result.config) << Qt::endl;
    return 0;
}

} // namespace Console
