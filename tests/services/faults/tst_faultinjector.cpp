#include "config.h"
#include "demotopology.h"
#include "faultinjector.h"
#include "misbehavinghttpserver.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Console;
using namespace std::chrono_literals;

namespace {

ActionConfig shellAction(const QString &id, const QString &script,
    std::chrono::milliseconds timeout = std::chrono::milliseconds { 10000 })
{
    ActionConfig action;
    action.id = id;
    action.kind = ActionKind::Command;
    action.command = { QStringLiteral("/bin/sh"), QStringLiteral("-c"), script };
    action.timeout = timeout;
    return action;
}

// Whether something accepts TCP connections on the URL's port.
bool accepts(const QUrl &url)
{
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(url.port()));
    return socket.waitForConnected(2000);
}

} // namespace

// Drills break and restore regions through the injector: on the demo by its built-in faults, on
// anything else by the region's admin.faults actions. Each call ends in exactly one finished(),
// from the event loop.
class tst_FaultInjector final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void demoDownAndRestore();
    void demoNames();
    void unknownFaultFailsLater();
    void commandFault();
    void failingCommand();
    void timedOutCommand();
    void oneAtATime();
    void abortKillsTheProgram();
    void httpFault();

private:
    // One region, "lab-x", named "Lab X", with these faults.
    static ConsoleConfig labConfig(const QMap<QString, ActionConfig> &faults);
    // Waits for the spy's next signal and returns its (ok, summary).
    static QPair<bool, QString> nextResult(QSignalSpy &spy);

    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
};

void tst_FaultInjector::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

ConsoleConfig tst_FaultInjector::labConfig(const QMap<QString, ActionConfig> &faults)
{
    ConsoleConfig config;
    RegionConfig region;
    region.id = QStringLiteral("lab-x");
    region.name = QStringLiteral("Lab X");
    region.role = RegionRole::Primary;
    region.admin.faults = faults;
    config.regions.append(region);
    return config;
}

QPair<bool, QString> tst_FaultInjector::nextResult(QSignalSpy &spy)
{
    if (spy.isEmpty() && !spy.wait(15000))
        return { false, QStringLiteral("no finished() within 15 s") };
    const QList<QVariant> args = spy.takeFirst();
    return { args.at(2).toBool(), args.at(3).toString() };
}

void tst_FaultInjector::demoDownAndRestore()
{
    DemoTopology demo;
    QString error;
    QVERIFY2(demo.start(&error), qPrintable(error));
    const QString region = demo.regionIds().first();
    const QUrl url = demo.baseUrl(region);
    QVERIFY(accepts(url));
    ConsoleConfig config; // the demo's regions come from the demo itself
    FaultInjector injector(config, &demo, &m_network);
    QVERIFY(injector.supports(region, QStringLiteral("down")));
    QVERIFY(injector.faults(region).contains(QStringLiteral("restore")));

    QSignalSpy spy(&injector, &FaultInjector::finished);
    injector.inject(region, QStringLiteral("down"));
    QVERIFY(injector.isRunning());
    QCOMPARE(spy.size(), 0); // never from inside inject()
    QVERIFY(spy.wait());
    QCOMPARE(spy.size(), 1);
    QList<QVariant> args = spy.takeFirst();
    QCOMPARE(args.at(0).toString(), region);
    QCOMPARE(args.at(1).toString(), u"down");
    QVERIFY2(args.at(2).toBool(), qPrintable(args.at(3).toString()));
    QVERIFY(!injector.isRunning());
    QCOMPARE(toString(demo.fault(region)), toString(DemoFault::Down));
    QVERIFY(!accepts(url)); // refused: nothing listens

    injector.inject(region, QStringLiteral("restore"));
    const auto [ok, summary] = nextResult(spy);
    QVERIFY2(ok, qPrintable(summary));
    QCOMPARE(toString(demo.fault(region)), toString(DemoFault::None));
    QVERIFY(accepts(url));
    QTest::qWait(50);
    QCOMPARE(spy.size(), 0); // exactly once each
}

