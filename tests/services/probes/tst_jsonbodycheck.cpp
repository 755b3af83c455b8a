#include "jsonbodycheck.h"

#include <QTest>

using namespace Console;
using namespace Qt::StringLiterals;

using Expectations = QMap<QString, QString>;

class tst_JsonBodyCheck final : public QObject
{
    Q_OBJECT

private slots:
    void check_data();
    void check();
    void numberAt_data();
    void numberAt();
    void roleAt_data();
    void roleAt();
};

void tst_JsonBodyCheck::check_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Expectations>("expect");
    QTest::addColumn<QString>("reason"); // empty: the body passes

    QTest::newRow("flat match") << QByteArray(R"({"status":"ok"})")
                                << Expectations { { u"status"_s, u"ok"_s } } << QString();
    QTest::newRow("flat mismatch")
        << QByteArray(R"({"db":"down"})") << Expectations { { u"db"_s, u"ok"_s } }
        << QStringLiteral(R"(db is "down", expected "ok")");
    QTest::newRow("nested match") << QByteArray(R"({"checks":{"db":{"status":"up"}}})")
                                  << Expectations { { u"checks.db.status"_s, u"up"_s } }
                                  << QString();
    QTest::newRow("array index") << QByteArray(
        R"({"nodes":[{"role":"primary"},{"role":"replica"}]})")
                                 << Expectations { { u"nodes.1.role"_s, u"replica"_s } }
                                 << QString();
    QTest::newRow("array out of range")
        << QByteArray(R"({"nodes":[]})") << Expectations { { u"nodes.0.role"_s, u"primary"_s } }
        << QStringLiteral(R"(nodes.0.role is missing, expected "primary")");
    QTest::newRow("top-level array")
        << QByteArray(R"([{"ok":true}])") << Expectations { { u"0.ok"_s, u"true"_s } } << QString();
    QTest::newRow("missing") << QByteArray(R"({"status":"ok"})")
                             << Expectations { { u"db"_s, u"ok"_s } }
                             << QStringLiteral(R"(db is missing, expected "ok")");
    QTest::newRow("bool") << QByteArray(R"({"ready":false})")
                          << Expectations { { u"ready"_s, u"true"_s } }
                          << QStringLiteral(R"(ready is false, expected "true")");
    QTest::newRow("integer as text") << QByteArray(R"({"replicas":3.0})")
                                     << Expectations { { u"replicas"_s, u"3"_s } } << QString();
    QTest::newRow("fraction") << QByteArray(R"({"ratio":0.25})")
                              << Expectations { { u"ratio"_s, u"0.25"_s } } << QString();
    QTest::newRow("null") << QByteArray(R"({"error":null})")
                          << Expectations { { u"error"_s, u"null"_s } } << QString();
    QTest::newRow("object where scalar expected")
        << QByteArray(R"({"db":{"status":"ok"}})") << Expectations { { u"db"_s, u"ok"_s } }
        << QStringLiteral(R"(db is an object, expected "ok")");
    QTest::newRow("path through scalar")
        << QByteArray(R"({"db":"ok"})") << Expectations { { u"db.status"_s, u"ok"_s } }
        << QStringLiteral(R"(db.status is missing, expected "ok")");
    QTest::newRow("long value shortened")
        << QByteArray(R"({"db":")" + QByteArray(100, 'x') + R"("})")
        << Expectations { { u"db"_s, u"ok"_s } }
        << QStringLiteral(R"(db is ")") + QString(40, u'x')
            + QStringLiteral(R"(…", expected "ok")");
    QTest::newRow("not json") << QByteArray("<html>oops</html>")
                              << Expectations { { u"status"_s, u"ok"_s } }
                              << QStringLiteral("body is not JSON: illegal value at offset 1");
    QTest::newRow("empty body") << QByteArray() << Expectations { { u"status"_s, u"ok"_s } }
                                << QStringLiteral("body is not JSON: illegal value at offset 0");
    QTest::newRow("truncated") << QByteArray(R"({"status":"o)")
                               << Expectations { { u"status"_s, u"ok"_s } }
                               << QStringLiteral(
                                      "body is not JSON: unterminated string at offset 13");
}

