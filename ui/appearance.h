#pragma once

#include "systemcolorscheme.h"

#include <QObject>
#include <QPalette>

#include <optional>

class QMenu;
class QWidget;

namespace Console {

enum class ColorSchemeChoice { System, Light, Dark };
QString toString(
    ColorSchemeChoice choice); // "system", "light", "dark": settings and --color-scheme
std::optional<ColorSchemeChoice> parseColorSchemeChoice(const QString &text);

// The application's light or dark look: following the desktop (its portal preference, else the
// platform theme's own palette) or the operator's choice from View ▸ Appearance, which is kept in
// QSettings. Widgets that draw their own colours derive them from the palette and repaint on
// QEvent::PaletteChange, so switching is live and needs no restart.
class Appearance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Appearance)
public:
    // system may be null (then "system" means the platform palette alone); not owned.
    explicit Appearance(SystemColorScheme *system, QObject *parent = nullptr);
    ~Appearance() override;

    ColorSchemeChoice choice() const { return m_choice; }
    bool isDark() const { return m_dark; }
    // In words, for the About box and the menu's tooltip: "Dark (the desktop prefers dark)".
    QString describe() const;

    // The View ▸ Appearance submenu: three checkable actions, reachable by their mnemonics.
    QMenu *createMenu(QWidget *parent);

public slots:
    // Applies at once; remember=false for a --color-scheme that holds for this run only.
    void setChoice(Console::ColorSchemeChoice choice, bool remember = true);

signals:
    void applied(bool dark);

private:
    void apply();
    bool systemWantsDark() const;

    SystemColorScheme *m_system; // not owned
    ColorSchemeChoice m_choice = ColorSchemeChoice::System;
    bool m_dark = false;
    QPalette m_platformPalette; // as the platform theme gave it, to return to on "system"
    QString m_platformStyle;
};

} // namespace Console
