#include "drillstepreader.h"

#include "actionreader.h"
#include "drillsteptitle.h"
#include "durationparser.h"
#include "keysuggester.h"
#include "yamlmapping.h"
#include "yamlnodereader.h"

#include <QRegularExpression>

namespace Console {

namespace {

using namespace std::chrono_literals;

// A step that may take longer than this is a maintenance window, not a drill step.
constexpr std::chrono::milliseconds MaxStepTimeout = 1h;

const QString Manual = QStringLiteral("manual");
const QString Fault = QStringLiteral("fault");
const QString Failover = QStringLiteral("failover");
const QString Failback = QStringLiteral("failback");
const QString Rejoin = QStringLiteral("rejoin");
const QString Sql = QStringLiteral("sql");
const QString Action = QStringLiteral("action");
const QString Pause = QStringLiteral("pause");
const QString WaitFor = QStringLiteral("wait_for");
const QString Measure = QStringLiteral("measure");

const QStringList KindKeys
    = { Manual, Fault, Failover, Failback, Rejoin, Sql, Action, Pause, WaitFor, Measure };
const QStringList OtherKeys = { QStringLiteral("id"), QStringLiteral("title"),
    QStringLiteral("timeout"), QStringLiteral("region"), QStringLiteral("state") };

// The keys each kind of step takes besides its kind key, id and title.
QStringList keysOf(const QString &kind)
{
    const QString timeout = QStringLiteral("timeout");
    const QString region = QStringLiteral("region");
    if (kind == Fault || kind == Sql || kind == Action)
        return { timeout, region };
    if (kind == Failover || kind == Failback || kind == Rejoin)
        return { timeout };
    if (kind == WaitFor)
        return { timeout, region, QStringLiteral("state") };
    return {}; // manual, pause (its value is its length), measure
}

// The failover engine's state names (FailoverState), which a drill may wait for.
const QStringList FailoverStates = { QStringLiteral("normal"), QStringLiteral("degraded"),
    QStringLiteral("failing-over"), QStringLiteral("failed-over"), QStringLiteral("failing-back") };

bool needsRegion(DrillCondition condition)
{
    switch (condition) {
    case DrillCondition::BreakerOpen:
    case DrillCondition::BreakersClosed:
    case DrillCondition::RegionHealthy:
    case DrillCondition::RegionDegraded:
    case DrillCondition::RegionUnhealthy:
    case DrillCondition::PrimaryIs:
    case DrillCondition::PrimaryIsNot:
    case DrillCondition::WritesSucceed: return true;
    case DrillCondition::ReplicationCaughtUp:
    case DrillCondition::FailoverState:
    case DrillCondition::FailbackReady:
    case DrillCondition::AllHealthy: return false;
    }
    return false;
}

bool isPlainName(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9-]*$"));
    return pattern.match(text).hasMatch();
}

QStringList conditionNames()
{
    QStringList names;
    for (DrillCondition condition : allDrillConditions())
        names += toString(condition);
    return names;
}

QStringList figureNames()
{
    QStringList names;
    for (DrillFigure figure : allDrillFigures())
        names += toString(figure);
    return names;
}

YAML::Mark markOf(const YamlField &field)
{
    return field.value.Mark().line >= 0 ? field.value.Mark() : field.keyNode.Mark();
}

} // namespace

DrillStepReader::DrillStepReader(YamlNodeReader &reader, ActionReader &actions)
    : m_reader(reader)
    , m_actions(actions)
{ }

QStringList DrillStepReader::regionTemplates()
{
    return { QStringLiteral("{primary}"), QStringLiteral("{standby}"), QStringLiteral("{home}") };
}

QList<DrillStep> DrillStepReader::readList(const YamlField &field, const QString &prefix)
{
    QList<DrillStep> steps;
    if (!field.value.IsDefined() || field.value.IsNull())
        return steps;
    if (!field.value.IsSequence()) {
        m_reader.error(field.value.Mark(),
            tr("\"%1\" must be a list of steps, not %2")
                .arg(field.key, YamlNodeReader::describe(field.value)));
        return steps;
    }
    int index = 0;
    for (const YAML::Node &item : field.value) {
        const QString defaultId = prefix + u'-' + QString::number(++index);
        if (std::optional<DrillStep> step
            = readStep(item, field.keyNode.Mark(), defaultId, prefix != u"step"))
            steps.append(*step);
    }
    return steps;
}

