#include "actionrunner.h"
#include "commandprocess.h"
#include "httpexchange.h"
#include "recordinghttpserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

namespace {

const QString Token = QStringLiteral("cf-T0ken-that-must-never-show");
const QString ZoneId = QStringLiteral("023e105f4ecef8ad9ca31a8372d0c353");
const QString RecordId = QStringLiteral("372e67954025e0ba6aaa6d586b9e0b59");
const QString AccountId = QStringLiteral("f037e56e89293a057740de681ac9abbe");
const QString PoolId = QStringLiteral("17b5962d775c646f3f9725cbc7a53df4");

QString tlsData(const char *name)
{
    return QStringLiteral(TLS_TEST_DATA "/") + QString::fromLatin1(name);
}

ActionContext failoverContext()
{
    ActionContext context;
    context.values = { { QStringLiteral("target_region"), QStringLiteral("eu-west") },
        { QStringLiteral("target_name"), QStringLiteral("EU West") },
        { QStringLiteral("old_primary_region"), QStringLiteral("us-east") },
        { QStringLiteral("old_primary_name"), QStringLiteral("US East") },
        { QStringLiteral("region"), QStringLiteral("eu-west") },
        { QStringLiteral("run_id"), QStringLiteral("r-1") },
        { QStringLiteral("run_kind"), QStringLiteral("failover") } };
    context.message = QStringLiteral("Failover to EU West: \"done\" in 4.2 s");
    return context;
}

QJsonObject json(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON: %s", body.constData());
    return document.object();
}

QByteArray cloudflareOk(const QJsonValue &result)
{
    return QJsonDocument(
        QJsonObject { { QStringLiteral("success"), true },
            { QStringLiteral("errors"), QJsonArray() },
            { QStringLiteral("messages"), QJsonArray() }, { QStringLiteral("result"), result } })
        .toJson(QJsonDocument::Compact);
}

ActionConfig dnsAction(const QString &apiBase)
{
    ActionConfig action;
    action.id = QStringLiteral("dns-switch");
    action.kind = ActionKind::CloudflareDns;
    action.apiBase = apiBase;
    action.apiToken = Token;
    action.zoneId = ZoneId;
    action.recordId = RecordId;
    action.recordName = QStringLiteral("db.example.com");
    action.recordType = QStringLiteral("CNAME");
    action.recordContent = QStringLiteral("db-{target_region}.example.com");
    action.recordTtl = 60;
    action.secretValues = { Token };
    return action;
}

ActionConfig poolAction(const QString &apiBase)
{
    ActionConfig action;
    action.id = QStringLiteral("pool-switch");
    action.kind = ActionKind::CloudflarePool;
    action.apiBase = apiBase;
    action.apiToken = Token;
    action.accountId = AccountId;
    action.poolId = PoolId;
    action.enableOrigins = { QStringLiteral("{target_region}") };
    action.disableOrigins = { QStringLiteral("{old_primary_region}") };
    return action;
}

// A zombie counts as dead: with the script killed too, nobody may be left to reap it.
bool isAlive(pid_t pid)
{
    QFile stat(u"/proc/" + QString::number(pid) + u"/stat");
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    const char state = close >= 0 && close + 2 < line.size() ? line.at(close + 2) : '?';
    return state != 'Z' && state != 'X';
}

ActionConfig commandAction(const QString &script, std::chrono::milliseconds timeout = 10s)
{
    ActionConfig action;
    action.id = QStringLiteral("script");
    action.kind = ActionKind::Command;
    action.command
        = { QStandardPaths::findExecutable(QStringLiteral("sh")), QStringLiteral("-c"), script };
    action.timeout = timeout;
    return action;
}

} // namespace

