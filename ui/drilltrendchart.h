#pragma once

#include <QDateTime>
#include <QList>
#include <QWidget>

class QChart;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace Console {

// One point of a drill's RTO trend: when the run started and the RTO it measured.
struct DrillTrendPoint
{
    QDateTime when;
    qint64 rtoMs = 0;
};

// The RTO a drill measured over its runs, oldest to newest, against its target when it has one.
// All Qt Charts code of the Drills tab is here.
class DrillTrendChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrillTrendChart)
public:
    explicit DrillTrendChart(QWidget *parent = nullptr);
    ~DrillTrendChart() override;

    // targetMs <= 0: no target line.
    void setTrend(const QString &drillName, const QList<DrillTrendPoint> &points, qint64 targetMs);
    int pointCount() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    QChart *m_chart = nullptr; // owned by the view
    QChartView *m_view = nullptr; // child
    QLineSeries *m_series = nullptr; // owned by the chart
    QScatterSeries *m_dots = nullptr; // owned by the chart
    QLineSeries *m_target = nullptr; // owned by the chart
    QDateTimeAxis *m_timeAxis = nullptr; // owned by the chart
    QValueAxis *m_valueAxis = nullptr; // owned by the chart
};

} // namespace Console
