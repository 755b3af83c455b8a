#include "regionadminreader.h"

#include "actionreader.h"
#include "conninfo.h"
#include "displaytarget.h"
#include "yamlmapping.h"
#include "yamlnodereader.h"

namespace Console {

namespace {

const QStringList AdminKeys = { QStringLiteral("connection"),
    QStringLiteral("replication_connection"), QStringLiteral("fence"), QStringLiteral("promote"),
    QStringLiteral("repoint"), QStringLiteral("rejoin") };

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