class tst_ActionRunner final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void cloudflareDnsPatchesTheRecord();
    void cloudflareDnsReportsErrors_data();
    void cloudflareDnsReportsErrors();
    void cloudflarePoolReadsModifiesWrites();
    void cloudflarePoolRefusesUnknownOrigins();
    void httpFillsTemplates();
    void httpFailsOnStatus();
    void httpTransportFailure();
    void httpTimesOut();
    void httpVerifiesTls();
    void slackPostsText();
    void commandSucceeds();
    void commandFailsWithExitCode();
    void commandCannotStart();
    void commandTimeoutKillsTheGroup();
    void commandOutputIsCapped();
    void secretsNeverShow();
    void refusesMissingTemplateValues();
    void abortEndsAtOnce();
    void secondRunIsRefused();
    void expandFillsKnownNames();

private:
    // Runs the action to its one finished() and returns it; fails the test if none or several.
    ActionOutcome runToEnd(const ActionConfig &action, const ActionContext &context,
        std::chrono::milliseconds limit = 10s);

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<RecordingHttpServer> m_server;
};

void tst_ActionRunner::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    m_server = std::make_unique<RecordingHttpServer>();
    QVERIFY(m_server->listenLocal());
}

void tst_ActionRunner::cleanup()
{
    m_server.reset();
    m_network.reset();
}

ActionOutcome tst_ActionRunner::runToEnd(
    const ActionConfig &action, const ActionContext &context, std::chrono::milliseconds limit)
{
    ActionRunner runner(m_network.get());
    QSignalSpy spy(&runner, &ActionRunner::finished);
    runner.run(action, context);
    // Never from inside run().
    if (!spy.isEmpty())
        qWarning("finished() came from inside run()");
    if (!runner.isRunning())
        qWarning("not running after run()");
    if (!spy.wait(int(limit.count())))
        qWarning("no finished() within %lld ms", qlonglong(limit.count()));
    // A second finished() would show up in this short extra wait.
    QTest::qWait(20);
    if (spy.size() != 1 || runner.isRunning()) {
        qWarning("%d outcomes, running %d", int(spy.size()), runner.isRunning());
        return {};
    }
    return spy.at(0).at(0).value<ActionOutcome>();
}

void tst_ActionRunner::cloudflareDnsPatchesTheRecord()
{
    const QString path = u"/client/v4/zones/" + ZoneId + u"/dns_records/" + RecordId;
    m_server->answer("PATCH", path, 200,
        cloudflareOk(QJsonObject { { QStringLiteral("id"), RecordId },
            { QStringLiteral("content"), QStringLiteral("db-eu-west.example.com") } }));
    const ActionOutcome outcome
        = runToEnd(dnsAction(m_server->base() + u"/client/v4"), failoverContext());
    QVERIFY2(outcome.ok, qPrintable(outcome.summary));
    QCOMPARE(outcome.httpStatus, 200);
    QVERIFY2(outcome.summary.startsWith(
                 u"CNAME db.example.com now points to db-eu-west.example.com (HTTP 200 in "),
        qPrintable(outcome.summary));

    QCOMPARE(m_server->requests().size(), 1);
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.method, QByteArray("PATCH"));
    QCOMPARE(request.path, path);
    QVERIFY(request.query.isEmpty());
    QCOMPARE(request.header("Authorization"), "Bearer " + Token.toUtf8());
    QCOMPARE(request.headerCount("Authorization"), 1);
    QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject expected { { QStringLiteral("type"), QStringLiteral("CNAME") },
        { QStringLiteral("name"), QStringLiteral("db.example.com") },
        { QStringLiteral("content"), QStringLiteral("db-eu-west.example.com") },
        { QStringLiteral("ttl"), 60 }, { QStringLiteral("proxied"), false } };
    QCOMPARE(json(request.body), expected);
}

void tst_ActionRunner::cloudflareDnsReportsErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("summary");

    QTest::newRow("400 with errors")
        << 400
        << QByteArray(R"({"success":false,"errors":[{"code":9005,"message":"Content for CNAME )"
                      R"(record is invalid."},{"code":1004,"message":"DNS Validation Error"}],)"
                      R"("messages":[],"result":null})")
        << QStringLiteral("Cloudflare: Content for CNAME record is invalid. (9005); DNS "
                          "Validation Error (1004) (HTTP 400 in ");
    QTest::newRow("200 without success")
        << 200
        << QByteArray(R"({"success":false,"errors":[{"code":10000,"message":"Authentication )"
                      R"(error"}],"messages":[],"result":null})")
        << QStringLiteral("Cloudflare: Authentication error (10000) (HTTP 200 in ");
    QTest::newRow("not Cloudflare")
        << 502 << QByteArray("<html>bad gateway</html>") << QStringLiteral("HTTP 502 in ");
    QTest::newRow("no errors given")
        << 403 << QByteArray(R"({"success":false,"errors":[]})")
        << QStringLiteral("Cloudflare: no success and no error given (HTTP 403 in ");
}

