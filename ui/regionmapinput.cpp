#include "regionmapview.h"

// RegionMapView's mouse and keyboard: zoom by wheel, pan by drag, selection by arrow keys, the
// focus frame. Kept apart from the drawing in regionmapview.cpp.

#include "mapmarkeritem.h"
#include "regionmapstate.h"

#include <QFocusEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Console {

void RegionMapView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) {
        event->ignore();
        return;
    }
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    zoomBy(std::pow(1.2, steps));
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    event->accept();
}

void RegionMapView::mousePressEvent(QMouseEvent *event)
{
    QGraphicsItem *item = itemAt(event->position().toPoint());
    while (item && item->type() != MapMarkerItem::Type)
        item = item->parentItem();
    if (item || event->button() != Qt::LeftButton) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    // A drag on the map pans it, and keeps the selection: clicking beside a marker is no
    // reason to forget the region the operator chose.
    m_panning = true;
    m_panFrom = event->position().toPoint();
    viewport()->setCursor(Qt::ClosedHandCursor);
    event->accept();
}

void RegionMapView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_panning) {
        QGraphicsView::mouseMoveEvent(event);
        return;
    }
    const QPoint now = event->position().toPoint();
    const QPoint delta = now - m_panFrom;
    m_panFrom = now;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
    if (!delta.isNull())
        m_userZoomed = true;
    event->accept();
}

void RegionMapView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_panning) {
        QGraphicsView::mouseReleaseEvent(event);
        return;
    }
    m_panning = false;
    viewport()->unsetCursor();
    event->accept();
}

void RegionMapView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (!m_userZoomed)
        fitAll();
    else
        placeLabels(Relayout::Afresh);
}

void RegionMapView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    // The viewport scrolled its pixels: the focus frame moved with them.
    if (hasFocus())
        viewport()->update();
    placeLabels(Relayout::KeepPlaces);
}

QStringList RegionMapView::regionOrder() const
{
    QStringList order;
    for (const MapMarker &marker : m_state->snapshot().markers) {
        if (m_markers.contains(marker.regionId))
            order.append(marker.regionId);
    }
    return order;
}

void RegionMapView::chooseRegion(const QString &regionId)
{
    MapMarkerItem *item = m_markers.value(regionId);
    if (!item || regionId == selectedRegion())
        return;
    // Through the scene's selection, as a click does: regionSelected tells the table.
    m_scene->clearSelection();
    item->setSelected(true);
    const QRectF visible = mapToScene(viewport()->rect().adjusted(20, 20, -20, -20)).boundingRect();
    if (!visible.contains(item->pos()))
        centerOn(item);
}

void RegionMapView::stepSelection(const QPointF &direction)
{
    const QStringList order = regionOrder();
    if (order.isEmpty())
        return;
    const QString current = selectedRegion();
    if (current.isEmpty()) {
        const QString primary = m_state->snapshot().primaryRegionId;
        chooseRegion(order.contains(primary) ? primary : order.constFirst());
        return;
    }
    // The nearest region that way, where a region straight ahead beats a closer one aside.
    const QPointF from = m_markerPos.value(current);
    QString best;
    double bestScore = std::numeric_limits<double>::max();
    for (const QString &region : order) {
        const QPointF d = m_markerPos.value(region) - from;
        const double along = d.x() * direction.x() + d.y() * direction.y();
        if (region == current || along <= 1e-9)
            continue;
        const double aside = std::abs(d.x() * direction.y() - d.y() * direction.x());
        const double score = along + 2 * aside;
        if (score < bestScore) {
            bestScore = score;
            best = region;
        }
    }
    if (!best.isEmpty())
        chooseRegion(best);
}

void RegionMapView::keyPressEvent(QKeyEvent *event)
{
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    const bool plain = modifiers == Qt::NoModifier;
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right:
    case Qt::Key_Up:
    case Qt::Key_Down:
        if (!plain)
            break;
        stepSelection(event->key() == Qt::Key_Left ? QPointF(-1, 0)
                : event->key() == Qt::Key_Right    ? QPointF(1, 0)
                : event->key() == Qt::Key_Up       ? QPointF(0, -1)
                                                   : QPointF(0, 1));
        event->accept();
        return;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        // "+" is Shift+= on many layouts.
        if (!plain && modifiers != Qt::ShiftModifier)
            break;
        zoomIn();
        event->accept();
        return;
    case Qt::Key_Minus:
        if (!plain)
            break;
        zoomOut();
        event->accept();
        return;
    case Qt::Key_0:
    case Qt::Key_Home:
        if (!plain)
            break;
        fitAll();
        event->accept();
        return;
    default: break;
    }
    QGraphicsView::keyPressEvent(event);
}

void RegionMapView::focusInEvent(QFocusEvent *event)
{
    QGraphicsView::focusInEvent(event);
    viewport()->update();
}

void RegionMapView::focusOutEvent(QFocusEvent *event)
{
    QGraphicsView::focusOutEvent(event);
    viewport()->update();
}

void RegionMapView::paintEvent(QPaintEvent *event)
{
    QGraphicsView::paintEvent(event);
    if (!hasFocus())
        return;
    // The map has no frame of its own: with the keyboard in it, it gets one.
    QPainter painter(viewport());
    QPen frame(palette().color(QPalette::Highlight), 2);
    painter.setPen(frame);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(viewport()->rect()).adjusted(1, 1, -1, -1));
}

} // namespace Console
