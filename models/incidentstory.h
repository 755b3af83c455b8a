#pragma once

#include "health.h"
#include "topologytypes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace Console {

// One region as the banner needs it: its verdict, since when, and whether the servers (not the
// configuration) say it holds the primary.
struct RegionSituation
{
    QString id;
    QString name;
    Health health = Health::Unknown;
    QString cause; // short: "refused", "timeout", "HTTP 503", "lag 12 MiB"; may be empty
    QDateTime since; // when the current verdict began; invalid when unknown
    bool primary = false;
    bool standby = false; // its servers report a standby
};

// Everything the story is told from; plain values, so it is tested without a window or engine.
struct StoryInput
{
    QDateTime now;
    QList<RegionSituation> regions; // configuration order
    bool serversReport = false; // some server reported a role (else only the configuration speaks)
    PrimaryState primary;
    // While no primary is reachable: the region it was last seen in (else the configured one).
    QString lostPrimaryRegionId;
    QList<PromotionCandidate> candidates; // best first, while no primary is reachable
    QString selfCheckDoubt; // set while the console suspects its own network
    QString activity; // a failover run in progress, in words; empty when idle
};

// One sentence of the story; `tone` is the health whose colour the sentence deserves.
struct StoryLine
{
    Health tone = Health::Unknown;
    QString text;
};

// The incident banner's words: the situation worst first, each state with how long it has
// lasted ("PRIMARY DOWN 0:42 — EU West ready, 0 B behind"). The first line is the headline and
// its tone colours the banner, so the colour always matches what it says.
class IncidentStory
{
    Q_DECLARE_TR_FUNCTIONS(IncidentStory)
public:
    static QList<StoryLine> tell(const StoryInput &input);

private:
    static QString since(const StoryInput &input, const QDateTime &start);
    static QString regionName(const StoryInput &input, const QString &regionId);
    static StoryLine primaryLost(const StoryInput &input);
    static StoryLine splitBrain(const StoryInput &input);
    static QString candidateText(const StoryInput &input, const PromotionCandidate &candidate);
};

} // namespace Console
