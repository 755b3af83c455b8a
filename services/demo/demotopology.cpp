#include "demotopology.h"
#include "democontrolserver.h"
#include "demodatabase.h"
#include "demoregionserver.h"
#include "demoregionspec.h"

#include <QRandomGenerator>

namespace Console {

namespace {

QByteArray randomToken(const QByteArray &prefix, int bytesOfRandom)
{
    QByteArray bytes(bytesOfRandom, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(
        reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / int(sizeof(quint32)));
    return prefix + bytes.toHex();
}

} // namespace

DemoTopology::DemoTopology(QObject *parent)
    : QObject(parent)
    // Only the demo's own servers check the key, but a fixed one would teach people to paste
    // one. The admin token guards role changes: longer, and never the same twice.
    , m_apiKey(randomToken("demo-", 16))
    , m_adminToken(randomToken("demo-admin-", 32))
{
    const QList<DemoRegionSpec> specs = defaultDemoRegions();
    QStringList ids;
    for (const DemoRegionSpec &spec : specs)
        ids.append(spec.id);
    for (const DemoRegionSpec &spec : specs) {
        auto *server = new DemoRegionServer(spec, m_apiKey, m_adminToken, this);
        server->setKnownRegions(ids);
        m_servers.append(server);
    }
    m_control = new DemoControlServer(m_servers, m_adminToken, this);
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
    if (!m_control->start(error)) {
        stop();
        return false;
    }
    m_running = true;
    qCInfo(lcDemo, "demo topology serving %d regions on 127.0.0.1", int(m_servers.size()));
    return true;
}

void DemoTopology::stop()
{
    m_control->stop();
    for (DemoRegionServer *server : std::as_const(m_servers)) {
        server->stop();
        // The next start is a new demo: the databases are as the specs say again.
        server->resetDatabase();
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
    vars.insert(QStringLiteral("DEMO_CONTROL_URL"), controlUrl().toString());
    vars.insert(QStringLiteral("DEMO_API_KEY"), apiKey());
    vars.insert(QStringLiteral("DEMO_ADMIN_TOKEN"), adminToken());
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

QString DemoTopology::adminToken() const
{
    return QString::fromLatin1(m_adminToken);
}

QUrl DemoTopology::controlUrl() const
{
    return m_control->baseUrl();
}

const DemoDatabase *DemoTopology::database(const QString &regionId) const
{
    const DemoRegionServer *s = server(regionId);
    return s ? &s->database() : nullptr;
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
