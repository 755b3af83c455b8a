#include "actiontemplate.h"

#include <QTest>

using namespace Console;

class tst_ActionTemplate final : public QObject
{
    Q_OBJECT

private slots:
    void findsNames_data();
    void findsNames();
    void expands_data();
    void expands();
    void listsKnownNames();
};

void tst_ActionTemplate::findsNames_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("names");

    QTest::newRow("none") << QStringLiteral("plain text") << QStringList();
    QTest::newRow("one") << QStringLiteral("db-{target_region}.example.com")
                         << QStringList { QStringLiteral("target_region") };
    QTest::newRow("each once, in order")
        << QStringLiteral("{run_id} {region} {run_id} {Target}")
        << QStringList { QStringLiteral("run_id"), QStringLiteral("region"),
               QStringLiteral("Target") };
    // A JSON body needs no escaping: a brace followed by anything but a name and "}" is text.
    QTest::newRow("json body") << QStringLiteral(R"({"region": "{target_region}", "n": {"a": 1}})")
                               << QStringList { QStringLiteral("target_region") };
    QTest::newRow("escaped") << QStringLiteral("{{target_region}") << QStringList();
    QTest::newRow("shell variable") << QStringLiteral("echo ${HOME}") << QStringList();
    QTest::newRow("unclosed") << QStringLiteral("{target_region") << QStringList();
    QTest::newRow("digit first") << QStringLiteral("{1abc}") << QStringList();
    QTest::newRow("awk program") << QStringLiteral("{print}")
                                 << QStringList { QStringLiteral("print") };
}

void tst_ActionTemplate::findsNames()
{
    QFETCH(QString, text);
    QFETCH(QStringList, names);
    QCOMPARE(ActionTemplate::namesIn(text), names);
}

void tst_ActionTemplate::expands_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("filled") << QStringLiteral("db-{target_region}.example.com")
                            << QStringLiteral("db-eu-west.example.com");
    QTest::newRow("twice") << QStringLiteral("{region}/{region}")
                           << QStringLiteral("us-east/us-east");
    QTest::newRow("no value stays")
        << QStringLiteral("{run_kind} {message}") << QStringLiteral("failover {message}");
    QTest::newRow("json") << QStringLiteral(R"({"to": "{target_region}"})")
                          << QStringLiteral(R"({"to": "eu-west"})");
    QTest::newRow("escaped brace")
        << QStringLiteral("{{target_region}") << QStringLiteral("{target_region}");
    QTest::newRow("shell variable") << QStringLiteral("${region}") << QStringLiteral("${region}");
    QTest::newRow("empty") << QString() << QString();
}

void tst_ActionTemplate::expands()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QMap<QString, QString> values { { QStringLiteral("target_region"),
                                              QStringLiteral("eu-west") },
        { QStringLiteral("region"), QStringLiteral("us-east") },
        { QStringLiteral("run_kind"), QStringLiteral("failover") } };
    QCOMPARE(ActionTemplate::expand(text, values), expected);
}

void tst_ActionTemplate::listsKnownNames()
{
    QCOMPARE(ActionTemplate::knownNames().size(), 9);
    QVERIFY(ActionTemplate::knownNames().contains(u"old_primary_name"));
    QVERIFY(ActionTemplate::knownNamesText().startsWith(u"{target_region}, {target_name}, "));
}

QTEST_GUILESS_MAIN(tst_ActionTemplate)
#include "tst_actiontemplate.moc"
