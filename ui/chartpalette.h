#pragma once

class QChart;
class QPalette;

namespace Console {

// Qt Charts draws its own light theme whatever the application palette says: a white card in a
// dark window. This gives a chart the palette's background, text and grid, leaving the series'
// colours (their meaning) alone. Call again on QEvent::PaletteChange.
void applyPaletteToChart(QChart *chart, const QPalette &palette);

} // namespace Console
