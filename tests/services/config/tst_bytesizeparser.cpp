#include "bytesizeparser.h"

#include <QTest>

using namespace Console;

class tst_ByteSizeParser final : public QObject
{
    Q_OBJECT

private slots:
    void parsesValid_data();
    void parsesValid();
    void rejectsInvalid_data();
    void rejectsInvalid();
};

void tst_ByteSizeParser::parsesValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes");

    QTest::newRow("bare") << QStringLiteral("65536") << qint64(65536);
    QTest::newRow("bytes") << QStringLiteral("512B") << qint64(512);
    QTest::newRow("KiB") << QStringLiteral("64KiB") << qint64(65536);
    QTest::newRow("MiB") << QStringLiteral("1MiB") << qint64(1048576);
    QTest::newRow("GiB") << QStringLiteral("1GiB") << qint64(1073741824);
    QTest::newRow("kB") << QStringLiteral("2kB") << qint64(2000);
    QTest::newRow("MB") << QStringLiteral("3MB") << qint64(3000000);
    QTest::newRow("fraction") << QStringLiteral("1.5KiB") << qint64(1536);
    QTest::newRow("space before unit") << QStringLiteral("64 KiB") << qint64(65536);
}

void tst_ByteSizeParser::parsesValid()
{
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    QString error;
    const std::optional<qint64> value = ByteSizeParser::parse(text, &error);
    QVERIFY2(value.has_value(), qPrintable(error));
    QCOMPARE(*value, bytes);
}

void tst_ByteSizeParser::rejectsInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorFragment");

    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("negative") << QStringLiteral("-1KiB") << QStringLiteral("negative");
    QTest::newRow("garbage") << QStringLiteral("lots") << QStringLiteral("expected a number");
    QTest::newRow("unknown unit") << QStringLiteral("64KB2") << QStringLiteral("unknown unit");
    QTest::newRow("ambiguous K") << QStringLiteral("64K") << QStringLiteral("unknown unit");
    QTest::newRow("half a byte") << QStringLiteral("1.5B") << QStringLiteral("whole number");
    QTest::newRow("two points") << QStringLiteral("1.2.3KiB")
                                << QStringLiteral("expected a number");
    QTest::newRow("too large") << QStringLiteral("2000GiB") << QStringLiteral("too large");
}

void tst_ByteSizeParser::rejectsInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, errorFragment);
    QString error;
    QVERIFY(!ByteSizeParser::parse(text, &error).has_value());
    QVERIFY2(error.contains(errorFragment), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_ByteSizeParser)
#include "tst_bytesizeparser.moc"
