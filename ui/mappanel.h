#pragma once

#include <QWidget>

class QLabel;

namespace Console {

class RegionMapState;
class RegionMapView;

// The Map tab: the region map under a slim bar with its zoom and fit buttons and a legend that
// says what each shape, ring and line means.
class MapPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MapPanel)
public:
    // `state` is not owned and must outlive the panel.
    explicit MapPanel(const RegionMapState *state, QWidget *parent = nullptr);
    ~MapPanel() override;

    RegionMapView *view() const { return m_view; }

private:
    RegionMapView *m_view; // child of the panel
    QLabel *m_legend; // child of the panel
};

} // namespace Console
