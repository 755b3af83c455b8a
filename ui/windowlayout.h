#pragma once

#include <QSize>

class QAbstractButton;
class QMainWindow;
class QSettings;
class QWidget;

namespace Console::WindowLayout {

// The window's size for its screen: `preferred` when it fits in the available area, else 90 % of
// that area (a 1280×720 laptop), never below what the layout needs. Centred on the screen.
void fitToScreen(QWidget *window, QSize preferred);

// Restores what the operator arranged last time: geometry (else fitToScreen), toolbar and dock
// state, every named QSplitter's sizes and every named view's column widths. Unnamed widgets are
// skipped, so a layout change never restores sizes onto the wrong splitter.
void restore(QMainWindow *window, QSettings &settings, QSize preferred);
void save(const QMainWindow *window, QSettings &settings);

// Marks a named, checkable button whose state restore() and save() keep with the layout (a view
// choice such as "Group by incident"); a restored state arrives through setChecked, so whatever
// follows the button's toggled signal follows it too.
void rememberChecked(QAbstractButton *button);

} // namespace Console::WindowLayout