void tst_ActionRunner::cloudflareDnsReportsErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, summary);
    const QString path = u"/client/v4/zones/" + ZoneId + u"/dns_records/" + RecordId;
    m_server->answer("PATCH", path, status, body);
    const ActionOutcome outcome
        = runToEnd(dnsAction(m_server->base() + u"/client/v4"), failoverContext());
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.httpStatus, status);
    QVERIFY2(outcome.summary.startsWith(summary), qPrintable(outcome.summary));
    QCOMPARE(outcome.detail, QString::fromUtf8(body));
    QCOMPARE(m_server->requests().size(), 1);
}

void tst_ActionRunner::cloudflarePoolReadsModifiesWrites()
{
    const QString path = u"/client/v4/accounts/" + AccountId + u"/load_balancers/pools/" + PoolId;
    const QJsonArray origins {
        QJsonObject { { QStringLiteral("name"), QStringLiteral("us-east") },
            { QStringLiteral("address"), QStringLiteral("192.0.2.1") },
            { QStringLiteral("enabled"), true }, { QStringLiteral("weight"), 1 } },
        QJsonObject { { QStringLiteral("name"), QStringLiteral("eu-west") },
            { QStringLiteral("address"), QStringLiteral("192.0.2.2") },
            { QStringLiteral("enabled"), false },
            { QStringLiteral("disabled_at"), QStringLiteral("2026-01-01T00:00:00Z") },
            { QStringLiteral("weight"), 0.5 } },
        QJsonObject { { QStringLiteral("name"), QStringLiteral("spare") },
            { QStringLiteral("address"), QStringLiteral("spare.example.org") } },
    };
    const QJsonObject pool { { QStringLiteral("id"), PoolId },
        { QStringLiteral("name"), QStringLiteral("primary") }, { QStringLiteral("enabled"), true },
        { QStringLiteral("origins"), origins } };
    m_server->answer("GET", path, 200, cloudflareOk(pool));
    m_server->answer("PATCH", path, 200, cloudflareOk(pool));

    const ActionOutcome outcome
        = runToEnd(poolAction(m_server->base() + u"/client/v4"), failoverContext());
    QVERIFY2(outcome.ok, qPrintable(outcome.summary));
    QVERIFY2(outcome.summary.startsWith(
                 u"pool " + PoolId + u": switched us-east, eu-west (HTTP 200 in "),
        qPrintable(outcome.summary));

    QCOMPARE(m_server->requests().size(), 2);
    const RecordedRequest &read = m_server->requests().at(0);
    QCOMPARE(read.method, QByteArray("GET"));
    QCOMPARE(read.path, path);
    QCOMPARE(read.header("Authorization"), "Bearer " + Token.toUtf8());
    QVERIFY(read.body.isEmpty());
    const RecordedRequest &write = m_server->requests().at(1);
    QCOMPARE(write.method, QByteArray("PATCH"));
    QCOMPARE(write.path, path);
    QCOMPARE(write.header("Authorization"), "Bearer " + Token.toUtf8());
    QCOMPARE(write.header("Content-Type"), QByteArray("application/json"));
    // The list as read, only "enabled" changed (and Cloudflare's own disabled_at dropped).
    const QJsonArray written {
        QJsonObject { { QStringLiteral("name"), QStringLiteral("us-east") },
            { QStringLiteral("address"), QStringLiteral("192.0.2.1") },
            { QStringLiteral("enabled"), false }, { QStringLiteral("weight"), 1 } },
        QJsonObject { { QStringLiteral("name"), QStringLiteral("eu-west") },
            { QStringLiteral("address"), QStringLiteral("192.0.2.2") },
            { QStringLiteral("enabled"), true }, { QStringLiteral("weight"), 0.5 } },
        QJsonObject { { QStringLiteral("name"), QStringLiteral("spare") },
            { QStringLiteral("address"), QStringLiteral("spare.example.org") },
            { QStringLiteral("enabled"), true } },
    };
    QCOMPARE(json(write.body), QJsonObject({ { QStringLiteral("origins"), written } }));
}

