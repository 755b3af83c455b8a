#include "regionadminreader.h"

#include "actionreader.h"
#include "actiontemplate.h"
#include "conninfo.h"
#include "displaytarget.h"
#include "yamlmapping.h"
#include "yamlnodereader.h"

#include <QRegularExpression>

namespace Console {

namespace {

const QStringList AdminKeys = { QStringLiteral("connection"),
    QStringLiteral("replication_connection"), QStringLiteral("fence"), QStringLiteral("promote"),
    QStringLiteral("repoint"), QStringLiteral("rejoin"), QStringLiteral("faults") };

} // namespace

RegionAdminReader::RegionAdminReader(YamlNodeReader &reader, ActionReader &actions)
    : m_reader(reader)
    , m_actions(actions)
{ }

void RegionAdminReader::read(const YamlField &field, RegionConfig &region)
{
    const YamlMapping map(m_reader, field.value, field.keyNode.Mark(), tr("in admin"), AdminKeys,
        YamlMapping::Null::IsEmpty);
    RegionAdminConfig &admin = region.admin;
    if (const YamlField *connection = map.field(u"connection"))
        admin.connection = readConnection(*connection, &admin.displayTarget);
    if (const YamlField *replication = map.field(u"replication_connection"))
        admin.replicationConnection = readConnection(*replication, nullptr);

    // "<region>.<key>": a journal line names the step without the file at hand.
    const QString owner = region.id.isEmpty() ? QStringLiteral("region") : region.id;
    const auto readAction = [&](QStringView key, std::optional<ActionConfig> &action) {
        if (const YamlField *f = map.field(key))
            action = m_actions.read(*f, owner + u'.' + key);
    };
    readAction(u"fence", admin.fence);
    readAction(u"promote", admin.promote);
    readAction(u"repoint", admin.repoint);
    readAction(u"rejoin", admin.rejoin);
    if (const YamlField *faults = map.field(u"faults"))
        readFaults(*faults, owner, admin);
}

// Names a drill writes after "fault:"; each one's action is "<region>.faults.<name>" by default.
void RegionAdminReader::readFaults(
    const YamlField &field, const QString &owner, RegionAdminConfig &admin)
{
    static const QRegularExpression namePattern(QStringLiteral("^[a-z0-9-]+$"));
    // Any name goes as a key; each is checked here, with its own message.
    const YamlMapping faults(m_reader, field.value, field.keyNode.Mark(), tr("in faults"), {},
        YamlMapping::Null::IsEmpty);
    for (const YamlField &fault : faults.fields()) {
        if (!namePattern.match(fault.key).hasMatch()) {
            m_reader.error(fault.keyNode.Mark(),
                tr("invalid fault name \"%1\": use lowercase letters, digits and \"-\"")
                    .arg(fault.key));
            continue;
        }
        std::optional<ActionConfig> action
            = m_actions.read(fault, owner + QStringLiteral(".faults.") + fault.key);
        if (!action)
            continue;
        // A drill has no failover run: "{old_primary_region}" would be refused only when the
        // drill is under way.
        if (const QStringList unfilled = unfilledInFault(*action); !unfilled.isEmpty()) {
            m_reader.error(fault.keyNode.Mark(),
                tr("fault \"%1\" uses %2, which a drill does not fill; a fault action may use "
                   "{region}, {target_region}, {target_name} and {message}")
                    .arg(fault.key, unfilled.join(QStringLiteral(", "))));
            continue;
        }
        admin.faults.insert(fault.key, *action);
    }
}

QStringList RegionAdminReader::unfilledInFault(const ActionConfig &action)
{
    QStringList texts = action.command;
    texts << action.url << action.body << action.recordName << action.recordContent;
    texts += action.enableOrigins;
    texts += action.disableOrigins;
    for (const auto &[name, value] : action.headers)
        texts += QString::fromUtf8(value);
    QStringList unfilled;
    for (const QString &text : std::as_const(texts)) {
        for (const QString &name : ActionTemplate::namesIn(text)) {
            const QString braced = u'{' + name + u'}';
            if (!ActionTemplate::faultNames().contains(name) && !unfilled.contains(braced))
                unfilled += braced;
        }
    }
    return unfilled;
}

QString RegionAdminReader::readConnection(const YamlField &field, QString *displayTarget)
{
    const std::optional<ConfigScalar> value = m_reader.scalar(field);
    if (!value)
        return {};
    // The same early check as an endpoint's: one server, no service file, well formed.
    if (const QString problem = ConnInfo::check(value->value, value->displayText);
        !problem.isEmpty()) {
        m_reader.error(field.value.Mark(), tr("malformed connection string: %1").arg(problem));
        return {};
    }
    if (displayTarget)
        *displayTarget = DisplayTarget::forConnectionString(value->displayText);
    return value->value;
}

} // namespace Console
