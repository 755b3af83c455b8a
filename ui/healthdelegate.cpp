#include "healthdelegate.h"

#include "healthpalette.h"
#include "roles.h"

#include <QApplication>
#include <QPainter>

namespace Console {

HealthDelegate::HealthDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

void HealthDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant value = index.data(HealthRole);
    if (!value.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Let the style draw background, selection and focus without the text, then the pill on top.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *widgetStyle = widget ? widget->style() : QApplication::style();
    widgetStyle->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const HealthStyle style = healthStyle(static_cast<Health>(value.toInt()));
    const QString text = index.data(Qt::DisplayRole).toString().isEmpty()
        ? style.label
        : index.data(Qt::DisplayRole).toString();
    const QFontMetrics metrics(option.font);
    const int width = metrics.horizontalAdvance(text) + 16;
    const QRect pill(
        option.rect.left() + 6, option.rect.top() + 2, width, option.rect.height() - 4);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(style.fill);
    painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
    painter->setPen(style.text);
    painter->drawText(pill, Qt::AlignCenter, text);
    painter->restore();
}

QSize HealthDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + 24);
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 8));
    return size;
}

} // namespace Console
