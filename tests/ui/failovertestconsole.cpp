#include "failovertestconsole.h"

#include "failovercontroller.h"

#include <QFile>
#include <QTcpServer>
#include <QTest>

namespace Console {

namespace {

// A loopback port that refuses connections: bound once for a free number, then closed.
quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 1;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

QString regionYaml(const QString &id, const QString &name, const QString &role, const QUrl &base,
    const QString &admin)
{
    QString yaml = QStringLiteral("  - id: %1\n"
                                  "    name: %2\n"
                                  "    role: %3\n"
                                  "    latitude: 0\n"
                                  "    longitude: 0\n"
                                  "    endpoints:\n"
                                  "      - id: %1-health\n"
                                  "        kind: http\n"
                                  "        url: \"%4/api/health\"\n"
                                  "        expect_json: { db: ok, auth: ok }\n"
                                  "        lag_json_ms: replication_lag_ms\n"
                                  "        role_json: role\n")
                       .arg(id, name, role, base.toString());
    if (!admin.isEmpty())
        yaml += QStringLiteral("    admin:\n      connection: \"%1\"\n").arg(admin);
    return yaml;
}

} // namespace

FailoverTestConsole::FailoverTestConsole() = default;

FailoverTestConsole::~FailoverTestConsole()
{
    if (m_engine)
        m_engine->stop(QStringLiteral("test done"));
}

QString FailoverTestConsole::lockPath() const
{
    return m_dir.filePath(QStringLiteral("console.lock"));
}

FailoverController *FailoverTestConsole::controller() const
{
    return m_engine->failover();
}

bool FailoverTestConsole::start()
{
    QString error;
    if (!m_dir.isValid() || !m_demo.start(&error)) {
        qWarning("demo regions: %s", qPrintable(error));
        return false;
    }
    const QString admin
        = QStringLiteral("host=127.0.0.1 port=%1 user=postgres dbname=postgres connect_timeout=2")
              .arg(closedPort());
    const QString yaml = QStringLiteral("console:\n"
                                        "  probe_interval: 500ms\n"
                                        "  probe_timeout: 400ms\n"
                                        "failover:\n"
                                        "  mode: manual\n"
                                        "  step_timeout: 5s\n"
                                        "  lock_file: console.lock\n"
                                        "regions:\n")
        + regionYaml(QStringLiteral("us-east"), QStringLiteral("US East"),
            QStringLiteral("primary"), m_demo.baseUrl(QStringLiteral("us-east")), {})
        + regionYaml(QStringLiteral("eu-west"), QStringLiteral("EU West"),
            QStringLiteral("standby"), m_demo.baseUrl(QStringLiteral("eu-west")), admin)
        + regionYaml(QStringLiteral("ap-southeast"), QStringLiteral("APAC"),
            QStringLiteral("replica"), m_demo.baseUrl(QStringLiteral("ap-southeast")), {});
    const QString path = m_dir.filePath(QStringLiteral("console.yaml"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(yaml.toUtf8()) < 0) {
        qWarning("cannot write %s", qPrintable(path));
        return false;
    }
    file.close();
    m_engine = std::make_unique<ConsoleEngine>();
    if (!m_engine->loadConfig(path)) {
        qWarning("%s", qPrintable(m_engine->errors().join(u'\n')));
        return false;
    }
    m_engine->setConsoleRole(QStringLiteral("test"));
    m_engine->start();
    // The primary's answer makes the roles known; a failover target needs a standby's too.
    return QTest::qWaitFor(
        [this] {
            return controller()->rolesKnown()
                && !controller()->defaultTarget(RunKind::Failover).isEmpty();
        },
        10000);
}

} // namespace Console
