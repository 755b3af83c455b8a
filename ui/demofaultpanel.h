#pragma once

#include "demofault.h"

#include <QHash>
#include <QWidget>

class QButtonGroup;

namespace Console {

class DemoTopology;
struct ConfigOverview;

// Lets a newcomer break and restore the demo's regions (down, slow, erroring, lagging) and watch
// the console react. One exclusive row of buttons per region.
class DemoFaultPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoFaultPanel)
public:
    DemoFaultPanel(DemoTopology *demo, const ConfigOverview &config, QWidget *parent = nullptr);

    void restoreAll();

private:
    void showFault(const QString &regionId, DemoFault fault);

    DemoTopology *m_demo; // not owned
    QHash<QString, QButtonGroup *> m_groups; // owned by this widget
};

} // namespace Console
