#include "windowlayout.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QGuiApplication>
#include <QHeaderView>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QSplitter>

namespace Console::WindowLayout {

namespace {
// Bumped when the window's structure changes, so an old state is ignored rather than misapplied.
constexpr int kStateVersion = 3;

constexpr char kRemembered[] = "windowLayoutRemembersChecked";

QString toggleKey(const QAbstractButton *button)
{
    if (button->objectName().isEmpty() || !button->isCheckable()
        || !button->property(kRemembered).toBool())
        return {};
    return QStringLiteral("toggles/") + button->objectName();
}

QString headerKey(const QHeaderView *header)
{
    const QWidget *view = header->parentWidget();
    if (!view || view->objectName().isEmpty() || header->orientation() != Qt::Horizontal)
        return {};
    return QStringLiteral("headers/") + view->objectName();
}
} // namespace

void fitToScreen(QWidget *window, QSize preferred)
{
    const QScreen *screen = window->screen() ? window->screen() : QGuiApplication::primaryScreen();
    if (!screen) {
        window->resize(preferred);
        return;
    }
    const QRect available = screen->availableGeometry();
    QSize size = preferred;
    if (size.width() > available.width() || size.height() > available.height())
        size = (QSizeF(available.size()) * 0.9).toSize();
    size = size.expandedTo(window->minimumSizeHint()).boundedTo(available.size());
    window->resize(size);
    window->move(available.center() - QPoint(size.width() / 2, size.height() / 2));
}

void restore(QMainWindow *window, QSettings &settings, QSize preferred)
{
    settings.beginGroup(QStringLiteral("window"));
    const bool current = settings.value(QStringLiteral("version")).toInt() == kStateVersion;
    if (!current
        || !window->restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray()))
        fitToScreen(window, preferred);
    if (current) {
        window->restoreState(settings.value(QStringLiteral("state")).toByteArray(), kStateVersion);
        for (QSplitter *splitter : window->findChildren<QSplitter *>()) {
            const QString key = QStringLiteral("splitters/") + splitter->objectName();
            if (!splitter->objectName().isEmpty() && settings.contains(key))
                splitter->restoreState(settings.value(key).toByteArray());
        }
        for (QHeaderView *header : window->findChildren<QHeaderView *>()) {
            const QString key = headerKey(header);
            if (!key.isEmpty() && settings.contains(key))
                header->restoreState(settings.value(key).toByteArray());
        }
        for (QAbstractButton *button : window->findChildren<QAbstractButton *>()) {
            const QString key = toggleKey(button);
            if (!key.isEmpty() && settings.contains(key))
                button->setChecked(settings.value(key).toBool());
        }
    }
    settings.endGroup();
}

void save(const QMainWindow *window, QSettings &settings)
{
    settings.beginGroup(QStringLiteral("window"));
    settings.remove(QString());
    settings.setValue(QStringLiteral("version"), kStateVersion);
    settings.setValue(QStringLiteral("geometry"), window->saveGeometry());
    settings.setValue(QStringLiteral("state"), window->saveState(kStateVersion));
    for (const QSplitter *splitter : window->findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            settings.setValue(
                QStringLiteral("splitters/") + splitter->objectName(), splitter->saveState());
    }
    for (const QHeaderView *header : window->findChildren<QHeaderView *>()) {
        const QString key = headerKey(header);
        if (!key.isEmpty())
            settings.setValue(key, header->saveState());
    }
    for (const QAbstractButton *button : window->findChildren<QAbstractButton *>()) {
        const QString key = toggleKey(button);
        if (!key.isEmpty())
            settings.setValue(key, button->isChecked());
    }
    settings.endGroup();
}

void rememberChecked(QAbstractButton *button)
{
    button->setProperty(kRemembered, true);
}

} // namespace Console::WindowLayout
