#include "severitydelegate.h"

#include "eventseverity.h"
#include "healthpalette.h"
#include "incidentrowdelegate.h"
#include "roles.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

namespace Console {

namespace {

QColor severityColour(EventSeverity severity)
{
    switch (severity) {
    case EventSeverity::Critical: return healthStyle(Health::Unhealthy).fill;
    case EventSeverity::Warning: return healthStyle(Health::Degraded).fill;
    case EventSeverity::Info: break;
    }
    return healthStyle(Health::Unknown).fill;
}

// A filled circle, triangle or square inside `box`.
QPainterPath severityShape(EventSeverity severity, const QRectF &box)
{
    QPainterPath path;
    switch (severity) {
    case EventSeverity::Critical: path.addRect(box.adjusted(1, 1, -1, -1)); break;
    case EventSeverity::Warning:
        path.moveTo(box.center().x(), box.top());
        path.lineTo(box.bottomRight());
        path.lineTo(box.bottomLeft());
        path.closeSubpath();
        break;
    case EventSeverity::Info: path.addEllipse(box.adjusted(1, 1, -1, -1)); break;
    }
    return path;
}

} // namespace

SeverityDelegate::SeverityDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

SeverityDelegate::~SeverityDelegate() = default;

void SeverityDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant value = index.data(SeverityRole);
    if (!value.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const auto severity = EventSeverity(value.toInt());
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const qreal side = opt.fontMetrics.height() * 0.7;
    const int indent = int(side) + 8;
    opt.rect.adjust(indent, 0, 0, 0); // the text sits right of the shape
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // The background and selection across the whole cell, then the shape, then the word.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    const QRectF box(option.rect.left() + 4, option.rect.center().y() - side / 2, side, side);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(severityColour(severity));
    painter->drawPath(severityShape(severity, box));
    painter->restore();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
}

void SeverityDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    IncidentRowDelegate::applyIncidentStyle(option, index);
}

QSize SeverityDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.rwidth() += option.fontMetrics.height() + 8;
    return size;
}

} // namespace Console