void tst_ActionRunner::cloudflarePoolRefusesUnknownOrigins()
{
    const QString path = u"/client/v4/accounts/" + AccountId + u"/load_balancers/pools/" + PoolId;
    const QJsonObject pool { { QStringLiteral("origins"),
        QJsonArray { QJsonObject { { QStringLiteral("name"), QStringLiteral("us-east") },
            { QStringLiteral("enabled"), true } } } } };
    m_server->answer("GET", path, 200, cloudflareOk(pool));
    m_server->answer("PATCH", path, 200, cloudflareOk(pool));
    ActionConfig action = poolAction(m_server->base() + u"/client/v4");
    action.enableOrigins = { QStringLiteral("{target_region}"), QStringLiteral("ap-south") };

    const ActionOutcome outcome = runToEnd(action, failoverContext());
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.summary,
        u"pool " + PoolId
            + u" has no origin named eu-west, ap-south (it has us-east); nothing "
              u"changed");
    // Read, never written.
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_server->requests().first().method, QByteArray("GET"));
}

void tst_ActionRunner::httpFillsTemplates()
{
    m_server->answer("PUT", QStringLiteral("/hooks/failover"), 204, {});
    ActionConfig action;
    action.id = QStringLiteral("hook");
    action.kind = ActionKind::Http;
    action.url = m_server->base() + u"/hooks/{run_kind}?run={run_id}";
    action.method = "PUT";
    action.headers = { { "X-Region", "{target_region}" }, { "X-Static", "1" } };
    action.body = QStringLiteral(R"({"to": "{target_region}", "from": "{old_primary_name}"})");

    const ActionOutcome outcome = runToEnd(action, failoverContext());
    QVERIFY2(outcome.ok, qPrintable(outcome.summary));
    QCOMPARE(outcome.httpStatus, 204);
    QVERIFY2(outcome.summary.startsWith(u"HTTP 204 in "), qPrintable(outcome.summary));
    QCOMPARE(m_server->requests().size(), 1);
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.method, QByteArray("PUT"));
    QCOMPARE(request.path, u"/hooks/failover");
    QCOMPARE(request.query, u"run=r-1");
    QCOMPARE(request.header("X-Region"), QByteArray("eu-west"));
    QCOMPARE(request.header("X-Static"), QByteArray("1"));
    // A body without a Content-Type of its own is sent as JSON.
    QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(request.body, QByteArray(R"({"to": "eu-west", "from": "US East"})"));
}

void tst_ActionRunner::httpFailsOnStatus()
{
    m_server->answer(
        "POST", QStringLiteral("/hooks"), 503, "maintenance until 10:00\n", "text/plain");
    ActionConfig action;
    action.kind = ActionKind::Http;
    action.url = m_server->base() + u"/hooks";
    action.headers = { { "Content-Type", "text/plain" } };
    action.body = QStringLiteral("switch");
    const ActionOutcome outcome = runToEnd(action, failoverContext());
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.httpStatus, 503);
    QVERIFY2(outcome.summary.startsWith(u"HTTP 503 in "), qPrintable(outcome.summary));
    QCOMPARE(outcome.detail, u"maintenance until 10:00");
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.method, QByteArray("POST")); // the default
    QCOMPARE(request.headerCount("Content-Type"), 1); // the action's own, not a second one
    QCOMPARE(request.header("Content-Type"), QByteArray("text/plain"));
}

