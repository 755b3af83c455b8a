#include "consoleengine.h"
#include "detailpane.h"
#include "endpointstatusmodel.h"
#include "eventhub.h"
#include "eventlogmodel.h"
#include "health.h"
#include "healthmonitor.h"
#include "mainwindow.h"
#include "membersmodel.h"
#include "pglab.h"
#include "roles.h"
#include "statusbanner.h"
#include "topologystate.h"
#include "windowshell.h"

#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace Console;

// The whole console against a real lab (a primary and two streaming standbys): the window shows
// each server's real role and links, lag and a paused replay as health, a crash as refused, and
// the primary as the servers report it through a crash, a promotion and a split brain.
class tst_LabConsole : public QObject
{
    Q_OBJECT

private:
    PgLab m_lab;
    std::unique_ptr<ConsoleEngine> m_engine;
    std::unique_ptr<WindowShell> m_shell;
    QList<ConsoleEvent> m_events;

    static QString endpoint(const QString &node)
    {
        return QStringLiteral("lab-%1-postgres").arg(node);
    }

    QModelIndex cell(const QString &node, int column) const
    {
        return m_shell->statusModel()->indexForEndpoint(endpoint(node), column);
    }

    double lagSeconds(const QString &node) const
    {
        const QVariant v = cell(node, EndpointStatusModel::ReplicationColumn).data(LagSecondsRole);
        return v.isValid() ? v.toDouble() : -1;
    }

    Health health(const QString &node) const
    {
        return m_engine->health()->endpointHealth(endpoint(node));
    }

    bool sawEvent(
        EventKind kind, EventSeverity severity, const QString &field, const QVariant &value) const
    {
        for (const ConsoleEvent &e : m_events) {
            if (e.kind == kind && e.severity == severity && e.field(field) == value)
                return true;
        }
        return false;
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
        m_engine = std::make_unique<ConsoleEngine>();
        QVERIFY2(m_engine->loadConfig(m_lab.configPath()),
            qPrintable(m_engine->errors().join(QLatin1Char('\n'))));
        connect(m_engine->events(), &EventHub::published, this,
            [this](const ConsoleEvent &e) { m_events.append(e); });
        m_engine->start();
        m_shell = std::make_unique<WindowShell>(m_engine.get());
        m_shell->window()->show();
    }

    void cleanupTestCase()
    {
        m_shell.reset();
        m_engine.reset();
        m_lab.down();
    }

