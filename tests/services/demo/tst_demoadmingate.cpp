#include "demoadmingate.h"

#include <QTest>

using namespace Console;
using namespace Qt::StringLiterals;

// Who may change a demo region's role: loopback callers with this run's token.
class tst_DemoAdminGate final : public QObject
{
    Q_OBJECT

private slots:
    void gate_data();
    void gate();
};

void tst_DemoAdminGate::gate_data()
{
    QTest::addColumn<QHostAddress>("peer");
    QTest::addColumn<QByteArray>("presented");
    QTest::addColumn<int>("status"); // 0: allowed

    const QByteArray token = "demo-admin-0123456789abcdef";
    QTest::newRow("ipv4 loopback, token") << QHostAddress(QHostAddress::LocalHost) << token << 0;
    QTest::newRow("ipv6 loopback, token")
        << QHostAddress(QHostAddress::LocalHostIPv6) << token << 0;
    QTest::newRow("no token") << QHostAddress(QHostAddress::LocalHost) << QByteArray() << 401;
    QTest::newRow("other token") << QHostAddress(QHostAddress::LocalHost)
                                 << QByteArray("demo-admin-0123456789abcdee") << 401;
    QTest::newRow("prefix of the token")
        << QHostAddress(QHostAddress::LocalHost) << token.first(token.size() - 1) << 401;
    QTest::newRow("token plus more")
        << QHostAddress(QHostAddress::LocalHost) << QByteArray(token + "0") << 401;
    QTest::newRow("another machine, token") << QHostAddress(u"192.0.2.10"_s) << token << 403;
    QTest::newRow("another machine, no token")
        << QHostAddress(u"192.0.2.10"_s) << QByteArray() << 403;
}

void tst_DemoAdminGate::gate()
{
    QFETCH(QHostAddress, peer);
    QFETCH(QByteArray, presented);
    QFETCH(int, status);
    const std::optional<DemoReply> rejected
        = rejectAdminRequest(peer, presented, "demo-admin-0123456789abcdef");
    QCOMPARE(rejected ? rejected->status : 0, status);
    if (rejected)
        QVERIFY(!rejected->body.contains("demo-admin-0123456789abcdef"));
}

QTEST_GUILESS_MAIN(tst_DemoAdminGate)
#include "tst_demoadmingate.moc"
