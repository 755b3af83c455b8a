#pragma once

#include <QStyledItemDelegate>

namespace Console {

// Draws a cell whose model raises WarningRole in the warning colour with a sign in front, so a
// contradiction (a standby where the primary should be, replay paused) stands out at a glance.
class WarningDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WarningDelegate)
public:
    explicit WarningDelegate(QObject *parent = nullptr);

    // The warning's amber as text on this palette's role (Base for rows, Highlight when selected):
    // too light for text on white and too dim on a dark base as it is, so a shade that reads.
    static QColor textColour(const QPalette &palette, QPalette::ColorRole background);

    // The text the cell shows in `option` (its rect, font and view): the sentence, or its
    // figures alone (CompactTextRole) where the part of the cell in sight is too narrow.
    QString shownText(const QStyleOptionViewItem &option, const QModelIndex &index) const;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Console