void tst_ActionRunner::httpTransportFailure()
{
    const quint16 port = m_server->port();
    m_server.reset(); // nothing listens there any more
    ActionConfig action;
    action.kind = ActionKind::Http;
    action.url = u"http://127.0.0.1:" + QString::number(port) + u"/secret-path/abc";
    const ActionOutcome outcome = runToEnd(action, failoverContext());
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.httpStatus, 0);
    QVERIFY2(outcome.summary.startsWith(
                 u"connection refused by 127.0.0.1:" + QString::number(port) + u" after "),
        qPrintable(outcome.summary));
    QVERIFY(!outcome.summary.contains(u"secret-path"));
}

void tst_ActionRunner::httpTimesOut()
{
    m_server->staySilent("POST", QStringLiteral("/slow"));
    ActionConfig action;
    action.kind = ActionKind::Http;
    action.url = m_server->base() + u"/slow";
    action.timeout = 300ms;
    QElapsedTimer clock;
    clock.start();
    const ActionOutcome outcome = runToEnd(action, failoverContext(), 5s);
    QVERIFY(clock.elapsed() < 3000);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.summary, u"timed out after 300 ms");
    QVERIFY(outcome.elapsed >= 300ms);
    // A POST without a body still says so.
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_server->requests().first().header("Content-Length"), QByteArray("0"));
}

void tst_ActionRunner::httpVerifiesTls()
{
    QFile certFile(tlsData("localhost-cert.pem"));
    QFile keyFile(tlsData("localhost-key.pem"));
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(QSslCertificate(certFile.readAll(), QSsl::Pem));
    tls.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem));
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    RecordingHttpServer server;
    QVERIFY(server.listenLocalTls(tls));
    server.answer("POST", QStringLiteral("/hooks"), 200, "ok");

    ActionConfig action;
    action.kind = ActionKind::Http;
    action.url = server.base(QStringLiteral("https")) + u"/hooks";
    // A self-signed certificate is refused; nothing crosses the channel.
    const ActionOutcome untrusted = runToEnd(action, failoverContext());
    QVERIFY(!untrusted.ok);
    QVERIFY2(untrusted.summary.startsWith(u"TLS"), qPrintable(untrusted.summary));
    QCOMPARE(server.requests().size(), 0);

    // Qt 6.4 keeps a connection per host and port whatever the TLS configuration: a request
    // with other CAs to the same server needs a fresh one.
    m_network->clearConnectionCache();
    action.caFile = tlsData("localhost-cert.pem");
    const ActionOutcome trusted = runToEnd(action, failoverContext());
    QVERIFY2(trusted.ok, qPrintable(trusted.summary));
    QCOMPARE(server.requests().size(), 1);

    m_network->clearConnectionCache();
    action.caFile = tlsData("other-ca.pem");
    const ActionOutcome unrelated = runToEnd(action, failoverContext());
    QVERIFY(!unrelated.ok);
    QCOMPARE(server.requests().size(), 1);
}

void tst_ActionRunner::slackPostsText()
{
    m_server->answer("POST", QStringLiteral("/services/T0/B0/X"), 200, "ok", "text/html");
    ActionConfig action;
    action.kind = ActionKind::SlackWebhook;
    action.url = m_server->base() + u"/services/T0/B0/X";
    const ActionOutcome outcome = runToEnd(action, failoverContext());
    QVERIFY2(outcome.ok, qPrintable(outcome.summary));
    QCOMPARE(outcome.detail, u"ok");
    const RecordedRequest &request = m_server->requests().first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, u"/services/T0/B0/X");
    QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
    // Exactly Slack's incoming-webhook payload: one "text" member.
    QCOMPARE(json(request.body),
        QJsonObject({ { QStringLiteral("text"),
            QStringLiteral("Failover to EU West: \"done\" in 4.2 s") } }));

    m_server->answer("POST", QStringLiteral("/services/T0/B0/X"), 404, "no_service", "text/html");
    const ActionOutcome refused = runToEnd(action, failoverContext());
    QVERIFY(!refused.ok);
    QCOMPARE(refused.httpStatus, 404);
    QCOMPARE(refused.detail, u"no_service");
}

