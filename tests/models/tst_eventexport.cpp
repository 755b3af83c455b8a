#include "eventexport.h"
#include "eventjson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Console;

namespace {
QList<ConsoleEvent> sample()
{
    ConsoleEvent plain;
    plain.sequence = 7;
    plain.wallTime = QDateTime(QDate(2024, 5, 6), QTime(14, 2, 11, 250), Qt::UTC);
    plain.kind = EventKind::ConsoleStarted;
    plain.message = QStringLiteral("Watching 2 endpoints");

    ConsoleEvent tricky;
    tricky.sequence = 8;
    tricky.wallTime = plain.wallTime.addSecs(5);
    tricky.kind = EventKind::EndpointHealth;
    tricky.severity = EventSeverity::Critical;
    tricky.regionId = QStringLiteral("us-east");
    tricky.endpointId = QStringLiteral("us-east-db");
    tricky.message = QStringLiteral("US East DB, said \"no\"\nthen\tstopped");
    tricky.fields = { { QStringLiteral("cause"), QStringLiteral("refused") },
        { QStringLiteral("failure_run"), 3 } };
    return { plain, tricky };
}
} // namespace

class tst_EventExport final : public QObject
{
    Q_OBJECT
private slots:
    void csvQuotesPerRfc4180();
    void jsonMatchesTheHeadlessLines();
    void tsvKeepsOneLinePerRow();
    void writesFiles();
};

void tst_EventExport::csvQuotesPerRfc4180()
{
    const QByteArray csv = EventExport::toCsv(sample());
    const QByteArray expected = "seq,time,kind,severity,region,endpoint,message\r\n"
                                "7,2024-05-06T14:02:11.250Z,console-started,info,,,"
                                "Watching 2 endpoints\r\n"
                                "8,2024-05-06T14:02:16.250Z,endpoint-health,critical,us-east,"
                                "us-east-db,\"US East DB, said \"\"no\"\"\nthen\tstopped\"\r\n";
    QCOMPARE(csv, expected);
    QCOMPARE(
        EventExport::toCsv({}), QByteArray("seq,time,kind,severity,region,endpoint,message\r\n"));
}

void tst_EventExport::jsonMatchesTheHeadlessLines()
{
    const QList<ConsoleEvent> events = sample();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(EventExport::toJson(events), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(doc.isArray());
    const QJsonArray array = doc.array();
    QCOMPARE(array.size(), 2);
    for (int i = 0; i < 2; ++i)
        QCOMPARE(array.at(i).toObject(), eventToJson(events.at(i)));
    const QJsonObject tricky = array.at(1).toObject();
    QCOMPARE(tricky.value(QStringLiteral("message")).toString(), events.at(1).message);
    QCOMPARE(tricky.value(QStringLiteral("cause")).toString(), QStringLiteral("refused"));
    QCOMPARE(tricky.value(QStringLiteral("seq")).toInt(), 8);
    QVERIFY(array.at(0).toObject().value(QStringLiteral("region")).isNull());
    QCOMPARE(EventExport::encode(events, EventExport::Format::Json), EventExport::toJson(events));
}

void tst_EventExport::tsvKeepsOneLinePerRow()
{
    const QString tsv = EventExport::toTsv(sample());
    const QStringList lines = tsv.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    const QStringList cells = lines.at(1).split(QLatin1Char('\t'));
    QCOMPARE(cells.size(), 5);
    QCOMPARE(cells.at(1), QStringLiteral("critical"));
    QCOMPARE(cells.at(2), QStringLiteral("us-east"));
    QCOMPARE(cells.at(4), QStringLiteral("US East DB, said \"no\" then stopped"));
    QVERIFY(EventExport::toTsv({}).isEmpty());
}

void tst_EventExport::writesFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString csvPath = dir.filePath(QStringLiteral("events.csv"));
    QString error;
    QVERIFY2(EventExport::writeFile(csvPath, sample(), EventExport::Format::Csv, &error),
        qPrintable(error));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll(), EventExport::toCsv(sample()));

    const QString bad = dir.filePath(QStringLiteral("no/such/dir/events.json"));
    QVERIFY(!EventExport::writeFile(bad, sample(), EventExport::Format::Json, &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(tst_EventExport)
#include "tst_eventexport.moc"
