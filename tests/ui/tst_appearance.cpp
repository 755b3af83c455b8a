#include "appearance.h"
#include "chartview.h"
#include "consoleengine.h"
#include "drilltrendchart.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "regionmapview.h"
#include "roles.h"
#include "systemcolorscheme.h"
#include "themecolours.h"
#include "warningdelegate.h"
#include "windowshell.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QDateTimeAxis>
#include <QMenu>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>
#include <QTreeView>

using namespace Console;

namespace {

// The share of a widget's pixels darker than mid-grey: a dark view is mostly dark.
double darkShare(QWidget *widget)
{
    const QImage image = widget->grab().toImage();
    qint64 dark = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2) {
            if (qGray(image.pixel(x, y)) < 100)
                ++dark;
        }
    }
    return double(dark) / double(((image.width() + 1) / 2) * ((image.height() + 1) / 2));
}

} // namespace

// Light and dark: the desktop's preference read from a real session bus (a private dbus-daemon)
// through the settings portal's documented interface, the operator's choice, and what the window
// then draws.
class tst_Appearance : public QObject
{
    Q_OBJECT

private:
    QProcess m_bus;
    QProcess m_portal;

    bool tellPortal(const QByteArray &line)
    {
        m_portal.write(line + '\n');
        return m_portal.waitForReadyRead(5000) && m_portal.readLine().startsWith("set");
    }

private slots:
    void initTestCase()
    {
        m_bus.start(QStringLiteral("dbus-daemon"),
            { QStringLiteral("--session"), QStringLiteral("--nofork"),
                QStringLiteral("--print-address=1") });
        QVERIFY2(m_bus.waitForStarted(5000), qPrintable(m_bus.errorString()));
        QVERIFY(m_bus.waitForReadyRead(5000));
        const QByteArray address = m_bus.readLine().trimmed();
        QVERIFY2(address.startsWith("unix:"), address.constData());
        // Before anything opens the session bus, which Qt then keeps for the process.
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);
        qunsetenv("GTK_THEME");

