#pragma once

#include <QStyledItemDelegate>

namespace Console {

// Draws the grouped event log's rows so that what needs an operator stands out without relying
// on colour: an incident nobody has acknowledged yet reads bold; an acknowledged one, and its
// events, read in muted text (its State cell carries a ✓ and who acknowledged it). Reads
// IncidentTreeModel's IsIncidentRole and AcknowledgedRole; other models draw as usual.
class IncidentRowDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IncidentRowDelegate)
public:
    explicit IncidentRowDelegate(QObject *parent = nullptr);
    ~IncidentRowDelegate() override;

    // The bold or muted look, for other delegates of the same rows (the severity column's).
    static void applyIncidentStyle(QStyleOptionViewItem *option, const QModelIndex &index);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Console
