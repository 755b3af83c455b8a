#include "cloudflareapi.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Console;

class tst_CloudflareApi final : public QObject
{
    Q_OBJECT

private slots:
    void readsAnswers();
    void buildsRequests();
    void editsOrigins();
};

void tst_CloudflareApi::readsAnswers()
{
    const CloudflareApi::Answer ok = CloudflareApi::readAnswer(
        R"({"success":true,"errors":[],"messages":[],"result":{"id":"r"}})");
    QVERIFY(ok.readable && ok.success);
    QCOMPARE(ok.result.toObject().value(QStringLiteral("id")).toString(), u"r");
    const CloudflareApi::Answer refused = CloudflareApi::readAnswer(
        R"({"success":false,"errors":[{"code":1003,"message":"Invalid or missing zone id."}]})");
    QVERIFY(refused.readable && !refused.success);
    QCOMPARE(refused.errors, QStringList { QStringLiteral("Invalid or missing zone id. (1003)") });
    QVERIFY(!CloudflareApi::readAnswer("<html>").readable);
    QVERIFY(!CloudflareApi::readAnswer(R"({"result":{}})").readable);
}

void tst_CloudflareApi::buildsRequests()
{
    QCOMPARE(CloudflareApi::dnsRecordUrl(QStringLiteral("https://api.cloudflare.com/client/v4"),
                 QStringLiteral("z1"), QStringLiteral("r/../x")),
        QUrl(QStringLiteral(
            "https://api.cloudflare.com/client/v4/zones/z1/dns_records/r%2F..%2Fx")));
    QCOMPARE(CloudflareApi::poolUrl(QStringLiteral("https://api.cloudflare.com/client/v4"),
                 QStringLiteral("a"), QStringLiteral("p")),
        QUrl(QStringLiteral(
            "https://api.cloudflare.com/client/v4/accounts/a/load_balancers/pools/p")));
    QCOMPARE(QJsonDocument::fromJson(
                 CloudflareApi::dnsRecordBody(QStringLiteral("A"), QStringLiteral("db.example.com"),
                     QStringLiteral("192.0.2.1"), 1, true))
                 .object(),
        QJsonObject({ { QStringLiteral("type"), QStringLiteral("A") },
            { QStringLiteral("name"), QStringLiteral("db.example.com") },
            { QStringLiteral("content"), QStringLiteral("192.0.2.1") },
            { QStringLiteral("ttl"), 1 }, { QStringLiteral("proxied"), true } }));
}

void tst_CloudflareApi::editsOrigins()
{
    const QJsonArray origins = QJsonDocument::fromJson(R"([
        {"name": "a", "enabled": true, "address": "192.0.2.1"},
        {"name": "b", "enabled": false, "disabled_at": "2026-01-01T00:00:00Z"},
        {"name": "c"}])")
                                   .array();
    const CloudflareApi::OriginEdit edit = CloudflareApi::editOrigins(
        origins, { QStringLiteral("b"), QStringLiteral("c") }, { QStringLiteral("a") });
    QVERIFY(edit.unknown.isEmpty());
    QCOMPARE(edit.changed, QStringList({ QStringLiteral("a"), QStringLiteral("b") }));
    QCOMPARE(edit.origins.at(0).toObject().value(QStringLiteral("enabled")).toBool(), false);
    QCOMPARE(
        edit.origins.at(0).toObject().value(QStringLiteral("address")).toString(), u"192.0.2.1");
    QCOMPARE(edit.origins.at(1).toObject().value(QStringLiteral("enabled")).toBool(), true);
    QVERIFY(!edit.origins.at(1).toObject().contains(QStringLiteral("disabled_at")));
    QCOMPARE(edit.origins.at(2).toObject().value(QStringLiteral("enabled")).toBool(), true);

    const CloudflareApi::OriginEdit unknown
        = CloudflareApi::editOrigins(origins, { QStringLiteral("x") }, { QStringLiteral("y") });
    QCOMPARE(unknown.unknown, QStringList({ QStringLiteral("x"), QStringLiteral("y") }));
}

QTEST_GUILESS_MAIN(tst_CloudflareApi)
#include "tst_cloudflareapi.moc"
