// A stand-in for xdg-desktop-portal's Settings interface on a private session bus: the real portal
// needs a desktop session and its backends, which a CI machine has not. It serves exactly the
// documented contract (org.freedesktop.portal.Settings, version 1): Read(s namespace, s key) → v
// holding a v, an org.freedesktop.portal.Error.NotFound error for unknown keys, and the
// SettingChanged(s, s, v) signal. Lines on stdin change the colour scheme: "set 0|1|2", or "quit".
// It prints "ready" once it owns org.freedesktop.portal.Desktop.

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusContext>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QSocketNotifier>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

namespace {
const QString kGroup = QStringLiteral("org.freedesktop.appearance");
const QString kKey = QStringLiteral("color-scheme");
} // namespace

class SettingsPortal final : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.portal.Settings")
    Q_PROPERTY(uint version READ version CONSTANT)
public:
    uint version() const { return 1; }
    void setScheme(uint scheme)
    {
        m_scheme = scheme;
        emit SettingChanged(kGroup, kKey, QDBusVariant(QVariant::fromValue(scheme)));
    }

public slots:
    QDBusVariant Read(const QString &group, const QString &key)
    {
        if (group != kGroup || key != kKey) {
            sendErrorReply(QStringLiteral("org.freedesktop.portal.Error.NotFound"),
                QStringLiteral("Requested setting not found"));
            return {};
        }
        return QDBusVariant(QVariant::fromValue(QDBusVariant(QVariant::fromValue(m_scheme))));
    }

signals:
    void SettingChanged(const QString &group, const QString &key, const QDBusVariant &value);

private:
    uint m_scheme = 0;
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    qRegisterMetaType<QDBusVariant>(); // else QtDBus cannot relay the signal's "v"
    QDBusConnection bus = QDBusConnection::sessionBus();
    SettingsPortal portal;
    const QStringList arguments = app.arguments();
    if (arguments.size() > 1)
        portal.setScheme(arguments.at(1).toUInt());
    if (!bus.registerObject(QStringLiteral("/org/freedesktop/portal/desktop"), &portal,
            QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals
                | QDBusConnection::ExportAllProperties)
        || !bus.registerService(QStringLiteral("org.freedesktop.portal.Desktop"))) {
        std::fprintf(stderr, "settingsportal: %s\n", qPrintable(bus.lastError().message()));
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);

    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QTextStream in(stdin);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        const QString line = in.readLine();
        if (line.isNull() || line == QLatin1String("quit")) {
            QCoreApplication::quit();
            return;
        }
        if (line.startsWith(QLatin1String("set "))) {
            portal.setScheme(line.mid(4).toUInt());
            std::printf("set\n");
            std::fflush(stdout);
        }
    });
    return app.exec();
}

#include "settingsportal.moc"
