#include "incidentrowdelegate.h"

#include "incidenttreemodel.h"

namespace Console {

IncidentRowDelegate::IncidentRowDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{ }

IncidentRowDelegate::~IncidentRowDelegate() = default;

void IncidentRowDelegate::applyIncidentStyle(QStyleOptionViewItem *option, const QModelIndex &index)
{
    if (index.data(IncidentTreeModel::AcknowledgedRole).toBool()) {
        // Seen and taken care of: it steps back, as read mail does.
        const QColor muted = option->palette.color(QPalette::PlaceholderText);
        option->palette.setColor(QPalette::Text, muted);
        option->palette.setColor(QPalette::WindowText, muted);
        return;
    }
    if (index.data(IncidentTreeModel::IsIncidentRole).toBool())
        option->font.setBold(true);
}

void IncidentRowDelegate::initStyleOption(
    QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    applyIncidentStyle(option, index);
}

} // namespace Console
