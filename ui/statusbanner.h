#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLabel;

namespace Console {

// The one-glance line at the top of the window: the current primary and how many regions are
// healthy, degraded or down, coloured by the worst of them. Reads the region rows of the status
// model.
class StatusBanner final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBanner)
public:
    explicit StatusBanner(QAbstractItemModel *statusModel, QWidget *parent = nullptr);

    QString text() const;

private:
    void refresh();

    QAbstractItemModel *m_model; // not owned
    QLabel *m_primary; // owned by this widget's layout
    QLabel *m_summary;
};

} // namespace Console
