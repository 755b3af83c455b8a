#pragma once

#include <QWidget>

namespace Console {

// A clearly labelled empty slot for a view that a later release fills (map, charts, ...), so the
// layout of the window is already the final one and nobody mistakes the slot for a broken view.
class PlaceholderPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaceholderPanel)
public:
    PlaceholderPanel(const QString &title, const QString &explanation, QWidget *parent = nullptr);
};

} // namespace Console
