#include "eventjson.h"

#include <QJsonDocument>

namespace Console {

QJsonObject eventToJson(const ConsoleEvent &event)
{
    QJsonObject object;
    for (auto it = event.fields.cbegin(); it != event.fields.cend(); ++it)
        object.insert(it.key(), QJsonValue::fromVariant(it.value()));
    // The envelope last, so a stray field of the same name can never replace it.
    object.insert(QStringLiteral("seq"), qint64(event.sequence));
    object.insert(QStringLiteral("time"), event.wallTime.toUTC().toString(Qt::ISODateWithMs));
    object.insert(QStringLiteral("mono_ms"), event.monotonicMs);
    object.insert(QStringLiteral("kind"), toString(event.kind));
    object.insert(QStringLiteral("severity"), toString(event.severity));
    object.insert(QStringLiteral("region"),
        event.regionId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(event.regionId));
    object.insert(QStringLiteral("endpoint"),
        event.endpointId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(event.endpointId));
    object.insert(QStringLiteral("message"), event.message);
    return object;
}

QByteArray eventToJsonLine(const ConsoleEvent &event)
{
    return QJsonDocument(eventToJson(event)).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace Console