void tst_FaultInjector::demoNames()
{
    DemoTopology demo;
    QString error;
    QVERIFY2(demo.start(&error), qPrintable(error));
    const QString region = demo.regionIds().last();
    ConsoleConfig config;
    FaultInjector injector(config, &demo, &m_network);
    QCOMPARE(injector.faults(region),
        QStringList({ QStringLiteral("down"), QStringLiteral("erroring"), QStringLiteral("freeze"),
            QStringLiteral("hang"), QStringLiteral("lag"), QStringLiteral("refuse"),
            QStringLiteral("restore"), QStringLiteral("slow") }));
    QSignalSpy spy(&injector, &FaultInjector::finished);
    const QList<QPair<QString, DemoFault>> cases { { QStringLiteral("freeze"), DemoFault::Hang },
        { QStringLiteral("refuse"), DemoFault::Down },
        { QStringLiteral("lag"), DemoFault::Lagging },
        { QStringLiteral("erroring"), DemoFault::Erroring },
        { QStringLiteral("slow"), DemoFault::Slow },
        { QStringLiteral("restore"), DemoFault::None } };
    for (const auto &[name, fault] : cases) {
        injector.inject(region, name);
        const auto [ok, summary] = nextResult(spy);
        QVERIFY2(ok, qPrintable(name + u": " + summary));
        QCOMPARE(toString(demo.fault(region)), toString(fault));
    }
    demo.stop();
    QVERIFY(!injector.supports(region, QStringLiteral("down")));
    QCOMPARE(
        injector.unsupportedReason(region, QStringLiteral("down")), u"the demo is not running");
}

void tst_FaultInjector::unknownFaultFailsLater()
{
    DemoTopology demo;
    QString error;
    QVERIFY2(demo.start(&error), qPrintable(error));
    const QString region = demo.regionIds().first();
    ConsoleConfig config;
    FaultInjector injector(config, &demo, &m_network);
    const QString reason = injector.unsupportedReason(region, QStringLiteral("dns-failure"));
    QVERIFY2(reason.contains(u"has no fault \"dns-failure\": add admin.faults.dns-failure"),
        qPrintable(reason));
    QVERIFY2(reason.contains(u"down, erroring, freeze"), qPrintable(reason));

    QSignalSpy spy(&injector, &FaultInjector::finished);
    injector.inject(region, QStringLiteral("dns-failure"));
    QVERIFY(!injector.isRunning());
    QCOMPARE(spy.size(), 0);
    QVERIFY(spy.wait());
    QTest::qWait(50);
    QCOMPARE(spy.size(), 1);
    const QList<QVariant> args = spy.takeFirst();
    QCOMPARE(args.at(1).toString(), u"dns-failure");
    QVERIFY(!args.at(2).toBool());
    QCOMPARE(args.at(3).toString(), u"not run: " + reason);
    QCOMPARE(toString(demo.fault(region)), toString(DemoFault::None));

    // Not the demo, and a region the configuration does not have.
    const ConsoleConfig lab = labConfig({});
    FaultInjector plain(lab, nullptr, &m_network);
    QVERIFY(plain.faults(QStringLiteral("lab-x")).isEmpty());
    QVERIFY(plain.unsupportedReason(QStringLiteral("lab-x"), QStringLiteral("down"))
                .contains(u"it has no faults at all"));
    QCOMPARE(plain.unsupportedReason(QStringLiteral("nowhere"), QStringLiteral("down")),
        u"there is no region nowhere");
}

