#include "boundedfile.h"

#include "configlimits.h"

#include <QFile>

namespace Console {

BoundedFile::Read BoundedFile::read(const QString &path, Holds holds)
{
    Read result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.diagnostics.append(
            { path, 0, 0, tr("cannot read the file: %1").arg(file.errorString()) });
        return result;
    }
    if (file.size() > ConfigLimits::MaxFileBytes) {
        result.diagnostics.append(tooLarge(path, file.size(), holds));
        return result;
    }
    result.bytes = file.read(ConfigLimits::MaxFileBytes + 1);
    if (result.bytes.size() > ConfigLimits::MaxFileBytes) {
        result.bytes.clear();
        result.diagnostics.append(tooLarge(path, -1, holds));
    }
    return result;
}

ConfigDiagnostic BoundedFile::tooLarge(const QString &fileName, qint64 size, Holds holds)
{
    const qint64 limit = ConfigLimits::MaxFileBytes;
    const bool drill = holds == Holds::Drill;
    if (size < 0)
        return { fileName, 0, 0,
            (drill ? tr("the file is larger than %1 bytes; a drill is at most that large")
                   : tr("the file is larger than %1 bytes; a configuration is at most that large"))
                .arg(limit) };
    return { fileName, 0, 0,
        (drill ? tr("the file is %1 bytes; a drill is at most %2 bytes")
               : tr("the file is %1 bytes; a configuration is at most %2 bytes"))
            .arg(size)
            .arg(limit) };
}

} // namespace Console
