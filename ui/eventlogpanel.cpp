#include "eventlogpanel.h"

#include "eventexport.h"
#include "eventfilterproxy.h"
#include "eventlogmodel.h"
#include "incidentrowdelegate.h"
#include "incidenttreemodel.h"
#include "journal.h"
#include "severitydelegate.h"
#include "windowlayout.h"

#include <QAction>
#include <QCheckBox>
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
#include <QScrollBar>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace Console {

namespace {

bool before(const ConsoleEvent &a, const ConsoleEvent &b)
{
    if (a.wallTime != b.wallTime)
        return a.wallTime < b.wallTime;
    return a.sequence < b.sequence;
}

// In the log's order, each event once (a selected incident and one of its events overlap).
QList<ConsoleEvent> inTimeOrder(QList<ConsoleEvent> events)
{
    std::sort(events.begin(), events.end(), before);
    events.erase(std::unique(events.begin(), events.end(),
                     [](const ConsoleEvent &a, const ConsoleEvent &b) {
                         return a.sequence == b.sequence && a.wallTime == b.wallTime;
                     }),
        events.end());
    return events;
}

} // namespace

EventLogPanel::EventLogPanel(EventLogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_operator(Journal::osUser())
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
    m_group = new QCheckBox(tr("Group by &incident"), this);
    m_group->setObjectName(QStringLiteral("eventGroupToggle"));
    m_group->setToolTip(tr("One row per incident, from a region turning degraded or unhealthy "
                           "to its turning healthy again, with its events inside."));
    m_group->setChecked(true);
    WindowLayout::rememberChecked(m_group);
    m_acknowledge = new QAction(tr("&Acknowledge"), this);
    m_acknowledge->setObjectName(QStringLiteral("eventAcknowledge"));
    m_acknowledge->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_acknowledge->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_acknowledge->setToolTip(
        tr("Mark the selected incidents as seen by you (%1)")
            .arg(QKeySequence(m_acknowledge->shortcut()).toString(QKeySequence::NativeText)));
    addAction(m_acknowledge);
    m_acknowledgeButton = new QPushButton(tr("&Acknowledge"), this);
    m_acknowledgeButton->setObjectName(QStringLiteral("eventAcknowledgeButton"));
    m_acknowledgeButton->setToolTip(m_acknowledge->toolTip());
    auto *exportButton = new QPushButton(tr("Export…"), this);
    exportButton->setObjectName(QStringLiteral("eventExport"));

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(4, 2, 4, 2);
    auto *regionLabel = new QLabel(tr("&Region:"), this);
    regionLabel->setBuddy(m_region);
    auto *kindLabel = new QLabel(tr("&Kind:"), this);
    kindLabel->setBuddy(m_kind);
    auto *severityLabel = new QLabel(tr("Severit&y:"), this);
    severityLabel->setBuddy(m_severity);
    bar->addWidget(regionLabel);
    bar->addWidget(m_region);
    bar->addWidget(kindLabel);
    bar->addWidget(m_kind);
    bar->addWidget(severityLabel);
    bar->addWidget(m_severity);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_group);
    bar->addWidget(m_acknowledgeButton);
    bar->addWidget(exportButton);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("eventView"));
    m_view->setModel(m_proxy);
    m_view->setItemDelegateForColumn(EventLogModel::SeverityColumn, new SeverityDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);

    auto *copy = new QAction(tr("&Copy"), this);
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_view->addAction(copy);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    buildTree();
    m_tree->addAction(m_acknowledge);
    m_tree->addAction(copy);
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    m_tree->addAction(separator);
    auto *expand = new QAction(tr("&Expand all"), this);
    auto *collapse = new QAction(tr("C&ollapse all"), this);
    m_tree->addAction(expand);
    m_tree->addAction(collapse);
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_tree);
    m_stack->addWidget(m_view);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_stack);

    // Open incidents' durations run with the clock.
    m_durations = new QTimer(this);
    m_durations->setInterval(1000); // runs while the tree shows, see setGrouped()

    addRegions(0, m_model->rowCount() - 1);
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) { addRegions(first, last); });
    connect(m_region, &QComboBox::currentIndexChanged, this, &EventLogPanel::applyFilter);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &EventLogPanel::applyFilter);
    connect(m_severity, &QComboBox::currentIndexChanged, this, &EventLogPanel::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, &EventLogPanel::applyFilter);
    connect(copy, &QAction::triggered, this, &EventLogPanel::copySelection);
    connect(exportButton, &QPushButton::clicked, this, &EventLogPanel::exportShown);
    connect(m_group, &QCheckBox::toggled, this, &EventLogPanel::setGrouped);
    connect(m_acknowledge, &QAction::triggered, this, &EventLogPanel::acknowledgeSelected);
    connect(m_acknowledgeButton, &QPushButton::clicked, m_acknowledge, &QAction::trigger);
    connect(expand, &QAction::triggered, m_tree, &QTreeView::expandAll);
    connect(collapse, &QAction::triggered, m_tree, &QTreeView::collapseAll);
    connect(m_tree->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &EventLogPanel::updateActions);
    connect(m_treeModel, &IncidentTreeModel::acknowledged, this, &EventLogPanel::updateActions);
    connect(m_treeProxy, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &parent) { followTree(parent); });
    connect(m_durations, &QTimer::timeout, m_treeModel, &IncidentTreeModel::refreshDurations);
    setGrouped(true);
}

