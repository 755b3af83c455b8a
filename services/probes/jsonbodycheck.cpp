#include "jsonbodycheck.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>

namespace Console {

namespace {

// Server-controlled text goes into a reason shown in one table cell: keep it short.
constexpr qsizetype MaxShownValue = 40;

QString shortened(const QString &text)
{
    return text.size() <= MaxShownValue ? text : text.left(MaxShownValue) + QStringLiteral("…");
}

// The value as the configuration compares it: scalars as plain text.
std::optional<QString> scalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return value.toString();
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Double: {
        const double number = value.toDouble();
        // Integral numbers print without a fraction so "3" matches 3 and 3.0.
        if (std::floor(number) == number && std::abs(number) < 9007199254740992.0)
            return QString::number(static_cast<qint64>(number));
        return QString::number(number, 'g', 15);
    }
    case QJsonValue::Array:
    case QJsonValue::Object:
    case QJsonValue::Undefined: break;
    }
    return std::nullopt;
}

// How the value looked, for the reason: strings quoted as in the body.
QString shown(const QJsonValue &value)
{
    if (value.isString())
        return u'"' + shortened(value.toString()) + u'"';
    if (value.isObject())
        return QCoreApplication::translate("Console::JsonBodyCheck", "an object");
    if (value.isArray())
        return QCoreApplication::translate("Console::JsonBodyCheck", "an array");
    return shortened(scalarText(value).value_or(QString()));
}

} // namespace

QJsonValue jsonValueAt(const QJsonValue &root, const QString &path)
{
    QJsonValue current = root;
    const QStringList segments = path.split(u'.');
    for (const QString &segment : segments) {
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            if (!object.contains(segment))
                return QJsonValue(QJsonValue::Undefined);
            current = object.value(segment);
        } else if (current.isArray()) {
            bool isIndex = false;
            const int index = segment.toInt(&isIndex);
            const QJsonArray array = current.toArray();
            if (!isIndex || index < 0 || index >= array.size())
                return QJsonValue(QJsonValue::Undefined);
            current = array.at(index);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return current;
}

std::optional<QString> checkJsonBody(const QByteArray &body, const QMap<QString, QString> &expect)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return QCoreApplication::translate(
            "Console::JsonBodyCheck", "body is not JSON: %1 at offset %2")
            .arg(error.errorString())
            .arg(error.offset);
    }
    const QJsonValue root
        = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    for (auto it = expect.cbegin(); it != expect.cend(); ++it) {
        const QJsonValue value = jsonValueAt(root, it.key());
        if (value.isUndefined())
            return QCoreApplication::translate(
                "Console::JsonBodyCheck", "%1 is missing, expected \"%2\"")
                .arg(it.key(), shortened(it.value()));
        if (scalarText(value) != it.value()) {
            return QCoreApplication::translate(
                "Console::JsonBodyCheck", "%1 is %2, expected \"%3\"")
                .arg(it.key(), shown(value), shortened(it.value()));
        }
    }
    return std::nullopt;
}

std::optional<double> jsonNumberAt(const QByteArray &body, const QString &path)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isNull())
        return std::nullopt;
    const QJsonValue root
        = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    const QJsonValue value = jsonValueAt(root, path);
    if (!value.isDouble() || !std::isfinite(value.toDouble()) || value.toDouble() < 0)
        return std::nullopt;
    return value.toDouble();
}

std::optional<PostgresRole> jsonRoleAt(const QByteArray &body, const QString &path)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isNull())
        return std::nullopt;
    const QJsonValue root
        = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    const QString word = jsonValueAt(root, path).toString().trimmed().toLower();
    static const QStringList writable = { QStringLiteral("primary"), QStringLiteral("master"),
        QStringLiteral("leader"), QStringLiteral("writable"), QStringLiteral("read-write") };
    static const QStringList readOnly = { QStringLiteral("standby"), QStringLiteral("replica"),
        QStringLiteral("secondary"), QStringLiteral("follower"), QStringLiteral("read-only") };
    if (writable.contains(word))
        return PostgresRole::Primary;
    if (readOnly.contains(word))
        return PostgresRole::Standby;
    return std::nullopt;
}

} // namespace Console
