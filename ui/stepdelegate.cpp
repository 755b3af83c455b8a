#include "stepdelegate.h"

#include "healthpalette.h"
#include "roles.h"
#include "steplistmodel.h"

#include <QApplication>
#include <QPainter>

namespace Console {

namespace {

constexpr int Margin = 4;

QFont boldOf(QFont font)
{
    font.setBold(true);
    return font;
}

} // namespace

StepDelegate::StepDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QString StepDelegate::summaryOf(const QModelIndex &index)
{
    return index.siblingAtColumn(StepListModel::SummaryColumn).data().toString();
}

void StepDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (index.column() != StepListModel::StateColumn
        && index.column() != StepListModel::StepColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The style draws background, selection and focus; the text is ours.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const QRect area = option.rect.adjusted(Margin, Margin, -Margin, -Margin);
    const QFontMetrics metrics(option.font);
    painter->save();
    if (index.column() == StepListModel::StateColumn) {
        const HealthStyle colours
            = healthStyle(static_cast<Health>(index.data(HealthRole).toInt()));
        const QString text = index.data().toString();
        const QRect pill(
            area.left(), area.top(), metrics.horizontalAdvance(text) + 16, metrics.height() + 4);
        painter->setRenderHint(QPainter::Antialiasing);
        painter->setPen(Qt::NoPen);
        painter->setBrush(colours.fill);
        painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        painter->setPen(colours.text);
        painter->drawText(pill, Qt::AlignCenter, text);
    } else {
        const bool selected = option.state & QStyle::State_Selected;
        const QPalette::ColorGroup group
            = option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
        painter->setPen(
            option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
        painter->setFont(boldOf(option.font));
        const QRect title(area.left(), area.top() + 2, area.width(), metrics.height());
        painter->drawText(title, Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(painter->font())
                .elidedText(index.data().toString(), Qt::ElideRight, area.width()));
        const QString summary = summaryOf(index);
        if (!summary.isEmpty()) {
            painter->setFont(option.font);
            const QRect below(
                area.left(), title.bottom() + 2, area.width(), area.bottom() - title.bottom() - 2);
            painter->drawText(below, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, summary);
        }
    }
    painter->restore();
}

QSize StepDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics metrics(option.font);
    const int line = metrics.height() + 4;
    if (index.column() == StepListModel::StateColumn) {
        const int width = metrics.horizontalAdvance(index.data().toString()) + 16;
        return { width + 2 * Margin, line + 2 * Margin };
    }
    if (index.column() != StepListModel::StepColumn)
        return QStyledItemDelegate::sizeHint(option, index);
    // The view passes the column's width when it wraps text; the summary wraps within it.
    const int width = qMax(120, option.rect.width() - 2 * Margin);
    int height = line;
    const QString summary = summaryOf(index);
    if (!summary.isEmpty())
        height += 2
            + metrics.boundingRect(QRect(0, 0, width, 100000), Qt::TextWordWrap, summary).height();
    return { width + 2 * Margin, height + 2 * Margin };
}

} // namespace Console
