#include "themecolours.h"

#include <algorithm>
#include <cmath>

namespace Console::ThemeColours {

namespace {

double channel(float value)
{
    return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &colour)
{
    const QColor rgb = colour.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF())
        + 0.0722 * channel(rgb.blueF());
}

void setBoth(
    QPalette &palette, QPalette::ColorRole role, const QColor &active, const QColor &disabled)
{
    palette.setColor(QPalette::Active, role, active);
    palette.setColor(QPalette::Inactive, role, active);
    palette.setColor(QPalette::Disabled, role, disabled);
}

} // namespace

bool isDark(const QPalette &palette)
{
    return luminance(palette.color(QPalette::Window))
        < luminance(palette.color(QPalette::WindowText));
}

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableOn(const QColor &accent, const QColor &background, double minimumRatio)
{
    const bool darkBackground = luminance(background) < 0.18;
    QColor colour = accent.toHsl();
    // Bounded: lightness moves by 4 % a step and reaches black or white within 25 steps, where the
    // ratio against any background is at its best.
    for (int step = 0; step < 25 && contrastRatio(colour, background) < minimumRatio; ++step) {
        const float lightness = colour.lightnessF() + (darkBackground ? 0.04f : -0.04f);
        colour.setHslF(colour.hslHueF(), colour.hslSaturationF(), std::clamp(lightness, 0.f, 1.f),
            colour.alphaF());
    }
    return colour.toRgb();
}

QPalette lightPalette()
{
    QPalette palette;
    const QColor window(0xef, 0xf0, 0xf1);
    const QColor text(0x1f, 0x23, 0x28);
    const QColor disabledText(0x76, 0x7b, 0x83);
    setBoth(palette, QPalette::Window, window, window);
    setBoth(palette, QPalette::WindowText, text, disabledText);
    setBoth(palette, QPalette::Base, Qt::white, window);
    setBoth(palette, QPalette::AlternateBase, QColor(0xf6, 0xf7, 0xf8), window);
    setBoth(palette, QPalette::Text, text, disabledText);
    setBoth(palette, QPalette::Button, window, window);
    setBoth(palette, QPalette::ButtonText, text, disabledText);
    setBoth(palette, QPalette::BrightText, Qt::white, Qt::white);
    setBoth(palette, QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc), QColor(0xff, 0xff, 0xdc));
    setBoth(palette, QPalette::ToolTipText, text, text);
    setBoth(palette, QPalette::PlaceholderText, QColor(0x6b, 0x72, 0x80), disabledText);
    setBoth(palette, QPalette::Highlight, QColor(0x25, 0x63, 0xeb), QColor(0xc8, 0xcc, 0xd2));
    setBoth(palette, QPalette::HighlightedText, Qt::white, text);
    setBoth(palette, QPalette::Link, QColor(0x1d, 0x4e, 0xd8), disabledText);
    setBoth(palette, QPalette::LinkVisited, QColor(0x6d, 0x28, 0xd9), disabledText);
    setBoth(palette, QPalette::Light, Qt::white, Qt::white);
    setBoth(palette, QPalette::Midlight, QColor(0xe3, 0xe5, 0xe8), QColor(0xe3, 0xe5, 0xe8));
    setBoth(palette, QPalette::Mid, QColor(0xb8, 0xbd, 0xc4), QColor(0xb8, 0xbd, 0xc4));
    setBoth(palette, QPalette::Dark, QColor(0x9a, 0xa0, 0xa8), QColor(0x9a, 0xa0, 0xa8));
    setBoth(palette, QPalette::Shadow, QColor(0x4b, 0x50, 0x58), QColor(0x4b, 0x50, 0x58));
    return palette;
}

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2d, 0x31);
    const QColor base(0x1e, 0x1f, 0x22);
    const QColor text(0xe6, 0xe7, 0xe9);
    const QColor disabledText(0x8e, 0x93, 0x9b);
    setBoth(palette, QPalette::Window, window, window);
    setBoth(palette, QPalette::WindowText, text, disabledText);
    setBoth(palette, QPalette::Base, base, window);
    setBoth(palette, QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b), window);
    setBoth(palette, QPalette::Text, text, disabledText);
    setBoth(palette, QPalette::Button, QColor(0x35, 0x38, 0x3d), window);
    setBoth(palette, QPalette::ButtonText, text, disabledText);
    setBoth(palette, QPalette::BrightText, Qt::white, Qt::white);
    setBoth(palette, QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x42), QColor(0x3a, 0x3d, 0x42));
    setBoth(palette, QPalette::ToolTipText, text, text);
    setBoth(palette, QPalette::PlaceholderText, QColor(0x9c, 0xa3, 0xaf), disabledText);
    setBoth(palette, QPalette::Highlight, QColor(0x3b, 0x82, 0xf6), QColor(0x45, 0x49, 0x50));
    setBoth(palette, QPalette::HighlightedText, Qt::white, text);
    setBoth(palette, QPalette::Link, QColor(0x93, 0xc5, 0xfd), disabledText);
    setBoth(palette, QPalette::LinkVisited, QColor(0xc4, 0xb5, 0xfd), disabledText);
    setBoth(palette, QPalette::Light, QColor(0x4a, 0x4e, 0x55), QColor(0x4a, 0x4e, 0x55));
    setBoth(palette, QPalette::Midlight, QColor(0x3d, 0x41, 0x47), QColor(0x3d, 0x41, 0x47));
    setBoth(palette, QPalette::Mid, QColor(0x25, 0x27, 0x2b), QColor(0x25, 0x27, 0x2b));
    setBoth(palette, QPalette::Dark, QColor(0x18, 0x19, 0x1c), QColor(0x18, 0x19, 0x1c));
    setBoth(palette, QPalette::Shadow, QColor(0x0b, 0x0c, 0x0e), QColor(0x0b, 0x0c, 0x0e));
    return palette;
}

} // namespace Console::ThemeColours
