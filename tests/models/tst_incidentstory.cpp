#include "incidentstory.h"

#include <QTest>

using namespace Console;

class tst_IncidentStory : public QObject
{
    Q_OBJECT
private slots:
    void calmWhenAllHealthy();
    void primaryDownNamesTheReadyCandidate();
    void primaryDownWithUnknownOrBoundedLoss();
    void primaryDownWithoutCandidates();
    void neverSeenPrimaryIsDatedByItsRegion();
    void lastStandbyDownLeavesNoTarget();
    void standbyDownWithAnotherTargetLeft();
    void splitBrainNamesTheWritableRegions();
    void everyRegionFailingSuspectsTheConsole();
    void selfCheckDoubtComesFirst();
    void degradedPrimaryTellsItsCause();
    void configuredPrimaryWhenNoServerReports();

private:
    static const QDateTime now;
    static StoryInput threeRegions();
};

const QDateTime tst_IncidentStory::now = QDateTime(QDate(2026, 11, 29), QTime(12, 0), Qt::UTC);

StoryInput tst_IncidentStory::threeRegions()
{
    StoryInput input;
    input.now = now;
    input.serversReport = true;
    input.primary.status = PrimaryStatus::One;
    input.primary.regionId = QStringLiteral("us-east");
    input.primary.endpointId = QStringLiteral("us-east-db");
    input.regions = {
        { QStringLiteral("us-east"), QStringLiteral("US East"), Health::Healthy, {}, {}, true },
        { QStringLiteral("eu-west"), QStringLiteral("EU West"), Health::Healthy, {}, {}, false,
            true },
        { QStringLiteral("ap-south"), QStringLiteral("AP South"), Health::Healthy, {}, {}, false,
            true },
    };
    return input;
}

void tst_IncidentStory::calmWhenAllHealthy()
{
    const QList<StoryLine> lines = IncidentStory::tell(threeRegions());
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines[0].text, QStringLiteral("Primary: US East — healthy"));
    QVERIFY(lines[0].tone == Health::Healthy);
}

void tst_IncidentStory::primaryDownNamesTheReadyCandidate()
{
    StoryInput input = threeRegions();
    input.primary = {};
    input.primary.status = PrimaryStatus::NoneReachable;
    input.primary.lastPrimaryId = QStringLiteral("us-east-db");
    input.primary.lastPrimarySeenAt = now.addSecs(-42);
    input.lostPrimaryRegionId = QStringLiteral("us-east");
    input.regions[0].primary = false;
    input.regions[0].health = Health::Unhealthy;
    input.regions[0].cause = QStringLiteral("refused");
    PromotionCandidate best;
    best.regionId = QStringLiteral("eu-west");
    best.health = Health::Healthy;
    best.loss.bytes = 0;
    input.candidates = { best };

    const QList<StoryLine> lines = IncidentStory::tell(input);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(
        lines[0].text, QStringLiteral("PRIMARY DOWN 0:42 (US East) — EU West ready, 0 B behind"));
    QVERIFY(lines[0].tone == Health::Unhealthy);
}

void tst_IncidentStory::primaryDownWithUnknownOrBoundedLoss()
{
    StoryInput input = threeRegions();
    input.primary = {};
    input.primary.status = PrimaryStatus::NoneReachable;
    input.primary.lastPrimarySeenAt = now.addSecs(-75);
    input.regions[0].primary = false;
    PromotionCandidate best;
    best.regionId = QStringLiteral("ap-south");
    best.health = Health::Degraded;
    input.candidates = { best };
    QCOMPARE(IncidentStory::tell(input).constFirst().text,
        QStringLiteral("PRIMARY DOWN 1:15 — AP South degraded, loss unknown"));

    input.candidates[0].loss.bytes = 12 * 1024;
    input.candidates[0].loss.bytesIsLowerBound = true;
    QCOMPARE(IncidentStory::tell(input).constFirst().text,
        QStringLiteral("PRIMARY DOWN 1:15 — AP South degraded, at least 12.0 KiB behind"));
}

void tst_IncidentStory::neverSeenPrimaryIsDatedByItsRegion()
{
    StoryInput input = threeRegions();
    input.primary = {};
    input.primary.status = PrimaryStatus::NoneReachable;
    input.lostPrimaryRegionId = QStringLiteral("us-east");
    input.regions[0].primary = false;
    input.regions[0].health = Health::Unhealthy;
    input.regions[0].since = now.addSecs(-8);
    PromotionCandidate best;
    best.regionId = QStringLiteral("eu-west");
    best.health = Health::Healthy;
    input.candidates = { best };
    const QList<StoryLine> lines = IncidentStory::tell(input);
    QCOMPARE(lines.constFirst().text,
        QStringLiteral("PRIMARY DOWN 0:08 (US East) — EU West ready, loss unknown"));
    // The lost region is told once, in the headline.
    QCOMPARE(lines.size(), 1);
}

