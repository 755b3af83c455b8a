#include "warningdelegate.h"

#include "health.h"
#include "healthpalette.h"
#include "roles.h"
#include "themecolours.h"

namespace Console {

WarningDelegate::WarningDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

QColor WarningDelegate::textColour(const QPalette &palette, QPalette::ColorRole background)
{
    // Selected rows are drawn on a saturated highlight: large enough contrast there is 3:1.
    const double ratio = background == QPalette::Highlight ? 3.0 : 4.5;
    return ThemeColours::readableOn(
        healthStyle(Health::Degraded).fill, palette.color(background), ratio);
}

void WarningDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (!index.data(WarningRole).toBool())
        return;
    option->text = QStringLiteral("⚠ ") + option->text;
    option->font.setBold(true);
    const QPalette palette = option->palette;
    option->palette.setColor(QPalette::Text, textColour(palette, QPalette::Base));
    option->palette.setColor(QPalette::HighlightedText, textColour(palette, QPalette::Highlight));
}

} // namespace Console
