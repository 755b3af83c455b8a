#include "drillreader.h"

#include "actionreader.h"
#include "boundedfile.h"
#include "configlimits.h"
#include "configvalidator.h"
#include "drillstepreader.h"
#include "durationparser.h"
#include "secretmask.h"
#include "yamlmapping.h"
#include "yamlnodereader.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

namespace Console {

namespace {

using namespace std::chrono_literals;

// A cadence longer than a year is no cadence.
constexpr std::chrono::milliseconds MaxEvery = 366 * 24h;

const QStringList TopKeys = { QStringLiteral("drill") };
const QStringList DrillKeys = { QStringLiteral("id"), QStringLiteral("name"),
    QStringLiteral("type"), QStringLiteral("every"), QStringLiteral("purpose"),
    QStringLiteral("hypothesis"), QStringLiteral("targets"), QStringLiteral("checklist"),
    QStringLiteral("steps"), QStringLiteral("rollback") };
const QStringList TargetKeys
    = { QStringLiteral("rto"), QStringLiteral("rpo"), QStringLiteral("error_rate"),
          QStringLiteral("false_positives"), QStringLiteral("time_to_detect") };

QString tr(const char *text)
{
    return DrillReader::tr(text);
}

// The steps that change the system and so need a rollback.
bool changesSystem(const DrillStep &step)
{
    return step.kind == DrillStepKind::Automatic
        && (step.action == DrillActionKind::Fault || step.action == DrillActionKind::Sql
            || step.action == DrillActionKind::Action);
}

// Reads the mapping under "drill". The configuration's readers do the values; this adds the
// drill's own rules.
class DrillMappingReader final
{
public:
    DrillMappingReader(YamlNodeReader &reader, const QString &baseDir)
        : m_reader(reader)
        , m_validator(reader)
        , m_actions(reader, m_validator, baseDir)
        , m_steps(reader, m_actions)
    { }

    DrillDefinition read(const YAML::Node &root);

private:
    void readHeader(const YamlMapping &map, DrillDefinition &drill);
    std::optional<std::chrono::milliseconds> readEvery(const YamlField &field);
    void readTargets(const YamlField &field, DrillTargets &targets);
    std::optional<double> readRate(const YamlField &field);
    void readChecklist(const YamlField &field, QStringList &checklist);
    void readSteps(const YamlMapping &map, DrillDefinition &drill);

