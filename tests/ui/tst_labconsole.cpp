#include "consoleruntime.h"
#include "endpointstatusmodel.h"
#include "eventlogmodel.h"
#include "health.h"
#include "mainwindow.h"
#include "pglab.h"
#include "roles.h"

#include <QTest>

using namespace Console;

// The whole console against a real lab (a primary and two streaming standbys): the window shows
// each server's real role, replication lag moving under a paused replay, and a crash as refused.
class tst_LabConsole : public QObject
{
    Q_OBJECT

private:
    PgLab m_lab;
    std::unique_ptr<ConsoleRuntime> m_runtime;

    QModelIndex cell(const QString &node, int column) const
    {
        return m_runtime->statusModel()->indexForEndpoint(
            QStringLiteral("lab-%1-postgres").arg(node), column);
    }

    double lagSeconds(const QString &node) const
    {
        const QVariant v = cell(node, EndpointStatusModel::ReplicationColumn).data(LagSecondsRole);
        return v.isValid() ? v.toDouble() : -1;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_lab.up(2, &error), qPrintable(error));
        // The generated config names a libpq passfile: `failover-console --config FILE` works as
        // it is, with no secret in the file or the environment.
        qunsetenv("LAB_PGPASSWORD");
        qunsetenv("PGPASSWORD");
        // The heartbeat table must exist before replay is paused, or the paused standby never
        // receives it; the first primary probe creates it.
        m_runtime = std::make_unique<ConsoleRuntime>();
        QVERIFY2(m_runtime->loadConfig(m_lab.configPath()),
            qPrintable(m_runtime->errors().join(QLatin1Char('\n'))));
        m_runtime->startConsole()->show();
    }

    void cleanupTestCase()
    {
        m_runtime.reset();
        m_lab.down();
    }

    void showsRealRoles()
    {
        QTRY_COMPARE_WITH_TIMEOUT(cell(QStringLiteral("primary"), 1).data().toString(),
            QStringLiteral("PostgreSQL · primary"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(cell(QStringLiteral("standby1"), 1).data().toString(),
            QStringLiteral("PostgreSQL · standby"), 10000);
        QCOMPARE(cell(QStringLiteral("primary"), 1).data(WarningRole).toBool(), false);
        QTRY_VERIFY_WITH_TIMEOUT(
            cell(QStringLiteral("primary"), EndpointStatusModel::ReplicationColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("2 standby(s)")),
            10000);
        // The password never reaches the window.
        for (int column = 0; column < EndpointStatusModel::ColumnCount; ++column) {
            QVERIFY(!cell(QStringLiteral("primary"), column)
                         .data()
                         .toString()
                         .contains(m_lab.password()));
        }
    }

    void pausedReplayMakesLagGrow()
    {
        const QString node = QStringLiteral("standby2");
        QTRY_VERIFY_WITH_TIMEOUT(lagSeconds(node) >= 0 && lagSeconds(node) < 3, 15000);
        QString error;
        QVERIFY2(m_lab.fault(node, QStringLiteral("pause-replay"), &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(lagSeconds(node) > 3, 15000);
        QVERIFY(cell(node, EndpointStatusModel::ReplicationColumn).data(WarningRole).toBool());
        // The other standby keeps up meanwhile.
        QVERIFY2(lagSeconds(QStringLiteral("standby1")) < 3,
            qPrintable(QString::number(lagSeconds(QStringLiteral("standby1")))));
        QVERIFY2(m_lab.fault(node, QStringLiteral("resume-replay"), &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(lagSeconds(node) >= 0 && lagSeconds(node) < 3, 15000);
    }

    void crashedStandbyIsUnhealthyAtOnce()
    {
        const QString node = QStringLiteral("standby1");
        QString error;
        QVERIFY2(m_lab.fault(node, QStringLiteral("crash"), &error), qPrintable(error));
        // Refused is a strong signal: unhealthy on the first failed probe, no three-strike wait.
        QTRY_COMPARE_WITH_TIMEOUT(
            cell(node, EndpointStatusModel::StatusColumn).data(HealthRole).toInt(),
            int(Health::Unhealthy), 3000);
        QVERIFY(cell(node, EndpointStatusModel::LastErrorColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("refused")));
        QCOMPARE(cell(QStringLiteral("primary"), EndpointStatusModel::StatusColumn)
                     .data(HealthRole)
                     .toInt(),
            int(Health::Healthy));
        QVERIFY2(m_lab.fault(node, QStringLiteral("start"), &error), qPrintable(error));
    }
};

QTEST_MAIN(tst_LabConsole)
#include "tst_labconsole.moc"