std::optional<DrillStep> DrillStepReader::readStep(
    const YAML::Node &node, const YAML::Mark &owner, const QString &defaultId, bool rollback)
{
    const QString where = rollback ? tr("in rollback step %1").arg(defaultId.section(u'-', -1))
                                   : tr("in step %1").arg(defaultId.section(u'-', -1));
    // The common keys first: "regoin" is as close to "rejoin" as to "region", and more likely
    // meant.
    const YamlMapping map(m_reader, node, owner, where, OtherKeys + KindKeys);
    if (!map.isMapping())
        return std::nullopt;
    DrillStep step;
    step.line = map.mark().line + 1;
    step.column = map.mark().column + 1;

    QList<const YamlField *> kinds;
    for (const YamlField &field : map.fields()) {
        if (KindKeys.contains(field.key))
            kinds.append(&field);
    }
    if (kinds.isEmpty()) {
        m_reader.error(
            map.mark(), tr("a step needs one of %1 to say what it does").arg(KindKeys.join(u", ")));
        return std::nullopt;
    }
    if (kinds.size() > 1) {
        m_reader.error(map.mark(),
            tr("a step does one thing, but this one has both \"%1\" and \"%2\"")
                .arg(kinds.at(0)->key, kinds.at(1)->key));
        return std::nullopt;
    }
    const YamlField &kind = *kinds.first();
    readId(map, step, defaultId);
    rejectForeignKeys(map, kind.key);
    const bool ok = readKind(map, kind, step);
    readTimeout(map, step);
    if (const YamlField *title = map.field(u"title")) {
        if (const std::optional<QString> value = m_reader.name(*title))
            step.title = value->trimmed();
    }
    if (!ok)
        return std::nullopt;
    if (step.title.isEmpty())
        step.title = defaultStepTitle(step);
    return step;
}

void DrillStepReader::readId(const YamlMapping &map, DrillStep &step, const QString &defaultId)
{
    step.id = defaultId;
    YAML::Mark mark = map.mark();
    if (const YamlField *id = map.field(u"id")) {
        const std::optional<QString> value = m_reader.name(*id);
        if (!value)
            return;
        if (!isPlainName(*value)) {
            m_reader.error(id->value.Mark(),
                tr("invalid step id \"%1\": use lowercase letters, digits and \"-\", starting "
                   "with a letter or digit")
                    .arg(*value));
            return;
        }
        step.id = *value;
        mark = id->value.Mark();
    }
    if (const auto first = m_idLines.constFind(step.id); first != m_idLines.cend()) {
        m_reader.error(mark,
            tr("duplicate step id \"%1\" (first used on line %2); step ids are unique across "
               "\"steps\" and \"rollback\"")
                .arg(step.id)
                .arg(*first));
        return;
    }
    m_idLines.insert(step.id, step.line);
}

void DrillStepReader::rejectForeignKeys(const YamlMapping &map, const QString &kindKey)
{
    const QStringList own
        = QStringList { kindKey, QStringLiteral("id"), QStringLiteral("title") } + keysOf(kindKey);
    for (const YamlField &field : map.fields()) {
        if (own.contains(field.key))
            continue;
        if (kindKey == Pause && field.key == u"timeout") {
            m_reader.error(field.keyNode.Mark(),
                tr("\"timeout\" does not apply to \"pause\" steps: the pause's value is its "
                   "length"));
        } else {
            m_reader.error(field.keyNode.Mark(),
                tr("\"%1\" does not apply to \"%2\" steps").arg(field.key, kindKey));
        }
    }
}

bool DrillStepReader::readKind(const YamlMapping &map, const YamlField &kind, DrillStep &step)
{
    step.kind = DrillStepKind::Automatic;
    if (kind.key == Manual) {
        step.kind = DrillStepKind::Manual;
        const std::optional<QString> text = m_reader.text(kind);
        step.instructions = text.value_or(QString()).trimmed();
        return text.has_value();
    }
    if (kind.key == Fault) {
        step.action = DrillActionKind::Fault;
        const std::optional<QString> name = m_reader.name(kind);
        if (name && !isPlainName(name->trimmed())) {
            m_reader.error(kind.value.Mark(),
                tr("invalid fault name \"%1\": use lowercase letters, digits and \"-\" "
                   "(down, refuse, slow, freeze, lag, restore...)")
                    .arg(*name));
            return false;
        }
        step.fault = name.value_or(QString()).trimmed();
        const bool region = requireRegion(map, step,
            tr("a \"fault\" step needs a \"region\": the region the fault is injected on"));
        return name && region;
    }
    if (kind.key == Failover || kind.key == Rejoin) {
        step.action = kind.key == Failover ? DrillActionKind::Failover : DrillActionKind::Rejoin;
        const std::optional<QString> region = readRegion(kind);
        step.region = region.value_or(QString());
        return region.has_value();
    }
    if (kind.key == Failback) {
        step.action = DrillActionKind::Failback;
        const std::optional<bool> value = m_reader.boolean(kind);
        if (value && !*value) {
            m_reader.error(kind.value.Mark(),
                tr("\"failback\" takes true; leave the step out rather than write false"));
            return false;
        }
        return value.has_value();
    }
    if (kind.key == Sql) {
        step.action = DrillActionKind::Sql;
        const std::optional<QString> sql = m_reader.text(kind);
        step.sql = sql.value_or(QString());
        const bool region = requireRegion(map, step,
            tr("an \"sql\" step needs a \"region\": the region whose admin connection runs it"));
        return sql && region;
    }
    if (kind.key == Action) {
        step.action = DrillActionKind::Action;
        step.actionConfig = m_actions.read(kind, step.id + QStringLiteral(".action"));
        if (step.actionConfig)
            step.timeout = step.actionConfig->timeout;
        bool region = true;
        if (const YamlField *field = map.field(u"region")) {
            const std::optional<QString> value = readRegion(*field);
            step.region = value.value_or(QString());
            region = value.has_value();
        }
        return step.actionConfig.has_value() && region;
    }
    if (kind.key == Pause) {
        step.action = DrillActionKind::Pause;
        const std::optional<std::chrono::milliseconds> length = boundedDuration(kind);
        if (length)
            step.timeout = *length;
        return length.has_value();
    }
    if (kind.key == Measure) {
        step.kind = DrillStepKind::Measure;
        const std::optional<QString> name = word(kind, tr("figure"), figureNames());
        if (name)
            step.figure = *drillFigureFromString(*name);
        return name.has_value();
    }
    return readWaitFor(map, kind, step);
}

