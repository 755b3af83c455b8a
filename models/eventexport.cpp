#include "eventexport.h"

#include "eventjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace Console::EventExport {

namespace {

QByteArray csvField(const QString &value)
{
    QByteArray utf8 = value.toUtf8();
    if (!utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\n') && !utf8.contains('\r'))
        return utf8;
    utf8.replace("\"", "\"\"");
    return '"' + utf8 + '"';
}

QString oneLine(QString value)
{
    value.replace(QLatin1Char('\t'), QLatin1Char(' '));
    value.replace(QLatin1String("\r\n"), QLatin1String(" "));
    value.replace(QLatin1Char('\n'), QLatin1Char(' '));
    value.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return value;
}

} // namespace

QByteArray toCsv(const QList<ConsoleEvent> &events)
{
    QByteArray out = "seq,time,kind,severity,region,endpoint,message\r\n";
    for (const ConsoleEvent &e : events) {
        const QList<QByteArray> fields { QByteArray::number(e.sequence),
            csvField(e.wallTime.toUTC().toString(Qt::ISODateWithMs)), csvField(toString(e.kind)),
            csvField(toString(e.severity)), csvField(e.regionId), csvField(e.endpointId),
            csvField(e.message) };
        out += fields.join(',') + "\r\n";
    }
    return out;
}

QByteArray toJson(const QList<ConsoleEvent> &events)
{
    QJsonArray array;
    for (const ConsoleEvent &e : events)
        array.append(eventToJson(e));
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

QString toTsv(const QList<ConsoleEvent> &events)
{
    QStringList lines;
    lines.reserve(events.size());
    for (const ConsoleEvent &e : events) {
        const QStringList cells { e.wallTime.toLocalTime().toString(Qt::ISODateWithMs),
            toString(e.severity), oneLine(e.regionId), oneLine(e.endpointId), oneLine(e.message) };
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.isEmpty() ? QString() : lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QByteArray encode(const QList<ConsoleEvent> &events, Format format)
{
    return format == Format::Csv ? toCsv(events) : toJson(events);
}

bool writeFile(
    const QString &path, const QList<ConsoleEvent> &events, Format format, QString *error)
{
    QSaveFile file(path);
    const bool ok = file.open(QIODevice::WriteOnly) && file.write(encode(events, format)) >= 0
        && file.commit();
    if (!ok && error)
        *error = file.errorString();
    return ok;
}

} // namespace Console::EventExport
