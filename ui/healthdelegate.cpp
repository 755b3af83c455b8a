#include "healthdelegate.h"

#include "health.h"
#include "healthpalette.h"
#include "quantitytext.h"
#include "roles.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
#include <QTimer>
#include <QToolTip>

namespace Console {

namespace {
constexpr int kPillPadding = 16;
constexpr int kGap = 8;

QString ageText(qint64 ms)
{
    if (ms < 1000)
        return HealthDelegate::tr("just now");
    if (ms < 120000)
        return HealthDelegate::tr("%1 s ago").arg(ms / 1000);
    return HealthDelegate::tr("%1 ago").arg(QuantityText::elapsed(std::chrono::milliseconds(ms)));
}

bool isBad(Health health)
{
    return health == Health::Degraded || health == Health::Unhealthy;
}
} // namespace

HealthDelegate::HealthDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
    , m_tick(new QTimer(this))
{
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, [this] {
        if (auto *view = qobject_cast<QAbstractItemView *>(this->parent()))
            view->viewport()->update();
    });
    m_tick->start();
}

QString HealthDelegate::timesText(const QModelIndex &index, const QDateTime &now)
{
    QStringList parts;
    const auto health = static_cast<Health>(index.data(HealthRole).toInt());
    const QDateTime since = index.data(SinceRole).toDateTime();
    if (isBad(health) && since.isValid())
        parts << tr("for %1").arg(
            QuantityText::elapsed(std::chrono::milliseconds(since.msecsTo(now))));
    const QDateTime probed = index.data(LastProbeRole).toDateTime();
    if (probed.isValid())
        parts << ageText(std::max<qint64>(0, probed.msecsTo(now)));
    return parts.join(QStringLiteral(" · "));
}

QString HealthDelegate::toolTip(const QModelIndex &index, const QDateTime &now)
{
    QStringList lines;
    const QString reason = index.data(Qt::ToolTipRole).toString();
    if (!reason.isEmpty())
        lines << reason;
    const auto health = static_cast<Health>(index.data(HealthRole).toInt());
    const QDateTime since = index.data(SinceRole).toDateTime();
    if (since.isValid())
        lines << tr("%1 since %2 (%3)")
                     .arg(healthLabel(health),
                         since.toLocalTime().toString(QStringLiteral("HH:mm:ss")),
                         QuantityText::elapsed(std::chrono::milliseconds(since.msecsTo(now))));
    const QDateTime probed = index.data(LastProbeRole).toDateTime();
    if (probed.isValid())
        lines << tr("Last probe at %1 (%2)")
                     .arg(probed.toLocalTime().toString(QStringLiteral("HH:mm:ss")),
                         ageText(std::max<qint64>(0, probed.msecsTo(now))));
    return lines.join(QLatin1Char('\n'));
}

void HealthDelegate::paint(
    QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QVariant value = index.data(HealthRole);
    if (!value.isValid()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Let the style draw background, selection and focus without the text, then the pill on top.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *widgetStyle = widget ? widget->style() : QApplication::style();
    widgetStyle->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const HealthStyle style = healthStyle(static_cast<Health>(value.toInt()));
    const QString text = index.data(Qt::DisplayRole).toString().isEmpty()
        ? style.label
        : index.data(Qt::DisplayRole).toString();
    const QFontMetrics metrics(option.font);
    const int width = metrics.horizontalAdvance(text) + kPillPadding;
    const QRect pill(
        option.rect.left() + 6, option.rect.top() + 2, width, option.rect.height() - 4);

    painter->save();
    painter->setClipRect(option.rect);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(style.fill);
    painter->drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
    painter->setPen(style.text);
    painter->drawText(pill, Qt::AlignCenter, text);

    const QString times = timesText(index, QDateTime::currentDateTimeUtc());
    if (!times.isEmpty()) {
        const QRect rest(pill.right() + kGap, option.rect.top(),
            option.rect.right() - pill.right() - kGap, option.rect.height());
        const bool selected = option.state.testFlag(QStyle::State_Selected);
        painter->setPen(
            option.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
        painter->drawText(rest, Qt::AlignVCenter | Qt::AlignLeft,
            metrics.elidedText(times, Qt::ElideRight, rest.width()));
    }
    painter->restore();
}

QSize HealthDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    size.setWidth(size.width() + 24);
    // Room for a typical "for 12:34 · 12 s ago" where the model keeps times.
    if (index.data(SinceRole).isValid() || index.data(LastProbeRole).isValid()) {
        const QFontMetrics metrics(option.font);
        size.setWidth(size.width() + kGap + metrics.horizontalAdvance(tr("for 00:00 · 00 s ago")));
    }
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 8));
    return size;
}

bool HealthDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
    const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() != QEvent::ToolTip || !index.data(HealthRole).isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString tip = toolTip(index, QDateTime::currentDateTimeUtc());
    if (tip.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPos(), tip, view);
    return true;
}

} // namespace Console
