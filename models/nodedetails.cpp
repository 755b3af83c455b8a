#include "nodedetails.h"

#include "displaytext.h"
#include "quantitytext.h"

namespace Console {

namespace {
QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("—") : text;
}

QString lagText(const std::optional<qint64> &bytes, const std::optional<double> &seconds)
{
    QStringList parts;
    if (bytes)
        parts << QuantityText::bytes(*bytes);
    if (seconds)
        parts << QuantityText::seconds(*seconds);
    return parts.isEmpty() ? QStringLiteral("—") : parts.join(QStringLiteral(" · "));
}
} // namespace

QList<DetailRow> NodeDetails::rows(const Input &input, const QDateTime &now)
{
    QList<DetailRow> rows;
    const auto add = [&rows](const QString &label, const QString &value, bool warning = false) {
        rows.append({ label, value, warning });
    };
    add(tr("Node"), input.name);
    if (!input.target.isEmpty())
        add(tr("Target"), input.target);
    QString verdict = healthLabel(input.health);
    if (input.since.isValid())
        verdict += tr(" for %1").arg(
            QuantityText::elapsed(std::chrono::milliseconds(input.since.msecsTo(now))));
    add(tr("Health"), verdict,
        input.health == Health::Degraded || input.health == Health::Unhealthy);
    if (!input.reason.isEmpty())
        add(tr("Why"), input.reason);

    const NodeState *node = input.node;
    if (node) {
        QString role = node->role ? DisplayText::postgresRole(*node->role) : tr("not reported");
        if (node->fenced())
            role += tr(" (fenced: read-only)");
        if (node->contradictsConfig())
            role += tr(" — the configuration says %1")
                        .arg(DisplayText::regionRole(node->configuredRole));
        add(tr("Role"), role, node->fenced() || node->contradictsConfig());
        if (node->lastAnswerAt.isValid())
            add(tr("Last answer"),
                tr("%1 ago").arg(QuantityText::elapsed(
                    std::chrono::milliseconds(node->lastAnswerAt.msecsTo(now)))),
                !node->answering);
    }
    const PostgresObservation *o = node && node->observation ? &*node->observation : nullptr;
    if (o) {
        add(tr("Timeline"), o->timeline ? QString::number(*o->timeline) : QStringLiteral("—"));
        if (o->role == PostgresRole::Primary) {
            add(tr("Current LSN"), orDash(o->currentLsn));
        } else {
            add(tr("Received LSN"),
                orDash(o->flushedLsn.isEmpty() ? o->receiveLsn : o->flushedLsn));
            add(tr("Replayed LSN"), orDash(o->replayLsn));
            add(tr("Upstream"),
                o->senderHost.isEmpty()
                    ? tr("none (no WAL receiver)")
                    : tr("%1:%2 · %3")
                          .arg(o->senderHost,
                              o->senderPort ? QString::number(*o->senderPort) : QStringLiteral("?"),
                              orDash(o->receiverStatus)),
                o->senderHost.isEmpty());
            if (o->replayPaused)
                add(tr("Replay"), tr("paused"), true);
        }
        add(tr("Connections"),
            o->maxConnections > 0 ? tr("%1 of %2").arg(o->connections).arg(o->maxConnections)
                                  : QString::number(o->connections),
            o->maxConnections > 0 && o->connections * 10 >= o->maxConnections * 9);
        add(tr("Commits/s"),
            o->commitsPerSecond ? QString::number(*o->commitsPerSecond, 'f', 1)
                                : QStringLiteral("—"));
    }

    const NodeReplication &r = input.replication;
    if (r.side == NodeReplication::Side::Upstream) {
        add(tr("Standbys"),
            tr("%1 of %2 streaming").arg(r.streamingStandbys).arg(r.standbys.size()),
            r.noStandbyStreaming);
        for (const ReplicationLink &link : r.standbys)
            add(tr("  %1").arg(link.standbyName.isEmpty() ? link.standbyId : link.standbyName),
                tr("%1 · %2").arg(orDash(link.state), lagText(link.lagBytes, link.lagSeconds)),
                !link.streaming());
    } else if (r.side == NodeReplication::Side::Standby) {
        const std::optional<qint64> bytes = r.link ? r.link->lagBytes : std::nullopt;
        const std::optional<double> seconds = r.link ? r.link->lagSeconds : std::nullopt;
        add(tr("Lag"), lagText(bytes, seconds));
        if (r.expectedLoss) {
            const ExpectedLoss &loss = *r.expectedLoss;
            add(tr("If promoted now"),
                loss.bytes ? tr("loses %1%2")
                                 .arg(loss.bytesIsLowerBound ? tr("at least ") : QString(),
                                     QuantityText::bytes(*loss.bytes))
                           : tr("loss unknown: %1").arg(orDash(loss.unknownReason)),
                true);
        }
    } else if (r.side == NodeReplication::Side::Reported && r.reportedLagSeconds) {
        add(tr("Lag (reported)"), QuantityText::seconds(*r.reportedLagSeconds));
    }
    if (r.stale && r.lastAnswerAt.isValid())
        add(tr("Figures"),
            tr("from the last answer, %1 ago")
                .arg(QuantityText::elapsed(std::chrono::milliseconds(r.lastAnswerAt.msecsTo(now)))),
            true);

    for (const RecentError &error : input.errors)
        add(tr("Error at %1").arg(DisplayText::clockTime(error.at)), error.text, true);
    return rows;
}

} // namespace Console