    void showsRealRolesAndLinks()
    {
        QTRY_COMPARE_WITH_TIMEOUT(cell(QStringLiteral("primary"), 1).data().toString(),
            QStringLiteral("PostgreSQL · primary"), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(cell(QStringLiteral("standby1"), 1).data().toString(),
            QStringLiteral("PostgreSQL · standby"), 10000);
        QCOMPARE(cell(QStringLiteral("primary"), 1).data(WarningRole).toBool(), false);
        QTRY_COMPARE_WITH_TIMEOUT(
            toString(m_engine->topology()->primary().status), toString(PrimaryStatus::One), 10000);
        QCOMPARE(m_engine->topology()->primary().endpointId, endpoint(QStringLiteral("primary")));

        // The links are what pg_stat_replication says: each standby, by name, streaming.
        const QString rows = m_lab.psql(QStringLiteral("primary"),
            QStringLiteral("select application_name || '=' || state from pg_stat_replication "
                           "order by 1"));
        QCOMPARE(rows, QStringLiteral("standby1=streaming\nstandby2=streaming"));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_engine->topology()->linkFor(endpoint(QStringLiteral("standby2"))), 10000);
        for (const QString &node : { QStringLiteral("standby1"), QStringLiteral("standby2") }) {
            QTRY_VERIFY_WITH_TIMEOUT(
                m_engine->topology()->linkFor(endpoint(node))->streaming(), 10000);
            const ReplicationLink link = *m_engine->topology()->linkFor(endpoint(node));
            QCOMPARE(link.standbyName, node);
            QCOMPARE(link.upstreamId, endpoint(QStringLiteral("primary")));
            QVERIFY(link.seenFromUpstream && link.seenFromStandby);
            // The lab's standbys stream over the primary's Unix socket, in the lab folder.
            QCOMPARE(link.upstreamAddress,
                QStringLiteral("%1:%2")
                    .arg(m_lab.dir())
                    .arg(m_lab.port(QStringLiteral("primary"))));
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            cell(QStringLiteral("primary"), EndpointStatusModel::ReplicationColumn)
                .data()
                .toString()
                .startsWith(QStringLiteral("2 of 2 standbys streaming")),
            10000);
        QVERIFY(m_shell->window()->banner()->text().startsWith(QStringLiteral("Primary: ")));
        // The members view reads like `patronictl list`: one leader, two streaming replicas on
        // timeline 1 with their lag.
        const MembersModel *members = m_shell->window()->membersModel();
        QTRY_COMPARE_WITH_TIMEOUT(members->rowCount(), 3, 5000);
        QStringList table;
        for (int row = 0; row < members->rowCount(); ++row) {
            const auto at
                = [&](int column) { return members->index(row, column).data().toString(); };
            // A replica's lag is a number of MB ("0.0"); the leader has none.
            bool isNumber = false;
            at(MembersModel::LagMbColumn).toDouble(&isNumber);
            table << QStringLiteral("%1 %2 %3 %4")
                         .arg(at(MembersModel::RoleColumn), at(MembersModel::StateColumn),
                             at(MembersModel::TimelineColumn),
                             isNumber ? u"lag"_qs : at(MembersModel::LagMbColumn) + u"-"_qs);
        }
        QCOMPARE(table,
            QStringList({ u"Leader running 1 -"_qs, u"Replica streaming 1 lag"_qs,
                u"Replica streaming 1 lag"_qs }));
        // The detail pane shows a selected standby's positions, and no password.
        QTreeView *view = m_shell->window()->statusView();
        view->setCurrentIndex(
            m_shell->statusModel()->indexForEndpoint(endpoint(QStringLiteral("standby1"))));
        const QString details = m_shell->window()->detailPane()->text();
        QVERIFY2(details.contains(QStringLiteral("Role: standby")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("Timeline: 1")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("Replayed LSN: 0/")), qPrintable(details));
        QVERIFY2(details.contains(QStringLiteral("Connections: ")), qPrintable(details));
        QVERIFY(!details.contains(m_lab.password()));
        // The password never reaches the window.
        for (int column = 0; column < EndpointStatusModel::ColumnCount; ++column) {
            QVERIFY(!cell(QStringLiteral("primary"), column)
                         .data()
                         .toString()
                         .contains(m_lab.password()));
        }
    }

