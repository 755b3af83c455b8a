#pragma once

#include <QStyledItemDelegate>

namespace Console {

// Draws an event's severity as a shape and a colour beside its word (● info, ▲ warning,
// ■ critical), so a critical row stands out even to an eye that cannot tell the colours apart.
// Reads SeverityRole; colours come from healthStyle(). In the grouped log it also reads bold or
// muted as IncidentRowDelegate does for the rest of the row.
class SeverityDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SeverityDelegate)
public:
    explicit SeverityDelegate(QObject *parent = nullptr);
    ~SeverityDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Console
