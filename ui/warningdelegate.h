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

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Console
