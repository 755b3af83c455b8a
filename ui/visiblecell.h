#pragma once

#include <QAbstractItemView>
#include <QStyleOptionViewItem>

#include <algorithm>

namespace Console {

// The part of a cell its view shows. A column wider than a narrow pane runs past the viewport's
// right edge, and whatever a delegate draws there (the end of the text, a sparkline) is never
// seen: delegates lay out what matters in this part instead.
inline QRect visibleCell(const QStyleOptionViewItem &option)
{
    QRect cell = option.rect;
    if (const auto *view = qobject_cast<const QAbstractItemView *>(option.widget))
        cell.setRight(std::min(cell.right(), view->viewport()->rect().right()));
    return cell;
}

} // namespace Console
