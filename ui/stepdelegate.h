#pragma once

#include <QStyledItemDelegate>

namespace Console {

// Paints the step list of a run for a narrow pane: the state as a pill of one line's height at
// the top of its row (glyph, word and colour), and the step's name with what happened wrapped
// beneath it, so a long error reads whole without a wide Summary column.
class StepDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StepDelegate)
public:
    explicit StepDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    static QString summaryOf(const QModelIndex &index);
};

} // namespace Console
