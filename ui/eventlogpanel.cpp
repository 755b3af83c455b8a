#include "eventlogpanel.h"

#include "eventexport.h"
#include "eventfilterproxy.h"
#include "eventlogmodel.h"
#include "severitydelegate.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace Console {

EventLogPanel::EventLogPanel(EventLogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    m_proxy = new EventFilterProxy(this);
    m_proxy->setSourceModel(m_model);

    m_region = new QComboBox(this);
    m_region->setObjectName(QStringLiteral("eventRegionFilter"));
    m_region->addItem(tr("All regions"), QString());
    m_region->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("eventKindFilter"));
    m_kind->addItem(tr("All kinds"), -1);
    for (EventKind kind : allEventKinds())
        m_kind->addItem(toString(kind), int(kind));
    m_severity = new QComboBox(this);
    m_severity->setObjectName(QStringLiteral("eventSeverityFilter"));
    m_severity->addItem(tr("All severities"), int(EventSeverity::Info));
    m_severity->addItem(tr("Warning and critical"), int(EventSeverity::Warning));
    m_severity->addItem(tr("Critical only"), int(EventSeverity::Critical));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("eventSearch"));
    m_search->setPlaceholderText(tr("Search messages"));
    m_search->setClearButtonEnabled(true);
    auto *exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setObjectName(QStringLiteral("eventExport"));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    auto *regionLabel = new QLabel(tr("&Region:"), this);
    regionLabel->setBuddy(m_region);
    auto *kindLabel = new QLabel(tr("&Kind:"), this);
    kindLabel->setBuddy(m_kind);
    auto *severityLabel = new QLabel(tr("Se&verity:"), this);
    severityLabel->setBuddy(m_severity);
    bar->addWidget(regionLabel);
    bar->addWidget(m_region);
    bar->addWidget(kindLabel);
    bar->addWidget(m_kind);
    bar->addWidget(severityLabel);
    bar->addWidget(m_severity);
    bar->addWidget(m_search, 1);
    bar->addWidget(exportButton);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("eventView"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(EventLogModel::SeverityColumn, new SeverityDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);

    auto *copy = new QAction(tr("&Copy"), m_view);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(copy);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_view);

    addRegions(0, m_model->rowCount() - 1);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) { addRegions(first, last); });
    connect(m_region, &QComboBox::currentIndexChanged, this, &EventLogPanel::applyFilter);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &EventLogPanel::applyFilter);
    connect(m_severity, &QComboBox::currentIndexChanged, this, &EventLogPanel::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, &EventLogPanel::applyFilter);
    connect(copy, &QAction::triggered, this, &EventLogPanel::copySelection);
    connect(exportButton, &QPushButton::clicked, this, &EventLogPanel::exportShown);
}

EventLogPanel::~EventLogPanel() = default;

// Regions appear in the filter as events name them, so it never offers a region with no events.
void EventLogPanel::addRegions(int firstRow, int lastRow)
{
    for (int row = firstRow; row <= lastRow; ++row) {
        const QString id = m_model->event(row).regionId;
        if (id.isEmpty() || m_region->findData(id) >= 0)
            continue;
        int at = 1;
        while (at < m_region->count() && m_region->itemData(at).toString() < id)
            ++at;
        m_region->insertItem(at, id, id);
    }
}

void EventLogPanel::applyFilter()
{
    m_proxy->setRegionId(m_region->currentData().toString());
    const int kind = m_kind->currentData().toInt();
    m_proxy->setKind(kind < 0 ? std::nullopt : std::optional<EventKind>(EventKind(kind)));
    m_proxy->setMinimumSeverity(EventSeverity(m_severity->currentData().toInt()));
    m_proxy->setSearchText(m_search->text());
}

QList<ConsoleEvent> EventLogPanel::selectedEvents() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows << m_proxy->mapToSource(index).row();
    std::sort(rows.begin(), rows.end());
    QList<ConsoleEvent> events;
    events.reserve(rows.size());
    for (int row : rows)
        events << m_model->event(row);
    return events;
}

QList<ConsoleEvent> EventLogPanel::shownEvents() const
{
    QList<ConsoleEvent> events;
    events.reserve(m_proxy->rowCount());
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        events << m_model->event(m_proxy->mapToSource(m_proxy->index(row, 0)).row());
    return events;
}

void EventLogPanel::copySelection()
{
    const QList<ConsoleEvent> events = selectedEvents();
    if (!events.isEmpty())
        QGuiApplication::clipboard()->setText(EventExport::toTsv(events));
}

void EventLogPanel::exportShown()
{
    const QString csvFilter = tr("CSV (*.csv)");
    const QString jsonFilter = tr("JSON (*.json)");
    QString chosen = csvFilter;
    QString path = QFileDialog::getSaveFileName(this, tr("Export events"),
        QStringLiteral("events.csv"), csvFilter + QStringLiteral(";;") + jsonFilter, &chosen);
    if (path.isEmpty())
        return;
    const bool json = chosen == jsonFilter || path.endsWith(QLatin1String(".json"));
    const auto format = json ? EventExport::Format::Json : EventExport::Format::Csv;
    QString error;
    if (!EventExport::writeFile(path, shownEvents(), format, &error))
        QMessageBox::warning(this, tr("Export events"),
            tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), error));
}

} // namespace Console
