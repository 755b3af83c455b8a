#include "durationparser.h"

#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

class tst_DurationParser final : public QObject
{
    Q_OBJECT

private slots:
    void parsesValid_data();
    void parsesValid();
    void rejectsInvalid_data();
    void rejectsInvalid();
    void formatsRoundTrip_data();
    void formatsRoundTrip();
};

void tst_DurationParser::parsesValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("milliseconds");

    QTest::newRow("seconds") << QStringLiteral("30s") << qint64(30000);
    QTest::newRow("milliseconds") << QStringLiteral("500ms") << qint64(500);
    QTest::newRow("minute") << QStringLiteral("1m") << qint64(60000);
    QTest::newRow("hours") << QStringLiteral("2h") << qint64(7200000);
    QTest::newRow("compound") << QStringLiteral("1m30s") << qint64(90000);
    QTest::newRow("all units") << QStringLiteral("1h2m3s4ms") << qint64(3723004);
    QTest::newRow("fraction") << QStringLiteral("1.5s") << qint64(1500);
    QTest::newRow("fraction of a minute") << QStringLiteral("0.25m") << qint64(15000);
    QTest::newRow("leading point") << QStringLiteral(".5s") << qint64(500);
    QTest::newRow("zero") << QStringLiteral("0s") << qint64(0);
    QTest::newRow("surrounding spaces") << QStringLiteral("  800ms ") << qint64(800);
    QTest::newRow("largest") << QStringLiteral("596h") << qint64(596) * 3600 * 1000;
}

void tst_DurationParser::parsesValid()
{
    QFETCH(QString, text);
    QFETCH(qint64, milliseconds);
    QString error;
    const std::optional<std::chrono::milliseconds> value = DurationParser::parse(text, &error);
    QVERIFY2(value.has_value(), qPrintable(error));
    QCOMPARE(value->count(), milliseconds);
    QVERIFY(error.isEmpty());
}

void tst_DurationParser::rejectsInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorFragment");

    QTest::newRow("empty") << QString() << QStringLiteral("empty");
    QTest::newRow("blank") << QStringLiteral("   ") << QStringLiteral("empty");
    QTest::newRow("garbage") << QStringLiteral("soon") << QStringLiteral("expected a number");
    QTest::newRow("negative") << QStringLiteral("-5s") << QStringLiteral("negative");
    QTest::newRow("missing unit") << QStringLiteral("30") << QStringLiteral("missing unit");
    QTest::newRow("missing last unit") << QStringLiteral("1m30") << QStringLiteral("missing unit");
    QTest::newRow("unknown unit") << QStringLiteral("30sec") << QStringLiteral("unknown unit");
    QTest::newRow("days are not a unit") << QStringLiteral("1d") << QStringLiteral("unknown unit");
    QTest::newRow("upper case") << QStringLiteral("30S") << QStringLiteral("unknown unit");
    QTest::newRow("wrong order") << QStringLiteral("30s1m")
                                 << QStringLiteral("largest to smallest");
    QTest::newRow("repeated unit")
        << QStringLiteral("1s1s") << QStringLiteral("largest to smallest");
    QTest::newRow("inner space") << QStringLiteral("1m 30s")
                                 << QStringLiteral("unexpected character");
    QTest::newRow("sub-millisecond")
        << QStringLiteral("1.5ms") << QStringLiteral("finer than a millisecond");
    QTest::newRow("bare point") << QStringLiteral("1.s")
                                << QStringLiteral("after the decimal point");
    QTest::newRow("lone point") << QStringLiteral(".s")
                                << QStringLiteral("after the decimal point");
    QTest::newRow("overflow") << QStringLiteral("600h") << QStringLiteral("too long");
    // The limit the message states is the one enforced (it once said 24 days and took 596h).
    QTest::newRow("just past the limit")
        << QStringLiteral("596h1ms") << QStringLiteral("the duration is too long (at most 596h)");
    QTest::newRow("int's milliseconds") << QStringLiteral(
        "2147483647ms") << QStringLiteral("the duration is too long (at most 596h)");
    QTest::newRow("too many digits")
        << QStringLiteral("12345678901ms") << QStringLiteral("too many digits");
    QTest::newRow("plus sign") << QStringLiteral("+5s") << QStringLiteral("expected a number");
}

void tst_DurationParser::rejectsInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, errorFragment);
    QString error;
    QVERIFY(!DurationParser::parse(text, &error).has_value());
    QVERIFY2(error.contains(errorFragment), qPrintable(error));
    // The error never repeats the input: it may have come from a secret.
    if (!text.trimmed().isEmpty())
        QVERIFY2(!error.contains(text.trimmed()), qPrintable(error));
}

void tst_DurationParser::formatsRoundTrip_data()
{
    QTest::addColumn<qint64>("milliseconds");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << qint64(0) << QStringLiteral("0s");
    QTest::newRow("ms") << qint64(800) << QStringLiteral("800ms");
    QTest::newRow("s") << qint64(30000) << QStringLiteral("30s");
    QTest::newRow("m s") << qint64(90000) << QStringLiteral("1m30s");
    QTest::newRow("h ms") << qint64(3600001) << QStringLiteral("1h1ms");
}

void tst_DurationParser::formatsRoundTrip()
{
    QFETCH(qint64, milliseconds);
    QFETCH(QString, text);
    QCOMPARE(DurationParser::format(std::chrono::milliseconds(milliseconds)), text);
    QCOMPARE(DurationParser::parse(text).value_or(-1ms).count(), milliseconds);
}

QTEST_GUILESS_MAIN(tst_DurationParser)
#include "tst_durationparser.moc"
