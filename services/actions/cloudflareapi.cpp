#include "cloudflareapi.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Console {

namespace {

QString segment(const QString &id)
{
    // Ids are hex, but a template filled at run time must not be able to add a path segment.
    return QString::fromLatin1(QUrl::toPercentEncoding(id));
}

} // namespace

QUrl CloudflareApi::dnsRecordUrl(
    const QString &apiBase, const QString &zoneId, const QString &recordId)
{
    return QUrl(apiBase + u"/zones/" + segment(zoneId) + u"/dns_records/" + segment(recordId),
        QUrl::StrictMode);
}

QUrl CloudflareApi::poolUrl(const QString &apiBase, const QString &accountId, const QString &poolId)
{
    return QUrl(
        apiBase + u"/accounts/" + segment(accountId) + u"/load_balancers/pools/" + segment(poolId),
        QUrl::StrictMode);
}

QByteArray CloudflareApi::dnsRecordBody(
    const QString &type, const QString &name, const QString &content, int ttl, bool proxied)
{
    const QJsonObject body { { QStringLiteral("type"), type }, { QStringLiteral("name"), name },
        { QStringLiteral("content"), content }, { QStringLiteral("ttl"), ttl },
        { QStringLiteral("proxied"), proxied } };
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QByteArray CloudflareApi::originsBody(const QJsonArray &origins)
{
    return QJsonDocument(QJsonObject { { QStringLiteral("origins"), origins } })
        .toJson(QJsonDocument::Compact);
}

CloudflareApi::Answer CloudflareApi::readAnswer(const QByteArray &body)
{
    Answer answer;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonValue success = document.object().value(QStringLiteral("success"));
    if (!document.isObject() || !success.isBool())
        return answer;
    answer.readable = true;
    answer.success = success.toBool();
    answer.result = document.object().value(QStringLiteral("result"));
    const QJsonArray errors = document.object().value(QStringLiteral("errors")).toArray();
    for (const QJsonValue &error : errors) {
        const QString message = error.toObject().value(QStringLiteral("message")).toString();
        const QJsonValue code = error.toObject().value(QStringLiteral("code"));
        if (message.isEmpty() && code.isUndefined())
            continue;
        answer.errors
            += code.isDouble() ? tr("%1 (%2)").arg(message).arg(code.toInteger()) : message;
    }
    return answer;
}

bool CloudflareApi::poolOrigins(const QJsonValue &result, QJsonArray *origins)
{
    const QJsonValue list = result.toObject().value(QStringLiteral("origins"));
    if (!list.isArray())
        return false;
    *origins = list.toArray();
    return true;
}

CloudflareApi::OriginEdit CloudflareApi::editOrigins(
    const QJsonArray &origins, const QStringList &enable, const QStringList &disable)
{
    OriginEdit edit;
    QStringList seen;
    for (const QJsonValue &value : origins) {
        QJsonObject origin = value.toObject();
        const QString name = origin.value(QStringLiteral("name")).toString();
        seen += name;
        const bool wasEnabled = origin.value(QStringLiteral("enabled")).toBool(true);
        bool enabled = wasEnabled;
        if (enable.contains(name))
            enabled = true;
        else if (disable.contains(name))
            enabled = false;
        if (enabled != wasEnabled)
            edit.changed += name;
        origin.insert(QStringLiteral("enabled"), enabled);
        // Cloudflare sets disabled_at itself when an origin is disabled; sent back stale, it
        // would contradict "enabled".
        origin.remove(QStringLiteral("disabled_at"));
        edit.origins.append(origin);
    }
    for (const QString &name : enable + disable) {
        if (!seen.contains(name) && !edit.unknown.contains(name))
            edit.unknown += name;
    }
    return edit;
}

QStringList CloudflareApi::originNames(const QJsonArray &origins)
{
    QStringList names;
    for (const QJsonValue &origin : origins)
        names += origin.toObject().value(QStringLiteral("name")).toString();
    return names;
}

} // namespace Console
