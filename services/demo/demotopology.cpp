#include "demotopology.h"
#include "demoregionserver.h"
#include "demoregionspec.h"

#include <QRandomGenerator>

namespace Console {

namespace {

QByteArray randomApiKey()
{
    // Only the demo's own servers check it, but a fixed key would teach people to paste one.
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(
        reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / int(sizeof(quint32)));
    return "demo-" + bytes.toHex();
}

} // namespace

DemoTopology::DemoTopology(QObject *parent)
    : QObject(parent)
    , m_apiKey(randomApiKey())
{
    const QList<DemoRegionSpec> specs = defaultDemoRegions();
    for (const DemoRegionSpec &spec : specs)
        m_servers.append(new DemoRegionServer(spec, m_apiKey, this));
}

DemoTopology::~DemoTopology() = default;

bool DemoTopology::start(QString *error)
{
    if (m_running)
        return true;
    for (DemoRegionServer *server : std::as_const(m_servers)) {
        if (!server->start(error)) {
            stop();
            return false;
        }
    }
    m_running = true;
    qCInfo(lcDemo, "demo topology serving %d regions on 127.0.0.1", int(m_servers.size()));
    return true;
}

void DemoTopology::stop()
{
    for (DemoRegionServer *server : std::as_const(m_servers)) {
        server->stop();
        if (server->fault() != DemoFault::None) {
            server->setFault(DemoFault::None);
            emit faultChanged(server->spec().id, DemoFault::None);
        }
    }
    m_running = false;
}

QMap<QString, QString> DemoTopology::variables() const
{
    if (!m_running)
        return {};
    QMap<QString, QString> vars;
    for (const DemoRegionServer *server : m_servers)
        vars.insert(urlVariableName(server->spec().id), server->baseUrl().toString());
    vars.insert(QStringLiteral("DEMO_API_KEY"), apiKey());
    return vars;
}

QString DemoTopology::configPath() const
{
    return QStringLiteral(":/demo/demo.yaml");
}

QStringList DemoTopology::regionIds() const
{
    QStringList ids;
    for (const DemoRegionServer *server : m_servers)
        ids.append(server->spec().id);
    return ids;
}

QUrl DemoTopology::baseUrl(const QString &regionId) const
{
    const DemoRegionServer *s = server(regionId);
    return s ? s->baseUrl() : QUrl();
}

QString DemoTopology::apiKey() const
{
    return QString::fromLatin1(m_apiKey);
}

QString DemoTopology::urlVariableName(const QString &regionId)
{
    QString name = regionId.toUpper();
    name.replace(u'-', u'_');
    return QStringLiteral("DEMO_") + name + QStringLiteral("_URL");
}

void DemoTopology::setFault(const QString &regionId, DemoFault fault)
{
    DemoRegionServer *s = server(regionId);
    if (!s) {
        qCWarning(lcDemo, "no demo region %ls", qUtf16Printable(regionId));
        return;
    }
    if (s->fault() == fault)
        return;
    const DemoFault applied = s->setFault(fault);
    qCInfo(lcDemo, "region %ls: fault %ls", qUtf16Printable(regionId),
        qUtf16Printable(toString(applied)));
    emit faultChanged(regionId, applied);
}

DemoFault DemoTopology::fault(const QString &regionId) const
{
    const DemoRegionServer *s = server(regionId);
    return s ? s->fault() : DemoFault::None;
}

DemoRegionServer *DemoTopology::server(const QString &regionId) const
{
    for (DemoRegionServer *s : m_servers) {
        if (s->spec().id == regionId)
            return s;
    }
    return nullptr;
}

} // namespace Console
