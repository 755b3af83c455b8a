#include "failoverreader.h"

#include "actionreader.h"
#include "quantitytext.h"
#include "yamlmapping.h"
#include "yamlnodereader.h"

#include <QDir>
#include <QFileInfo>

namespace Console {

namespace {

using namespace std::chrono_literals;

const QStringList FailoverKeys = { QStringLiteral("mode"), QStringLiteral("max_lag_on_failover"),
    QStringLiteral("max_lag_time_on_failover"), QStringLiteral("confirmation_probes"),
    QStringLiteral("confirmation_spacing"), QStringLiteral("cooldown"),
    QStringLiteral("step_timeout"), QStringLiteral("verify_timeout"),
    QStringLiteral("failback_healthy_for"), QStringLiteral("lock_file"), QStringLiteral("traffic"),
    QStringLiteral("notify") };

// More probes than this delay a failover by seconds for no more certainty.
constexpr int MaxConfirmationProbes = 10;
// Closer than 20 ms, the confirming probes see one moment; further than 5 s apart, an outage
// waits too long for its confirmation.
constexpr Milliseconds MinConfirmationSpacing = 20ms;
constexpr Milliseconds MaxConfirmationSpacing = 5s;

} // namespace

FailoverReader::FailoverReader(
    YamlNodeReader &reader, ActionReader &actions, const QString &baseDir)
    : m_reader(reader)
    , m_actions(actions)
    , m_baseDir(baseDir)
{ }

void FailoverReader::read(const YamlMapping &top, FailoverSettings &s)
{
    const YamlField *section = top.field(u"failover");
    if (!section)
        return;
    const YamlMapping map(m_reader, section->value, section->keyNode.Mark(), tr("in failover"),
        FailoverKeys, YamlMapping::Null::IsEmpty);
    if (const YamlField *f = map.field(u"mode"))
        readMode(*f, s);
    if (const YamlField *f = map.field(u"max_lag_on_failover"))
        s.maxLagBytes = m_reader.byteSize(*f).value_or(s.maxLagBytes);
    if (const YamlField *f = map.field(u"max_lag_time_on_failover"))
        s.maxLagSeconds = m_reader.duration(*f, false).value_or(s.maxLagSeconds);
    if (const YamlField *f = map.field(u"confirmation_probes")) {
        s.confirmationProbes
            = m_reader.integer(*f, 1, MaxConfirmationProbes).value_or(s.confirmationProbes);
    }
    if (const YamlField *f = map.field(u"confirmation_spacing")) {
        s.confirmationSpacing = durationBetween(*f, MinConfirmationSpacing, MaxConfirmationSpacing)
                                    .value_or(s.confirmationSpacing);
    }
    // Zero is a choice: every confirmed outage may fail over, however recent the last one.
    if (const YamlField *f = map.field(u"cooldown"))
        s.cooldown = m_reader.duration(*f, true).value_or(s.cooldown);
    if (const YamlField *f = map.field(u"step_timeout"))
        s.stepTimeout = m_reader.duration(*f, false).value_or(s.stepTimeout);
    if (const YamlField *f = map.field(u"verify_timeout"))
        s.verifyTimeout = m_reader.duration(*f, false).value_or(s.verifyTimeout);
    if (const YamlField *f = map.field(u"failback_healthy_for"))
        s.failbackHealthyFor = m_reader.duration(*f, false).value_or(s.failbackHealthyFor);
    if (const YamlField *f = map.field(u"lock_file"))
        readLockFile(*f, s);
    if (const YamlField *f = map.field(u"traffic"))
        s.traffic = m_actions.readList(*f, QStringLiteral("failover.traffic"));
    if (const YamlField *f = map.field(u"notify"))
        s.notify = m_actions.readList(*f, QStringLiteral("failover.notify"));
}

void FailoverReader::readMode(const YamlField &field, FailoverSettings &settings)
{
    const std::optional<ConfigScalar> value = m_reader.scalar(field);
    if (!value)
        return;
    const QString word = value->value.trimmed();
    if (word == u"manual") {
        settings.mode = FailoverMode::Manual;
    } else if (word == u"automatic") {
        settings.mode = FailoverMode::Automatic;
        m_automaticMark = field.value.Mark();
    } else {
        m_reader.error(field.value.Mark(),
            tr("unknown mode %1; expected manual or automatic")
                .arg(YamlNodeReader::quoted(*value)));
    }
}

std::optional<Milliseconds> FailoverReader::durationBetween(
    const YamlField &field, Milliseconds minimum, Milliseconds maximum)
{
    const std::optional<Milliseconds> value = m_reader.duration(field, false);
    if (!value)
        return std::nullopt;
    if (*value < minimum || *value > maximum) {
        m_reader.error(field.value.Mark(),
            tr("\"%1\" must be between %2 and %3")
                .arg(field.key, QuantityText::duration(minimum), QuantityText::duration(maximum)));
        return std::nullopt;
    }
    return value;
}

void FailoverReader::readLockFile(const YamlField &field, FailoverSettings &settings)
{
    const std::optional<QString> value = m_reader.text(field);
    if (!value)
        return;
    // Relative to the configuration file, like every other path in it.
    const QString path = QDir(m_baseDir).absoluteFilePath(value->trimmed());
    const QFileInfo info(path);
    if (!info.dir().exists()) {
        m_reader.error(field.value.Mark(),
            tr("the folder of lock_file \"%1\" does not exist").arg(info.absolutePath()));
        return;
    }
    if (info.isDir()) {
        m_reader.error(field.value.Mark(), tr("lock_file \"%1\" is a folder").arg(path));
        return;
    }
    settings.lockFile = info.absoluteFilePath();
}

void FailoverReader::finish(const ConsoleConfig &config)
{
    // After another mistake the regions may be half read; this would only add noise.
    if (!m_automaticMark || !m_reader.diagnostics().isEmpty())
        return;
    for (const RegionConfig &region : config.regions) {
        if (region.role != RegionRole::Primary && region.admin.canPromote())
            return;
    }
    m_reader.error(*m_automaticMark,
        tr("mode automatic needs a region it can promote: give a standby region "
           "\"admin.connection\" or an \"admin.promote\" action"));
}

} // namespace Console