    YamlNodeReader &m_reader;
    ConfigValidator m_validator;
    ActionReader m_actions;
    DrillStepReader m_steps;
};

DrillDefinition DrillMappingReader::read(const YAML::Node &root)
{
    DrillDefinition drill;
    if (!root.IsDefined() || root.IsNull()) {
        m_reader.error(YAML::Mark(), tr("the file is empty; a drill file has a \"drill\" mapping"));
        return drill;
    }
    const YamlMapping top(m_reader, root, root.Mark(), tr("at the top level"), TopKeys);
    if (!top.isMapping())
        return drill;
    const YamlField *section = top.field(u"drill");
    if (!section) {
        m_reader.error(top.mark(), tr("missing required key \"drill\""));
        return drill;
    }
    const YamlMapping map(
        m_reader, section->value, section->keyNode.Mark(), tr("in drill"), DrillKeys);
    if (!map.isMapping())
        return drill;
    for (const QString &key : { QStringLiteral("id"), QStringLiteral("name"),
             QStringLiteral("type"), QStringLiteral("steps") }) {
        if (!map.has(key))
            m_reader.error(map.mark(), tr("missing required key \"%1\" in drill").arg(key));
    }
    readHeader(map, drill);
    if (const YamlField *targets = map.field(u"targets"))
        readTargets(*targets, drill.targets);
    if (const YamlField *checklist = map.field(u"checklist"))
        readChecklist(*checklist, drill.checklist);
    readSteps(map, drill);
    return drill;
}

void DrillMappingReader::readHeader(const YamlMapping &map, DrillDefinition &drill)
{
    if (const YamlField *id = map.field(u"id")) {
        if (const std::optional<QString> value = m_reader.name(*id)) {
            static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9-]*$"));
            if (pattern.match(*value).hasMatch())
                drill.id = *value;
            else
                m_reader.error(id->value.Mark(),
                    tr("invalid drill id \"%1\": use lowercase letters, digits and \"-\", "
                       "starting with a letter or digit")
                        .arg(*value));
        }
        drill.idLine = id->value.Mark().line + 1;
        drill.idColumn = id->value.Mark().column + 1;
    }
    if (const YamlField *name = map.field(u"name"))
        drill.name = m_reader.name(*name).value_or(QString()).trimmed();
    if (const YamlField *purpose = map.field(u"purpose"))
        drill.purpose = m_reader.text(*purpose).value_or(QString()).trimmed();
    if (const YamlField *hypothesis = map.field(u"hypothesis"))
        drill.hypothesis = m_reader.text(*hypothesis).value_or(QString()).trimmed();
    if (const YamlField *every = map.field(u"every"))
        drill.every = readEvery(*every);
    const YamlField *type = map.field(u"type");
    if (!type)
        return;
    const std::optional<ConfigScalar> value = m_reader.scalar(*type);
    if (!value)
        return;
    if (const std::optional<DrillType> known = drillTypeFromString(value->value.trimmed())) {
        drill.type = *known;
        if (drill.type == DrillType::Chaos && !map.has(u"hypothesis"))
            m_reader.error(type->value.Mark(),
                tr("a chaos experiment needs a \"hypothesis\": what should hold while the fault "
                   "is in force"));
        return;
    }
    QStringList names;
    for (DrillType candidate : { DrillType::HealthCheck, DrillType::Synthetic,
             DrillType::Controlled, DrillType::Chaos, DrillType::Assessment })
        names += toString(candidate);
    m_reader.error(type->value.Mark(),
        tr("unknown drill type %1; expected one of: %2")
            .arg(YamlNodeReader::quoted(*value), names.join(u", ")));
}

// A cadence counts in days ("30d", "90d", "7d12h") as well as the configuration's units.
std::optional<std::chrono::milliseconds> DrillMappingReader::readEvery(const YamlField &field)
{
    const std::optional<ConfigScalar> value = m_reader.scalar(field);
    if (!value)
        return std::nullopt;
    static const QRegularExpression days(QStringLiteral("^\\s*([0-9]{1,4})d(.*)$"));
    const QRegularExpressionMatch match = days.match(value->value);
    std::chrono::milliseconds total { 0 };
    QString rest = value->value;
    if (match.hasMatch()) {
        total = std::chrono::hours(24 * match.captured(1).toInt());
        rest = match.captured(2);
    }
    QString problem;
    if (!match.hasMatch() || !rest.trimmed().isEmpty()) {
        const std::optional<std::chrono::milliseconds> part = DurationParser::parse(rest, &problem);
        if (part)
            total += *part;
    }
    if (problem.isEmpty() && total.count() == 0)
        problem = tr("a cadence must be longer than zero");
    else if (problem.isEmpty() && total > MaxEvery)
        problem = tr("a cadence is at most 366d");
    if (!problem.isEmpty()) {
        m_reader.error(field.value.Mark(),
            tr("invalid cadence %1 for \"%2\": %3 (write it like 1d, 30d, 90d or 12h)")
                .arg(YamlNodeReader::quoted(*value), field.key, problem));
        return std::nullopt;
    }
    return total;
}

void DrillMappingReader::readTargets(const YamlField &field, DrillTargets &targets)
{
    const YamlMapping map(m_reader, field.value, field.keyNode.Mark(), tr("in targets"), TargetKeys,
        YamlMapping::Null::IsEmpty);
    if (const YamlField *f = map.field(u"rto"))
        targets.rto = m_reader.duration(*f, false);
    if (const YamlField *f = map.field(u"rpo"))
        targets.rpo = m_reader.duration(*f, true); // 0: no data may be lost
    if (const YamlField *f = map.field(u"time_to_detect"))
        targets.timeToDetect = m_reader.duration(*f, false);
    if (const YamlField *f = map.field(u"error_rate"))
        targets.errorRate = readRate(*f);
    if (const YamlField *f = map.field(u"false_positives"))
        targets.falsePositives = m_reader.integer(*f, 0, 1000000);
}

// "1%" or 0.01; unlike the configuration's fractions, 0 is a fair target.
std::optional<double> DrillMappingReader::readRate(const YamlField &field)
{
    const std::optional<ConfigScalar> value = m_reader.scalar(field);
    if (!value)
        return std::nullopt;
    QString text = value->value.trimmed();
    const bool percent = text.endsWith(u'%');
    if (percent)
        text.chop(1);
    bool ok = false;
    double rate = text.trimmed().toDouble(&ok);
    if (ok && percent)
        rate /= 100.0;
    if (!ok || !(rate >= 0.0 && rate <= 1.0)) {
        m_reader.error(field.value.Mark(),
            tr("\"%1\" must be a percentage from 0% to 100% like 1% or a fraction like 0.01, "
               "not %2")
                .arg(field.key, YamlNodeReader::quoted(*value)));
        return std::nullopt;
    }
    return rate;
}

void DrillMappingReader::readChecklist(const YamlField &field, QStringList &checklist)
{
    if (field.value.IsNull())
        return;
    if (!field.value.IsSequence()) {
        m_reader.error(field.value.Mark(),
            tr("\"checklist\" must be a list of items to tick, not %1")
                .arg(YamlNodeReader::describe(field.value)));
        return;
    }
    for (const YAML::Node &item : field.value) {
        if (const std::optional<QString> text = m_reader.text({ field.key, field.keyNode, item }))
            checklist.append(text->trimmed());
    }
}

void DrillMappingReader::readSteps(const YamlMapping &map, DrillDefinition &drill)
{
    if (const YamlField *steps = map.field(u"steps")) {
        drill.steps = m_steps.readList(*steps, QStringLiteral("step"));
        if (!steps->value.IsSequence() || steps->value.size() == 0) {
            if (steps->value.IsNull() || steps->value.IsSequence())
                m_reader.error(
                    steps->keyNode.Mark(), tr("\"steps\" must be a list of at least one step"));
        }
    }
    const YamlField *rollback = map.field(u"rollback");
    if (rollback) {
        drill.rollback = m_steps.readList(*rollback, QStringLiteral("rollback"));
        // A rollback that is there but unreadable has been reported already.
        if (!rollback->value.IsNull() && !rollback->value.IsSequence())
            return;
        if (!rollback->value.IsNull() && rollback->value.size() > 0)
            return;
    }
    for (const DrillStep &step : std::as_const(drill.steps)) {
        if (!changesSystem(step))
            continue;
        YAML::Mark mark;
        mark.line = step.line - 1;
        mark.column = step.column - 1;
        m_reader.error(mark,
            tr("step \"%1\" changes the system (%2), and a drill that changes the system needs "
               "a rollback: add a \"rollback\" list (a fault \"restore\", for instance)")
                .arg(step.id, toString(step.action)));
        return;
    }
}

} // namespace

