#pragma once

#include <QPersistentModelIndex>
#include <QWidget>

class QLabel;
class QTableWidget;
class QTimer;

namespace Console {

class EndpointStatusModel;
class TopologyState;

// The selected node in full, under the status table: role, timeline, LSNs, lag in bytes and
// seconds, connections, commits/s and the last errors (NodeDetails), so the table stays narrow
// and nothing lives only in a tooltip. A region shows its database node, else its first endpoint.
class DetailPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailPane)
public:
    // Neither is owned; `topology` may be null.
    DetailPane(
        const EndpointStatusModel *model, const TopologyState *topology, QWidget *parent = nullptr);

    // A row of the status model (a region or an endpoint); an invalid index clears the pane.
    void showIndex(const QModelIndex &index);
    // What the pane shows, one "label: value" per line (for tests and copying).
    QString text() const;

private:
    void refresh();
    QString endpointToShow() const;

    const EndpointStatusModel *m_model; // not owned
    const TopologyState *m_topology; // not owned
    QPersistentModelIndex m_index;
    QLabel *m_hint;
    QTableWidget *m_table;
    QTimer *m_tick;
};

} // namespace Console
