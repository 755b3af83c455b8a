#include "demofault.h"

#include <QTest>

using namespace Console;
using namespace Qt::StringLiterals;

// The stable names of the demo faults, as logs, settings and command lines spell them.
class tst_DemoFault final : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void parse_data();
    void parse();
    void allFaultsInOrder();
    void drillNames_data();
    void drillNames();
};

void tst_DemoFault::roundTrip_data()
{
    QTest::addColumn<DemoFault>("fault");
    QTest::addColumn<QString>("name");
    QTest::newRow("none") << DemoFault::None << u"none"_s;
    QTest::newRow("down") << DemoFault::Down << u"down"_s;
    QTest::newRow("slow") << DemoFault::Slow << u"slow"_s;
    QTest::newRow("hang") << DemoFault::Hang << u"hang"_s;
    QTest::newRow("erroring") << DemoFault::Erroring << u"erroring"_s;
    QTest::newRow("lagging") << DemoFault::Lagging << u"lagging"_s;
}

void tst_DemoFault::roundTrip()
{
    QFETCH(DemoFault, fault);
    QFETCH(QString, name);
    QCOMPARE(toString(fault), name);
    const std::optional<DemoFault> parsed = demoFaultFromString(name);
    QVERIFY(parsed.has_value());
    QCOMPARE(toString(*parsed), name);
}

void tst_DemoFault::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<DemoFault>("fault");
    QTest::newRow("upper case") << u"DOWN"_s << true << DemoFault::Down;
    QTest::newRow("padded") << u"  slow "_s << true << DemoFault::Slow;
    QTest::newRow("empty") << QString() << false << DemoFault::None;
    QTest::newRow("unknown") << u"flaky"_s << false << DemoFault::None;
    QTest::newRow("prefix only") << u"lag"_s << false << DemoFault::None;
}

void tst_DemoFault::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(DemoFault, fault);
    const std::optional<DemoFault> parsed = demoFaultFromString(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(toString(*parsed), toString(fault));
}

void tst_DemoFault::allFaultsInOrder()
{
    // The fault panel uses the enum's values as button ids: the order is part of the contract.
    const QList<DemoFault> faults = allDemoFaults();
    QCOMPARE(faults.size(), 6);
    for (int i = 0; i < faults.size(); ++i)
        QCOMPARE(int(faults.at(i)), i);
    QStringList sorted = demoDrillFaultNames();
    sorted.sort();
    QCOMPARE(demoDrillFaultNames(), sorted);
}

void tst_DemoFault::drillNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<DemoFault>("fault");
    QTest::newRow("down") << u"down"_s << true << DemoFault::Down;
    QTest::newRow("refuse") << u"refuse"_s << true << DemoFault::Down;
    QTest::newRow("slow") << u"slow"_s << true << DemoFault::Slow;
    QTest::newRow("freeze") << u"freeze"_s << true << DemoFault::Hang;
    QTest::newRow("hang") << u"hang"_s << true << DemoFault::Hang;
    QTest::newRow("erroring") << u"erroring"_s << true << DemoFault::Erroring;
    QTest::newRow("lag") << u"lag"_s << true << DemoFault::Lagging;
    QTest::newRow("restore") << u"restore"_s << true << DemoFault::None;
    QTest::newRow("none is no drill name") << u"none"_s << false << DemoFault::None;
    QTest::newRow("upper case") << u"Down"_s << false << DemoFault::None;
    QTest::newRow("user-defined") << u"dns-failure"_s << false << DemoFault::None;
}

void tst_DemoFault::drillNames()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QFETCH(DemoFault, fault);
    const std::optional<DemoFault> parsed = demoFaultForDrill(name);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(toString(*parsed), toString(fault));
    QCOMPARE(demoDrillFaultNames().contains(name), valid);
}

QTEST_GUILESS_MAIN(tst_DemoFault)
#include "tst_demofault.moc"
