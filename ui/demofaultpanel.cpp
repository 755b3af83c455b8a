#include "demofaultpanel.h"

#include "configoverview.h"
#include "demotopology.h"

#include <QButtonGroup>
#include <QGridLayout>
#include <QLabel>
#include <QToolButton>

namespace Console {

namespace {
struct FaultChoice
{
    DemoFault fault;
    const char *label;
    const char *tip;
};

constexpr FaultChoice faultChoices[] = {
    { DemoFault::None, QT_TRANSLATE_NOOP("Console::DemoFaultPanel", "Normal"),
        QT_TRANSLATE_NOOP("Console::DemoFaultPanel", "Serve healthy answers") },
    { DemoFault::Down, QT_TRANSLATE_NOOP("Console::DemoFaultPanel", "Down"),
        QT_TRANSLATE_NOOP(
            "Console::DemoFaultPanel", "Stop listening: probes see connection refused") },
    { DemoFault::Slow, QT_TRANSLATE_NOOP("Console::DemoFaultPanel", "Slow"),
        QT_TRANSLATE_NOOP("Console::DemoFaultPanel",
            "Answer in about 600 ms: over the latency threshold, inside the timeout") },
    { DemoFault::Hang, QT_TRANSLATE_NOOP("Console::DemoFaultPanel", "Hang"),
        QT_TRANSLATE_NOOP("Console::DemoFaultPanel", "Answer after the probe timeout") },
    { DemoFault::Erroring, QT_TRANSLATE_NOOP("Console::DemoFaultPanel", "Erroring"),
        QT_TRANSLATE_NOOP("Console::DemoFaultPanel", "Answer most requests with 503") },
    { DemoFault::Lagging, QT_TRANSLATE_NOOP("Console::DemoFaultPanel", "Lagging"),
        QT_TRANSLATE_NOOP("Console::DemoFaultPanel", "Report a growing replication lag") },
};
} // namespace

DemoFaultPanel::DemoFaultPanel(DemoTopology *demo, const ConfigOverview &config, QWidget *parent)
    : QWidget(parent)
    , m_demo(demo)
{
    auto *grid = new QGridLayout(this);
    int row = 0;
    for (const RegionOverview &region : config.regions) {
        grid->addWidget(new QLabel(region.name, this), row, 0);
        auto *group = new QButtonGroup(this);
        group->setExclusive(true);
        int column = 1;
        for (const FaultChoice &choice : faultChoices) {
            auto *button = new QToolButton(this);
            button->setText(tr(choice.label));
            button->setToolTip(tr(choice.tip));
            button->setCheckable(true);
            button->setAutoRaise(false);
            button->setObjectName(region.id + QLatin1Char('-') + toString(choice.fault));
            group->addButton(button, int(choice.fault));
            grid->addWidget(button, row, column++);
        }
        group->button(int(m_demo->fault(region.id)))->setChecked(true);
        const QString regionId = region.id;
        connect(group, &QButtonGroup::idClicked, this,
            [this, regionId](int id) { m_demo->setFault(regionId, static_cast<DemoFault>(id)); });
        m_groups.insert(region.id, group);
        ++row;
    }
    grid->setRowStretch(row, 1);
    grid->setColumnStretch(int(std::size(faultChoices)) + 1, 1);
    connect(m_demo, &DemoTopology::faultChanged, this, &DemoFaultPanel::showFault);
}

void DemoFaultPanel::restoreAll()
{
    for (auto it = m_groups.cbegin(); it != m_groups.cend(); ++it)
        m_demo->setFault(it.key(), DemoFault::None);
}

void DemoFaultPanel::showFault(const QString &regionId, DemoFault fault)
{
    if (QButtonGroup *group = m_groups.value(regionId)) {
        if (QAbstractButton *button = group->button(int(fault)))
            button->setChecked(true);
    }
}

} // namespace Console
