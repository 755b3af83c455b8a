#include "mappanel.h"

#include "healthpalette.h"
#include "mappalette.h"
#include "regionmapview.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace Console {

namespace {

QString swatch(const QColor &color, const QString &glyph, const QString &word)
{
    // Non-breaking inside an entry: the legend wraps between entries, never within one.
    return QStringLiteral("<span style=\"color:%1\">%2</span>&nbsp;%3")
        .arg(color.name(), glyph,
            word.toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;")));
}

QString legendText()
{
    const QString sep = QStringLiteral("&nbsp;&nbsp; ");
    QStringList parts;
    parts << swatch(
        healthStyle(Health::Healthy).fill, QStringLiteral("●"), healthLabel(Health::Healthy));
    parts << swatch(
        healthStyle(Health::Degraded).fill, QStringLiteral("▲"), healthLabel(Health::Degraded));
    parts << swatch(
        healthStyle(Health::Unhealthy).fill, QStringLiteral("■"), healthLabel(Health::Unhealthy));
    parts << swatch(
        healthStyle(Health::Unknown).fill, QStringLiteral("◆"), healthLabel(Health::Unknown));
    parts << swatch(
        MapPalette::linkColor(LinkSeverity::Ok), QStringLiteral("━"), MapPanel::tr("lag ok"));
    parts << swatch(MapPalette::linkColor(LinkSeverity::Warning), QStringLiteral("━"),
        MapPanel::tr("over warning"));
    parts << swatch(MapPalette::linkColor(LinkSeverity::Critical), QStringLiteral("━"),
        MapPanel::tr("over critical"));
    parts << swatch(MapPalette::linkColor(LinkSeverity::Critical), QStringLiteral("┅"),
        MapPanel::tr("not streaming"));
    return parts.join(sep);
}

} // namespace

MapPanel::MapPanel(const RegionMapState *state, QWidget *parent)
    : QWidget(parent)
    , m_view(new RegionMapView(state, this))
    , m_legend(new QLabel(this))
{
    setObjectName(QStringLiteral("mapPanel"));
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 3, 6, 3);
    for (QAction *action :
        { m_view->zoomInAction(), m_view->zoomOutAction(), m_view->fitAction() }) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setAutoRaise(true);
        bar->addWidget(button);
    }
    m_view->zoomInAction()->setIconText(QStringLiteral("+"));
    m_view->zoomOutAction()->setIconText(QStringLiteral("−"));
    m_view->fitAction()->setIconText(tr("Fit"));
    m_legend->setObjectName(QStringLiteral("mapLegend"));
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setText(legendText());
    m_legend->setToolTip(tr("Regions: shape and colour give the verdict; the violet ring and "
                            "crown mark the primary the servers report. Lines: replication from "
                            "the primary, thicker and amber or red as lag crosses its "
                            "thresholds; dashed when not streaming, dotted when frozen at the "
                            "primary's loss."));
    bar->addStretch(1);
    m_legend->setWordWrap(true);
    m_legend->setContentsMargins(6, 2, 6, 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_legend);
}

MapPanel::~MapPanel() = default;

} // namespace Console