bool DrillStepReader::readWaitFor(const YamlMapping &map, const YamlField &kind, DrillStep &step)
{
    step.kind = DrillStepKind::WaitFor;
    const std::optional<QString> name = word(kind, tr("condition"), conditionNames());
    if (!name)
        return false;
    step.condition = *drillConditionFromString(*name);
    bool ok = true;
    const YamlField *region = map.field(u"region");
    if (needsRegion(step.condition)) {
        ok = requireRegion(map, step,
            tr("the condition \"%1\" needs a \"region\": the region it concerns").arg(*name));
    } else if (region) {
        m_reader.error(region->keyNode.Mark(),
            tr("the condition \"%1\" concerns no single region; remove \"region\"").arg(*name));
        ok = false;
    }
    const YamlField *state = map.field(u"state");
    if (step.condition == DrillCondition::FailoverState) {
        if (!state) {
            m_reader.error(map.mark(),
                tr("the condition \"failover-state\" needs a \"state\", one of: %1")
                    .arg(FailoverStates.join(u", ")));
            return false;
        }
        const std::optional<QString> value = word(*state, tr("failover state"), FailoverStates);
        step.state = value.value_or(QString());
        ok = ok && value.has_value();
    } else if (state) {
        m_reader.error(state->keyNode.Mark(),
            tr("\"state\" applies only to the condition \"failover-state\""));
        ok = false;
    }
    return ok;
}

void DrillStepReader::readTimeout(const YamlMapping &map, DrillStep &step)
{
    // Manual, measure and pause steps take none: the foreign-key check has reported it.
    const YamlField *timeout = map.field(u"timeout");
    if (!timeout || step.kind == DrillStepKind::Manual || step.kind == DrillStepKind::Measure
        || (step.kind == DrillStepKind::Automatic && step.action == DrillActionKind::Pause))
        return;
    if (const std::optional<std::chrono::milliseconds> value = boundedDuration(*timeout))
        step.timeout = *value;
}

std::optional<QString> DrillStepReader::readRegion(const YamlField &field)
{
    const std::optional<QString> value = m_reader.name(field);
    if (!value)
        return std::nullopt;
    const QString region = value->trimmed();
    if (isPlainName(region) || regionTemplates().contains(region))
        return region;
    m_reader.error(markOf(field),
        tr("invalid region \"%1\" for \"%2\": use a region id (lowercase letters, digits and "
           "\"-\") or one of %3")
            .arg(region, field.key, regionTemplates().join(u", ")));
    return std::nullopt;
}

bool DrillStepReader::requireRegion(
    const YamlMapping &map, DrillStep &step, const QString &missingMessage)
{
    const YamlField *field = map.field(u"region");
    if (!field) {
        m_reader.error(map.mark(), missingMessage);
        return false;
    }
    const std::optional<QString> region = readRegion(*field);
    step.region = region.value_or(QString());
    return region.has_value();
}

std::optional<std::chrono::milliseconds> DrillStepReader::boundedDuration(const YamlField &field)
{
    const std::optional<std::chrono::milliseconds> value = m_reader.duration(field, false);
    if (value && *value > MaxStepTimeout) {
        m_reader.error(field.value.Mark(),
            tr("\"%1\" must be at most %2, not %3")
                .arg(field.key, DurationParser::format(MaxStepTimeout),
                    DurationParser::format(*value)));
        return std::nullopt;
    }
    return value;
}

std::optional<QString> DrillStepReader::word(
    const YamlField &field, const QString &what, const QStringList &candidates)
{
    const std::optional<QString> value = m_reader.name(field);
    if (!value)
        return std::nullopt;
    const QString text = value->trimmed();
    if (candidates.contains(text))
        return text;
    const QString suggestion = KeySuggester::closest(text, candidates);
    m_reader.error(field.value.Mark(),
        suggestion.isEmpty()
            ? tr("unknown %1 \"%2\"; expected one of: %3").arg(what, text, candidates.join(u", "))
            : tr("unknown %1 \"%2\"; did you mean \"%3\"? Expected one of: %4")
                  .arg(what, text, suggestion, candidates.join(u", ")));
    return std::nullopt;
}

} // namespace Console
