#include "warningdelegate.h"

#include "health.h"
#include "healthpalette.h"
#include "roles.h"

namespace Console {

WarningDelegate::WarningDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

void WarningDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!index.data(WarningRole).toBool())
        return;
    option->text = QStringLiteral("⚠ ") + option->text;
    option->font.setBold(true);
    // The degraded amber is too light for text on white; a darker shade of it reads well.
    const QColor colour = healthStyle(Health::Degraded).fill.darker(150);
    option->palette.setColor(QPalette::Text, colour);
    option->palette.setColor(QPalette::HighlightedText, colour);
}

} // namespace Console
