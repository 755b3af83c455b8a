#pragma once

#include <QColor>
#include <QPalette>

namespace Console::ThemeColours {

// Whether a palette is a dark one (light text on a dark window), whatever set it: the desktop's
// theme, or the console's own dark palette.
bool isDark(const QPalette &palette);

// The WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white).
double contrastRatio(const QColor &a, const QColor &b);

// The accent as text on this background: made darker on a light background or lighter on a dark
// one, in small steps, until it reaches the ratio (4.5 is WCAG AA for body text). An amber warning
// that is fine on white would vanish on a dark base otherwise.
QColor readableOn(const QColor &accent, const QColor &background, double minimumRatio = 4.5);

// The console's palettes when the operator or the desktop asks for light or dark and the platform
// theme cannot give one (Qt 6.4 on most Linux desktops): neutral greys, a blue highlight, and
// disabled text that still reads.
QPalette lightPalette();
QPalette darkPalette();

} // namespace Console::ThemeColours
