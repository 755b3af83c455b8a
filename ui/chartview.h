#pragma once

#include "chartmarkers.h"

#include <QChartView>
#include <QColor>
#include <QHash>
#include <QList>
#include <QPointF>
#include <QString>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace Console {

// One time chart of the Charts tab: a set of named lines over a date-time axis, and event
// markers drawn as vertical lines in the foreground (one paint, not a series per event). Lines
// are reused from one redraw to the next, so a refresh replaces points rather than rebuilding
// the scene.
class ChartView final : public QChartView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartView)
public:
    struct Line
    {
        QString name;
        QList<QPointF> points; // x: ms since the epoch
        int colourIndex = 0; // lines of one endpoint or region share a colour
        bool dashed = false; // the p95 beside its p50
    };

    ChartView(const QString &title, const QString &unit, QWidget *parent = nullptr);
    ~ChartView() override;

    // Shows the lines over [fromMs, toMs) with the given markers.
    void setData(
        qint64 fromMs, qint64 toMs, const QList<Line> &lines, const QList<ChartMarker> &markers);
    // The width of the plot in pixels: the point budget of every line.
    int plotPixels() const;

    QList<QLineSeries *> lines() const; // the visible ones
    const QList<ChartMarker> &markers() const { return m_markers; }

protected:
    void changeEvent(QEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    QDateTimeAxis *m_timeAxis = nullptr; // owned by the chart
    QValueAxis *m_valueAxis = nullptr; // owned by the chart
    QList<QLineSeries *> m_series; // owned by the chart; m_used of them are shown
    int m_used = 0;
    QList<ChartMarker> m_markers;
    QHash<int, QColor> m_markerColours; // event kind -> its line's colour on this palette
};

} // namespace Console
