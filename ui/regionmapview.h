#pragma once

#include "mappalette.h"
#include "regionmap.h"

#include <QGraphicsView>
#include <QHash>

class QAction;
class QGraphicsPathItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QVariantAnimation;

namespace Console {

class MapLabelItem;
class MapMarkerItem;
class MapPrimaryItem;
class RegionMapState;

// The live region map: Natural Earth land in muted colours, one marker per region, the primary
// under a crown, replication links from the primary with their lag. No label hides another or a
// marker: they are placed again at every zoom, resize and new text (LabelPlacement). Wheel,
// + / - and Ctrl+= / Ctrl+- zoom, a drag pans, F, 0, Home or Ctrl+0 fits every region; a click
// or the arrow keys select a region (regionSelected), and selectRegion() follows a selection made
// elsewhere. The map is one Tab stop, as a group of radio buttons is: the arrows move within it.
// Everything is vector, drawn with cosmetic pens at fixed pixel sizes, so it stays sharp at any
// zoom and device pixel ratio.
class RegionMapView final : public QGraphicsView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionMapView)
public:
    // `state` is not owned and must outlive the view.
    explicit RegionMapView(const RegionMapState *state, QWidget *parent = nullptr);
    ~RegionMapView() override;

    QString selectedRegion() const;
    MapMarkerItem *markerItem(const QString &regionId) const;
    QGraphicsPathItem *linkItem(const QString &fromRegionId, const QString &toRegionId) const;
    MapLabelItem *linkLabel(const QString &fromRegionId, const QString &toRegionId) const;
    MapLabelItem *markerLabel(const QString &regionId) const;
    // The crowns now shown: one with one primary, one per writable region in a split brain.
    QList<MapPrimaryItem *> primaryItems() const { return m_primaries; }
    bool isAnimating() const;
    // Where a region's marker is drawn, in scene coordinates (it may have no coordinates: then
    // it sits in the row under the map).
    QPointF markerScenePos(const QString &regionId) const;
    double zoomFactor() const; // 1 when the whole world fits

    QAction *zoomInAction() const { return m_zoomIn; }
    QAction *zoomOutAction() const { return m_zoomOut; }
    QAction *fitAction() const { return m_fit; }

public slots:
    void selectRegion(const QString &regionId);
    void zoomIn();
    void zoomOut();
    void fitAll();

signals:
    void regionSelected(const QString &regionId);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    struct Link
    {
        QGraphicsPathItem *line = nullptr; // owned by the scene
        MapLabelItem *label = nullptr; // owned by the scene
        int labelCandidate = -1; // where the placement put its label last
    };
    // A new zoom, size or region places every label afresh; a new text or a pan keeps each
    // label where it is while it still fits, so that a lag changing every second never makes
    // the labels hop.
    enum class Relayout { Afresh, KeepPlaces };

    void buildLand();
    void addNewMarkers();
    void placeLabels(Relayout mode);
    QStringList regionOrder() const;
    void chooseRegion(const QString &regionId);
    void stepSelection(const QPointF &direction);
    void onStateChanged(const RegionMapSnapshot &previous);
    void showSnapshot(const RegionMapSnapshot *previous);
    void updateLinks(const RegionMapSnapshot &map);
    void updatePrimaries(const RegionMapSnapshot &map, const RegionMapSnapshot *previous);
    void applyStyle();
    void onSceneSelectionChanged();
    void zoomBy(double factor);
    double fitScale() const;
    QString markerToolTip(const MapMarker &marker, const RegionMapSnapshot &map) const;
    QString linkToolTip(const MapLink &link, const RegionMapSnapshot &map) const;

    const RegionMapState *m_state; // not owned
    QGraphicsScene *m_scene; // owned by the view
    MapPalette m_palette;
    QGraphicsRectItem *m_water = nullptr; // items are owned by the scene
    QGraphicsPathItem *m_land = nullptr;
    QGraphicsPathItem *m_graticule = nullptr;
    QGraphicsSimpleTextItem *m_mapError = nullptr;
    MapLabelItem *m_unplacedCaption = nullptr;
    QHash<QString, MapMarkerItem *> m_markers;
    QHash<QString, MapLabelItem *> m_markerLabels;
    QHash<QString, QPointF> m_markerPos; // region id -> scene position
    QHash<QString, int> m_labelCandidate; // region id -> where the placement put its label
    int m_unplaced = 0; // regions in the row under the map
    QHash<QString, Link> m_links; // "from>to"
    QList<MapPrimaryItem *> m_primaries;
    QVariantAnimation *m_primaryMove; // child of the view
    QAction *m_zoomIn; // actions are children of the view
    QAction *m_zoomOut;
    QAction *m_fit;
    bool m_userZoomed = false; // refit on resize until the operator zooms or pans
    bool m_syncingSelection = false;
    bool m_panning = false;
    QPoint m_panFrom;
};

} // namespace Console
