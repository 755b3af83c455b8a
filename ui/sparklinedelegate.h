#pragma once

#include "timeseriesstore.h"

#include <QPointer>
#include <QStyledItemDelegate>

namespace Console {

// A small line of an endpoint's last samples at the right of a status-table cell, beside what
// the cell's own delegate draws in the rest of it. Cheap by construction: at most
// sparklineSamples points from the store's ring, read at paint time, no copies kept.
class SparklineDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SparklineDelegate)
public:
    static constexpr int sparklineSamples = 60;
    static constexpr int sparklineWidth = 56;

    // store must outlive the delegate; base (may be null) draws the rest of the cell and is not
    // owned, usually a sibling delegate of the same view.
    SparklineDelegate(const TimeSeriesStore *store, TimeSeriesStore::Metric metric,
        QAbstractItemDelegate *base, QObject *parent = nullptr);
    ~SparklineDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The polyline drawn for a series in `rect`: its last samples scaled from 0 to their max.
    static QPolygonF sparkline(const TimeSeries &series, const QRectF &rect);

private:
    const TimeSeriesStore *m_store; // not owned
    TimeSeriesStore::Metric m_metric;
    QPointer<QAbstractItemDelegate> m_base; // not owned
};

} // namespace Console