void EventLogPanel::buildTree()
{
    m_treeModel = new IncidentTreeModel(m_model, nullptr, this);
    m_treeProxy = new EventFilterProxy(this);
    // An incident shows when it or any of its events matches; its events are filtered alike.
    m_treeProxy->setRecursiveFilteringEnabled(true);
    m_treeProxy->setSourceModel(m_treeModel);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("incidentView"));
    m_tree->setModel(m_treeProxy);
    m_tree->setItemDelegate(new IncidentRowDelegate(m_tree));
    m_tree->setItemDelegateForColumn(
        IncidentTreeModel::SeverityColumn, new SeverityDelegate(m_tree));
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->setWordWrap(false);
    QHeaderView *header = m_tree->header();
    header->setStretchLastSection(true);
    // When and for how long first, then how bad and whether someone has it; the message last,
    // taking the room that is left.
    header->moveSection(header->visualIndex(IncidentTreeModel::DurationColumn), 1);
    header->moveSection(header->visualIndex(IncidentTreeModel::StateColumn), 3);
    const QFontMetrics metrics = m_tree->fontMetrics();
    const auto width
        = [&metrics](const QString &sample) { return metrics.horizontalAdvance(sample) + 24; };
    m_tree->setColumnWidth(IncidentTreeModel::TimeColumn,
        width(QStringLiteral("00:00:00")) + 2 * m_tree->indentation());
    m_tree->setColumnWidth(
        IncidentTreeModel::DurationColumn, width(QStringLiteral("3 d 04:05:06")));
    m_tree->setColumnWidth(
        IncidentTreeModel::SeverityColumn, width(QStringLiteral("critical")) + metrics.height());
    m_tree->setColumnWidth(IncidentTreeModel::StateColumn,
        width(QStringLiteral("✓ resolved · ack operator 00:00:00")));
    m_tree->setColumnWidth(IncidentTreeModel::RegionColumn, width(QStringLiteral("eu-central-1")));
    m_tree->setColumnWidth(
        IncidentTreeModel::EndpointColumn, width(QStringLiteral("eu-central-1-db")));
}

bool EventLogPanel::isGrouped() const
{
    return m_stack->currentWidget() == m_tree;
}

void EventLogPanel::setGrouped(bool grouped)
{
    const bool hadFocus = m_stack->currentWidget()->hasFocus();
    m_stack->setCurrentWidget(grouped ? static_cast<QWidget *>(m_tree) : m_view);
    // Live durations only where they are shown: each tick makes the tree's filter look again.
    if (grouped)
        m_durations->start();
    else
        m_durations->stop();
    if (m_group->isChecked() != grouped)
        m_group->setChecked(grouped);
    if (hadFocus)
        m_stack->currentWidget()->setFocus();
    updateActions();
}

