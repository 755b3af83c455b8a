#include "warningdelegate.h"

#include "health.h"
#include "healthpalette.h"
#include "roles.h"
#include "themecolours.h"
#include "visiblecell.h"

#include <QApplication>

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

QString WarningDelegate::shownText(
    const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem shown(option);
    initStyleOption(&shown, index);
    return shown.text;
}

void WarningDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const bool warning = index.data(WarningRole).toBool();
    if (warning) {
        option->font.setBold(true);
        const QPalette palette = option->palette;
        option->palette.setColor(QPalette::Text, textColour(palette, QPalette::Base));
        option->palette.setColor(
            QPalette::HighlightedText, textColour(palette, QPalette::Highlight));
    }
    // Too narrow for the sentence, the figures alone: better "13.7 s · 23.0 MiB · paused" whole
    // than "lag 13.7 s · 23.0 MiB beh…". The detail pane keeps the sentence.
    if (option->rect.width() > 0)
        option->rect = visibleCell(*option); // elided at the edge in sight, not past it
    const QString compact = index.data(CompactTextRole).toString();
    if (!compact.isEmpty() && option->rect.width() > 0) {
        const QStyle *style = option->widget ? option->widget->style() : QApplication::style();
        const int margins
            = 2 * (style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, option->widget) + 1);
        const QFontMetrics metrics(option->font);
        const QString sign = warning ? QStringLiteral("⚠ ") : QString();
        if (metrics.horizontalAdvance(sign + option->text) > option->rect.width() - margins)
            option->text = compact;
    }
    if (warning)
        option->text = QStringLiteral("⚠ ") + option->text;
}

} // namespace Console