void tst_FaultInjector::commandFault()
{
    const QString file = m_dir.filePath(QStringLiteral("broken"));
    const ConsoleConfig config = labConfig({ { QStringLiteral("dns-failure"),
        shellAction(QStringLiteral("lab-x.faults.dns-failure"),
            u"printf '%s|%s|%s' '{region}' '{target_name}' '{message}' > '"_qs + file
                + u"'"_qs) } });
    FaultInjector injector(config, nullptr, &m_network);
    QCOMPARE(
        injector.faults(QStringLiteral("lab-x")), QStringList { QStringLiteral("dns-failure") });
    QVERIFY(injector.supports(QStringLiteral("lab-x"), QStringLiteral("dns-failure")));
    QVERIFY(!injector.supports(QStringLiteral("lab-x"), QStringLiteral("down")));

    QSignalSpy spy(&injector, &FaultInjector::finished);
    injector.inject(QStringLiteral("lab-x"), QStringLiteral("dns-failure"));
    QVERIFY(injector.isRunning());
    QCOMPARE(spy.size(), 0);
    const auto [ok, summary] = nextResult(spy);
    QVERIFY2(ok, qPrintable(summary));
    QVERIFY2(summary.startsWith(u"lab-x.faults.dns-failure: exit 0"), qPrintable(summary));
    QFile written(file);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QCOMPARE(written.readAll(), "lab-x|Lab X|Drill: fault dns-failure on Lab X");
}

void tst_FaultInjector::failingCommand()
{
    const ConsoleConfig config = labConfig({ { QStringLiteral("down"),
        shellAction(QStringLiteral("lab-x.faults.down"),
            QStringLiteral("echo no such node >&2; exit 3")) } });
    FaultInjector injector(config, nullptr, &m_network);
    QSignalSpy spy(&injector, &FaultInjector::finished);
    injector.inject(QStringLiteral("lab-x"), QStringLiteral("down"));
    const auto [ok, summary] = nextResult(spy);
    QVERIFY(!ok);
    QVERIFY2(summary.startsWith(u"lab-x.faults.down: exit 3"), qPrintable(summary));
    QVERIFY2(summary.endsWith(u": no such node"), qPrintable(summary));
    QVERIFY(!injector.isRunning());
}

void tst_FaultInjector::timedOutCommand()
{
    const ConsoleConfig config = labConfig({ { QStringLiteral("freeze"),
        shellAction(QStringLiteral("lab-x.faults.freeze"), QStringLiteral("sleep 30"), 300ms) } });
    FaultInjector injector(config, nullptr, &m_network);
    QSignalSpy spy(&injector, &FaultInjector::finished);
    QElapsedTimer clock;
    clock.start();
    injector.inject(QStringLiteral("lab-x"), QStringLiteral("freeze"));
    const auto [ok, summary] = nextResult(spy);
    QVERIFY(!ok);
    QVERIFY2(summary.contains(u"timed out"), qPrintable(summary));
    QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
}

void tst_FaultInjector::oneAtATime()
{
    const ConsoleConfig config
        = labConfig({ { QStringLiteral("slow"),
                          shellAction(QStringLiteral("slow"), QStringLiteral("sleep 0.3")) },
            { QStringLiteral("restore"),
                shellAction(QStringLiteral("restore"), QStringLiteral("true")) } });
    FaultInjector injector(config, nullptr, &m_network);
    QSignalSpy spy(&injector, &FaultInjector::finished);
    injector.inject(QStringLiteral("lab-x"), QStringLiteral("slow"));
    injector.inject(QStringLiteral("lab-x"), QStringLiteral("restore"));
    QVERIFY(injector.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), 2, 10000);
    QTest::qWait(50);
    QCOMPARE(spy.size(), 2);
    // The refusal comes first, and the running one is untouched by it.
    QCOMPARE(spy.at(0).at(1).toString(), u"restore");
    QVERIFY(!spy.at(0).at(2).toBool());
    QCOMPARE(spy.at(0).at(3).toString(), u"not run: fault slow on lab-x is still running");
    QCOMPARE(spy.at(1).at(1).toString(), u"slow");
    QVERIFY2(spy.at(1).at(2).toBool(), qPrintable(spy.at(1).at(3).toString()));
}

