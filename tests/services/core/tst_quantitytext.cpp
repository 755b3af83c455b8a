#include "quantitytext.h"

#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

class tst_QuantityText final : public QObject
{
    Q_OBJECT
private slots:
    void durations_data();
    void durations();
    void bytes_data();
    void bytes();
    void elapsed_data();
    void elapsed();
};

void tst_QuantityText::durations_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("whole seconds") << qint64(30000) << QStringLiteral("30 s");
    QTest::newRow("whole minute") << qint64(60000) << QStringLiteral("1 min");
    QTest::newRow("two minutes") << qint64(120000) << QStringLiteral("2 min");
    QTest::newRow("milliseconds") << qint64(800) << QStringLiteral("800 ms");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("0 ms");
    QTest::newRow("fraction of seconds") << qint64(1500) << QStringLiteral("1.50 s");
    QTest::newRow("minutes and seconds") << qint64(150000) << QStringLiteral("2 min 30 s");
    QTest::newRow("hours") << qint64(7260000) << QStringLiteral("2 h 1 min");
}

void tst_QuantityText::durations()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(QuantityText::duration(std::chrono::milliseconds(ms)), text);
}

void tst_QuantityText::bytes_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("bytes") << qint64(0) << QStringLiteral("0 B");
    QTest::newRow("KiB") << qint64(12 * 1024) << QStringLiteral("12.0 KiB");
    QTest::newRow("MiB") << qint64(17 * 1024 * 1024 + 300 * 1024) << QStringLiteral("17.3 MiB");
    QTest::newRow("GiB") << qint64(5) * 1024 * 1024 * 1024 / 4 << QStringLiteral("1.25 GiB");
}

void tst_QuantityText::bytes()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    QCOMPARE(QuantityText::bytes(bytes), text);
}

void tst_QuantityText::elapsed_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("0:00");
    QTest::newRow("negative") << qint64(-5000) << QStringLiteral("0:00");
    QTest::newRow("seconds") << qint64(42999) << QStringLiteral("0:42");
    QTest::newRow("minutes") << qint64(12 * 60000 + 5000) << QStringLiteral("12:05");
    QTest::newRow("hours") << qint64(3723000) << QStringLiteral("1:02:03");
    QTest::newRow("days") << qint64(3 * 86400000LL + 4 * 3600000 + 5 * 60000 + 6000)
                          << QStringLiteral("3 d 04:05:06");
}

void tst_QuantityText::elapsed()
{
    QFETCH(qint64, ms);
    QFETCH(QString, text);
    QCOMPARE(QuantityText::elapsed(std::chrono::milliseconds(ms)), text);
}

QTEST_GUILESS_MAIN(tst_QuantityText)
#include "tst_quantitytext.moc"