void tst_ActionRunner::commandSucceeds()
{
    ActionConfig action = commandAction(QStringLiteral("echo \"to $0 from $1\""));
    action.command += { QStringLiteral("{target_region}"), QStringLiteral("{old_primary_region}") };
    const ActionOutcome outcome = runToEnd(action, failoverContext());
    QVERIFY2(outcome.ok, qPrintable(outcome.summary));
    QCOMPARE(outcome.exitCode, 0);
    QVERIFY2(outcome.summary.startsWith(u"exit 0 in "), qPrintable(outcome.summary));
    QCOMPARE(outcome.detail, u"to eu-west from us-east");
}

void tst_ActionRunner::commandFailsWithExitCode()
{
    const ActionOutcome outcome = runToEnd(
        commandAction(QStringLiteral("echo out; echo broken >&2; exit 3")), failoverContext());
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.exitCode, 3);
    QVERIFY2(outcome.summary.startsWith(u"exit 3 in "), qPrintable(outcome.summary));
    QCOMPARE(outcome.detail, u"out\nbroken"); // stderr merged in order
}

void tst_ActionRunner::commandCannotStart()
{
    ActionConfig action;
    action.kind = ActionKind::Command;
    action.command = { QStringLiteral("/nonexistent/fc-program") };
    const ActionOutcome outcome = runToEnd(action, failoverContext());
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.exitCode, -1);
    QVERIFY2(
        outcome.summary.startsWith(u"the program could not start: "), qPrintable(outcome.summary));
}

void tst_ActionRunner::commandTimeoutKillsTheGroup()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pidFile = dir.filePath(QStringLiteral("child.pid"));
    // A script whose own child hangs: the timeout must end both.
    const ActionConfig action
        = commandAction(u"sleep 30 & echo $! > '" + pidFile + u"'; wait", 300ms);
    QElapsedTimer clock;
    clock.start();
    const ActionOutcome outcome = runToEnd(action, failoverContext(), 5s);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.summary, u"timed out after 300 ms");
    QVERIFY(outcome.elapsed >= 300ms && outcome.elapsed < 5s);

    QFile file(pidFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const pid_t child = pid_t(file.readAll().trimmed().toInt());
    QVERIFY(child > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!isAlive(child), 3000);
}

void tst_ActionRunner::commandOutputIsCapped()
{
    // 200 KB of x, then the last words.
    const ActionOutcome outcome = runToEnd(
        commandAction(QStringLiteral("head -c 200000 /dev/zero | tr '\\0' x; echo; echo END")),
        failoverContext());
    QVERIFY2(outcome.ok, qPrintable(outcome.summary));
    QVERIFY(outcome.detail.toUtf8().size() <= 2048);
    QVERIFY(outcome.detail.startsWith(u'\u2026'));
    QVERIFY(outcome.detail.endsWith(u"xxx\nEND"));
}

void tst_ActionRunner::secretsNeverShow()
{
    const QString envSecret = QStringLiteral("hunter2-from-the-environment");
    // A server that echoes everything it was sent, with a failing status.
    m_server->answer("POST", QStringLiteral("/echo"), 500,
        "token " + Token.toUtf8() + " and " + envSecret.toUtf8() + " rejected\n", "text/plain");
    ActionConfig action;
    action.kind = ActionKind::Http;
    action.url = m_server->base() + u"/echo";
    action.headers = { { "Authorization", "Bearer " + envSecret.toUtf8() } };
    action.apiToken = Token; // not an http key, yet a secret wherever it is
    action.secretValues = { envSecret };
    const ActionOutcome outcome = runToEnd(action, failoverContext());
    QVERIFY(!outcome.ok);
    QCOMPARE(
        outcome.detail, u"token \u2022\u2022\u2022\u2022 and \u2022\u2022\u2022\u2022 rejected");

    // Cloudflare's errors may quote what they were sent.
    const QString path = u"/client/v4/zones/" + ZoneId + u"/dns_records/" + RecordId;
    m_server->answer("PATCH", path, 400,
        R"({"success":false,"errors":[{"code":6003,"message":"Invalid token )" + Token.toUtf8()
            + R"("}]})");
    const ActionOutcome cloudflare
        = runToEnd(dnsAction(m_server->base() + u"/client/v4"), failoverContext());
    QVERIFY(!cloudflare.ok);
    QVERIFY2(cloudflare.summary.contains(u"Invalid token \u2022\u2022\u2022\u2022 (6003)"),
        qPrintable(cloudflare.summary));
    for (const ActionOutcome &o : { outcome, cloudflare }) {
        QVERIFY(!o.summary.contains(Token) && !o.detail.contains(Token));
        QVERIFY(!o.summary.contains(envSecret) && !o.detail.contains(envSecret));
    }

    // A command's output too.
    ActionConfig command = commandAction(QStringLiteral("echo \"using $0\"; exit 1"));
    command.command += envSecret;
    command.secretValues = { envSecret };
    const ActionOutcome program = runToEnd(command, failoverContext());
    QCOMPARE(program.detail, u"using \u2022\u2022\u2022\u2022");
}

