#include "nodedetails.h"

#include <QTest>

using namespace Console;

class tst_NodeDetails : public QObject
{
    Q_OBJECT
private slots:
    void standbyShowsEveryFigure();
    void primaryShowsItsStandbys();
    void unreachableNodeSaysFiguresAreOld();
    void httpEndpointWithoutNode();

private:
    static QString valueOf(
        const QList<DetailRow> &rows, const QString &label, bool *warning = nullptr);
    static const QDateTime now;
};

const QDateTime tst_NodeDetails::now = QDateTime(QDate(2026, 11, 29), QTime(12, 0), Qt::UTC);

QString tst_NodeDetails::valueOf(const QList<DetailRow> &rows, const QString &label, bool *warning)
{
    for (const DetailRow &row : rows) {
        if (row.label == label) {
            if (warning)
                *warning = row.warning;
            return row.value;
        }
    }
    return QStringLiteral("<absent>");
}

void tst_NodeDetails::standbyShowsEveryFigure()
{
    NodeState node;
    node.endpointId = QStringLiteral("eu-db");
    node.role = PostgresRole::Standby;
    node.configuredRole = RegionRole::Standby;
    node.probed = node.answering = true;
    node.lastAnswerAt = now.addSecs(-1);
    PostgresObservation o;
    o.role = PostgresRole::Standby;
    o.timeline = 3;
    o.flushedLsn = QStringLiteral("0/3000100");
    o.replayLsn = QStringLiteral("0/3000000");
    o.senderHost = QStringLiteral("10.0.0.5");
    o.senderPort = 5432;
    o.receiverStatus = QStringLiteral("streaming");
    o.replayPaused = true;
    o.connections = 95;
    o.maxConnections = 100;
    o.commitsPerSecond = 12.25;
    node.observation = o;
    NodeReplication replication;
    replication.side = NodeReplication::Side::Standby;
    ReplicationLink link;
    link.state = QStringLiteral("streaming");
    link.lagBytes = 12 * 1024;
    link.lagSeconds = 0.5;
    replication.link = link;

    NodeDetails::Input input;
    input.name = QStringLiteral("EU database");
    input.health = Health::Degraded;
    input.since = now.addSecs(-75);
    input.reason = QStringLiteral("replay paused");
    input.node = &node;
    input.replication = replication;
    input.errors = { { now.addSecs(-30), QStringLiteral("timeout: no answer within 800 ms") } };
    const QList<DetailRow> rows = NodeDetails::rows(input, now);

    bool warning = false;
    QCOMPARE(
        valueOf(rows, QStringLiteral("Health"), &warning), QStringLiteral("Degraded for 1:15"));
    QVERIFY(warning);
    QCOMPARE(valueOf(rows, QStringLiteral("Role")), QStringLiteral("standby"));
    QCOMPARE(valueOf(rows, QStringLiteral("Timeline")), QStringLiteral("3"));
    QCOMPARE(valueOf(rows, QStringLiteral("Received LSN")), QStringLiteral("0/3000100"));
    QCOMPARE(valueOf(rows, QStringLiteral("Replayed LSN")), QStringLiteral("0/3000000"));
    QCOMPARE(
        valueOf(rows, QStringLiteral("Upstream")), QStringLiteral("10.0.0.5:5432 · streaming"));
    QCOMPARE(valueOf(rows, QStringLiteral("Replay"), &warning), QStringLiteral("paused"));
    QVERIFY(warning);
    QCOMPARE(valueOf(rows, QStringLiteral("Lag")), QStringLiteral("12.0 KiB · 0.50 s"));
    QCOMPARE(valueOf(rows, QStringLiteral("Connections"), &warning), QStringLiteral("95 of 100"));
    QVERIFY(warning); // nearly full
    QCOMPARE(valueOf(rows, QStringLiteral("Commits/s")), QStringLiteral("12.3"));
    QCOMPARE(rows.constLast().value, QStringLiteral("timeout: no answer within 800 ms"));
    QVERIFY(rows.constLast().label.startsWith(QStringLiteral("Error at ")));
}

void tst_NodeDetails::primaryShowsItsStandbys()
{
    NodeState node;
    node.role = PostgresRole::Primary;
    node.configuredRole = RegionRole::Primary;
    node.probed = node.answering = true;
    PostgresObservation o;
    o.timeline = 1;
    o.currentLsn = QStringLiteral("0/5000000");
    o.readOnly = true; // fenced
    node.observation = o;
    NodeReplication replication;
    replication.side = NodeReplication::Side::Upstream;
    replication.streamingStandbys = 1;
    ReplicationLink streaming;
    streaming.standbyName = QStringLiteral("standby1");
    streaming.state = QStringLiteral("streaming");
    streaming.lagBytes = 0;
    ReplicationLink gone;
    gone.standbyName = QStringLiteral("standby2");
    gone.state = QStringLiteral("catchup");
    replication.standbys = { streaming, gone };

    NodeDetails::Input input;
    input.name = QStringLiteral("primary");
    input.health = Health::Healthy;
    input.node = &node;
    input.replication = replication;
    const QList<DetailRow> rows = NodeDetails::rows(input, now);
    bool warning = false;
    QCOMPARE(valueOf(rows, QStringLiteral("Role"), &warning),
        QStringLiteral("primary (fenced: read-only)"));
    QVERIFY(warning);
    QCOMPARE(valueOf(rows, QStringLiteral("Current LSN")), QStringLiteral("0/5000000"));
    QCOMPARE(valueOf(rows, QStringLiteral("Standbys")), QStringLiteral("1 of 2 streaming"));
    QCOMPARE(
        valueOf(rows, QStringLiteral("  standby1"), &warning), QStringLiteral("streaming · 0 B"));
    QVERIFY(!warning);
    QCOMPARE(valueOf(rows, QStringLiteral("  standby2"), &warning), QStringLiteral("catchup · —"));
    QVERIFY(warning);
    QCOMPARE(valueOf(rows, QStringLiteral("Received LSN")), QStringLiteral("<absent>"));
}

void tst_NodeDetails::unreachableNodeSaysFiguresAreOld()
{
    NodeState node;
    node.role = PostgresRole::Primary;
    node.probed = true;
    node.answering = false;
    node.lastAnswerAt = now.addSecs(-12);
    NodeReplication replication;
    replication.side = NodeReplication::Side::Upstream;
    replication.stale = true;
    replication.lastAnswerAt = now.addSecs(-12);
    NodeDetails::Input input;
    input.health = Health::Unhealthy;
    input.node = &node;
    input.replication = replication;
    const QList<DetailRow> rows = NodeDetails::rows(input, now);
    bool warning = false;
    QCOMPARE(valueOf(rows, QStringLiteral("Last answer"), &warning), QStringLiteral("0:12 ago"));
    QVERIFY(warning);
    QCOMPARE(valueOf(rows, QStringLiteral("Figures"), &warning),
        QStringLiteral("from the last answer, 0:12 ago"));
    QVERIFY(warning);
}

void tst_NodeDetails::httpEndpointWithoutNode()
{
    NodeDetails::Input input;
    input.name = QStringLiteral("REST API");
    input.target = QStringLiteral("https://east.example/health");
    input.health = Health::Healthy;
    const QList<DetailRow> rows = NodeDetails::rows(input, now);
    QCOMPARE(rows.size(), 3);
    QCOMPARE(valueOf(rows, QStringLiteral("Target")), input.target);
    QCOMPARE(valueOf(rows, QStringLiteral("Health")), QStringLiteral("Healthy"));
}

QTEST_GUILESS_MAIN(tst_NodeDetails)
#include "tst_nodedetails.moc"
