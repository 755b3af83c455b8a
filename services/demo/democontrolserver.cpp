#include "democontrolserver.h"
#include "demoadmingate.h"
#include "demoregionserver.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>

namespace Console {

namespace {

void writeReply(QHttpServerResponder &responder, const DemoReply &reply)
{
    responder.write(reply.body, reply.contentType, QHttpServerResponder::StatusCode(reply.status));
}

DemoReply jsonReply(int status, const QJsonObject &body)
{
    return { status, "application/json", QJsonDocument(body).toJson(QJsonDocument::Compact), {} };
}

DemoReply failure(int status, const QString &message)
{
    return jsonReply(
        status, { { QStringLiteral("ok"), false }, { QStringLiteral("message"), message } });
}

} // namespace

DemoControlServer::DemoControlServer(
    const QList<DemoRegionServer *> &regions, const QByteArray &adminToken, QObject *parent)
    : QObject(parent)
    , m_regions(regions)
    , m_adminToken(adminToken)
    , m_trafficRegion(initialTrafficRegion())
{ }

DemoControlServer::~DemoControlServer() = default;

bool DemoControlServer::start(QString *error)
{
    if (m_server)
        return true;
    m_server = new QHttpServer(this);
    addRoutes();
    m_tcp = new QTcpServer(m_server);
    // Loopback only, like the regions: the demo must never be reachable from another machine.
    if (!m_tcp->listen(QHostAddress::LocalHost, 0)) {
        if (error)
            *error = tr("cannot listen on 127.0.0.1 for the demo's control server: %1")
                         .arg(m_tcp->errorString());
        stop();
        return false;
    }
    m_server->bind(m_tcp);
    return true;
}

void DemoControlServer::stop()
{
    delete m_server;
    m_server = nullptr;
    m_tcp = nullptr;
    m_trafficRegion = initialTrafficRegion();
    m_trafficSwitches.clear();
    m_notices.clear();
}

QUrl DemoControlServer::baseUrl() const
{
    if (!m_tcp || !m_tcp->isListening())
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_tcp->serverPort());
    return url;
}

void DemoControlServer::addRoutes()
{
    m_server->route(QStringLiteral("/fence"), QHttpServerRequest::Method::Post,
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            onFence(request, std::move(responder));
        });
    m_server->route(QStringLiteral("/traffic"), QHttpServerRequest::Method::Post,
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            onTraffic(request, std::move(responder));
        });
    m_server->route(QStringLiteral("/hooks/<arg>"), QHttpServerRequest::Method::Post,
        [this](const QString &token, const QHttpServerRequest &request,
            QHttpServerResponder &&responder) { onHook(token, request, std::move(responder)); });
}

void DemoControlServer::onFence(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    if (auto rejected = rejectAdminRequest(
            request.remoteAddress(), request.value(DemoTokenHeader), m_adminToken)) {
        writeReply(responder, *rejected);
        return;
    }
    const QString regionId = request.query().queryItemValue(QStringLiteral("region"));
    DemoRegionServer *target = region(regionId);
    if (!target) {
        writeReply(responder, failure(400, QStringLiteral("no demo region \"%1\"").arg(regionId)));
        return;
    }
    // Answered at once: the fence goes through the provider, not through the region's network.
    const DemoReply reply = target->fence();
    qCInfo(lcDemo, "fence %ls -> %d", qUtf16Printable(regionId), reply.status);
    writeReply(responder, reply);
}

void DemoControlServer::onTraffic(
    const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    if (auto rejected = rejectAdminRequest(
            request.remoteAddress(), request.value(DemoTokenHeader), m_adminToken)) {
        writeReply(responder, *rejected);
        return;
    }
    const QString regionId = request.query().queryItemValue(QStringLiteral("primary"));
    if (!region(regionId)) {
        writeReply(responder, failure(400, QStringLiteral("no demo region \"%1\"").arg(regionId)));
        return;
    }
    const QString before = m_trafficRegion;
    m_trafficRegion = regionId;
    m_trafficSwitches.append(regionId);
    qCInfo(lcDemo, "traffic now goes to %ls (was %ls)", qUtf16Printable(regionId),
        qUtf16Printable(before));
    writeReply(responder,
        jsonReply(200,
            { { QStringLiteral("ok"), true }, { QStringLiteral("primary"), regionId },
                { QStringLiteral("was"), before } }));
    emit trafficSwitched(regionId);
}

void DemoControlServer::onHook(
    const QString &token, const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    // Slack's webhooks carry their secret in the URL; the token is the demo's.
    if (rejectAdminRequest(request.remoteAddress(), token.toLatin1(), m_adminToken)) {
        // Slack answers an unknown hook with 404 "no_service" and says nothing more.
        writeReply(responder, { 404, "text/plain", "no_service", {} });
        return;
    }
    const QJsonObject body = QJsonDocument::fromJson(request.body()).object();
    const QString text = body.value(QStringLiteral("text")).toString();
    if (text.isEmpty()) {
        // Slack's own wording for a payload without text.
        writeReply(responder, { 400, "text/plain", "no_text", {} });
        return;
    }
    m_notices.append(text);
    qCInfo(lcDemo, "chat: %ls", qUtf16Printable(text));
    writeReply(responder, { 200, "text/plain", "ok", {} });
    emit noticeReceived(text);
}

DemoRegionServer *DemoControlServer::region(const QString &regionId) const
{
    for (DemoRegionServer *server : m_regions) {
        if (server->spec().id == regionId)
            return server;
    }
    return nullptr;
}

QString DemoControlServer::initialTrafficRegion() const
{
    for (const DemoRegionServer *server : m_regions) {
        if (server->spec().role == RegionRole::Primary)
            return server->spec().id;
    }
    return {};
}

} // namespace Console
