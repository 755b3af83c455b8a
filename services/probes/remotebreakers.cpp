#include "remotebreakers.h"

#include "jsonbodycheck.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QSet>

#include <algorithm>
#include <climits>
#include <cmath>

namespace Console {

namespace {

// Names come from the server and go into a reason shown in one table cell: keep them short.
constexpr qsizetype MaxShownName = 40;

// The readers of each format; a class only to give their reasons one translation context.
class Reader final
{
    Q_DECLARE_TR_FUNCTIONS(Console::RemoteBreakers)

public:
    static QString quotedName(const QString &name)
    {
        return u'"' + (name.size() <= MaxShownName ? name : name.left(MaxShownName) + u'…') + u'"';
    }

    static QString describe(const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::Object: return tr("an object");
        case QJsonValue::Array: return tr("a list");
        case QJsonValue::String: return tr("text");
        case QJsonValue::Double: return tr("a number");
        case QJsonValue::Bool: return tr("a boolean");
        case QJsonValue::Null: return tr("null");
        case QJsonValue::Undefined: break;
        }
        return tr("missing");
    }

    static RemoteBreakersReading failure(const QString &reason) { return { {}, reason }; }

    // Resilience4j writes its float and a percent sign ("33.333332%"), -1 meant "not enough calls".
    static std::optional<double> percentage(const QJsonValue &value)
    {
        double number = 0;
        if (value.isDouble()) {
            number = value.toDouble();
        } else if (value.isString()) {
            QString text = value.toString().trimmed();
            if (text.endsWith(u'%'))
                text.chop(1);
            bool ok = false;
            number = text.toDouble(&ok);
            if (!ok)
                return std::nullopt;
        } else {
            return std::nullopt;
        }
        if (!std::isfinite(number) || number < 0 || number > 100)
            return std::nullopt;
        return number;
    }

    static std::optional<int> count(const QJsonValue &value)
    {
        if (!value.isDouble())
            return std::nullopt;
        const double number = value.toDouble();
        if (number < 0 || number > INT_MAX || std::floor(number) != number)
            return std::nullopt;
        return static_cast<int>(number);
    }

    // Sets the state from a state word; false when there is none.
    static bool readState(const QJsonValue &value, RemoteBreaker &breaker)
    {
        if (!value.isString() || value.toString().trimmed().isEmpty())
            return false;
        breaker.stateWord = value.toString().trimmed();
        breaker.state = remoteBreakerState(breaker.stateWord);
        return true;
    }

    // The metrics object Resilience4j writes for one breaker, in /actuator/circuitbreakers
    // (CircuitBreakerDetails) and in the health component (CircuitBreakersHealthIndicator) alike.
    static std::optional<QString> readResilience4jDetails(
        const QJsonObject &details, RemoteBreaker &breaker)
    {
        if (!readState(details.value(QLatin1String("state")), breaker))
            return tr("breaker %1 has no state").arg(quotedName(breaker.name));
        breaker.failureRatePercent = percentage(details.value(QLatin1String("failureRate")));
        breaker.bufferedCalls = count(details.value(QLatin1String("bufferedCalls")));
        breaker.failedCalls = count(details.value(QLatin1String("failedCalls")));
        return std::nullopt;
    }

    static RemoteBreakersReading readActuator(const QJsonObject &root)
    {
        const QJsonValue list = root.value(QLatin1String("circuitBreakers"));
        if (list.isArray()) {
            // resilience4j-spring-boot2 lists names only: their states are in the health component.
            return failure(tr("the answer lists breaker names without their states (Resilience4j "
                              "for Spring Boot 2); use format actuator-health"));
        }
        if (!list.isObject()) {
            return failure(list.isUndefined()
                    ? tr("no \"circuitBreakers\" in the answer; is this /actuator/circuitbreakers?")
                    : tr("\"circuitBreakers\" is %1, expected an object").arg(describe(list)));
        }
        RemoteBreakersReading reading;
        const QJsonObject breakers = list.toObject();
        for (auto it = breakers.constBegin(); it != breakers.constEnd(); ++it) {
            RemoteBreaker breaker;
            breaker.name = it.key();
            if (!it.value().isObject()) {
                return failure(tr("breaker %1 is %2, expected an object")
                                   .arg(quotedName(breaker.name), describe(it.value())));
            }
            if (const std::optional<QString> error
                = readResilience4jDetails(it.value().toObject(), breaker))
                return failure(*error);
            reading.breakers.append(breaker);
        }
        return reading;
    }

    // The "circuitBreakers" health component: {"status": ..., "details": {name: {"status": ...,
    // "details": {...}}}}.
    static RemoteBreakersReading readHealthComponent(const QJsonObject &component)
    {
        const QJsonObject entries = component.value(QLatin1String("details")).toObject();
        if (entries.isEmpty()) {
            // Spring Boot hides details by default, and Resilience4j lists only the breakers that
            // register a health indicator: either way there is nothing to read.
            return failure(tr("the circuitBreakers component shows no breakers; set "
                              "management.endpoint.health.show-details and the breakers' "
                              "register-health-indicator"));
        }
        RemoteBreakersReading reading;
        for (auto it = entries.constBegin(); it != entries.constEnd(); ++it) {
            RemoteBreaker breaker;
            breaker.name = it.key();
            const QJsonValue details = it.value().toObject().value(QLatin1String("details"));
            if (!details.isObject())
                return failure(tr("breaker %1 shows no details").arg(quotedName(breaker.name)));
            if (const std::optional<QString> error
                = readResilience4jDetails(details.toObject(), breaker))
                return failure(*error);
            reading.breakers.append(breaker);
        }
        return reading;
    }