void tst_FaultInjector::abortKillsTheProgram()
{
    const ConsoleConfig config = labConfig({ { QStringLiteral("down"),
        shellAction(QStringLiteral("lab-x.faults.down"), QStringLiteral("sleep 30")) } });
    FaultInjector injector(config, nullptr, &m_network);
    QSignalSpy spy(&injector, &FaultInjector::finished);
    injector.abort(); // nothing runs: nothing happens
    injector.inject(QStringLiteral("lab-x"), QStringLiteral("down"));
    QTest::qWait(100);
    injector.abort();
    QCOMPARE(spy.size(), 1);
    QVERIFY(!spy.at(0).at(2).toBool());
    QVERIFY2(
        spy.at(0).at(3).toString().contains(u"aborted"), qPrintable(spy.at(0).at(3).toString()));
    QVERIFY(!injector.isRunning());
    QTest::qWait(50);
    QCOMPARE(spy.size(), 1);

    // A demo fault aborted before the event loop applied it is never applied.
    DemoTopology demo;
    QString error;
    QVERIFY2(demo.start(&error), qPrintable(error));
    const QString region = demo.regionIds().first();
    ConsoleConfig none;
    FaultInjector onDemo(none, &demo, &m_network);
    QSignalSpy demoSpy(&onDemo, &FaultInjector::finished);
    onDemo.inject(region, QStringLiteral("down"));
    onDemo.abort();
    QCOMPARE(demoSpy.size(), 1);
    QTest::qWait(50);
    QCOMPARE(demoSpy.size(), 1);
    QCOMPARE(toString(demo.fault(region)), toString(DemoFault::None));
}

void tst_FaultInjector::httpFault()
{
    MisbehavingHttpServer server;
    QVERIFY(server.listen());
    server.setReply("/chaos/lab-x/dns", ServerReply::answer(204));
    server.setReply("/chaos/lab-x/restore", ServerReply::answer(500, "chaos engine down"));
    ActionConfig breakDns;
    breakDns.id = QStringLiteral("break-dns");
    breakDns.kind = ActionKind::Http;
    breakDns.method = "PUT";
    // Braces written by hand: QUrl would encode them.
    const QString base = server.url(QStringLiteral("/")).toString();
    breakDns.url = base + u"chaos/{region}/dns";
    breakDns.timeout = 5s;
    ActionConfig restore = breakDns;
    restore.id = QStringLiteral("restore");
    restore.url = base + u"chaos/{region}/restore";
    const ConsoleConfig config = labConfig(
        { { QStringLiteral("dns-failure"), breakDns }, { QStringLiteral("restore"), restore } });

    FaultInjector injector(config, nullptr, &m_network);
    QSignalSpy spy(&injector, &FaultInjector::finished);
    injector.inject(QStringLiteral("lab-x"), QStringLiteral("dns-failure"));
    auto [ok, summary] = nextResult(spy);
    QVERIFY2(ok, qPrintable(summary));
    QVERIFY2(summary.startsWith(u"break-dns: HTTP 204"), qPrintable(summary));
    QCOMPARE(server.requestCount("/chaos/lab-x/dns"), 1);
    QCOMPARE(server.requests().constLast().method, "PUT");

    injector.inject(QStringLiteral("lab-x"), QStringLiteral("restore"));
    std::tie(ok, summary) = nextResult(spy);
    QVERIFY(!ok);
    QVERIFY2(summary.startsWith(u"restore: HTTP 500"), qPrintable(summary));

    // Without the caller's network the injector makes its own.
    FaultInjector offline(config, nullptr, nullptr);
    QSignalSpy offlineSpy(&offline, &FaultInjector::finished);
    offline.inject(QStringLiteral("lab-x"), QStringLiteral("dns-failure"));
    std::tie(ok, summary) = nextResult(offlineSpy);
    QVERIFY2(ok, qPrintable(summary));
    QCOMPARE(server.requestCount("/chaos/lab-x/dns"), 2);
}

QTEST_GUILESS_MAIN(tst_FaultInjector)
#include "tst_faultinjector.moc"
