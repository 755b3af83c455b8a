#include "appearance.h"

#include "themecolours.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace Console {

namespace {
const QString kSettingsKey = QStringLiteral("appearance/colorScheme");

// Fusion draws every control from the palette; the platform styles may not, and a dark palette
// under them gives dark text on dark buttons.
void useStyle(const QString &name)
{
    if (QApplication::style()->name().compare(name, Qt::CaseInsensitive) != 0)
        QApplication::setStyle(QStyleFactory::create(name));
}
} // namespace

QString toString(ColorSchemeChoice choice)
{
    switch (choice) {
    case ColorSchemeChoice::Light: return QStringLiteral("light");
    case ColorSchemeChoice::Dark: return QStringLiteral("dark");
    case ColorSchemeChoice::System: break;
    }
    return QStringLiteral("system");
}

std::optional<ColorSchemeChoice> parseColorSchemeChoice(const QString &text)
{
    for (ColorSchemeChoice choice :
        { ColorSchemeChoice::System, ColorSchemeChoice::Light, ColorSchemeChoice::Dark }) {
        if (text.compare(toString(choice), Qt::CaseInsensitive) == 0)
            return choice;
    }
    return std::nullopt;
}

Appearance::Appearance(SystemColorScheme *system, QObject *parent)
    : QObject(parent)
    , m_system(system)
{
    // What the platform gave before any Appearance changed it: once per process, so a second
    // instance (a test, a reopened window) does not take the console's own palette for the
    // system's.
    static const QPalette platformPalette = QApplication::palette();
    static const QString platformStyle = QApplication::style()->name();
    m_platformPalette = platformPalette;
    m_platformStyle = platformStyle;
    const QSettings settings;
    m_choice = parseColorSchemeChoice(settings.value(kSettingsKey).toString())
                   .value_or(ColorSchemeChoice::System);
    if (m_system)
        connect(m_system, &SystemColorScheme::preferenceChanged, this, &Appearance::apply);
    apply();
}

Appearance::~Appearance() = default;

bool Appearance::systemWantsDark() const
{
    switch (m_system ? m_system->preference() : ColorSchemePreference::NoPreference) {
    case ColorSchemePreference::Dark: return true;
    case ColorSchemePreference::Light: return false;
    case ColorSchemePreference::NoPreference: break;
    }
    // A desktop with no stated preference may still hand Qt a dark palette (KDE does).
    return ThemeColours::isDark(m_platformPalette);
}

void Appearance::setChoice(ColorSchemeChoice choice, bool remember)
{
    if (remember) {
        QSettings settings;
        settings.setValue(kSettingsKey, toString(choice));
    }
    m_choice = choice;
    apply();
}

void Appearance::apply()
{
    const bool dark = m_choice == ColorSchemeChoice::Dark
        || (m_choice == ColorSchemeChoice::System && systemWantsDark());
    if (dark == ThemeColours::isDark(m_platformPalette)) {
        // The platform's own palette is already what is wanted: keep its look and colours.
        useStyle(m_platformStyle);
        QApplication::setPalette(m_platformPalette);
    } else {
        useStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(dark ? ThemeColours::darkPalette() : ThemeColours::lightPalette());
    }
    m_dark = dark;
    emit applied(dark);
}

QString Appearance::describe() const
{
    const QString look = m_dark ? tr("Dark") : tr("Light");
    switch (m_choice) {
    case ColorSchemeChoice::Light:
    case ColorSchemeChoice::Dark: return tr("%1 (chosen in View ▸ Appearance)").arg(look);
    case ColorSchemeChoice::System: break;
    }
    if (m_system && m_system->preference() != ColorSchemePreference::NoPreference)
        return tr("%1 (the desktop prefers %2, via %3)")
            .arg(look, toString(m_system->preference()), m_system->source());
    return tr("%1 (the desktop's theme)").arg(look);
}

QMenu *Appearance::createMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("&Appearance"), parent);
    menu->setObjectName(QStringLiteral("appearanceMenu"));
    auto *group = new QActionGroup(menu);
    const std::pair<ColorSchemeChoice, QString> entries[] = {
        { ColorSchemeChoice::System, tr("Follow the &system") },
        { ColorSchemeChoice::Light, tr("&Light") },
        { ColorSchemeChoice::Dark, tr("&Dark") },
    };
    for (const auto &[choice, text] : entries) {
        QAction *action = menu->addAction(text);
        action->setObjectName(QStringLiteral("appearance-") + toString(choice));
        action->setCheckable(true);
        action->setChecked(choice == m_choice);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice = choice] { setChoice(choice); });
    }
    // What the console shows now and why, on the menu: "Dark (the desktop prefers dark, via
    // portal)" tells an operator why it turned dark without their asking.
    menu->setToolTipsVisible(true);
    const auto update = [this, group] {
        for (QAction *action : group->actions()) {
            action->setChecked(
                action->objectName() == QStringLiteral("appearance-") + toString(m_choice));
            action->setToolTip(action->isChecked() ? tr("Now: %1").arg(describe()) : QString());
        }
    };
    connect(this, &Appearance::applied, menu, update);
    update();
    return menu;
}

} // namespace Console
