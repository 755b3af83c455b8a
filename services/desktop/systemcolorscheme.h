#pragma once

#include <QDBusVariant>
#include <QObject>
#include <QString>

namespace Console {

enum class ColorSchemePreference { NoPreference, Dark, Light };
QString toString(ColorSchemePreference preference);

// The desktop's light-or-dark preference as GNOME, KDE and others publish it: the freedesktop
// settings portal's org.freedesktop.appearance color-scheme, followed live through its
// SettingChanged signal. Qt 6.4 reads no such thing itself (QStyleHints::colorScheme is 6.5), so
// without this a console started in a dark desktop would glare white at 3 a.m.
// Asynchronous from the start: a portal that is slow to activate never delays the window.
class SystemColorScheme final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SystemColorScheme)
public:
    explicit SystemColorScheme(QObject *parent = nullptr);
    ~SystemColorScheme() override;

    // What the portal said last; until it answers (or with no session bus, or no portal) the
    // GTK_THEME variable's ":dark" variant, else no preference.
    ColorSchemePreference preference() const { return m_preference; }
    // Where the preference came from: "portal", "GTK_THEME" or "none"; shown in the About box
    // and the log so an operator can tell why the console chose dark.
    QString source() const { return m_source; }
    // Whether the portal has answered (with a value or an error); for tests and the log.
    bool portalAnswered() const { return m_portalAnswered; }

    // The portal's encoding (uint 0, 1, 2) as a preference; anything else is no preference.
    static ColorSchemePreference fromPortalValue(uint value);

signals:
    void preferenceChanged(Console::ColorSchemePreference preference);

private slots:
    void onSettingChanged(const QString &group, const QString &key, const QDBusVariant &value);

private:
    void readPortal();
    void setPreference(ColorSchemePreference preference, const QString &source);

    ColorSchemePreference m_preference = ColorSchemePreference::NoPreference;
    QString m_source = QStringLiteral("none");
    bool m_portalAnswered = false;
};

} // namespace Console
