#include "sparklinedelegate.h"

#include "roles.h"
#include "visiblecell.h"

#include <QPainter>

#include <algorithm>

namespace Console {

SparklineDelegate::SparklineDelegate(const TimeSeriesStore *store, TimeSeriesStore::Metric metric,
    QAbstractItemDelegate *base, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_store(store)
    , m_metric(metric)
    , m_base(base)
{ }

SparklineDelegate::~SparklineDelegate() = default;

QPolygonF SparklineDelegate::sparkline(const TimeSeries &series, const QRectF &rect)
{
    const int count = std::min(series.size(), sparklineSamples);
    QPolygonF line;
    if (count < 2)
        return line;
    const int first = series.size() - count;
    double top = 0;
    for (int i = first; i < series.size(); ++i)
        top = std::max(top, series.at(i).value);
    if (top <= 0)
        top = 1; // a flat zero (no lag) sits on the baseline
    line.reserve(count);
    for (int i = 0; i < count; ++i) {
        const double v = std::max(0.0, series.at(first + i).value);
        line.append(QPointF(rect.left() + rect.width() * i / (sparklineSamples - 1),
            rect.bottom() - rect.height() * v / top));
    }
    return line;
}

void SparklineDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString endpointId = index.data(EndpointIdRole).toString();
    const TimeSeries *series
        = endpointId.isEmpty() ? nullptr : m_store->series(endpointId, m_metric);
    // In the part of the cell the view shows, so a column running past a narrow pane's edge
    // keeps its line and the figure beside it in sight; and the figure first: the line only
    // where the text the cell would show (compact if need be) still fits beside it.
    const QRect cell = visibleCell(option);
    QStyleOptionViewItem rest(option);
    rest.rect = cell;
    rest.rect.setRight(cell.right() - sparklineWidth);
    const int textWidth = m_base ? m_base->sizeHint(rest, index).width()
                                 : QStyledItemDelegate::sizeHint(rest, index).width();
    const bool drawn = series && series->size() >= 2 && rest.rect.width() >= 40
        && textWidth <= rest.rect.width();
    if (!drawn)
        rest.rect = option.rect;
    if (m_base)
        m_base->paint(painter, rest, index);
    else
        QStyledItemDelegate::paint(painter, rest, index);
    if (!drawn)
        return;
    const QRectF area(
        cell.right() - sparklineWidth + 4, cell.top() + 3, sparklineWidth - 8, cell.height() - 6);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    const bool selected = option.state.testFlag(QStyle::State_Selected);
    QPen pen(option.palette.color(selected ? QPalette::HighlightedText : QPalette::Link));
    pen.setWidthF(1.2);
    painter->setPen(pen);
    painter->drawPolyline(sparkline(*series, area));
    painter->restore();
}

QSize SparklineDelegate::sizeHint(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize base
        = m_base ? m_base->sizeHint(option, index) : QStyledItemDelegate::sizeHint(option, index);
    return QSize(base.width() + sparklineWidth, base.height());
}

} // namespace Console
