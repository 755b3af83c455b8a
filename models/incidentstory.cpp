#include "incidentstory.h"

#include "quantitytext.h"

#include <algorithm>

namespace Console {

namespace {
int alarm(Health health)
{
    switch (health) {
    case Health::Healthy: return 0;
    case Health::Unknown: return 1;
    case Health::Degraded: return 2;
    case Health::Unhealthy: return 3;
    }
    return 1;
}

bool bad(Health health)
{
    return health == Health::Degraded || health == Health::Unhealthy;
}
} // namespace

QString IncidentStory::since(const StoryInput &input, const QDateTime &start)
{
    if (!start.isValid() || !input.now.isValid())
        return {};
    return QLatin1Char(' ')
        + QuantityText::elapsed(std::chrono::milliseconds(start.msecsTo(input.now)));
}

QString IncidentStory::regionName(const StoryInput &input, const QString &regionId)
{
    for (const RegionSituation &region : input.regions) {
        if (region.id == regionId)
            return region.name.isEmpty() ? region.id : region.name;
    }
    return regionId;
}

QString IncidentStory::candidateText(const StoryInput &input, const PromotionCandidate &candidate)
{
    const QString name = regionName(input, candidate.regionId);
    const QString readiness = candidate.health == Health::Healthy
        ? tr("ready")
        : healthLabel(candidate.health).toLower();
    const ExpectedLoss &loss = candidate.loss;
    if (!loss.bytes)
        return tr("%1 %2, loss unknown").arg(name, readiness);
    const QString behind = QuantityText::bytes(*loss.bytes);
    return loss.bytesIsLowerBound ? tr("%1 %2, at least %3 behind").arg(name, readiness, behind)
                                  : tr("%1 %2, %3 behind").arg(name, readiness, behind);
}

StoryLine IncidentStory::primaryLost(const StoryInput &input)
{
    const PrimaryState &primary = input.primary;
    // Never seen since the console started: the lost region's own verdict dates the outage.
    QDateTime start = primary.lastPrimarySeenAt;
    for (const RegionSituation &region : input.regions) {
        if (!start.isValid() && region.id == input.lostPrimaryRegionId)
            start = region.since;
    }
    QString text = tr("PRIMARY DOWN%1").arg(since(input, start));
    if (!input.lostPrimaryRegionId.isEmpty())
        text += tr(" (%1)").arg(regionName(input, input.lostPrimaryRegionId));
    if (input.candidates.isEmpty())
        return { Health::Unhealthy, tr("%1 — no standby to promote").arg(text) };
    return { Health::Unhealthy,
        tr("%1 — %2").arg(text, candidateText(input, input.candidates.constFirst())) };
}

StoryLine IncidentStory::splitBrain(const StoryInput &input)
{
    QStringList names;
    for (const RegionSituation &region : input.regions) {
        if (region.primary)
            names << (region.name.isEmpty() ? region.id : region.name);
    }
    const int count = int(std::max(input.primary.writableIds.size(), qsizetype(2)));
    QString text = tr("SPLIT BRAIN: %1 writable primaries").arg(count);
    if (!names.isEmpty())
        text += tr(" — %1").arg(names.join(QStringLiteral(", ")));
    return { Health::Unhealthy, text };
}

QList<StoryLine> IncidentStory::tell(const StoryInput &input)
{
    QList<StoryLine> lines;

    // The console's own doubt comes first: red everywhere may be its own network.
    const bool everyRegionDown = input.regions.size() >= 2
        && std::all_of(input.regions.cbegin(), input.regions.cend(),
            [](const RegionSituation &r) { return r.health == Health::Unhealthy; });
    if (!input.selfCheckDoubt.isEmpty()) {
        lines << StoryLine { Health::Unhealthy,
            tr("Console offline? %1 — automatic actions held").arg(input.selfCheckDoubt) };
    } else if (everyRegionDown) {
        QDateTime latest;
        for (const RegionSituation &region : input.regions) {
            if (region.since.isValid() && (!latest.isValid() || region.since > latest))
                latest = region.since;
        }
        lines << StoryLine { Health::Unhealthy,
            tr("Console offline? every region failing at once%1").arg(since(input, latest)) };
    }
    if (!input.activity.isEmpty())
        lines << StoryLine { Health::Degraded, input.activity };

    const RegionSituation *primaryRegion = nullptr;
    for (const RegionSituation &region : input.regions) {
        if (region.primary && !primaryRegion)
            primaryRegion = &region;
    }
    std::optional<StoryLine> calmPrimary;
    if (!input.serversReport) {
        calmPrimary = primaryRegion
            ? StoryLine { primaryRegion->health,
                  tr("Primary (configured): %1 — %2")
                      .arg(primaryRegion->name, healthLabel(primaryRegion->health).toLower()) }
            : StoryLine { Health::Unknown, tr("No primary region configured") };
    } else {
        switch (input.primary.status) {
        case PrimaryStatus::Unknown:
            calmPrimary = StoryLine { Health::Unknown, tr("Primary: waiting for the servers") };
            break;
        case PrimaryStatus::NoneReachable: lines << primaryLost(input); break;
        case PrimaryStatus::Several: lines << splitBrain(input); break;
        case PrimaryStatus::One: {
            const QString name = regionName(input, input.primary.regionId);
            if (primaryRegion && bad(primaryRegion->health)) {
                QString text = tr("Primary %1 %2%3")
                                   .arg(name,
                                       primaryRegion->health == Health::Unhealthy ? tr("failing")
                                                                                  : tr("degraded"),
                                       since(input, primaryRegion->since));
                if (!primaryRegion->cause.isEmpty())
                    text += tr(" — %1").arg(primaryRegion->cause);
                lines << StoryLine { primaryRegion->health, text };
            } else {
                calmPrimary = StoryLine { Health::Healthy,
                    tr("Primary: %1 — %2")
                        .arg(name,
                            primaryRegion ? healthLabel(primaryRegion->health).toLower()
                                          : tr("healthy")) };
            }
            break;
        }
        }
    }

    // The other regions, worst first; the first standby down says whether a target is left.
    QList<const RegionSituation *> troubled;
    int healthyTargets = 0;
    for (const RegionSituation &region : input.regions) {
        // The primary's region, and the lost primary's, are already told above.
        if (region.primary || region.id == input.lostPrimaryRegionId)
            continue;
        if (region.health == Health::Healthy && region.standby)
            ++healthyTargets;
        if (bad(region.health) && !everyRegionDown)
            troubled << &region;
    }
    std::stable_sort(
        troubled.begin(), troubled.end(), [](const RegionSituation *a, const RegionSituation *b) {
            return alarm(a->health) > alarm(b->health);
        });
    for (const RegionSituation *region : troubled) {
        QString text = tr("%1 %2 %3%4")
                           .arg(region->standby ? tr("Standby") : tr("Region"), region->name,
                               region->health == Health::Unhealthy ? tr("down") : tr("degraded"),
                               since(input, region->since));
        if (!region->cause.isEmpty())
            text += tr(" — %1").arg(region->cause);
        if (region->standby && healthyTargets == 0 && input.primary.status == PrimaryStatus::One
            && region == troubled.constFirst())
            text += tr(" — no failover target");
        lines << StoryLine { region->health, text };
    }

    if (calmPrimary)
        lines << *calmPrimary;
    std::stable_sort(lines.begin(), lines.end(),
        [](const StoryLine &a, const StoryLine &b) { return alarm(a.tone) > alarm(b.tone); });
    return lines;
}

} // namespace Console