void tst_IncidentStory::primaryDownWithoutCandidates()
{
    StoryInput input = threeRegions();
    input.primary = {};
    input.primary.status = PrimaryStatus::NoneReachable;
    input.regions[0].primary = false;
    const QList<StoryLine> lines = IncidentStory::tell(input);
    QCOMPARE(lines.constFirst().text, QStringLiteral("PRIMARY DOWN — no standby to promote"));
}

void tst_IncidentStory::lastStandbyDownLeavesNoTarget()
{
    StoryInput input = threeRegions();
    input.regions.removeLast();
    input.regions[1].health = Health::Unhealthy;
    input.regions[1].cause = QStringLiteral("refused");
    input.regions[1].since = now.addSecs(-130);

    const QList<StoryLine> lines = IncidentStory::tell(input);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(
        lines[0].text, QStringLiteral("Standby EU West down 2:10 — refused — no failover target"));
    QVERIFY(lines[0].tone == Health::Unhealthy);
    QCOMPARE(lines[1].text, QStringLiteral("Primary: US East — healthy"));
}

void tst_IncidentStory::standbyDownWithAnotherTargetLeft()
{
    StoryInput input = threeRegions();
    input.regions[2].health = Health::Degraded;
    input.regions[2].cause = QStringLiteral("lag 12.0 MiB");
    input.regions[2].since = now.addSecs(-30);
    input.regions[1].health = Health::Unhealthy;
    input.regions[1].cause = QStringLiteral("timeout");
    input.regions[1].since = now.addSecs(-5);

    const QList<StoryLine> lines = IncidentStory::tell(input);
    QCOMPARE(lines.size(), 3);
    // Worst first, and a failover target (none healthy) is not claimed while one is degraded
    // only: no healthy standby is left, so the first standby line says so.
    QCOMPARE(
        lines[0].text, QStringLiteral("Standby EU West down 0:05 — timeout — no failover target"));
    QCOMPARE(lines[1].text, QStringLiteral("Standby AP South degraded 0:30 — lag 12.0 MiB"));
    QVERIFY(lines[1].tone == Health::Degraded);

    input.regions[2].health = Health::Healthy;
    QCOMPARE(IncidentStory::tell(input).constFirst().text,
        QStringLiteral("Standby EU West down 0:05 — timeout"));
}

void tst_IncidentStory::splitBrainNamesTheWritableRegions()
{
    StoryInput input = threeRegions();
    input.primary = {};
    input.primary.status = PrimaryStatus::Several;
    input.primary.writableIds = { QStringLiteral("us-east-db"), QStringLiteral("eu-west-db") };
    input.regions[1].primary = true;
    const QList<StoryLine> lines = IncidentStory::tell(input);
    QCOMPARE(lines.constFirst().text,
        QStringLiteral("SPLIT BRAIN: 2 writable primaries — US East, EU West"));
    QVERIFY(lines.constFirst().tone == Health::Unhealthy);
}

void tst_IncidentStory::everyRegionFailingSuspectsTheConsole()
{
    StoryInput input = threeRegions();
    input.primary = {};
    input.primary.status = PrimaryStatus::NoneReachable;
    for (int i = 0; i < input.regions.size(); ++i) {
        input.regions[i].health = Health::Unhealthy;
        input.regions[i].primary = false;
        input.regions[i].since = now.addSecs(-10 + i);
    }
    const QList<StoryLine> lines = IncidentStory::tell(input);
    QCOMPARE(lines.constFirst().text,
        QStringLiteral("Console offline? every region failing at once 0:08"));
    // The regions themselves are not listed one by one under that headline.
    for (const StoryLine &line : lines)
        QVERIFY2(!line.text.startsWith(QStringLiteral("Standby")), qPrintable(line.text));
}

void tst_IncidentStory::selfCheckDoubtComesFirst()
{
    StoryInput input = threeRegions();
    input.selfCheckDoubt = QStringLiteral("the control endpoint is unreachable too");
    const QList<StoryLine> lines = IncidentStory::tell(input);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].text,
        QStringLiteral("Console offline? the control endpoint is unreachable too — automatic "
                       "actions held"));
    QVERIFY(lines[0].tone == Health::Unhealthy);
}

void tst_IncidentStory::degradedPrimaryTellsItsCause()
{
    StoryInput input = threeRegions();
    input.regions[0].health = Health::Degraded;
    input.regions[0].cause = QStringLiteral("slow, 950 ms");
    input.regions[0].since = now.addSecs(-65);
    const QList<StoryLine> lines = IncidentStory::tell(input);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines[0].text, QStringLiteral("Primary US East degraded 1:05 — slow, 950 ms"));
    QVERIFY(lines[0].tone == Health::Degraded);
}

void tst_IncidentStory::configuredPrimaryWhenNoServerReports()
{
    StoryInput input = threeRegions();
    input.serversReport = false;
    input.primary = {};
    input.regions[1].standby = false;
    input.regions[1].health = Health::Unhealthy;
    const QList<StoryLine> lines = IncidentStory::tell(input);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines[0].text, QStringLiteral("Region EU West down"));
    QCOMPARE(lines[1].text, QStringLiteral("Primary (configured): US East — healthy"));
}

QTEST_GUILESS_MAIN(tst_IncidentStory)
#include "tst_incidentstory.moc"
