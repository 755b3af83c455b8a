#pragma once

#include "configdiagnostic.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Console {

// A YAML file read for a loader within ConfigLimits::MaxFileBytes: refused before reading when
// its size says it is larger (a huge file costs memory and time before any check could run), and
// the read itself bounded, since size() is 0 for a pipe or a device. The configuration and drill
// loaders share it; only the word for what the file holds differs.
class BoundedFile final
{
    Q_DECLARE_TR_FUNCTIONS(BoundedFile)

public:
    enum class Holds { Configuration, Drill };

    struct Read
    {
        QByteArray bytes;
        QList<ConfigDiagnostic> diagnostics; // empty when the bytes are the whole file
    };

    static Read read(const QString &path, Holds holds);
    // `size` < 0: larger than the limit, by how much is unknown (a pipe).
    static ConfigDiagnostic tooLarge(const QString &fileName, qint64 size, Holds holds);
};

} // namespace Console
