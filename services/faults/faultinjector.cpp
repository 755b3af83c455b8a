#include "faultinjector.h"

#include "actioncontext.h"
#include "actionoutcome.h"
#include "actionrunner.h"
#include "config.h"
#include "demofault.h"
#include "demotopology.h"

#include <QNetworkAccessManager>
#include <QTimer>

#include <utility>

namespace Console {

namespace {

constexpr qsizetype MaxWhyLength = 200;

QString lastLine(const QString &text)
{
    const QStringList lines = text.split(u'\n', Qt::SkipEmptyParts);
    for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
        const QString line = it->trimmed();
        if (!line.isEmpty())
            return line.size() > MaxWhyLength ? line.left(MaxWhyLength) + u'…' : line;
    }
    return {};
}

} // namespace

FaultInjector::FaultInjector(const ConsoleConfig &config, DemoTopology *demo,
    QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_demo(demo)
    , m_network(network)
{ }

FaultInjector::~FaultInjector() = default;

const ActionConfig *FaultInjector::configuredFault(
    const QString &regionId, const QString &fault) const
{
    const RegionConfig *region = m_config.region(regionId);
    if (!region)
        return nullptr;
    const auto it = region->admin.faults.constFind(fault);
    return it == region->admin.faults.cend() ? nullptr : &*it;
}

QStringList FaultInjector::demoFaults(const QString &regionId) const
{
    if (!m_demo || !m_demo->regionIds().contains(regionId))
        return {};
    return demoDrillFaultNames();
}

QStringList FaultInjector::faults(const QString &regionId) const
{
    QStringList names = demoFaults(regionId);
    if (const RegionConfig *region = m_config.region(regionId))
        names += region->admin.faults.keys();
    names.removeDuplicates();
    names.sort();
    return names;
}

bool FaultInjector::supports(const QString &regionId, const QString &fault) const
{
    return unsupportedReason(regionId, fault).isEmpty();
}

QString FaultInjector::unsupportedReason(const QString &regionId, const QString &fault) const
{
    if (!m_config.region(regionId) && demoFaults(regionId).isEmpty())
        return tr("there is no region %1").arg(regionId);
    if (configuredFault(regionId, fault))
        return {};
    if (demoFaults(regionId).contains(fault)) {
        if (!m_demo->isRunning())
            return tr("the demo is not running");
        return {};
    }
    const QStringList known = faults(regionId);
    if (known.isEmpty())
        return tr("region %1 has no fault \"%2\": it has no faults at all; add admin.faults.%2 (an "
                  "action) to its configuration")
            .arg(regionId, fault);
    return tr("region %1 has no fault \"%2\": add admin.faults.%2 (an action) to its "
              "configuration; it has %3")
        .arg(regionId, fault, known.join(QStringLiteral(", ")));
}

void FaultInjector::inject(const QString &regionId, const QString &fault)
{
    if (m_running) {
        refuseLater(
            regionId, fault, tr("not run: fault %1 on %2 is still running").arg(m_fault, m_region));
        return;
    }
    if (const QString reason = unsupportedReason(regionId, fault); !reason.isEmpty()) {
        refuseLater(regionId, fault, tr("not run: %1").arg(reason));
        return;
    }
    m_running = true;
    m_region = regionId;
    m_fault = fault;
    const quint64 serial = ++m_serial;
    m_action = configuredFault(regionId, fault);
    if (!m_action) {
        // Applied from the event loop, so that abort() before then leaves the region alone.
        QTimer::singleShot(0, this, [this, serial] { applyDemoFault(serial); });
        return;
    }
    const RegionConfig *region = m_config.region(regionId);
    ActionContext context;
    context.message
        = tr("Drill: fault %1 on %2").arg(fault, region->name.isEmpty() ? regionId : region->name);
    context.values
        = { { QStringLiteral("region"), regionId }, { QStringLiteral("target_region"), regionId },
              { QStringLiteral("target_name"), region->name.isEmpty() ? regionId : region->name },
              { QStringLiteral("message"), context.message } };
    runner()->run(*m_action, context);
}

ActionRunner *FaultInjector::runner()
{
    if (m_runner)
        return m_runner;
    if (!m_network) {
        // Not the window's or the engine's: a demo-only caller passed none, and a configured
        // fault turned up after all.
        m_network = new QNetworkAccessManager(this);
    }
    m_runner = new ActionRunner(m_network, this);
    connect(m_runner, &ActionRunner::finished, this, &FaultInjector::onActionFinished);
    return m_runner;
}

void FaultInjector::applyDemoFault(quint64 serial)
{
    if (!m_running || serial != m_serial)
        return;
    const DemoFault wanted = demoFaultForDrill(m_fault).value_or(DemoFault::None);
    if (!m_demo->isRunning()) {
        conclude(false, tr("the demo is not running"));
        return;
    }
    m_demo->setFault(m_region, wanted);
    // The demo keeps the old fault when it cannot apply the new one (a port taken meanwhile).
    const DemoFault applied = m_demo->fault(m_region);
    if (applied != wanted) {
        conclude(false,
            tr("the demo could not set %1 on %2; it is still %3")
                .arg(toString(wanted), m_region, toString(applied)));
        return;
    }
    conclude(true,
        wanted == DemoFault::None ? tr("demo region %1 restored: no fault").arg(m_region)
                                  : tr("demo region %1 is now %2").arg(m_region, toString(wanted)));
}

void FaultInjector::onActionFinished(const ActionOutcome &outcome)
{
    if (!m_running || !m_action)
        return;
    // A failed program's last words say why ("lab: primary is not a standby"); the detail is as
    // free of secrets as the summary.
    const QString why = outcome.ok ? QString() : lastLine(outcome.detail);
    conclude(outcome.ok,
        why.isEmpty() ? tr("%1: %2").arg(m_action->id, outcome.summary)
                      : tr("%1: %2: %3").arg(m_action->id, outcome.summary, why));
}

void FaultInjector::abort()
{
    if (!m_running)
        return;
    if (m_action) {
        m_runner->abort(); // its finished() concludes
        return;
    }
    conclude(false, tr("aborted before the demo applied it"));
}

void FaultInjector::refuseLater(
    const QString &regionId, const QString &fault, const QString &summary)
{
    QTimer::singleShot(0, this,
        [this, regionId, fault, summary] { emit finished(regionId, fault, false, summary); });
}

void FaultInjector::conclude(bool ok, const QString &summary)
{
    m_running = false;
    m_action = nullptr;
    ++m_serial;
    // Copies: a slot may call inject() again.
    const QString region = std::exchange(m_region, {});
    const QString fault = std::exchange(m_fault, {});
    emit finished(region, fault, ok, summary);
}

} // namespace Console
