#include "config.h"
#include "secretmask.h"

#include <QTest>

using namespace Console;
using namespace Qt::StringLiterals;

// SecretMask: a secret is masked only where it stands as a whole token.
class tst_SecretMask final : public QObject
{
    Q_OBJECT

private slots:
    void masked_data();
    void masked();
    void consoleConfigMasksWholeTokens();
};

void tst_SecretMask::masked_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QString>("expected");

    // The example: with password=1 the address read "***27.0.0.***:9".
    QTest::newRow("short secret inside an address")
        << u"connection refused by 127.0.0.1:9"_s << QStringList { u"1"_s }
        << u"connection refused by 127.0.0.1:9"_s;
    QTest::newRow("short secret inside words")
        << u"password authentication failed for user \"a1b\""_s << QStringList { u"a"_s }
        << u"password authentication failed for user \"a1b\""_s;
    QTest::newRow("secret as a word")
        << u"token s3cr3t rejected"_s << QStringList { u"s3cr3t"_s } << u"token *** rejected"_s;
    QTest::newRow("secret in quotes")
        << u"user \"s3cr3t\" unknown"_s << QStringList { u"s3cr3t"_s } << u"user \"***\" unknown"_s;
    QTest::newRow("secret after =")
        << u"host=db password=hunter2 dbname=x"_s << QStringList { u"hunter2"_s }
        << u"host=db password=*** dbname=x"_s;
    QTest::newRow("secret in URL user info")
        << u"postgresql://u:hunter2@db/x"_s << QStringList { u"hunter2"_s }
        << u"postgresql://u:***@db/x"_s;
    QTest::newRow("secret at both ends")
        << u"1 and 1"_s << QStringList { u"1"_s } << u"*** and ***"_s;
    QTest::newRow("secret in a longer word")
        << u"hunter2hunter2 is not it"_s << QStringList { u"hunter2"_s }
        << u"hunter2hunter2 is not it"_s;
    QTest::newRow("secret with punctuation inside")
        << u"bad key p@ss:w0rd here"_s << QStringList { u"p@ss:w0rd"_s } << u"bad key *** here"_s;
    QTest::newRow("longer secret first")
        << u"abc abcdef"_s << QStringList { u"abc"_s, u"abcdef"_s } << u"*** ***"_s;
    QTest::newRow("repeated") << u"x x x"_s << QStringList { u"x"_s } << u"*** *** ***"_s;
    QTest::newRow("empty secret ignored")
        << u"nothing here"_s << QStringList { QString() } << u"nothing here"_s;
}

void tst_SecretMask::masked()
{
    QFETCH(QString, text);
    QFETCH(QStringList, secrets);
    QFETCH(QString, expected);
    QCOMPARE(SecretMask::masked(text, secrets, u"***"_s), expected);
}

void tst_SecretMask::consoleConfigMasksWholeTokens()
{
    ConsoleConfig config;
    config.secretValues = { u"1"_s, u"hunter2"_s };
    QCOMPARE(config.redactSecrets(u"127.0.0.1:9 said hunter2 to 1"_s),
        u"127.0.0.1:9 said \u2022\u2022\u2022\u2022 to \u2022\u2022\u2022\u2022"_s);
}

QTEST_GUILESS_MAIN(tst_SecretMask)
#include "tst_secretmask.moc"
