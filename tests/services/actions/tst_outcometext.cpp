#include "cloudflareapi.h"
#include "outcometext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

// OutcomeText (masking, the detail's tail, durations) and the pure Cloudflare helpers.
class tst_OutcomeText final : public QObject
{
    Q_OBJECT

private slots:
    void masksLongestFirst();
    void detailKeepsTheTail();
    void detailNeverCutsASecretInHalf();
    void writesElapsedTime();
    void readsCloudflareAnswers();
    void editsOrigins();
};

void tst_OutcomeText::masksLongestFirst()
{
    const QStringList order = OutcomeText::maskOrder(
        { QStringLiteral("abc"), QString(), QStringLiteral("abcdef"), QStringLiteral("abc") });
    QCOMPARE(order, QStringList({ QStringLiteral("abcdef"), QStringLiteral("abc") }));
    QCOMPARE(OutcomeText::masked(QStringLiteral("x abcdef y abc"), order),
        u"x \u2022\u2022\u2022\u2022 y \u2022\u2022\u2022\u2022");
}

void tst_OutcomeText::detailKeepsTheTail()
{
    QCOMPARE(OutcomeText::detail("  short answer\n\n", {}), u"short answer");
    const QByteArray output = QByteArray(5000, 'a') + "\u00e9\u00e9 the end";
    const QString detail = OutcomeText::detail(output, {});
    QVERIFY(detail.toUtf8().size() <= OutcomeText::MaxDetailBytes);
    QVERIFY(detail.startsWith(u'\u2026'));
    QVERIFY(detail.endsWith(u"\u00e9\u00e9 the end"));
    // A cut inside a two-byte character moves to the next whole one.
    const QByteArray accents = QString(2000, QChar(0xe9)).toUtf8();
    const QString cut = OutcomeText::detail(accents, {});
    QVERIFY(!cut.contains(QChar::ReplacementCharacter));
    QVERIFY(cut.toUtf8().size() <= OutcomeText::MaxDetailBytes);
}

void tst_OutcomeText::detailNeverCutsASecretInHalf()
{
    // The secret straddles where a plain cut would fall.
    const QString secret = QStringLiteral("SECRET-0123456789");
    const QByteArray output = QByteArray(3000, 'a') + secret.toUtf8()
        + QByteArray(OutcomeText::MaxDetailBytes - 10, 'b');
    const QString detail = OutcomeText::detail(output, OutcomeText::maskOrder({ secret }));
    QVERIFY(!detail.contains(u"0123456789"));
    QVERIFY(!detail.contains(u"789b"));
}

void tst_OutcomeText::writesElapsedTime()
{
    QCOMPARE(OutcomeText::elapsed(12ms), u"12 ms");
    QCOMPARE(OutcomeText::elapsed(410ms), u"410 ms");
    QCOMPARE(OutcomeText::elapsed(1410ms), u"1.41 s");
}

void tst_OutcomeText::readsCloudflareAnswers()
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

void tst_OutcomeText::editsOrigins()
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

QTEST_GUILESS_MAIN(tst_OutcomeText)
#include "tst_outcometext.moc"
