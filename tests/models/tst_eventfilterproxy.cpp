#include "eventfilterproxy.h"
#include "eventlogmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Console;
using Col = EventLogModel::Column;

namespace {
ConsoleEvent makeEvent(int second, EventKind kind, EventSeverity severity, const QString &regionId,
    const QString &message)
{
    ConsoleEvent event;
    event.sequence = quint64(second + 1);
    event.wallTime = QDateTime(QDate(2024, 5, 6), QTime(14, 0, second), Qt::UTC);
    event.kind = kind;
    event.severity = severity;
    event.regionId = regionId;
    event.message = message;
    return event;
}

QStringList messages(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, Col::MessageColumn).data().toString();
    return out;
}
} // namespace

class tst_EventFilterProxy final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void everythingByDefault();
    void byRegion();
    void byKind();
    void byMinimumSeverity();
    void bySearchText();
    void combinedAndFollowingNewRows();

private:
    EventLogModel *m_model = nullptr;
    EventFilterProxy *m_proxy = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};

void tst_EventFilterProxy::init()
{
    m_model = new EventLogModel(this);
    m_model->append(makeEvent(1, EventKind::ConsoleStarted, EventSeverity::Info, QString(),
        QStringLiteral("Watching 4 endpoints")));
    m_model->append(makeEvent(2, EventKind::EndpointHealth, EventSeverity::Critical,
        QStringLiteral("us-east"), QStringLiteral("US East DB is unhealthy: connection refused.")));
    m_model->append(makeEvent(3, EventKind::RegionHealth, EventSeverity::Warning,
        QStringLiteral("eu-west"), QStringLiteral("EU West is degraded: slow.")));
    m_model->append(makeEvent(4, EventKind::RegionHealth, EventSeverity::Critical,
        QStringLiteral("us-east"), QStringLiteral("US East is unhealthy.")));
    m_proxy = new EventFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    m_tester = new QAbstractItemModelTester(
        m_proxy, QAbstractItemModelTester::FailureReportingMode::Fatal, this);
}

void tst_EventFilterProxy::cleanup()
{
    delete m_tester;
    delete m_proxy;
    delete m_model;
}

void tst_EventFilterProxy::everythingByDefault()
{
    QCOMPARE(m_proxy->rowCount(), 4);
    QCOMPARE(m_proxy->columnCount(), int(Col::ColumnCount));
    QVERIFY(m_proxy->minimumSeverity() == EventSeverity::Info);
    QVERIFY(!m_proxy->kind());
}

void tst_EventFilterProxy::byRegion()
{
    m_proxy->setRegionId(QStringLiteral("us-east"));
    QCOMPARE(messages(*m_proxy),
        QStringList({ QStringLiteral("US East DB is unhealthy: connection refused."),
            QStringLiteral("US East is unhealthy.") }));
    m_proxy->setRegionId(QString());
    QCOMPARE(m_proxy->rowCount(), 4);
}

void tst_EventFilterProxy::byKind()
{
    m_proxy->setKind(EventKind::RegionHealth);
    QCOMPARE(messages(*m_proxy),
        QStringList({ QStringLiteral("EU West is degraded: slow."),
            QStringLiteral("US East is unhealthy.") }));
    m_proxy->setKind(std::nullopt);
    QCOMPARE(m_proxy->rowCount(), 4);
}

void tst_EventFilterProxy::byMinimumSeverity()
{
    m_proxy->setMinimumSeverity(EventSeverity::Warning);
    QCOMPARE(m_proxy->rowCount(), 3);
    m_proxy->setMinimumSeverity(EventSeverity::Critical);
    QCOMPARE(messages(*m_proxy),
        QStringList({ QStringLiteral("US East DB is unhealthy: connection refused."),
            QStringLiteral("US East is unhealthy.") }));
}

void tst_EventFilterProxy::bySearchText()
{
    m_proxy->setSearchText(QStringLiteral("  REFUSED "));
    QCOMPARE(m_proxy->searchText(), QStringLiteral("REFUSED"));
    QCOMPARE(messages(*m_proxy),
        QStringList({ QStringLiteral("US East DB is unhealthy: connection refused.") }));
    m_proxy->setSearchText(QStringLiteral("nothing like this"));
    QCOMPARE(m_proxy->rowCount(), 0);
    m_proxy->setSearchText(QString());
    QCOMPARE(m_proxy->rowCount(), 4);
}

void tst_EventFilterProxy::combinedAndFollowingNewRows()
{
    m_proxy->setRegionId(QStringLiteral("us-east"));
    m_proxy->setKind(EventKind::RegionHealth);
    m_proxy->setMinimumSeverity(EventSeverity::Critical);
    m_proxy->setSearchText(QStringLiteral("unhealthy"));
    QCOMPARE(messages(*m_proxy), QStringList({ QStringLiteral("US East is unhealthy.") }));
    // A new matching event shows; one from another region does not.
    m_model->append(makeEvent(5, EventKind::RegionHealth, EventSeverity::Critical,
        QStringLiteral("us-east"), QStringLiteral("US East is unhealthy again.")));
    m_model->append(makeEvent(6, EventKind::RegionHealth, EventSeverity::Critical,
        QStringLiteral("eu-west"), QStringLiteral("EU West is unhealthy.")));
    QCOMPARE(messages(*m_proxy),
        QStringList({ QStringLiteral("US East is unhealthy."),
            QStringLiteral("US East is unhealthy again.") }));
}

QTEST_GUILESS_MAIN(tst_EventFilterProxy)
#include "tst_eventfilterproxy.moc"
