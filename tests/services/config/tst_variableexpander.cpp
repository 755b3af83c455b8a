#include "variableexpander.h"

#include <QTest>

using namespace Console;

namespace {

const char SecretName[] = "FC_TST_EXPANDER_SECRET";
const char EmptyName[] = "FC_TST_EXPANDER_EMPTY";
const char UnsetName[] = "FC_TST_EXPANDER_UNSET";
const char ShadowedName[] = "FC_TST_EXPANDER_PORT";
const QString Secret = QStringLiteral("hunter2-secret");

} // namespace

class tst_VariableExpander final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void expands_data();
    void expands();
    void reportsErrors_data();
    void reportsErrors();
};

void tst_VariableExpander::initTestCase()
{
    qputenv(SecretName, Secret.toUtf8());
    qputenv(EmptyName, QByteArray());
    qunsetenv(UnsetName);
    qputenv(ShadowedName, "9999");
}

void tst_VariableExpander::cleanupTestCase()
{
    qunsetenv(SecretName);
    qunsetenv(EmptyName);
    qunsetenv(ShadowedName);
}

void tst_VariableExpander::expands_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("display");
    QTest::addColumn<bool>("secret");

    QTest::newRow("plain") << QStringLiteral("a $ b") << QStringLiteral("a $ b")
                           << QStringLiteral("a $ b") << false;
    QTest::newRow("environment") << QStringLiteral("key=${FC_TST_EXPANDER_SECRET};")
                                 << (u"key=" + Secret + u';')
                                 << QStringLiteral("key=${FC_TST_EXPANDER_SECRET};") << true;
    QTest::newRow("extra variable wins")
        << QStringLiteral("port ${FC_TST_EXPANDER_PORT}") << QStringLiteral("port 8080")
        << QStringLiteral("port 8080") << false;
    QTest::newRow("extra variable") << QStringLiteral("${PORT}/x") << QStringLiteral("4242/x")
                                    << QStringLiteral("4242/x") << false;
    QTest::newRow("default used") << QStringLiteral("${FC_TST_EXPANDER_UNSET:-5432}")
                                  << QStringLiteral("5432") << QStringLiteral("5432") << false;
    QTest::newRow("default for empty") << QStringLiteral("${FC_TST_EXPANDER_EMPTY:-x}")
                                       << QStringLiteral("x") << QStringLiteral("x") << false;
    QTest::newRow("default not needed") << QStringLiteral("${FC_TST_EXPANDER_SECRET:-x}") << Secret
                                        << QStringLiteral("${FC_TST_EXPANDER_SECRET}") << true;
    QTest::newRow("set but empty")
        << QStringLiteral("[${FC_TST_EXPANDER_EMPTY}]") << QStringLiteral("[]")
        << QStringLiteral("[${FC_TST_EXPANDER_EMPTY}]") << false;
    QTest::newRow("escaped") << QStringLiteral("$${NOT_A_VAR}") << QStringLiteral("${NOT_A_VAR}")
                             << QStringLiteral("$${NOT_A_VAR}") << false;
}

void tst_VariableExpander::expands()
{
    QFETCH(QString, text);
    QFETCH(QString, value);
    QFETCH(QString, display);
    QFETCH(bool, secret);
    const VariableExpander expander({ { QStringLiteral("PORT"), QStringLiteral("4242") },
        { QString::fromLatin1(ShadowedName), QStringLiteral("8080") } });
    const ExpandedText out = expander.expand(text);
    QVERIFY2(out.ok(), qPrintable(out.errors.join(u'\n')));
    QCOMPARE(out.value, value);
    QCOMPARE(out.displayText, display);
    QCOMPARE(out.isSecret(), secret);
    QVERIFY(!out.displayText.contains(Secret));
}

void tst_VariableExpander::reportsErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorFragment");

    QTest::newRow("unset") << QStringLiteral("x ${FC_TST_EXPANDER_UNSET} y")
                           << QStringLiteral(
                                  "environment variable \"FC_TST_EXPANDER_UNSET\" is not set");
    QTest::newRow("unterminated") << QStringLiteral("${FC_TST_EXPANDER_SECRET")
                                  << QStringLiteral("missing \"}\"");
    QTest::newRow("bad name") << QStringLiteral("${1ABC}")
                              << QStringLiteral("invalid variable name");
    QTest::newRow("empty name") << QStringLiteral("${}") << QStringLiteral("invalid variable name");
}

void tst_VariableExpander::reportsErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, errorFragment);
    const ExpandedText out = VariableExpander().expand(text);
    QVERIFY(!out.ok());
    QVERIFY2(out.errors.join(u'\n').contains(errorFragment), qPrintable(out.errors.join(u'\n')));
    QVERIFY(!out.errors.join(u'\n').contains(Secret));
}

QTEST_GUILESS_MAIN(tst_VariableExpander)
#include "tst_variableexpander.moc"
