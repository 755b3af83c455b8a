#include "systemcolorscheme.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>

namespace Console {

namespace {
const QString kService = QStringLiteral("org.freedesktop.portal.Desktop");
const QString kPath = QStringLiteral("/org/freedesktop/portal/desktop");
const QString kInterface = QStringLiteral("org.freedesktop.portal.Settings");
const QString kGroup = QStringLiteral("org.freedesktop.appearance");
const QString kKey = QStringLiteral("color-scheme");

// Read returns the value wrapped once more than ReadOne does (a variant holding a variant);
// unwrapping until a plain value remains accepts both old and new portals.
QVariant unwrapped(QVariant value)
{
    for (int depth = 0; depth < 3 && value.canConvert<QDBusVariant>(); ++depth)
        value = value.value<QDBusVariant>().variant();
    return value;
}

ColorSchemePreference fromEnvironment()
{
    // GTK_THEME=Adwaita:dark is how a user forces dark on GTK applications; honour it likewise.
    const QString theme = qEnvironmentVariable("GTK_THEME");
    return theme.endsWith(QLatin1String(":dark"), Qt::CaseInsensitive)
        ? ColorSchemePreference::Dark
        : ColorSchemePreference::NoPreference;
}
} // namespace

QString toString(ColorSchemePreference preference)
{
    switch (preference) {
    case ColorSchemePreference::Dark: return QStringLiteral("dark");
    case ColorSchemePreference::Light: return QStringLiteral("light");
    case ColorSchemePreference::NoPreference: break;
    }
    return QStringLiteral("no preference");
}

SystemColorScheme::SystemColorScheme(QObject *parent)
    : QObject(parent)
{
    const ColorSchemePreference environment = fromEnvironment();
    if (environment != ColorSchemePreference::NoPreference)
        setPreference(environment, QStringLiteral("GTK_THEME"));
    readPortal();
}

SystemColorScheme::~SystemColorScheme() = default;

ColorSchemePreference SystemColorScheme::fromPortalValue(uint value)
{
    switch (value) {
    case 1: return ColorSchemePreference::Dark;
    case 2: return ColorSchemePreference::Light;
    default: return ColorSchemePreference::NoPreference;
    }
}

void SystemColorScheme::readPortal()
{
    qRegisterMetaType<QDBusVariant>(); // the SettingChanged slot's "v", unregistered in Qt 6.4
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        m_portalAnswered = true;
        return;
    }
    bus.connect(kService, kPath, kInterface, QStringLiteral("SettingChanged"), this,
        SLOT(onSettingChanged(QString, QString, QDBusVariant)));
    QDBusMessage call
        = QDBusMessage::createMethodCall(kService, kPath, kInterface, QStringLiteral("Read"));
    call << kGroup << kKey;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
        [this](QDBusPendingCallWatcher *finished) {
            finished->deleteLater();
            m_portalAnswered = true;
            const QDBusPendingReply<QVariant> reply = *finished;
            if (reply.isError())
                return; // no portal, or one without the setting: the environment's answer stands
            const QVariant value = unwrapped(reply.argumentAt(0));
            bool ok = false;
            const uint scheme = value.toUInt(&ok);
            if (ok)
                setPreference(fromPortalValue(scheme), QStringLiteral("portal"));
        });
}

void SystemColorScheme::onSettingChanged(
    const QString &group, const QString &key, const QDBusVariant &value)
{
    if (group != kGroup || key != kKey)
        return;
    bool ok = false;
    const uint scheme = unwrapped(value.variant()).toUInt(&ok);
    if (ok)
        setPreference(fromPortalValue(scheme), QStringLiteral("portal"));
}

void SystemColorScheme::setPreference(ColorSchemePreference preference, const QString &source)
{
    m_source = source;
    if (preference == m_preference)
        return;
    m_preference = preference;
    emit preferenceChanged(preference);
}

} // namespace Console