        m_portal.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_portal.start(QStringLiteral(CONSOLE_SETTINGS_PORTAL), { QStringLiteral("1") });
        QVERIFY2(m_portal.waitForStarted(5000), qPrintable(m_portal.errorString()));
        QVERIFY(m_portal.waitForReadyRead(5000));
        QCOMPARE(m_portal.readLine().trimmed(), QByteArray("ready"));
        QSettings().clear();
    }

    void cleanupTestCase()
    {
        for (QProcess *process : { &m_portal, &m_bus }) {
            if (process->state() != QProcess::NotRunning) {
                process->kill();
                process->waitForFinished(5000);
            }
        }
    }

    void palettesAndContrast()
    {
        QVERIFY(ThemeColours::isDark(ThemeColours::darkPalette()));
        QVERIFY(!ThemeColours::isDark(ThemeColours::lightPalette()));
        QCOMPARE(qRound(ThemeColours::contrastRatio(Qt::black, Qt::white)), 21);
        QCOMPARE(ThemeColours::contrastRatio(Qt::red, Qt::red), 1.0);
        const QColor accents[] = { QColor(0xf5, 0x9e, 0x0b), QColor(0xdc, 0x26, 0x26),
            QColor(0x25, 0x63, 0xeb), QColor(0x16, 0xa3, 0x4a), QColor(0x99, 0x1b, 0x1b) };
        for (const QPalette &palette :
            { ThemeColours::lightPalette(), ThemeColours::darkPalette() }) {
            const QColor base = palette.color(QPalette::Base);
            QVERIFY(ThemeColours::contrastRatio(palette.color(QPalette::Text), base) >= 7.0);
            QVERIFY(ThemeColours::contrastRatio(
                        palette.color(QPalette::WindowText), palette.color(QPalette::Window))
                >= 7.0);
            QVERIFY(
                ThemeColours::contrastRatio(palette.color(QPalette::Disabled, QPalette::WindowText),
                    palette.color(QPalette::Window))
                >= 3.0);
            for (const QColor &accent : accents) {
                const QColor text = ThemeColours::readableOn(accent, base);
                QVERIFY2(ThemeColours::contrastRatio(text, base) >= 4.5,
                    qPrintable(accent.name() + QStringLiteral(" on ") + base.name()));
                // Still the accent's hue, not a plain grey.
                QCOMPARE(text.toHsl().hslHue(), accent.toHsl().hslHue());
            }
        }
        // Amber as-is is unreadable on white: the adjustment is not a no-op.
        QVERIFY(ThemeColours::contrastRatio(QColor(0xf5, 0x9e, 0x0b), Qt::white) < 4.5);
    }

    void warningTextReadsOnBothPalettes()
    {
        QStandardItemModel model;
        auto *item = new QStandardItem(QStringLiteral("primary ≠ config"));
        item->setData(true, WarningRole);
        model.appendRow(item);
        for (const QPalette &palette :
            { ThemeColours::lightPalette(), ThemeColours::darkPalette() }) {
            const QColor text = WarningDelegate::textColour(palette, QPalette::Base);
            QVERIFY(ThemeColours::contrastRatio(text, palette.color(QPalette::Base)) >= 4.5);
            QVERIFY(ThemeColours::contrastRatio(
                        WarningDelegate::textColour(palette, QPalette::Highlight),
                        palette.color(QPalette::Highlight))
                >= 3.0);
            // The view draws the warning in that colour.
            QTreeView view;
            view.setPalette(palette);
            view.setModel(&model);
            view.setItemDelegate(new WarningDelegate(&view));
            view.resize(320, 80);
            const QImage image = view.viewport()->grab().toImage();
            bool found = false;
            for (int y = 0; y < image.height() && !found; ++y) {
                for (int x = 0; x < image.width() && !found; ++x)
                    found = image.pixelColor(x, y).rgb() == text.rgb();
            }
            QVERIFY2(found, qPrintable(text.name()));
        }
    }

    void portalPreferenceIsReadAndFollowed()
    {
        SystemColorScheme scheme;
        QTRY_VERIFY_WITH_TIMEOUT(scheme.portalAnswered(), 5000);
        QCOMPARE(toString(scheme.preference()), QStringLiteral("dark"));
        QCOMPARE(scheme.source(), QStringLiteral("portal"));

        QSignalSpy changed(&scheme, &SystemColorScheme::preferenceChanged);
        QVERIFY(tellPortal("set 2"));
        QTRY_COMPARE_WITH_TIMEOUT(toString(scheme.preference()), QStringLiteral("light"), 5000);
        QVERIFY(tellPortal("set 0"));
        QTRY_COMPARE_WITH_TIMEOUT(
            toString(scheme.preference()), QStringLiteral("no preference"), 5000);
        QCOMPARE(changed.size(), 2);
        QVERIFY(tellPortal("set 1"));
        QTRY_COMPARE_WITH_TIMEOUT(toString(scheme.preference()), QStringLiteral("dark"), 5000);
    }

    void appearanceFollowsTheSystemUntilTheOperatorChooses()
    {
        QSettings().remove(QStringLiteral("appearance"));
        SystemColorScheme scheme;
        Appearance appearance(&scheme);
        QCOMPARE(toString(appearance.choice()), QStringLiteral("system"));
        QTRY_VERIFY_WITH_TIMEOUT(ThemeColours::isDark(QApplication::palette()), 5000);
        QVERIFY(appearance.isDark());
        QVERIFY(appearance.describe().contains(QStringLiteral("prefers dark")));

        // The desktop switches to light: the console follows, live.
        QVERIFY(tellPortal("set 2"));
        QTRY_VERIFY_WITH_TIMEOUT(!ThemeColours::isDark(QApplication::palette()), 5000);

        // The operator picks Dark from the menu: it holds whatever the desktop says, and is kept.
        QMenu *menu = appearance.createMenu(nullptr);
        QAction *dark = menu->findChild<QAction *>(QStringLiteral("appearance-dark"));
        QAction *system = menu->findChild<QAction *>(QStringLiteral("appearance-system"));
        QVERIFY(dark && system);
        QVERIFY(system->isChecked());
        QVERIFY2(
            system->toolTip().contains(QStringLiteral("Light")), qPrintable(system->toolTip()));
        QVERIFY(menu->title().contains(QLatin1Char('&')));
        dark->trigger();
        QVERIFY(dark->isChecked() && !system->isChecked());
        QVERIFY(ThemeColours::isDark(QApplication::palette()));
        QCOMPARE(QSettings().value(QStringLiteral("appearance/colorScheme")).toString(),
            QStringLiteral("dark"));
        QVERIFY(tellPortal("set 2"));
        QTest::qWait(200);
        QVERIFY(ThemeColours::isDark(QApplication::palette()));
        {
            Appearance next(nullptr);
            QCOMPARE(toString(next.choice()), QStringLiteral("dark"));
        }

        // --color-scheme holds for one run only: it is not remembered.
        appearance.setChoice(ColorSchemeChoice::Light, false);
        QVERIFY(!ThemeColours::isDark(QApplication::palette()));
        QCOMPARE(QSettings().value(QStringLiteral("appearance/colorScheme")).toString(),
            QStringLiteral("dark"));
        QVERIFY(parseColorSchemeChoice(QStringLiteral("DARK")) == ColorSchemeChoice::Dark);
        QVERIFY(!parseColorSchemeChoice(QStringLiteral("dusk")));
        delete menu;
        appearance.setChoice(ColorSchemeChoice::System);
    }

    void windowDrawsDarkAndKeepsItsStateColours()
    {
        ConsoleEngine engine;
        QVERIFY2(engine.startDemo(), qPrintable(engine.errors().join(QLatin1Char('\n'))));
        engine.start();
        WindowShell shell(&engine, ColorSchemeChoice::Dark);
        MainWindow *window = shell.window();
        window->resize(MainWindow::preferredSize());
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(ThemeColours::isDark(window->statusView()->palette()));
        // Mostly dark, not a light window with a few dark widgets.
        QTRY_VERIFY_WITH_TIMEOUT(darkShare(window->statusView()) > 0.6, 5000);
        QVERIFY(darkShare(window->eventView()) > 0.6);
        QVERIFY(darkShare(window->mapPanel()) > 0.6);

        // Switching live repaints the same window in light colours.
        shell.appearance()->setChoice(ColorSchemeChoice::Light, false);
        QTRY_VERIFY_WITH_TIMEOUT(darkShare(window->statusView()) < 0.3, 5000);
        QVERIFY(darkShare(window->mapPanel()) < 0.5);
        shell.appearance()->setChoice(ColorSchemeChoice::System, false);
    }

    // Qt Charts keeps its own white theme unless told: the drill trend follows the palette.
    void chartsFollowThePalette()
    {
        Appearance appearance(nullptr);
        appearance.setChoice(ColorSchemeChoice::Dark, false);
        DrillTrendChart trend;
        trend.resize(400, 240);
        trend.show();
        QVERIFY(QTest::qWaitForWindowExposed(&trend));
        QTRY_VERIFY_WITH_TIMEOUT(darkShare(&trend) > 0.6, 5000);
        ChartView chart(QStringLiteral("Latency"), QStringLiteral("ms"));
        chart.resize(300, 200);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const qint64 to = QDateTime::currentMSecsSinceEpoch();
        chart.setData(
            to - 300000, to, { { QStringLiteral("a"), { { double(to - 1000), 5.0 } } } }, {});
        QTRY_VERIFY_WITH_TIMEOUT(darkShare(&chart) > 0.6, 5000);
        appearance.setChoice(ColorSchemeChoice::Light, false);
        QTRY_VERIFY_WITH_TIMEOUT(darkShare(&trend) < 0.3, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(darkShare(&chart) < 0.3, 5000);
        appearance.setChoice(ColorSchemeChoice::System, false);
    }

    // A narrow chart gets fewer time ticks, each label whole, rather than "13:…" under six.
    void narrowChartsShowWholeTimeLabels()
    {
        ChartView chart(QStringLiteral("Latency"), QStringLiteral("ms"));
        const qint64 to = QDateTime::currentMSecsSinceEpoch();
        const QList<ChartView::Line> lines
            = { { QStringLiteral("a"), { { double(to - 1000), 5.0 } } } };
        chart.resize(260, 180);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        chart.setData(to - 300000, to, lines, {});
        auto *axis = qobject_cast<QDateTimeAxis *>(chart.chart()->axes(Qt::Horizontal).first());
        QVERIFY(axis);
        const int label
            = QFontMetrics(axis->labelsFont()).horizontalAdvance(QStringLiteral("00:00:00"));
        QVERIFY2(chart.plotPixels() / (axis->tickCount() - 1) > label,
            qPrintable(QStringLiteral("%1 ticks on %2 px")
                           .arg(axis->tickCount())
                           .arg(chart.plotPixels())));
        chart.resize(1200, 300);
        QTRY_VERIFY(chart.plotPixels() > 900);
        chart.setData(to - 300000, to, lines, {});
        QCOMPARE(axis->tickCount(), 6);
    }

    // Last: it stops the portal.
    void withoutAPortalGtkThemeDecides()
    {
        m_portal.write("quit\n");
        QVERIFY(m_portal.waitForFinished(5000));
        qputenv("GTK_THEME", "Adwaita:dark");
        SystemColorScheme scheme;
        QCOMPARE(toString(scheme.preference()), QStringLiteral("dark"));
        QTRY_VERIFY_WITH_TIMEOUT(scheme.portalAnswered(), 5000);
        QCOMPARE(toString(scheme.preference()), QStringLiteral("dark"));
        QCOMPARE(scheme.source(), QStringLiteral("GTK_THEME"));
        qunsetenv("GTK_THEME");
        SystemColorScheme none;
        QTRY_VERIFY_WITH_TIMEOUT(none.portalAnswered(), 5000);
        QCOMPARE(toString(none.preference()), QStringLiteral("no preference"));
    }
};

QTEST_MAIN(tst_Appearance)
#include "tst_appearance.moc"
