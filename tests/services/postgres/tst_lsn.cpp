#include "lsn.h"

#include <QTest>

#include <limits>

using namespace Console;

// LSN text as PostgreSQL prints and accepts it, and byte distances between two positions.
class tst_Lsn final : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void format_data();
    void format();
    void diff_data();
    void diff();
};

using OptionalLsn = std::optional<quint64>;
using OptionalDiff = std::optional<qint64>;
Q_DECLARE_METATYPE(OptionalLsn)
Q_DECLARE_METATYPE(OptionalDiff)

void tst_Lsn::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<OptionalLsn>("lsn");
    const OptionalLsn none;
    QTest::newRow("zero") << QStringLiteral("0/0") << OptionalLsn(0);
    QTest::newRow("typical") << QStringLiteral("16/B374D848") << OptionalLsn(0x16'B374'D848);
    QTest::newRow("lower case") << QStringLiteral("16/b374d848") << OptionalLsn(0x16'B374'D848);
    QTest::newRow("leading zeros")
        << QStringLiteral("00000001/00000002") << OptionalLsn(0x1'0000'0002);
    QTest::newRow("largest") << QStringLiteral("FFFFFFFF/FFFFFFFF")
                             << OptionalLsn(0xFFFF'FFFF'FFFF'FFFF);
    QTest::newRow("empty") << QString() << none;
    QTest::newRow("no slash") << QStringLiteral("16B374D848") << none;
    QTest::newRow("no high part") << QStringLiteral("/B374D848") << none;
    QTest::newRow("no low part") << QStringLiteral("16/") << none;
    QTest::newRow("two slashes") << QStringLiteral("1/2/3") << none;
    QTest::newRow("high part overflows") << QStringLiteral("100000000/0") << none;
    QTest::newRow("low part overflows") << QStringLiteral("0/100000000") << none;
    QTest::newRow("not hex") << QStringLiteral("16/B374D84G") << none;
    QTest::newRow("sign") << QStringLiteral("+16/B374D848") << none;
    QTest::newRow("negative") << QStringLiteral("-1/0") << none;
    QTest::newRow("hex prefix") << QStringLiteral("0x16/B374D848") << none;
    QTest::newRow("leading space") << QStringLiteral(" 16/B374D848") << none;
    QTest::newRow("trailing space") << QStringLiteral("16/B374D848 ") << none;
    QTest::newRow("space inside") << QStringLiteral("16/ B374D848") << none;
    QTest::newRow("non-ASCII digit") << QStringLiteral("1\u0661/0") << none; // Arabic-Indic one
}

void tst_Lsn::parse()
{
    QFETCH(QString, text);
    QFETCH(OptionalLsn, lsn);
    QCOMPARE(parseLsn(text), lsn);
}

void tst_Lsn::format_data()
{
    QTest::addColumn<quint64>("lsn");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << quint64(0) << QStringLiteral("0/0");
    QTest::newRow("low only") << quint64(0x3000148) << QStringLiteral("0/3000148");
    QTest::newRow("typical") << quint64(0x16'B374'D848) << QStringLiteral("16/B374D848");
    QTest::newRow("low zero") << quint64(0x1'0000'0000) << QStringLiteral("1/0");
    QTest::newRow("largest") << quint64(0xFFFF'FFFF'FFFF'FFFF)
                             << QStringLiteral("FFFFFFFF/FFFFFFFF");
}

void tst_Lsn::format()
{
    QFETCH(quint64, lsn);
    QFETCH(QString, text);
    QCOMPARE(formatLsn(lsn), text);
    QCOMPARE(parseLsn(formatLsn(lsn)), lsn);
}

void tst_Lsn::diff_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<OptionalDiff>("diff");
    const OptionalDiff none;
    QTest::newRow("equal") << QStringLiteral("0/3000148") << QStringLiteral("0/3000148")
                           << OptionalDiff(0);
    QTest::newRow("ahead") << QStringLiteral("0/3000148") << QStringLiteral("0/3000100")
                           << OptionalDiff(72);
    QTest::newRow("behind") << QStringLiteral("0/3000100") << QStringLiteral("0/3000148")
                            << OptionalDiff(-72);
    // The low half wraps into the high one: 4 GiB segments of the 64-bit position.
    QTest::newRow("across the high half")
        << QStringLiteral("1/10") << QStringLiteral("0/FFFFFFF0") << OptionalDiff(0x20);
    QTest::newRow("largest positive")
        << QStringLiteral("7FFFFFFF/FFFFFFFF") << QStringLiteral("0/0")
        << OptionalDiff(std::numeric_limits<qint64>::max());
    QTest::newRow("too far ahead")
        << QStringLiteral("FFFFFFFF/FFFFFFFF") << QStringLiteral("0/0") << none;
    QTest::newRow("too far behind")
        << QStringLiteral("0/0") << QStringLiteral("FFFFFFFF/FFFFFFFF") << none;
    QTest::newRow("a empty (NULL)") << QString() << QStringLiteral("0/0") << none;
    QTest::newRow("b empty (NULL)") << QStringLiteral("0/0") << QString() << none;
    QTest::newRow("b garbage") << QStringLiteral("0/0") << QStringLiteral("lsn") << none;
}

void tst_Lsn::diff()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(OptionalDiff, diff);
    QCOMPARE(lsnDiff(a, b), diff);
}

QTEST_GUILESS_MAIN(tst_Lsn)
#include "tst_lsn.moc"
