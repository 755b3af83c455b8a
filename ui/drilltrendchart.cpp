#include "drilltrendchart.h"

#include "chartpalette.h"

#include <QBoxLayout>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>

namespace Console {

DrillTrendChart::DrillTrendChart(QWidget *parent)
    : QWidget(parent)
    , m_chart(new QChart)
    , m_series(new QLineSeries)
    , m_dots(new QScatterSeries)
    , m_target(new QLineSeries)
    , m_timeAxis(new QDateTimeAxis)
    , m_valueAxis(new QValueAxis)
{
    m_series->setName(tr("RTO"));
    m_dots->setMarkerSize(8);
    m_target->setName(tr("Target"));
    QPen dashed(QColor(0xdc, 0x26, 0x26));
    dashed.setStyle(Qt::DashLine);
    m_target->setPen(dashed);
    m_chart->addSeries(m_series);
    m_chart->addSeries(m_dots);
    m_chart->addSeries(m_target);
    m_timeAxis->setTickCount(3);
    m_valueAxis->setTitleText(tr("RTO (s)"));
    m_valueAxis->setLabelFormat(QStringLiteral("%.0f"));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    for (QAbstractSeries *series : { static_cast<QAbstractSeries *>(m_series),
             static_cast<QAbstractSeries *>(m_dots), static_cast<QAbstractSeries *>(m_target) }) {
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_valueAxis);
    }
    m_chart->legend()->setVisible(false);
    QFont titleFont = m_chart->titleFont();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 0.9);
    m_chart->setTitleFont(titleFont);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    applyPaletteToChart(m_chart, palette());
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setObjectName(QStringLiteral("drillTrendView"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    setTrend({}, {}, 0);
}

DrillTrendChart::~DrillTrendChart() = default;

void DrillTrendChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPaletteToChart(m_chart, palette());
}

int DrillTrendChart::pointCount() const
{
    return m_series->count();
}

void DrillTrendChart::setTrend(
    const QString &drillName, const QList<DrillTrendPoint> &points, qint64 targetMs)
{
    QList<QPointF> line;
    double top = targetMs > 0 ? targetMs / 1000.0 : 1.0;
    for (const DrillTrendPoint &point : points) {
        line.append(QPointF(double(point.when.toMSecsSinceEpoch()), point.rtoMs / 1000.0));
        top = std::max(top, point.rtoMs / 1000.0);
    }
    std::sort(
        line.begin(), line.end(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
    m_series->replace(line);
    m_dots->replace(line);
    m_chart->setTitle(drillName.isEmpty() ? tr("RTO trend: select a drill run")
            : points.isEmpty() ? tr("RTO trend of %1: no RTO measured yet").arg(drillName)
                               : tr("RTO trend of %1").arg(drillName));
    QDateTime from = QDateTime::currentDateTime().addDays(-7);
    QDateTime to = QDateTime::currentDateTime();
    if (!line.isEmpty()) {
        from = QDateTime::fromMSecsSinceEpoch(qint64(line.first().x())).addSecs(-3600);
        to = QDateTime::fromMSecsSinceEpoch(qint64(line.last().x())).addSecs(3600);
    }
    // Runs a few hours apart read better with the hour than with the date alone.
    m_timeAxis->setFormat(from.daysTo(to) < 2 ? QStringLiteral("HH:mm") : QStringLiteral("MMM d"));
    m_timeAxis->setRange(from, to);
    m_valueAxis->setRange(0, top * 1.2);
    m_valueAxis->applyNiceNumbers();
    QList<QPointF> target;
    if (targetMs > 0) {
        target = { QPointF(double(from.toMSecsSinceEpoch()), targetMs / 1000.0),
            QPointF(double(to.toMSecsSinceEpoch()), targetMs / 1000.0) };
    }
    m_target->replace(target);
}

} // namespace Console
