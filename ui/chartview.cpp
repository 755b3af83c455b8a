#include "chartview.h"

#include "chartpalette.h"
#include "themecolours.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QFontMetrics>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QValueAxis>

#include <algorithm>

namespace Console {

namespace {

// Enough distinct colours for a region's endpoints; beyond, they repeat.
QColor lineColour(int index)
{
    static const QColor colours[] = { QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
        QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd),
        QColor(0x8c, 0x56, 0x4b), QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f),
        QColor(0xbc, 0xbd, 0x22), QColor(0x17, 0xbe, 0xcf) };
    const int count = int(std::size(colours));
    return colours[((index % count) + count) % count];
}

QColor markerColour(EventKind kind)
{
    switch (kind) {
    case EventKind::FailoverStarted:
    case EventKind::FailoverFinished:
    case EventKind::RoleChanged: return QColor(0x7b, 0x3f, 0xbf); // violet, as the map's primary
    case EventKind::BreakerTransition: return QColor(0xd9, 0x8c, 0x00);
    case EventKind::SplitBrain: return QColor(0xc6, 0x28, 0x28);
    default: return QColor(0x60, 0x60, 0x60);
    }
}

// Legends of more lines than this hide the chart they describe.
constexpr int maxLegendLines = 12;

} // namespace

ChartView::ChartView(const QString &title, const QString &unit, QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation); // a 1 Hz refresh must not animate
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_timeAxis = new QDateTimeAxis;
    m_timeAxis->setFormat(QStringLiteral("HH:mm"));
    m_timeAxis->setTickCount(6);
    m_valueAxis = new QValueAxis;
    m_valueAxis->setTitleText(unit);
    m_valueAxis->setLabelFormat(QStringLiteral("%.3g"));
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_valueAxis, Qt::AlignLeft);
    applyPaletteToChart(chart, palette());
    setChart(chart); // the view owns the chart
    setRenderHint(QPainter::Antialiasing, false); // thousands of segments a second
    setMinimumSize(240, 160);
}

ChartView::~ChartView() = default;

void ChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPaletteToChart(chart(), palette());
        m_markerColours.clear();
    }
}

int ChartView::plotPixels() const
{
    const int plot = int(chart()->plotArea().width());
    // Before the first layout the plot area is empty: estimate from the view.
    return std::max(50, plot > 0 ? plot : width() - 80);
}

QList<QLineSeries *> ChartView::lines() const
{
    return m_series.mid(0, m_used);
}

void ChartView::setData(
    qint64 fromMs, qint64 toMs, const QList<Line> &lines, const QList<ChartMarker> &markers)
{
    QChart *chart = this->chart();
    while (m_series.size() < lines.size()) {
        auto *series = new QLineSeries;
        chart->addSeries(series); // the chart owns it
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_valueAxis);
        m_series.append(series);
    }
    // A new axis range makes every line lay out its old points again, a replace its new ones:
    // emptied first, the lines lay out once, after the range is set.
    for (qsizetype i = 0; i < m_series.size() && i < lines.size(); ++i) {
        if (m_series[i]->count() > 0)
            m_series[i]->clear();
    }
    m_timeAxis->setRange(
        QDateTime::fromMSecsSinceEpoch(fromMs), QDateTime::fromMSecsSinceEpoch(toMs));
    const QString format
        = toMs - fromMs > 6 * 3600 * 1000 ? QStringLiteral("dd HH:mm") : QStringLiteral("HH:mm:ss");
    if (m_timeAxis->format() != format)
        m_timeAxis->setFormat(format);
    // As many ticks as whole labels fit: a narrow plot showed "13:…" under every tick.
    const int label = QFontMetrics(m_timeAxis->labelsFont())
                          .horizontalAdvance(QDateTime::fromMSecsSinceEpoch(toMs).toString(format))
        + 12;
    const int ticks = std::clamp(plotPixels() / std::max(1, label) + 1, 2, 6);
    if (m_timeAxis->tickCount() != ticks)
        m_timeAxis->setTickCount(ticks);
    double top = 0;
    for (const Line &line : lines) {
        for (const QPointF &p : line.points)
            top = std::max(top, p.y());
    }
    m_valueAxis->setRange(0, top > 0 ? top * 1.1 : 1);
    // With nothing to show (no errors, no lag) three ticks say "0 to 1" plainly; five gave
    // "0.25", which Qt Charts cuts to "0…" in a narrow axis sized for "0" and "1".
    const int valueTicks = top > 0 ? 5 : 3;
    if (m_valueAxis->tickCount() != valueTicks)
        m_valueAxis->setTickCount(valueTicks);
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        QLineSeries *series = m_series[i];
        if (i >= lines.size()) {
            if (series->isVisible()) {
                series->clear();
                series->setVisible(false);
            }
            continue;
        }
        const Line &line = lines[i];
        QPen pen(lineColour(line.colourIndex));
        pen.setWidthF(line.dashed ? 1.0 : 1.5);
        pen.setStyle(line.dashed ? Qt::DashLine : Qt::SolidLine);
        if (series->pen() != pen)
            series->setPen(pen);
        if (series->name() != line.name)
            series->setName(line.name);
        series->replace(line.points);
        series->setVisible(true);
    }
    m_used = int(lines.size());
    chart->legend()->setVisible(m_used > 0 && m_used <= maxLegendLines);
    // Hidden series keep their legend entries unless told otherwise.
    const auto markersOf = chart->legend()->markers();
    for (qsizetype i = 0; i < markersOf.size(); ++i)
        markersOf[i]->setVisible(i < m_used);
    m_markers = markers;
    // Markers are foreground: only the cached foreground needs repainting.
    scene()->invalidate(scene()->sceneRect(), QGraphicsScene::ForegroundLayer);
}

void ChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    if (m_markers.isEmpty())
        return;
    const QRectF plot = chart()->plotArea();
    painter->save();
    painter->setClipRect(plot.adjusted(-1, -1, 1, 1));
    const qint64 fromMs = m_timeAxis->min().toMSecsSinceEpoch();
    const double span = std::max(1.0, double(m_timeAxis->max().toMSecsSinceEpoch() - fromMs));
    for (const ChartMarker &marker : m_markers) {
        const double x = plot.left() + double(marker.tMs - fromMs) / span * plot.width();
        // The grey of "other events" is made to read on a dark plot as on a light one; worked
        // out once per kind and palette, not per marker and paint.
        auto colour = m_markerColours.constFind(int(marker.kind));
        if (colour == m_markerColours.cend())
            colour = m_markerColours.insert(int(marker.kind),
                ThemeColours::readableOn(
                    markerColour(marker.kind), palette().color(QPalette::Base), 3.0));
        QPen pen(colour.value());
        pen.setWidthF(1.5);
        pen.setStyle(marker.kind == EventKind::BreakerTransition ? Qt::DotLine : Qt::SolidLine);
        painter->setPen(pen);
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    painter->restore();
}

} // namespace Console
