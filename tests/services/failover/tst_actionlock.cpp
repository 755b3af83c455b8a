#include "actionlock.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Console;

// Two consoles on one machine never act at once: the second is refused and told who acts.
class tst_ActionLock final : public QObject
{
    Q_OBJECT
private slots:
    void secondConsoleIsRefusedAndToldWho();
    void deadHolderDoesNotBlockForever();
    void oneLockPerDeployment();
};

void tst_ActionLock::secondConsoleIsRefusedAndToldWho()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("act.lock"));
    ActionLock window(path, QString(), QStringLiteral("alice, window"));
    ActionLock headless(path, QString(), QStringLiteral("root, headless console"));
    QVERIFY(window.tryLock());
    QVERIFY(window.holder().isEmpty()); // its own lock names nobody else
    QVERIFY(!headless.tryLock());
    QVERIFY2(headless.holder().startsWith(QStringLiteral("alice, window (pid ")),
        qPrintable(headless.holder()));
    window.unlock();
    QVERIFY(headless.tryLock());
    QVERIFY(!window.tryLock());
    QVERIFY(window.holder().startsWith(QStringLiteral("root, headless console")));
}

void tst_ActionLock::deadHolderDoesNotBlockForever()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("act.lock"));
    // A lock file left by a process that is gone (kill -9): its pid no longer runs.
    QProcess gone;
    gone.start(QStringLiteral("/bin/true"), {});
    QVERIFY(gone.waitForFinished(5000));
    const qint64 deadPid = gone.processId() > 0 ? gone.processId() : 999999;
    QFile stale(path);
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.write(QByteArray::number(deadPid) + "\nfailover-console\n"
        + QSysInfo::machineHostName().toUtf8() + "\n");
    stale.close();
    ActionLock console(path, QString(), QStringLiteral("bob, window"));
    QVERIFY(console.tryLock());
}

void tst_ActionLock::oneLockPerDeployment()
{
    ActionLock a(QString(), QStringLiteral("eu/db1:5432,us/db2:5432"), QStringLiteral("a"));
    ActionLock b(QString(), QStringLiteral("eu/db1:5432,us/db2:5432"), QStringLiteral("b"));
    ActionLock other(QString(), QStringLiteral("eu/db1:6432,us/db2:6432"), QStringLiteral("c"));
    QCOMPARE(a.path(), b.path());
    QVERIFY(a.path() != other.path());
    QVERIFY(a.tryLock());
    QVERIFY(!b.tryLock());
    QVERIFY(other.tryLock());
}

QTEST_GUILESS_MAIN(tst_ActionLock)
#include "tst_actionlock.moc"
