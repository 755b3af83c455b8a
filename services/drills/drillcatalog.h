#pragma once

#include "configdiagnostic.h"
#include "drilldefinition.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace Console {

// The problems of one drill file the catalog read.
struct DrillFileProblems
{
    QString file;
    QList<ConfigDiagnostic> diagnostics; // sorted by position
};

// The drills an operator can run: the built-in ones (:/drills/*.yaml) and every *.yaml in the
// user folders. A broken or duplicate file is kept aside with its diagnostics and never hides
// the others. A plain value: load() reads everything again.
class DrillCatalog final
{
    Q_DECLARE_TR_FUNCTIONS(DrillCatalog)

public:
    // Folders read by default: AppConfigLocation + "/drills".
    DrillCatalog();

    static QString builtInFolder(); // ":/drills"
    static QString defaultUserFolder();

    QStringList userFolders() const { return m_userFolders; }
    void setUserFolders(const QStringList &folders) { m_userFolders = folders; }

    // Reads the built-ins, then each user folder in order, its files by name. A drill whose id
    // was already read is reported at its id and left out (the first one stays).
    void load();

    QList<DrillDefinition> drills() const { return m_drills; } // by type, then name
    const DrillDefinition *drill(const QString &id) const; // nullptr when there is none
    const QList<DrillFileProblems> &problems() const { return m_problems; } // by file, read order
    QList<ConfigDiagnostic> diagnostics() const; // every file's, in read order

private:
    void loadFolder(const QString &folder, QList<DrillDefinition> &read);

    QStringList m_userFolders;
    QList<DrillDefinition> m_drills;
    QList<DrillFileProblems> m_problems;
};

} // namespace Console