    static RemoteBreakersReading readActuatorHealth(const QJsonObject &root)
    {
        if (!root.value(QLatin1String("status")).isString())
            return failure(
                tr("the answer is not a Spring Boot health answer: it has no \"status\""));
        const QString noComponent = tr("the health answer has no circuitBreakers component; set "
                                       "management.health.circuitbreakers.enabled");
        const QJsonValue components = root.value(QLatin1String("components"));
        if (components.isObject()) {
            const QJsonValue component = components[QLatin1String("circuitBreakers")];
            if (!component.isObject())
                return failure(noComponent);
            return readHealthComponent(component.toObject());
        }
        // GET /actuator/health/circuitBreakers answers with the component itself. Spring Boot
        // before 2.2 put every indicator under "details", but Resilience4j's indicator needs 2.2:
        // details without a breaker state are other indicators.
        const QJsonObject details = root.value(QLatin1String("details")).toObject();
        const bool holdsBreakers
            = std::any_of(details.constBegin(), details.constEnd(), [](const QJsonValue &entry) {
                  return entry.toObject()
                      .value(QLatin1String("details"))
                      .toObject()
                      .contains(QLatin1String("state"));
              });
        if (holdsBreakers)
            return readHealthComponent(root);
        if (!details.isEmpty())
            return failure(noComponent);
        return failure(tr("the health answer shows no components; set "
                          "management.endpoint.health.show-details (or show-components)"));
    }

    static RemoteBreakersReading readJson(
        const QJsonValue &root, const BreakersEndpointConfig &config)
    {
        const QJsonValue list = jsonValueAt(root, config.breakersPath);
        if (!list.isArray()) {
            return failure(list.isUndefined()
                    ? tr("%1 is missing, expected a list of breakers").arg(config.breakersPath)
                    : tr("%1 is %2, expected a list of breakers")
                          .arg(config.breakersPath, describe(list)));
        }
        RemoteBreakersReading reading;
        const QJsonArray items = list.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString where = config.breakersPath + u'.' + QString::number(i);
            const QJsonValue item = items.at(i);
            if (!item.isObject())
                return failure(tr("%1 is %2, expected an object").arg(where, describe(item)));
            RemoteBreaker breaker;
            const QJsonValue name = jsonValueAt(item, config.nameKey);
            if (!name.isString() || name.toString().trimmed().isEmpty())
                return failure(tr("%1 has no name at \"%2\"").arg(where, config.nameKey));
            breaker.name = name.toString().trimmed();
            if (!readState(jsonValueAt(item, config.stateKey), breaker)) {
                return failure(tr("breaker %1 has no state at \"%2\"")
                                   .arg(quotedName(breaker.name), config.stateKey));
            }
            reading.breakers.append(breaker);
        }
        return reading;
    }

    static RemoteBreakersReading read(const QByteArray &body, const BreakersEndpointConfig &config);
};

} // namespace

RemoteBreakersReading Reader::read(const QByteArray &body, const BreakersEndpointConfig &config)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return failure(
            tr("body is not JSON: %1 at offset %2").arg(error.errorString()).arg(error.offset));
    }
    RemoteBreakersReading reading;
    switch (config.format) {
    case BreakersFormat::Actuator:
    case BreakersFormat::ActuatorHealth:
        if (!document.isObject())
            return failure(tr("body is a JSON list, expected an object"));
        reading = config.format == BreakersFormat::Actuator ? readActuator(document.object())
                                                            : readActuatorHealth(document.object());
        break;
    case BreakersFormat::Json:
        reading = readJson(
            document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object()),
            config);
        break;
    }
    // The console names a remote breaker "<endpoint>/<name>": two with one name would be one.
    QSet<QString> seen;
    for (const RemoteBreaker &breaker : std::as_const(reading.breakers)) {
        if (seen.contains(breaker.name))
            return failure(tr("breaker %1 appears twice").arg(quotedName(breaker.name)));
        seen.insert(breaker.name);
    }
    return reading;
}

RemoteBreakersReading readRemoteBreakers(
    const QByteArray &body, const BreakersEndpointConfig &config)
{
    return Reader::read(body, config);
}

BreakerState remoteBreakerState(const QString &word)
{
    QString key = word.trimmed().toUpper();
    key.replace(u'-', u'_');
    key.replace(u' ', u'_');
    if (key == u"CLOSED")
        return BreakerState::Closed;
    if (key == u"OPEN")
        return BreakerState::Open;
    if (key == u"HALF_OPEN")
        return BreakerState::HalfOpen;
    if (key == u"DISABLED" || key == u"METRICS_ONLY")
        return BreakerState::Disabled;
    if (key == u"FORCED_OPEN")
        return BreakerState::ForcedOpen;
    return BreakerState::Unknown;
}

} // namespace Console