void tst_ActionRunner::refusesMissingTemplateValues()
{
    m_server->answer("PATCH", u"/client/v4/zones/" + ZoneId + u"/dns_records/" + RecordId, 200,
        cloudflareOk(QJsonObject()));
    ActionContext context = failoverContext();
    context.values.remove(QStringLiteral("target_region"));
    const ActionOutcome outcome = runToEnd(dnsAction(m_server->base() + u"/client/v4"), context);
    QVERIFY(!outcome.ok);
    QCOMPARE(outcome.summary, u"not run: this run has no value for {target_region}");
    QCOMPARE(m_server->requests().size(), 0);
}

void tst_ActionRunner::abortEndsAtOnce()
{
    ActionRunner runner(m_network.get());
    QSignalSpy spy(&runner, &ActionRunner::finished);
    runner.run(commandAction(QStringLiteral("sleep 30")), failoverContext());
    QTest::qWait(100);
    QVERIFY(runner.isRunning());
    runner.abort();
    QCOMPARE(spy.size(), 1);
    QVERIFY(!runner.isRunning());
    const ActionOutcome outcome = spy.at(0).at(0).value<ActionOutcome>();
    QVERIFY(!outcome.ok);
    QVERIFY2(outcome.summary.startsWith(u"aborted after "), qPrintable(outcome.summary));
    runner.abort(); // nothing runs: no second finished()
    QTest::qWait(50);
    QCOMPARE(spy.size(), 1);

    // An HTTP request aborted before its answer.
    m_server->staySilent("POST", QStringLiteral("/slow"));
    ActionConfig http;
    http.kind = ActionKind::Http;
    http.url = m_server->base() + u"/slow";
    runner.run(http, failoverContext());
    QTRY_COMPARE(m_server->requests().size(), 1);
    runner.abort();
    QCOMPARE(spy.size(), 2);
    QTest::qWait(50);
    QCOMPARE(spy.size(), 2);
}

void tst_ActionRunner::secondRunIsRefused()
{
    ActionRunner runner(m_network.get());
    QSignalSpy spy(&runner, &ActionRunner::finished);
    runner.run(commandAction(QStringLiteral("sleep 0.3; echo first")), failoverContext());
    runner.run(commandAction(QStringLiteral("echo second")), failoverContext());
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 2, 5000);
    const ActionOutcome refused = spy.at(0).at(0).value<ActionOutcome>();
    QVERIFY(!refused.ok);
    QCOMPARE(refused.summary, u"not run: action \"script\" is still running");
    const ActionOutcome first = spy.at(1).at(0).value<ActionOutcome>();
    QVERIFY2(first.ok, qPrintable(first.summary));
    QCOMPARE(first.detail, u"first");
}

void tst_ActionRunner::expandFillsKnownNames()
{
    const ActionContext context = failoverContext();
    QCOMPARE(ActionRunner::expand(QStringLiteral("db-{target_region}.{run_kind}"), context.values),
        u"db-eu-west.failover");
    QCOMPARE(ActionRunner::expand(QStringLiteral("{source_region}"), context.values),
        u"{source_region}");
}

QTEST_GUILESS_MAIN(tst_ActionRunner)
#include "tst_actionrunner.moc"
