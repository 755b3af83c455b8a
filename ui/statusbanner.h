#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLabel;

namespace Console {

class SelfCheck;
class TopologyState;

// The one-glance line at the top of the window: who is primary as the servers report it (or that
// none is reachable, or that two accept writes), and how many regions are healthy, degraded or
// down, coloured by the worst of them. Reads the region rows of the status model and the topology.
class StatusBanner final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBanner)
public:
    // Neither is owned; `topology` may be null (then the configured primary is shown as such).
    StatusBanner(
        QAbstractItemModel *statusModel, const TopologyState *topology, QWidget *parent = nullptr);

    QString text() const;
    // Shows the console's doubt about itself on a line of its own (not owned; may be null).
    void setSelfCheck(const SelfCheck *selfCheck);

private:
    void refresh();
    QString primaryText(bool *alarm) const;
    QString regionName(const QString &regionId) const;

    QAbstractItemModel *m_model; // not owned
    const TopologyState *m_topology; // not owned
    QLabel *m_primary; // owned by this widget's layout
    QLabel *m_summary;
    QLabel *m_doubt;
    const SelfCheck *m_selfCheck = nullptr; // not owned
};

} // namespace Console
