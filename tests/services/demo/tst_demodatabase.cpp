#include "demodatabase.h"

#include <QTest>

using namespace Console;
using namespace Qt::StringLiterals;

namespace {

QString roleWord(const DemoDatabase &db)
{
    return db.reportedRole();
}

} // namespace

// The simulated database's state machine: what each admin request does from each state.
class tst_DemoDatabase final : public QObject
{
    Q_OBJECT

private slots:
    void startsAsConfigured_data();
    void startsAsConfigured();
    void fenceMakesAPrimaryReadOnly();
    void fencedPrimaryIsNeverPromoted();
    void promoteMakesAStandbyPrimary();
    void followOnlyForStandbys_data();
    void followOnlyForStandbys();
    void rejoinRebuildsAnyNodeAsAStandby();
    void refusalsChangeNothing();
};

void tst_DemoDatabase::startsAsConfigured_data()
{
    QTest::addColumn<RegionRole>("configured");
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("upstream");
    QTest::newRow("primary") << RegionRole::Primary << u"primary"_s << QString();
    QTest::newRow("standby") << RegionRole::Standby << u"standby"_s << u"us-east"_s;
    QTest::newRow("replica") << RegionRole::Replica << u"replica"_s << u"us-east"_s;
}

void tst_DemoDatabase::startsAsConfigured()
{
    QFETCH(RegionRole, configured);
    QFETCH(QString, word);
    QFETCH(QString, upstream);
    const DemoDatabase db(u"r"_s, configured, u"us-east"_s);
    QCOMPARE(roleWord(db), word);
    QCOMPARE(db.upstream(), upstream);
    QVERIFY(!db.fenced());
}

void tst_DemoDatabase::fenceMakesAPrimaryReadOnly()
{
    DemoDatabase db(u"us-east"_s, RegionRole::Primary, {});
    const DemoDatabase::Outcome fenced = db.fence();
    QVERIFY2(fenced.ok, qPrintable(fenced.message));
    QVERIFY(db.fenced());
    QVERIFY(db.role() == DemoDatabase::Role::Primary);
    // The word the console's role reader counts as not writable.
    QCOMPARE(roleWord(db), u"read-only"_s);
    // Fencing twice (a retried step) is fine.
    QVERIFY(db.fence().ok);
    QCOMPARE(roleWord(db), u"read-only"_s);

    DemoDatabase standby(u"eu-west"_s, RegionRole::Standby, u"us-east"_s);
    QVERIFY(standby.fence().ok);
    QVERIFY(!standby.fenced());
    QCOMPARE(roleWord(standby), u"standby"_s);
}

void tst_DemoDatabase::fencedPrimaryIsNeverPromoted()
{
    DemoDatabase db(u"us-east"_s, RegionRole::Primary, {});
    QVERIFY(db.fence().ok);
    const DemoDatabase::Outcome promoted = db.promote();
    QVERIFY(!promoted.ok);
    QVERIFY2(promoted.message.contains(u"rejoin"_s), qPrintable(promoted.message));
    QCOMPARE(roleWord(db), u"read-only"_s);
}

void tst_DemoDatabase::promoteMakesAStandbyPrimary()
{
    DemoDatabase db(u"eu-west"_s, RegionRole::Standby, u"us-east"_s);
    QVERIFY(db.promote().ok);
    QVERIFY(db.role() == DemoDatabase::Role::Primary);
    QCOMPARE(roleWord(db), u"primary"_s);
    QVERIFY(db.upstream().isEmpty());
    // Again, as pg_promote() on a primary: already done.
    const DemoDatabase::Outcome again = db.promote();
    QVERIFY(again.ok);
    QVERIFY2(again.message.contains(u"already"_s), qPrintable(again.message));

    DemoDatabase replica(u"ap-southeast"_s, RegionRole::Replica, u"us-east"_s);
    QVERIFY(replica.promote().ok);
    QCOMPARE(roleWord(replica), u"primary"_s);
}

void tst_DemoDatabase::followOnlyForStandbys_data()
{
    QTest::addColumn<RegionRole>("configured");
    QTest::addColumn<QString>("upstream");
    QTest::addColumn<bool>("ok");
    QTest::newRow("standby to another") << RegionRole::Standby << u"eu-west"_s << true;
    QTest::newRow("replica to another") << RegionRole::Replica << u"eu-west"_s << true;
    QTest::newRow("standby to itself") << RegionRole::Standby << u"self"_s << false;
    QTest::newRow("standby to nobody") << RegionRole::Standby << QString() << false;
    QTest::newRow("primary") << RegionRole::Primary << u"eu-west"_s << false;
}

void tst_DemoDatabase::followOnlyForStandbys()
{
    QFETCH(RegionRole, configured);
    QFETCH(QString, upstream);
    QFETCH(bool, ok);
    DemoDatabase db(u"self"_s, configured, u"us-east"_s);
    const QString before = db.upstream();
    const DemoDatabase::Outcome outcome = db.follow(upstream);
    QCOMPARE(outcome.ok, ok);
    QVERIFY(!outcome.message.isEmpty());
    QCOMPARE(db.upstream(), ok ? upstream : before);
}

void tst_DemoDatabase::rejoinRebuildsAnyNodeAsAStandby()
{
    DemoDatabase fenced(u"us-east"_s, RegionRole::Primary, {});
    QVERIFY(fenced.fence().ok);
    QVERIFY(fenced.rejoin(u"eu-west"_s).ok);
    QVERIFY(fenced.role() == DemoDatabase::Role::Standby);
    QVERIFY(!fenced.fenced());
    QCOMPARE(fenced.upstream(), u"eu-west"_s);
    QCOMPARE(roleWord(fenced), u"standby"_s);
    // Rebuilt, it can be promoted again (the failback).
    QVERIFY(fenced.promote().ok);
    QCOMPARE(roleWord(fenced), u"primary"_s);

    // An unfenced primary is rebuilt too: the rebuild throws its own timeline away.
    DemoDatabase live(u"us-east"_s, RegionRole::Primary, {});
    QVERIFY(live.rejoin(u"eu-west"_s).ok);
    QCOMPARE(roleWord(live), u"standby"_s);
}

void tst_DemoDatabase::refusalsChangeNothing()
{
    DemoDatabase db(u"us-east"_s, RegionRole::Primary, {});
    QVERIFY(!db.rejoin(u"us-east"_s).ok);
    QVERIFY(!db.rejoin(QString()).ok);
    QVERIFY(!db.follow(u"eu-west"_s).ok);
    QCOMPARE(roleWord(db), u"primary"_s);
    QVERIFY(db.upstream().isEmpty());
    QVERIFY(!db.fenced());
}

QTEST_GUILESS_MAIN(tst_DemoDatabase)
#include "tst_demodatabase.moc"