DrillLoadResult DrillReader::loadFile(const QString &path)
{
    BoundedFile::Read file = BoundedFile::read(path, BoundedFile::Holds::Drill);
    if (!file.diagnostics.isEmpty()) {
        DrillLoadResult result;
        result.diagnostics = file.diagnostics;
        return result;
    }
    return loadString(file.bytes, path);
}

DrillLoadResult DrillReader::loadString(const QByteArray &yaml, const QString &fileName)
{
    if (yaml.size() > ConfigLimits::MaxFileBytes) {
        DrillLoadResult result;
        result.diagnostics.append(
            BoundedFile::tooLarge(fileName, yaml.size(), BoundedFile::Holds::Drill));
        return result;
    }
    YamlNodeReader reader(fileName, {});
    const YAML::Node root = reader.load(yaml);

    DrillDefinition drill;
    const QFileInfo info(fileName);
    if (reader.diagnostics().isEmpty())
        drill = DrillMappingReader(reader, info.absolutePath()).read(root);
    // A resource path (":/drills/x.yaml") stays as it is.
    drill.sourceFile = fileName.startsWith(u':') ? fileName : info.absoluteFilePath();

    DrillLoadResult result;
    result.diagnostics = reader.diagnostics();
    // The messages quote only display text; this catches any path that forgot to.
    for (ConfigDiagnostic &diagnostic : result.diagnostics) {
        diagnostic.message = SecretMask::masked(
            diagnostic.message, reader.secretValues(), QStringLiteral("\u2022\u2022\u2022\u2022"));
    }
    sortByPosition(result.diagnostics);
    if (const int unlisted = reader.unlistedDiagnostics(); unlisted > 0) {
        result.diagnostics.append({ fileName, 0, 0,
            tr("%n more problem(s) not listed; fix the ones above first", nullptr, unlisted) });
    }
    if (result.diagnostics.isEmpty()) {
        result.drill = drill;
        result.drill->secretValues = reader.secretValues();
    }
    return result;
}

bool DrillReader::isDrillText(const QByteArray &yaml)
{
    // A top-level key starts a line; a configuration has no "drill" key at any level.
    static const QRegularExpression key(QStringLiteral("^(?:drill|\"drill\"|'drill')[ \\t]*:"),
        QRegularExpression::MultilineOption);
    return key.match(QString::fromUtf8(yaml)).hasMatch();
}

} // namespace Console