// New rows follow only when the operator is already at the bottom, as in the flat table.
void EventLogPanel::followTree(const QModelIndex &parent)
{
    if (parent.isValid() || !isGrouped())
        return;
    QScrollBar *bar = m_tree->verticalScrollBar();
    if (bar->value() >= bar->maximum() - 2 * m_tree->fontMetrics().height())
        m_tree->scrollToBottom();
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
    const int kind = m_kind->currentData().toInt();
    for (EventFilterProxy *proxy : { m_proxy, m_treeProxy }) {
        proxy->setRegionId(m_region->currentData().toString());
        proxy->setKind(kind < 0 ? std::nullopt : std::optional<EventKind>(EventKind(kind)));
        proxy->setMinimumSeverity(EventSeverity(m_severity->currentData().toInt()));
        proxy->setSearchText(m_search->text());
    }
    updateActions();
}

QList<ConsoleEvent> EventLogPanel::shownChildren(const QModelIndex &proxyIncident) const
{
    QList<ConsoleEvent> events;
    for (int row = 0; row < m_treeProxy->rowCount(proxyIncident); ++row) {
        const QModelIndex child
            = m_treeProxy->mapToSource(m_treeProxy->index(row, 0, proxyIncident));
        if (const std::optional<ConsoleEvent> event = m_treeModel->event(child))
            events << *event;
    }
    return events;
}

QList<int> EventLogPanel::selectedIncidents() const
{
    QList<int> incidents;
    if (!isGrouped())
        return incidents;
    for (const QModelIndex &index : m_tree->selectionModel()->selectedRows()) {
        const int incident = m_treeModel->incidentOf(m_treeProxy->mapToSource(index));
        if (incident >= 0 && !incidents.contains(incident))
            incidents << incident;
    }
    std::sort(incidents.begin(), incidents.end());
    return incidents;
}

void EventLogPanel::updateActions()
{
    bool unacknowledged = false;
    for (int incident : selectedIncidents())
        unacknowledged
            = unacknowledged || !m_treeModel->incidents().incidents().at(incident).acknowledged;
    m_acknowledge->setEnabled(unacknowledged);
    m_acknowledgeButton->setEnabled(unacknowledged);
}

void EventLogPanel::acknowledgeSelected()
{
    for (int incident : selectedIncidents()) {
        if (!m_treeModel->acknowledge(incident, m_operator))
            continue; // acknowledged already: the first acknowledgement stays
        const EventIncident &acknowledged = m_treeModel->incidents().incidents().at(incident);
        emit incidentAcknowledged(acknowledged.regionId, acknowledged.start,
            acknowledged.acknowledgedBy, acknowledged.acknowledgedAt);
    }
    updateActions();
}

QList<ConsoleEvent> EventLogPanel::selectedEvents() const
{
    if (isGrouped()) {
        QList<ConsoleEvent> events;
        for (const QModelIndex &index : m_tree->selectionModel()->selectedRows()) {
            const QModelIndex source = m_treeProxy->mapToSource(index);
            if (m_treeModel->isIncident(source))
                events << shownChildren(index);
            else if (const std::optional<ConsoleEvent> event = m_treeModel->event(source))
                events << *event;
        }
        return inTimeOrder(events);
    }
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
    // Grouped or flat, the same events pass: both proxies hold the same filter, and the tree's
    // recursive filter shows an incident's child only when the child itself matches.
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

bool EventLogPanel::exportTo(const QString &path, EventExport::Format format, QString *error) const
{
    return EventExport::writeFile(path, shownEvents(), format, error);
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
    if (!exportTo(path, format, &error))
        QMessageBox::warning(this, tr("Export events"),
            tr("Could not write %1: %2").arg(QDir::toNativeSeparators(path), error));
}

} // namespace Console
