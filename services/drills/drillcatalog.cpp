#include "drillcatalog.h"

#include "drillreader.h"

#include <QDir>
#include <QStandardPaths>

#include <algorithm>

namespace Console {

DrillCatalog::DrillCatalog()
    : m_userFolders { defaultUserFolder() }
{ }

QString DrillCatalog::builtInFolder()
{
    return QStringLiteral(":/drills");
}

QString DrillCatalog::defaultUserFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
        + QStringLiteral("/drills");
}

void DrillCatalog::load()
{
    m_drills.clear();
    m_problems.clear();
    QList<DrillDefinition> read;
    loadFolder(builtInFolder(), read);
    for (const QString &folder : std::as_const(m_userFolders))
        loadFolder(folder, read);
    std::stable_sort(
        read.begin(), read.end(), [](const DrillDefinition &a, const DrillDefinition &b) {
            if (a.type != b.type)
                return a.type < b.type;
            return a.name.localeAwareCompare(b.name) < 0;
        });
    m_drills = read;
}

void DrillCatalog::loadFolder(const QString &folder, QList<DrillDefinition> &read)
{
    // A folder that does not exist (yet) holds no drills: not a problem.
    const QDir dir(folder);
    const QStringList files
        = dir.entryList({ QStringLiteral("*.yaml") }, QDir::Files | QDir::Readable, QDir::Name);
    for (const QString &name : files) {
        const QString path = dir.filePath(name);
        DrillLoadResult result = DrillReader::loadFile(path);
        if (result.ok()) {
            const auto same
                = [&result](const DrillDefinition &d) { return d.id == result.drill->id; };
            const auto first = std::find_if(read.cbegin(), read.cend(), same);
            if (first == read.cend()) {
                read.append(*result.drill);
                continue;
            }
            result.diagnostics.append(
                { result.drill->sourceFile, result.drill->idLine, result.drill->idColumn,
                    tr("duplicate drill id \"%1\" (also defined in %2); this file is left out")
                        .arg(result.drill->id, first->sourceFile) });
        }
        m_problems.append({ path, result.diagnostics });
    }
}

const DrillDefinition *DrillCatalog::drill(const QString &id) const
{
    for (const DrillDefinition &candidate : m_drills) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

QList<ConfigDiagnostic> DrillCatalog::diagnostics() const
{
    QList<ConfigDiagnostic> all;
    for (const DrillFileProblems &file : m_problems)
        all += file.diagnostics;
    return all;
}

} // namespace Console
