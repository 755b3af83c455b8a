#include "mappalette.h"

#include "healthpalette.h"
#include "themecolours.h"

#include <QCoreApplication>

namespace Console {

namespace {

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
        float(a.greenF() + (b.greenF() - a.greenF()) * t),
        float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

} // namespace

MapPalette MapPalette::from(const QPalette &palette)
{
    const QColor window = palette.color(QPalette::Window);
    const QColor text = palette.color(QPalette::WindowText);
    const bool dark = ThemeColours::isDark(palette);
    MapPalette p;
    p.water = mix(palette.color(QPalette::Base), QColor(0x3b, 0x82, 0xc4), dark ? 0.14 : 0.10);
    p.land = mix(window, text, dark ? 0.16 : 0.10);
    p.coast = mix(window, text, dark ? 0.32 : 0.28);
    p.graticule = mix(p.water, text, 0.08);
    p.text = text;
    p.halo = window;
    p.halo.setAlphaF(0.82f);
    p.outline = dark ? QColor(0xf3, 0xf4, 0xf6) : QColor(0x11, 0x18, 0x27);
    p.selection = palette.color(QPalette::Highlight);
    // Violet is no health colour: the primary's ring never reads as a verdict.
    p.primary
        = dark ? QColor(0x8b, 0x5c, 0xf6) : QColor(0x6d, 0x28, 0xd9); // white text reads on both
    return p;
}

QColor MapPalette::linkColor(LinkSeverity severity)
{
    switch (severity) {
    case LinkSeverity::Ok: return QColor(0x25, 0x63, 0xeb);
    case LinkSeverity::Warning: return healthStyle(Health::Degraded).fill;
    case LinkSeverity::Critical: return healthStyle(Health::Unhealthy).fill;
    case LinkSeverity::Unknown: break;
    }
    return healthStyle(Health::Unknown).fill;
}

QString MapPalette::severityLabel(LinkSeverity severity)
{
    switch (severity) {
    case LinkSeverity::Ok:
        return QCoreApplication::translate("Console::MapPalette", "within limits");
    case LinkSeverity::Warning:
        return QCoreApplication::translate("Console::MapPalette", "over the warning threshold");
    case LinkSeverity::Critical:
        return QCoreApplication::translate("Console::MapPalette", "over the critical threshold");
    case LinkSeverity::Unknown: break;
    }
    return QCoreApplication::translate("Console::MapPalette", "unknown");
}

} // namespace Console