void tst_JsonBodyCheck::check()
{
    QFETCH(QByteArray, body);
    QFETCH(Expectations, expect);
    QFETCH(QString, reason);

    const std::optional<QString> result = checkJsonBody(body, expect);
    if (reason.isEmpty()) {
        QVERIFY2(!result, qPrintable(result.value_or(QString())));
    } else {
        QVERIFY(result);
        QCOMPARE(*result, reason);
    }
}

void tst_JsonBodyCheck::numberAt_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("path");
    QTest::addColumn<double>("number"); // -1: no number

    QTest::newRow("flat") << QByteArray(R"({"lag_ms":1500})") << u"lag_ms"_s << 1500.0;
    QTest::newRow("nested") << QByteArray(R"({"r":{"lag":2.5}})") << u"r.lag"_s << 2.5;
    QTest::newRow("array index") << QByteArray(R"({"r":[{"lag":7}]})") << u"r.0.lag"_s << 7.0;
    QTest::newRow("missing") << QByteArray(R"({"other":1})") << u"lag_ms"_s << -1.0;
    QTest::newRow("string, not number") << QByteArray(R"({"lag_ms":"12"})") << u"lag_ms"_s << -1.0;
    QTest::newRow("negative") << QByteArray(R"({"lag_ms":-3})") << u"lag_ms"_s << -1.0;
    QTest::newRow("not JSON") << QByteArray("<html>") << u"lag_ms"_s << -1.0;
    QTest::newRow("empty") << QByteArray() << u"lag_ms"_s << -1.0;
}

void tst_JsonBodyCheck::numberAt()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, path);
    QFETCH(double, number);
    const std::optional<double> found = jsonNumberAt(body, path);
    if (number < 0)
        QVERIFY(!found);
    else
        QCOMPARE(found.value_or(-1), number);
}

void tst_JsonBodyCheck::roleAt_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("role"); // empty: no role

    QTest::newRow("primary") << QByteArray(R"({"role":"primary"})") << u"role"_s << u"primary"_s;
    QTest::newRow("Patroni leader")
        << QByteArray(R"({"x":{"role":"Leader"}})") << u"x.role"_s << u"primary"_s;
    QTest::newRow("master") << QByteArray(R"({"role":"master"})") << u"role"_s << u"primary"_s;
    QTest::newRow("read-write") << QByteArray(R"({"mode":" read-write "})") << u"mode"_s
                                << u"primary"_s;
    QTest::newRow("replica") << QByteArray(R"({"role":"replica"})") << u"role"_s << u"standby"_s;
    QTest::newRow("standby") << QByteArray(R"({"role":"STANDBY"})") << u"role"_s << u"standby"_s;
    QTest::newRow("follower") << QByteArray(R"({"role":"follower"})") << u"role"_s << u"standby"_s;
    QTest::newRow("unknown word is no role")
        << QByteArray(R"({"role":"candidate"})") << u"role"_s << QString();
    QTest::newRow("a number is no role") << QByteArray(R"({"role":1})") << u"role"_s << QString();
    QTest::newRow("missing") << QByteArray(R"({"other":"primary"})") << u"role"_s << QString();
    QTest::newRow("not JSON") << QByteArray("primary") << u"role"_s << QString();
}

void tst_JsonBodyCheck::roleAt()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, path);
    QFETCH(QString, role);
    const std::optional<PostgresRole> found = jsonRoleAt(body, path);
    if (role.isEmpty())
        QVERIFY(!found);
    else
        QCOMPARE(found == PostgresRole::Primary ? u"primary"_s : u"standby"_s, role);
}

QTEST_GUILESS_MAIN(tst_JsonBodyCheck)
#include "tst_jsonbodycheck.moc"
