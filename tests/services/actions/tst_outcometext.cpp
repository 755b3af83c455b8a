#include "outcometext.h"

#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

class tst_OutcomeText final : public QObject
{
    Q_OBJECT

private slots:
    void masksLongestFirst();
    void detailKeepsTheTail();
    void detailNeverCutsASecretInHalf();
    void writesElapsedTime();
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

QTEST_GUILESS_MAIN(tst_OutcomeText)
#include "tst_outcometext.moc"
