#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Console {

// The Cloudflare API v4 requests and answers the actions use, as pure functions: the URLs, the
// JSON bodies and the reading of Cloudflare's answer envelope ({"success", "errors", "result"}).
//
// As documented by Cloudflare (developers.cloudflare.com/api, "Update DNS Record",
// https://developers.cloudflare.com/api/go/resources/dns/subresources/records/methods/edit/):
//   PATCH {api_base}/zones/{zone_id}/dns_records/{dns_record_id}
//   Authorization: Bearer <API token>; a JSON body with type, name, content, ttl (1 = automatic)
//   and proxied; the answer {"success": true|false, "errors": [{"code", "message"}], "result"}.
// And for load-balancer pools ("Pool Details" and "Patch Pool", .../load_balancers/subresources/
// pools/methods/get and .../edit/):
//   GET   {api_base}/accounts/{account_id}/load_balancers/pools/{pool_id}
//   PATCH {api_base}/accounts/{account_id}/load_balancers/pools/{pool_id}, which "applies changes
//   to an existing pool, overwriting the supplied properties": {"origins": [...]} replaces the
//   whole list, so the list sent is the one read back with only "enabled" changed.
class CloudflareApi final
{
    Q_DECLARE_TR_FUNCTIONS(CloudflareApi)

public:
    // One answer of the API.
    struct Answer
    {
        bool readable = false; // a JSON object with a boolean "success"
        bool success = false;
        QStringList errors; // "message (code)" for each of errors[]
        QJsonValue result;
    };

    // The pool's origins after enabling and disabling by name.
    struct OriginEdit
    {
        QJsonArray origins; // every origin as read, with "enabled" set where named
        QStringList unknown; // names in enable or disable that no origin has
        QStringList changed; // names whose "enabled" flips
    };

    static QUrl dnsRecordUrl(
        const QString &apiBase, const QString &zoneId, const QString &recordId);
    static QUrl poolUrl(const QString &apiBase, const QString &accountId, const QString &poolId);
    static QByteArray dnsRecordBody(
        const QString &type, const QString &name, const QString &content, int ttl, bool proxied);
    static QByteArray originsBody(const QJsonArray &origins);

    static Answer readAnswer(const QByteArray &body);
    // The origins of a "Pool Details" result; false when it holds no list of origins.
    static bool poolOrigins(const QJsonValue &result, QJsonArray *origins);
    static OriginEdit editOrigins(
        const QJsonArray &origins, const QStringList &enable, const QStringList &disable);
    // The names of the origins, for a message naming what the pool has.
    static QStringList originNames(const QJsonArray &origins);
};

} // namespace Console
