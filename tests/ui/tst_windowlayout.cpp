#include "windowlayout.h"

#include <QCheckBox>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Console;

namespace {
// A window shaped like the console's: a named splitter holding a named view.
struct Window
{
    QMainWindow window;
    QSplitter *splitter = new QSplitter(Qt::Horizontal);
    QTreeView *view = new QTreeView;
    QWidget *side = new QWidget;
    QCheckBox *grouped = new QCheckBox(side); // remembered
    QCheckBox *passing = new QCheckBox(side); // a checkbox the layout does not own
    QStandardItemModel model { 1, 4 };

    Window()
    {
        grouped->setObjectName(QStringLiteral("eventGroupToggle"));
        grouped->setChecked(true);
        WindowLayout::rememberChecked(grouped);
        passing->setObjectName(QStringLiteral("somethingElse"));
        passing->setChecked(true);
        splitter->setObjectName(QStringLiteral("mainSplitter"));
        view->setObjectName(QStringLiteral("statusView"));
        view->setModel(&model);
        splitter->addWidget(view);
        splitter->addWidget(side);
        window.setCentralWidget(splitter);
    }
};
} // namespace

class tst_WindowLayout : public QObject
{
    Q_OBJECT
private slots:
    void fitsASmallScreen();
    void keepsThePreferredSizeWhenItFits();
    void restoresWhatWasArranged();
    void unnamedSplittersAreLeftAlone();
};

void tst_WindowLayout::fitsASmallScreen()
{
    QMainWindow window;
    const QRect available = window.screen()->availableGeometry();
    WindowLayout::fitToScreen(&window, available.size() * 2);
    QVERIFY(window.width() <= available.width());
    QVERIFY(window.height() <= available.height());
    QCOMPARE(window.width(), int(available.width() * 0.9));
}

void tst_WindowLayout::keepsThePreferredSizeWhenItFits()
{
    QMainWindow window;
    const QSize small = window.screen()->availableGeometry().size() / 2;
    WindowLayout::fitToScreen(&window, small);
    QCOMPARE(window.size(), small);
}

void tst_WindowLayout::restoresWhatWasArranged()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("layout.ini")), QSettings::IniFormat);
    {
        Window w;
        w.window.resize(700, 500);
        w.window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w.window));
        w.splitter->setSizes({ 500, 200 });
        w.view->setColumnWidth(1, 222);
        w.grouped->setChecked(false);
        w.passing->setChecked(false);
        WindowLayout::save(&w.window, settings);
    }
    Window again;
    QSignalSpy toggled(again.grouped, &QCheckBox::toggled);
    WindowLayout::restore(&again.window, settings, QSize(300, 200));
    // Through setChecked, so what follows the toggle (the event log's view) follows it too.
    QVERIFY(!again.grouped->isChecked());
    QCOMPARE(toggled.size(), 1);
    QVERIFY(again.passing->isChecked());
    again.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&again.window));
    QCOMPARE(again.window.size(), QSize(700, 500));
    QCOMPARE(again.view->columnWidth(1), 222);
    const QList<int> sizes = again.splitter->sizes();
    QCOMPARE(sizes.size(), 2);
    QVERIFY2(sizes.at(0) > sizes.at(1) * 2,
        qPrintable(QStringLiteral("%1 %2").arg(sizes.at(0)).arg(sizes.at(1))));
}

void tst_WindowLayout::unnamedSplittersAreLeftAlone()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("layout.ini")), QSettings::IniFormat);
    Window w;
    w.splitter->setObjectName(QString());
    WindowLayout::save(&w.window, settings);
    settings.beginGroup(QStringLiteral("window"));
    QVERIFY(settings.childGroups().contains(QStringLiteral("headers")));
    QVERIFY(!settings.childGroups().contains(QStringLiteral("splitters")));
}

QTEST_MAIN(tst_WindowLayout)
#include "tst_windowlayout.moc"
