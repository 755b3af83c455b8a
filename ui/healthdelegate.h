#pragma once

#include <QDateTime>
#include <QStyledItemDelegate>

class QTimer;

namespace Console {

// Paints a health cell as a coloured pill with its label (and cause), from the model's
// HealthRole, followed by how long a bad verdict has held and the age of the last probe. Those
// count, so the delegate repaints its view once a second.
class HealthDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HealthDelegate)
public:
    // `parent` is normally the view whose cells it paints; that view is repainted each second.
    explicit HealthDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
        const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

    // "for 2:10 · 1 s ago": how long a degraded or unhealthy verdict has held, and how old the
    // last probe is; empty when neither is known.
    static QString timesText(const QModelIndex &index, const QDateTime &now);
    // The cell's tooltip: the verdict's reason, since when, and the last probe's time.
    static QString toolTip(const QModelIndex &index, const QDateTime &now);

private:
    QTimer *m_tick;
};

} // namespace Console