    void pausedReplayIsDegraded()
    {
        const QString node = QStringLiteral("standby2");
        QTRY_VERIFY_WITH_TIMEOUT(lagSeconds(node) >= 0 && lagSeconds(node) < 3, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(toString(health(node)), toString(Health::Healthy), 10000);
        QString error;
        QVERIFY2(m_lab.fault(node, QStringLiteral("pause-replay"), &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(toString(health(node)), toString(Health::Degraded), 5000);
        QCOMPARE(toString(m_engine->health()->endpointCause(endpoint(node))),
            toString(HealthCause::ReplayPaused));
        QVERIFY(sawEvent(
            EventKind::ReplayPaused, EventSeverity::Warning, QStringLiteral("paused"), true));
        QTRY_VERIFY_WITH_TIMEOUT(lagSeconds(node) > 3, 15000);
        QVERIFY(cell(node, EndpointStatusModel::ReplicationColumn).data(WarningRole).toBool());
        // The other standby keeps up meanwhile.
        QVERIFY2(lagSeconds(QStringLiteral("standby1")) < 3,
            qPrintable(QString::number(lagSeconds(QStringLiteral("standby1")))));
        QVERIFY2(m_lab.fault(node, QStringLiteral("resume-replay"), &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(lagSeconds(node) >= 0 && lagSeconds(node) < 3, 15000);
        // Back to healthy only after a run of good readings, as any recovery.
        QTRY_COMPARE_WITH_TIMEOUT(toString(health(node)), toString(Health::Healthy), 10000);
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
        QCOMPARE(toString(m_engine->topology()->primary().status), toString(PrimaryStatus::One));
        QVERIFY2(m_lab.fault(node, QStringLiteral("start"), &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(toString(health(node)), toString(Health::Healthy), 15000);
    }

    // The primary crashes, an operator promotes a standby by hand, then the old primary is
    // started again as it was: the console follows the servers through each step.
    void primaryThroughCrashPromotionAndSplitBrain()
    {
        TopologyState *topology = m_engine->topology();
        QTRY_VERIFY_WITH_TIMEOUT(topology->linkFor(endpoint(QStringLiteral("standby1")))
                && topology->linkFor(endpoint(QStringLiteral("standby1")))->streaming(),
            15000);
        QString error;
        QVERIFY2(m_lab.fault(QStringLiteral("primary"), QStringLiteral("crash"), &error),
            qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(
            toString(topology->primary().status), toString(PrimaryStatus::NoneReachable), 3000);
        QVERIFY(sawEvent(EventKind::PrimaryState, EventSeverity::Critical, QStringLiteral("status"),
            QStringLiteral("none-reachable")));
        // A candidate is named, with what promoting it would lose: both standbys hold all.
        QTRY_VERIFY_WITH_TIMEOUT(!topology->candidates().isEmpty(), 3000);
        const PromotionCandidate best = topology->candidates().constFirst();
        QVERIFY(best.loss.bytes.has_value());
        QCOMPARE(*best.loss.bytes, qint64(0));
        QVERIFY(sawEvent(EventKind::PromotionCandidate, EventSeverity::Warning,
            QStringLiteral("candidate"), best.endpointId));
        QVERIFY2(m_shell->window()->banner()->headline().startsWith(QStringLiteral("PRIMARY DOWN")),
            qPrintable(m_shell->window()->banner()->text()));
        // The lag stops counting up: the standby shows its expected loss, and it stays put.
        const QString lossText
            = cell(QStringLiteral("standby1"), EndpointStatusModel::ReplicationColumn)
                  .data()
                  .toString();
        QVERIFY2(
            lossText.startsWith(QStringLiteral("if promoted now, loses")), qPrintable(lossText));
        QTest::qWait(2500);
        QCOMPARE(cell(QStringLiteral("standby1"), EndpointStatusModel::ReplicationColumn)
                     .data()
                     .toString(),
            lossText);

        // An operator promotes standby1 by hand: within one probe interval (1 s) and a margin,
        // the banner and the table name it.
        QVERIFY2(m_lab.fault(QStringLiteral("standby1"), QStringLiteral("promote"), &error),
            qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(
            topology->primary().endpointId, endpoint(QStringLiteral("standby1")), 2500);
        QCOMPARE(toString(topology->primary().status), toString(PrimaryStatus::One));
        QTRY_VERIFY_WITH_TIMEOUT(m_shell->statusModel()
                                     ->indexForEndpoint(endpoint(QStringLiteral("standby1")))
                                     .data(IsPrimaryRole)
                                     .toBool(),
            1000);
        const QString regionName = m_shell->statusModel()
                                       ->indexForRegion(topology->primary().regionId)
                                       .data()
                                       .toString();
        QTRY_VERIFY_WITH_TIMEOUT(m_shell->window()->banner()->text().contains(
                                     QStringLiteral("Primary: %1").arg(regionName)),
            1000);
        QVERIFY(sawEvent(EventKind::RoleChanged, EventSeverity::Warning, QStringLiteral("to"),
            QStringLiteral("primary")));

        // The old primary comes back as it was: two servers accept writes, and it is critical.
        QVERIFY2(m_lab.fault(QStringLiteral("primary"), QStringLiteral("start"), &error),
            qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(
            toString(topology->primary().status), toString(PrimaryStatus::Several), 5000);
        QCOMPARE(topology->primary().writableIds.size(), 2);
        QVERIFY(sawEvent(EventKind::PrimaryState, EventSeverity::Critical, QStringLiteral("status"),
            QStringLiteral("several")));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_shell->window()->banner()->headline().startsWith(QStringLiteral("SPLIT BRAIN")),
            1000);
    }
};

QTEST_MAIN(tst_LabConsole)
#include "tst_labconsole.moc"
