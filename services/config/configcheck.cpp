#include "configcheck.h"

#include "configloader.h"

#include <QCoreApplication>

namespace Console {

namespace {

QString summary(const QString &path, const ConsoleConfig &config)
{
    int http = 0;
    int postgres = 0;
    int breakers = 0;
    for (const RegionConfig &region : config.regions) {
        for (const EndpointConfig &endpoint : region.endpoints) {
            switch (endpoint.kind) {
            case EndpointKind::Http: ++http; break;
            case EndpointKind::Postgres: ++postgres; break;
            case EndpointKind::Breakers: ++breakers; break;
            }
        }
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
    const QString primaryId = primary ? primary->id : QString();
    // Breakers endpoints are named only when there are some: most files watch none.
    if (breakers == 0) {
        return QCoreApplication::translate(
            "ConfigCheck", "%1: OK \u2014 %2 (primary %3), %4 (%5 http, %6 postgres)")
            .arg(path, regions, primaryId, endpoints)
            .arg(http)
            .arg(postgres);
    }
    return QCoreApplication::translate(
        "ConfigCheck", "%1: OK \u2014 %2 (primary %3), %4 (%5 http, %6 postgres, %7 breakers)")
        .arg(path, regions, primaryId, endpoints)
        .arg(http)
        .arg(postgres)
        .arg(breakers);
}

int report(const QString &path, const ConfigLoadResult &result, QTextStream &out, QTextStream &err)
{
    if (!result.ok()) {
        for (const ConfigDiagnostic &diagnostic : result.diagnostics)
            err << diagnostic.toString() << Qt::endl;
        return 2;
    }
    out << summary(path, *result.config) << Qt::endl;
    return 0;
}

} // namespace

int runConfigCheck(const QString &path, QTextStream &out, QTextStream &err)
{
    return report(path, ConfigLoader::loadFile(path), out, err);
}

int runConfigCheck(
    const QString &path, const QByteArray &contents, QTextStream &out, QTextStream &err)
{
    return report(path, ConfigLoader::loadString(contents, path), out, err);
}

} // namespace Console
